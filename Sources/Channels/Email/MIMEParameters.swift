/// Content-Type and Content-Disposition parameters whose values may be non-ASCII or long (file names).
enum MIMEParameters {
    /// Longest token on a continuation line: one space in front, room for the ";" after.
    private static let maxToken = HeaderFolding.lineLimit - 2

    /// `filename="a.pdf"` when the name is printable ASCII and short; otherwise RFC 2231 `filename*=UTF-8''…`,
    /// split into `filename*0*`, `filename*1*`… continuations at character boundaries.
    static func extended(_ attribute: String, _ value: String) -> [String] {
        if !EncodedWords.needed(for: value) {
            let simple = "\(attribute)=\(HeaderFields.quoted(value))"
            if simple.utf8.count <= maxToken { return [simple] }
        }
        let pieces = percentEncodedPieces(value, limit: maxToken - "\(attribute)*99*=UTF-8''".utf8.count)
        if pieces.count == 1 { return ["\(attribute)*=UTF-8''\(pieces[0])"] }
        // Each continuation is a parameter of its own, so all but the last end with ";".
        return pieces.enumerated().map { index, piece in
            "\(attribute)*\(index)*=" + (index == 0 ? "UTF-8''" : "") + piece + (index < pieces.count - 1 ? ";" : "")
        }
    }

    /// `name="=?UTF-8?…?="`: the RFC 2047-in-quotes form older clients read when they ignore RFC 2231.
    static func legacy(_ attribute: String, _ value: String) -> [String] {
        if !EncodedWords.needed(for: value) {
            let simple = "\(attribute)=\(HeaderFields.quoted(value))"
            if simple.utf8.count <= maxToken { return [simple] }
        }
        let prefix = "\(attribute)=\""
        var words = EncodedWords.encode(value, firstLimit: maxToken - prefix.utf8.count)
        words[0] = prefix + words[0]
        words[words.count - 1] += "\""
        return words
    }

    /// Joins tokens into `value; p1; p2` form: the ";" sticks to the token before it.
    static func joined(_ head: String, _ parameters: [[String]]) -> [String] {
        var tokens = [head]
        for parameter in parameters {
            tokens[tokens.count - 1] += ";"
            tokens += parameter
        }
        return tokens
    }

    /// RFC 2231 attr-chars stay as they are; everything else becomes %XX. Pieces break between characters.
    private static func percentEncodedPieces(_ value: String, limit: Int) -> [String] {
        let hex = Array("0123456789ABCDEF".utf8)
        var pieces: [String] = []
        var current: [UInt8] = []
        for scalar in value.unicodeScalars {
            var encoded: [UInt8] = []
            for byte in String(scalar).utf8 {
                if isAttributeChar(byte) {
                    encoded.append(byte)
                } else {
                    encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
            }
            if !current.isEmpty, current.count + encoded.count > limit {
                pieces.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current += encoded
        }
        pieces.append(String(decoding: current, as: UTF8.self))
        return pieces
    }

    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$&+-.^_`|~".utf8).contains(byte)
        }
    }
}
