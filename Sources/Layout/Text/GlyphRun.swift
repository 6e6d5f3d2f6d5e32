/// Glyphs of one font at one size, with positions relative to the run's baseline origin, and the text
/// they show (so PDF text stays searchable and copyable).
public struct GlyphRun: Sendable {
    public let font: FontID
    public let size: Double
    /// x offset of the run's origin from the text origin, and its baseline offset.
    public let x: Double
    public let y: Double
    public let glyphs: [PlacedGlyph]
    /// The UTF-8 text of the run and how it maps to glyphs (cairo's text clusters, logical order).
    public let text: String
    public let clusters: [TextCluster]
}

public struct PlacedGlyph: Sendable {
    public let id: UInt32
    public let x: Float
    public let y: Float
}

/// `bytes` of UTF-8 text shown by `glyphs` glyphs.
public struct TextCluster: Sendable {
    public let bytes: Int32
    public let glyphs: Int32
}
