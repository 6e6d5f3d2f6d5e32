/// RFC 2047 encoded words for non-ASCII header text (Subject, display names, the `name=` fallback).
///
/// Each word is at most 75 characters, and words break only between Unicode scalars, so no UTF-8 sequence is
/// split across words (decoders join adjacent words, but many decode each word on its own).
enum EncodedWords {
    static let maxWordLength = 75
    private static let overhead = "=?UTF-8?Q??=".utf8.count
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// True when `text` cannot be written as plain header text: non-ASCII, control characters, or something
    /// a decoder would take for an encoded word.
    static func needed(for text: String) -> Bool {
        text.utf8.contains { $0 < 32 || $0 > 126 } || text.contains("=?")
    }

    /// The words for `text`; the first is at most `firstLimit` characters (it shares a line with the field name),
    /// the others at most 75. Q is chosen when it is no longer than B (mostly-ASCII text stays readable).
    static func encode(_ text: String, firstLimit: Int = maxWordLength) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + (isQSafe($1) || $1 == 32 ? 1 : 3) }
        let useQ = qLength <= (bytes.count + 2) / 3 * 4
        var words: [String] = []
        var pending: [UInt8] = []
        for scalar in text.unicodeScalars {
            let scalarBytes = Array(String(scalar).utf8)
            let limit = (words.isEmpty ? min(firstLimit, maxWordLength) : maxWordLength) - overhead
            if !pending.isEmpty, encodedLength(pending + scalarBytes, q: useQ) > limit {
                words.append(word(pending, q: useQ))
                pending = []
            }
            pending += scalarBytes
        }
        if !pending.isEmpty || words.isEmpty { words.append(word(pending, q: useQ)) }
        return words
    }

    /// The conservative Q set of RFC 2047 §5(3), valid in a phrase as well as in unstructured text.
    private static func isQSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    private static func encodedLength(_ bytes: [UInt8], q: Bool) -> Int {
        q ? bytes.reduce(0) { $0 + (isQSafe($1) || $1 == 32 ? 1 : 3) } : (bytes.count + 2) / 3 * 4
    }

    private static func word(_ bytes: [UInt8], q: Bool) -> String {
        var encoded: [UInt8] = []
        if q {
            for byte in bytes {
                if byte == 32 {
                    encoded.append(UInt8(ascii: "_"))
                } else if isQSafe(byte) {
                    encoded.append(byte)
                } else {
                    encoded += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
            }
        } else {
            Base64Lines.append(bytes[...], to: &encoded, trailingBreak: false)
        }
        return "=?UTF-8?\(q ? "Q" : "B")?" + String(decoding: encoded, as: UTF8.self) + "?="
    }
}
