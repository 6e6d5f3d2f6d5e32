/// Glyphs of one font at one size, with positions relative to the run's baseline origin, and the text
/// they show (so PDF text stays searchable and copyable).
package struct GlyphRun: Sendable {
    package let font: FontID
    package let size: Double
    /// x offset of the run's origin from the text origin, and its baseline offset.
    package let x: Double
    package let y: Double
    package let glyphs: [PlacedGlyph]
    /// The UTF-8 text of the run and how it maps to glyphs (cairo's text clusters, logical order).
    package let text: String
    package let clusters: [TextCluster]
    /// The rich-text span the run belongs to (`RichText.spans` index), or -1: the element's own style.
    package var span: Int32 = -1

    /// The same run with its glyphs moved (justification).
    func with(glyphs: [PlacedGlyph]) -> GlyphRun {
        GlyphRun(font: font, size: size, x: x, y: y, glyphs: glyphs, text: text, clusters: clusters, span: span)
    }
}

package struct PlacedGlyph: Sendable {
    package let id: UInt32
    package let x: Float
    package let y: Float
}

/// `bytes` of UTF-8 text shown by `glyphs` glyphs.
package struct TextCluster: Sendable {
    package let bytes: Int32
    package let glyphs: Int32
}
