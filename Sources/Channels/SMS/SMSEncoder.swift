/// Works out how a text is sent as SMS: GSM-7 or UCS-2, how many units, how many segments.
package enum SMSEncoder {
    /// Encoding, size and segment count of `text` as it would be sent (after NFC normalisation).
    /// The empty text is 0 units and 0 segments.
    package static func analyze(_ text: String) -> SMSAnalysis {
        let plan = SMSSegmenter.plan(text)
        return SMSAnalysis(
            encoding: plan.encoding, units: plan.units,
            segments: plan.segmentStarts.count, nonGSMCharacters: plan.nonGSMCharacters
        )
    }

    /// The segments' texts, split exactly as counted (for tests and for a gateway that wants parts).
    /// Parts are cut from the NFC-normalised text, so their concatenation equals `text` under
    /// Swift's `==` (canonical equivalence) even when `text` was decomposed. Empty text gives [].
    /// A cut can fall inside a grapheme (between a base and its combining mark, or inside an emoji
    /// ZWJ sequence): segments are counted in scalars, as handsets reassemble them.
    package static func split(_ text: String) -> [String] {
        let plan = SMSSegmenter.plan(text)
        let bounds = plan.segmentStarts + [plan.scalars.count]
        return zip(bounds, bounds.dropFirst()).map { start, end in
            var part = String.UnicodeScalarView()
            part.append(contentsOf: plan.scalars[start..<end])
            return String(part)
        }
    }
}
