/// Text after shaping: lines of glyph runs, measured. Positions are relative to the top-left of the text
/// box; a line's runs are relative to its baseline origin (x = 0 at the box's left edge).
package struct ShapedText: Sendable {
    package let lines: [ShapedLine]
    /// The widest line's logical width, and the height of all lines together.
    package let width: Double
    package let height: Double

    package static let empty = ShapedText(lines: [], width: 0, height: 0)
}

package struct ShapedLine: Sendable {
    package let runs: [GlyphRun]
    /// Top of the line box and its baseline, from the top of the text box.
    package let top: Double
    package let baseline: Double
    package let height: Double
    package let width: Double
}
