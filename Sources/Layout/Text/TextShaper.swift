import CPango
import Templates

/// Shapes text with Pango (HarfBuzz underneath) into glyph runs. One shaper per thread: it owns its Pango
/// font map, context and layouts, and caches the shapes of strings it has seen, so static labels and
/// repeated values are shaped once per run.
package final class TextShaper {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private var layouts: [FontKey: OpaquePointer] = [:]
    private var fontIDs: [UnsafeMutableRawPointer: FontID] = [:]
    /// Two generations: a hit in the older one is promoted; when the newer fills up the older is dropped.
    /// Strings that keep coming back (labels, descriptions, dates) stay; one-off values age out, so memory
    /// stays flat however many records a run has.
    private var cache: [CacheKey: ShapedText] = [:]
    private var olderCache: [CacheKey: ShapedText] = [:]
    private let cacheLimit: Int

    private struct CacheKey: Hashable {
        let text: String
        let font: FontKey
        let width: Double
        let align: TextAlign
        let justify: Bool
        let ellipsize: Bool
    }

    package init(cacheLimit: Int = 2048) {
        self.cacheLimit = cacheLimit
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        // Metrics unhinted and positions unrounded: layout must not depend on a device's pixel grid.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
    }

    deinit {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(fontMap)
    }

    /// Shapes `text`. With a `width`, lines wrap at word boundaries and align (or justify) inside it;
    /// `ellipsize` instead cuts a single line at the width with "…". Without a width, lines break only at
    /// `\n` and align relative to the widest line.
    /// Throws when the text is too long for Pango's 32-bit positions (see `fitsPango`).
    package func shape(_ text: String, font: FontKey, width: Double? = nil, align: TextAlign = .left,
                      justify: Bool = false, ellipsize: Bool = false) throws(ComposeError) -> ShapedText {
        if text.isEmpty { return .empty }
        guard Self.fitsPango(bytes: text.utf8.count, size: font.size) else {
            let size = font.size == font.size.rounded() ? String(Int(font.size)) : String(font.size)
            throw ComposeError("a text of \(text.utf8.count) bytes in a \(size) pt font is too long to lay out (Pango's positions are "
                + "32-bit and would overflow); shorten the value, or lower limits.max_field_characters so such records are rejected first")
        }
        let key = CacheKey(text: text, font: font, width: width ?? -1, align: align, justify: justify, ellipsize: ellipsize)
        if let hit = cache[key] { return hit }
        let shaped = olderCache[key]
            ?? shapeUncached(text, font: font, width: width, align: align, justify: justify, ellipsize: ellipsize)
        if cache.count >= cacheLimit {
            olderCache = cache
            cache = [:]
            cache.reserveCapacity(cacheLimit)
        }
        cache[key] = shaped
        return shaped
    }

    /// Whether Pango can lay out `bytes` of text at `size` without its 32-bit positions overflowing: in the
    /// worst case each byte is a glyph 1.25 em wide (one per line when wrapped narrowly, 1.25 em a line),
    /// in Pango units of 1/1024 pt. 168,000 bytes at 10 pt pass; a 230,000-character name at 10 pt does not.
    package static func fitsPango(bytes: Int, size: Double) -> Bool {
        Double(bytes) * max(size, 1) * 1.25 * Double(PANGO_SCALE) <= Double(Int32.max)
    }

    private func layout(for font: FontKey) -> OpaquePointer {
        if let layout = layouts[font] { return layout }
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        layouts[font] = layout
        return layout
    }

    private func shapeUncached(_ text: String, font: FontKey, width: Double?, align: TextAlign, justify: Bool,
                               ellipsize: Bool) -> ShapedText {
        let layout = layout(for: font)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32($0.count)) }
        }
        // Clamped: a template width beyond Pango's range means "no narrower than that", not a trap.
        pango_layout_set_width(layout, width.map { Int32(max(0, min(Double(Int32.max), $0 * Double(PANGO_SCALE)))) } ?? -1)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_ellipsize(layout, ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE)
        pango_layout_set_justify(layout, justify ? 1 : 0)
        switch align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        }
        return extract(layout, bytes: bytes, size: font.size)
    }

    private func extract(_ layout: OpaquePointer, bytes: [UInt8], size: Double) -> ShapedText {
        let scale = Double(PANGO_SCALE)
        var lines: [ShapedLine] = []
        var layoutLogical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &layoutLogical)
        let iter = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iter) }
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            var runs: [GlyphRun] = []
            // Sums in Int: a long line's advances overflow Int32 (Swift traps on overflow).
            var x = Int(logical.x)
            var node = line.pointee.runs
            while let current = node {
                let item = current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let glyphString = item.pointee.glyphs!
                if let run = glyphRun(item, x: Double(x) / scale, bytes: bytes, size: size) { runs.append(run) }
                x += Int(pango_glyph_string_get_width(glyphString))
                node = current.pointee.next
            }
            lines.append(ShapedLine(runs: runs, top: Double(logical.y) / scale, baseline: baseline,
                                    height: Double(logical.height) / scale, width: Double(logical.width) / scale))
        } while pango_layout_iter_next_line(iter) != 0
        return ShapedText(lines: lines, width: Double(layoutLogical.width) / scale,
                          height: Double(layoutLogical.height) / scale)
    }

    private static let emptyGlyph: UInt32 = 0x0FFF_FFFF
    private static let unknownFlag: UInt32 = 0x1000_0000

    private func glyphRun(_ item: UnsafeMutablePointer<PangoGlyphItem>, x: Double, bytes: [UInt8], size: Double) -> GlyphRun? {
        let pangoItem = item.pointee.item!.pointee
        let glyphString = item.pointee.glyphs!.pointee
        let count = Int(glyphString.num_glyphs)
        guard count > 0, let font = pangoItem.analysis.font else { return nil }
        let scale = Float(PANGO_SCALE)
        let start = Int(pangoItem.offset), length = Int(pangoItem.length)
        let rightToLeft = pangoItem.analysis.level % 2 == 1

        var glyphs: [PlacedGlyph] = []
        glyphs.reserveCapacity(count)
        var clusters: [TextCluster] = []
        var advance = 0
        var clusterStart = -1, clusterGlyphs: Int32 = 0
        for i in 0..<count {
            let info = glyphString.glyphs[i]
            let logCluster = Int(glyphString.log_clusters[i])
            if !rightToLeft, logCluster != clusterStart {
                if clusterStart >= 0 { clusters.append(TextCluster(bytes: Int32(logCluster - clusterStart), glyphs: clusterGlyphs)) }
                clusterStart = logCluster
                clusterGlyphs = 0
            }
            let id = info.glyph
            if id != Self.emptyGlyph && id & Self.unknownFlag == 0 {
                glyphs.append(PlacedGlyph(id: id, x: Float(advance + Int(info.geometry.x_offset)) / scale,
                                          y: Float(info.geometry.y_offset) / scale))
                clusterGlyphs += 1
            }
            advance += Int(info.geometry.width)
        }
        if !rightToLeft, clusterStart >= 0 { clusters.append(TextCluster(bytes: Int32(length - clusterStart), glyphs: clusterGlyphs)) }
        // Right-to-left runs go without clusters: the renderer then maps glyphs back to text on its own.
        if rightToLeft { clusters = [] }
        let text = String(decoding: bytes[start..<start + length], as: UTF8.self)
        return GlyphRun(font: fontID(font), size: size, x: x, y: Double(item.pointee.y_offset) / Double(PANGO_SCALE),
                        glyphs: glyphs, text: text, clusters: clusters)
    }

    private func fontID(_ font: UnsafeMutablePointer<PangoFont>) -> FontID {
        let key = UnsafeMutableRawPointer(font)
        if let id = fontIDs[key] { return id }
        var path: UnsafePointer<CChar>?
        var index: Int32 = 0
        let file = inkstream_pango_font_file(font, &path, &index) != 0 && path != nil
            ? FontFile(path: String(cString: path!), index: index)
            : FontFile(path: "", index: 0)
        let id = FontRegistry.shared.id(for: file)
        fontIDs[key] = id
        return id
    }
}
