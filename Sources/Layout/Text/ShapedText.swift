/// Text after shaping: lines of glyph runs, measured. Positions are relative to the top-left of the text
/// box; a line's runs are relative to its baseline origin (x = 0 at the box's left edge).
public struct ShapedText: Sendable {
    public let lines: [ShapedLine]
    /// The widest line's logical width, and the height of all lines together.
    public let width: Double
    public let height: Double

    public static let empty = ShapedText(lines: [], width: 0, height: 0)
}

public struct ShapedLine: Sendable {
    public let runs: [GlyphRun]
    /// Top of the line box and its baseline, from the top of the text box.
    public let top: Double
    public let baseline: Double
    public let height: Double
    public let width: Double
}
