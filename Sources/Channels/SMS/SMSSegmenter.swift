import Foundation

/// Cuts a text into SMS segments. `SMSEncoder.analyze` and `SMSEncoder.split` both go through
/// `plan`, so the parts a gateway receives are exactly the segments we counted and billed.
enum SMSSegmenter {
    /// A segmentation: the text's scalars, what each costs, and where each segment starts.
    struct Plan {
        var encoding: SMSEncoding
        var scalars: [Unicode.Scalar]
        var units: Int
        /// Index into `scalars` where each segment begins; empty for the empty text.
        var segmentStarts: [Int]
        var nonGSMCharacters: [Character]
    }

    static func plan(_ text: String) -> Plan {
        // NFC first: "e" + U+0301 becomes "é", which GSM-7 has; a base + combining mark with no
        // precomposed form stays two scalars and the mark forces UCS-2. After that the text is
        // taken as given, scalar by scalar, and that normalised text is what the parts carry.
        let normalised = text.precomposedStringWithCanonicalMapping
        let scalars = Array(normalised.unicodeScalars)

        var nonGSM: [Character] = []
        for character in normalised where character.unicodeScalars.contains(where: { GSM0338.septets($0) == nil }) {
            if !nonGSM.contains(character) { nonGSM.append(character) }
        }

        let encoding: SMSEncoding = nonGSM.isEmpty ? .gsm7 : .ucs2
        // Cost per scalar: an escape sequence (2 septets) or a surrogate pair (2 UTF-16 units) is
        // one indivisible item, so packing per scalar never splits either.
        let costs = scalars.map { scalar in
            encoding == .gsm7 ? GSM0338.septets(scalar)! : scalar.utf16.count
        }
        let units = costs.reduce(0, +)

        var starts: [Int] = []
        if units > 0 { starts.append(0) }
        if units > encoding.singleLimit {
            // Greedy packing: fill each part up to 153 / 67 units, moving an item that does not
            // fit whole to the next part. Greedy gives the fewest parts for items of size 1 or 2.
            var used = 0
            for (index, cost) in costs.enumerated() {
                if used + cost > encoding.partLimit {
                    starts.append(index)
                    used = 0
                }
                used += cost
            }
        }
        return Plan(encoding: encoding, scalars: scalars, units: units, segmentStarts: starts, nonGSMCharacters: nonGSM)
    }
}
