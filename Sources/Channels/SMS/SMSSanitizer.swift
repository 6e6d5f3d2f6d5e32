/// Characters that must not reach a handset from data: C0 and C1 controls (NUL, ESC, …; line feed and
/// carriage return excepted, GSM 03.38 carries them), DEL, the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF).
/// A literal ESC would be read as the GSM escape to the extension table, any of them forces UCS-2
/// (halving the characters a segment holds), and the bidi and zero-width ones can make a message show
/// something else than it says ("pay 0.01" shown as "pay 10.0"). ZWJ is in the set though emoji sequences
/// use it: an SMS statement has no emoji from data that would need it.
package enum SMSSanitizer {
    /// Whether `scalar` is one of the characters above.
    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` without its unsafe characters, how many were removed, and the first one (for messages).
    package static func strip(_ text: String) -> (text: String, removed: Int, first: Unicode.Scalar?) {
        // Fast path: most values hold none.
        guard let first = text.unicodeScalars.first(where: isUnsafe) else { return (text, 0, nil) }
        var kept = String.UnicodeScalarView()
        var removed = 0
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { removed += 1 } else { kept.append(scalar) }
        }
        return (String(kept), removed, first)
    }

    /// "U+001B (ESC)": the code point and, for the usual suspects, its short name.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    private static let names: [UInt32: String] = [
        0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL",
        0x85: "NEL", 0x9B: "CSI",
        0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
        0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (BOM)",
        0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
        0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
        0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
        0x2069: "POP DIRECTIONAL ISOLATE",
    ]
}
