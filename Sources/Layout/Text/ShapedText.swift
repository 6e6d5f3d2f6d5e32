/// Text after shaping: lines of glyph runs, measured. Positions are relative to the top-left of the text
/// box; a line's runs are relative to its baseline origin (x = 0 at the box's left edge).
package struct ShapedText: Sendable {
    package let lines: [ShapedLine]
    /// The widest line's logical width, and the height of all lines together.
    package let width: Double
    package let height: Double
    /// The first character no font could show (it would print as nothing), if any.
    package var missing: Unicode.Scalar?
    /// The base direction the text was laid out in.
    package var rightToLeft = false

    package static let empty = ShapedText(lines: [], width: 0, height: 0)
}

package struct ShapedLine: Sendable {
    package let runs: [GlyphRun]
    /// Top of the line box and its baseline, from the top of the text box.
    package let top: Double
    package let baseline: Double
    package let height: Double
    package let width: Double
    /// Underlines, strike-throughs and link areas of rich text, in the line's coordinates.
    package var decorations: [TextDecoration] = []
    /// The last line of its paragraph (never stretched by justification).
    package var endsParagraph = false
}

/// A line drawn with rich text, or the area of a link: `x` from the line's origin, `y` from its baseline
/// (down), each for one glyph run of span `span`.
package struct TextDecoration: Sendable, Hashable {
    package enum Kind: Sendable, Hashable { case underline, strike, link }
    package let kind: Kind
    package let span: Int
    package let x: Double
    package let width: Double
    /// The line's centre below the baseline (underline, strike), or the run's baseline shift (link).
    package let y: Double
    package let thickness: Double
}
