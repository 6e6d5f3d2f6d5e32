import Templates

/// Emoji are set in text presentation: a variation selector 15 (U+FE0E) after each emoji that would be
/// drawn in colour. Colour emoji fonts draw bitmaps, which a PDF cannot embed as a font every reader opens;
/// in text presentation Pango takes the emoji from the style's families in order (a monochrome one such as
/// Symbola in `fallback:`), as for any other character, and the preview shows the same glyphs as the PDF.
/// Sequences (ZWJ, skin tones, keycaps, flags) and emoji the text already marks are left as they are.
enum EmojiPresentation {
    static let textSelector: Unicode.Scalar = "\u{FE0E}"

    /// Whether the text may hold an emoji: every emoji is at U+231A or above (three UTF-8 bytes from 0xE2).
    static func mayHoldEmoji(_ text: String) -> Bool { text.utf8.contains { $0 >= 0xE2 } }

    /// The text with U+FE0E after each lone emoji in emoji presentation, and the spans moved with their bytes.
    static func textPresentation(_ text: String, spans: [TextSpan]) -> (text: String, spans: [TextSpan]) {
        guard mayHoldEmoji(text) else { return (text, spans) }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var inserted: [Int] = []   // input byte offsets after which a selector went in
        var byte = 0
        for (i, scalar) in scalars.enumerated() {
            output.append(scalar)
            byte += scalar.utf8.count
            guard scalar.properties.isEmojiPresentation, !(0x1F1E6...0x1F1FF).contains(scalar.value) else { continue }
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if let next, next == "\u{FE0E}" || next == "\u{FE0F}" || next == "\u{200D}" || next.properties.isEmojiModifier
                || next == "\u{20E3}" { continue }
            if i > 0, scalars[i - 1] == "\u{200D}" { continue }
            output.append(textSelector)
            inserted.append(byte)
        }
        guard !inserted.isEmpty else { return (text, spans) }
        // Each selector is 3 bytes; a span's offset moves by the selectors inserted strictly before it.
        func moved(_ offset: Int32) -> Int32 {
            offset + Int32(3 * inserted.count { $0 < Int(offset) })
        }
        return (String(output), spans.map { TextSpan(start: moved($0.start), end: moved($0.end), style: $0.style) })
    }
}
