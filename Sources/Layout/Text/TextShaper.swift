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
        /// Rich text's styled spans; empty for plain text.
        var spans: [TextSpan] = []
        var direction: TextDirection = .auto
    }

    /// `fontDirectory`: a template's own `fonts/` folder, seen by this shaper on top of the system's fonts.
    /// `language`: the text's language (BCP 47, the template's locale), so fallback fonts and line breaking
    /// follow the template, not the locale of the process that happens to run it.
    package init(cacheLimit: Int = 2048, fontDirectory: String? = nil, language: String? = nil) {
        self.cacheLimit = cacheLimit
        fontMap = pango_cairo_font_map_new()
        if let config = FontConfiguration.config(fontsIn: fontDirectory) { FontConfiguration.apply(config, to: fontMap) }
        context = pango_font_map_create_context(fontMap)
        // Metrics unhinted and positions unrounded: layout must not depend on a device's pixel grid.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
        if let language { pango_context_set_language(context, pango_language_from_string(language)) }
    }

    deinit {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        if let rich = richLayoutIfMade { g_object_unref(UnsafeMutableRawPointer(rich)) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(fontMap)
    }

    /// Shapes `text`. With a `width`, lines wrap at word boundaries and align (or justify) inside it;
    /// `ellipsize` instead cuts a single line at the width with "…". Without a width, lines break only at
    /// `\n` and align relative to the widest line.
    /// Throws when the text is too long for Pango's 32-bit positions (see `fitsPango`).
    package func shape(_ text: String, font: FontKey, width: Double? = nil, align: TextAlign = .left,
                      justify: Bool = false, ellipsize: Bool = false, direction: TextDirection = .auto) throws(ComposeError) -> ShapedText {
        if text.isEmpty { return .empty }
        try checkFits(text, font)
        let key = CacheKey(text: text, font: font, width: width ?? -1, align: align, justify: justify, ellipsize: ellipsize,
                           direction: direction)
        return try cached(key) {
            shapeUncached(EmojiPresentation.textPresentation(text, spans: []).text, font: font, width: width, align: align,
                          justify: justify, ellipsize: ellipsize, direction: direction)
        }
    }

    /// Shapes rich text: each span's bold, italic, size, family and script change the font Pango picks,
    /// and every glyph run says which span it belongs to (`GlyphRun.span`), so colours, underlines and
    /// links can be drawn from it. Without spans this is `shape(_:font:…)`.
    package func shape(_ rich: RichText, font: FontKey, width: Double? = nil, align: TextAlign = .left,
                      justify: Bool = false, direction: TextDirection = .auto) throws(ComposeError) -> ShapedText {
        if rich.spans.isEmpty {
            return try shape(rich.text, font: font, width: width, align: align, justify: justify, direction: direction)
        }
        if rich.text.isEmpty { return .empty }
        try checkFits(rich.text, font)
        let key = CacheKey(text: rich.text, font: font, width: width ?? -1, align: align, justify: justify, ellipsize: false,
                           spans: rich.spans, direction: direction)
        return try cached(key) {
            let presented = EmojiPresentation.textPresentation(rich.text, spans: rich.spans)
            return shapeRich(RichText(text: presented.text, spans: presented.spans), font: font, width: width, align: align,
                             justify: justify, direction: direction)
        }
    }

    private func checkFits(_ text: String, _ font: FontKey) throws(ComposeError) {
        guard Self.fitsPango(bytes: text.utf8.count, size: font.size) else {
            let size = font.size == font.size.rounded() ? String(Int(font.size)) : String(font.size)
            throw ComposeError("a text of \(text.utf8.count) bytes in a \(size) pt font is too long to lay out (Pango's positions are "
                + "32-bit and would overflow); shorten the value, or lower limits.max_field_characters so such records are rejected first")
        }
    }

    private func cached(_ key: CacheKey, _ make: () -> ShapedText) throws(ComposeError) -> ShapedText {
        if let hit = cache[key] { return try Self.checkShown(hit, key) }
        let shaped = olderCache[key] ?? make()
        if cache.count >= cacheLimit {
            olderCache = cache
            cache = [:]
            cache.reserveCapacity(cacheLimit)
        }
        cache[key] = shaped
        return try Self.checkShown(shaped, key)
    }

    /// Text no font can show would print as nothing: the record is refused with the character named, so a
    /// font can be added (or the data corrected) and the record run again.
    private static func checkShown(_ shaped: ShapedText, _ key: CacheKey) throws(ComposeError) -> ShapedText {
        guard let missing = shaped.missing else { return shaped }
        let code = "U+" + String(missing.value, radix: 16, uppercase: true).leftPadded(to: 4)
        var sample = String(key.text.prefix(40))
        if sample.count < key.text.count { sample += "…" }
        throw ComposeError("no font can show \(missing.properties.generalCategory == .privateUse ? "" : "'\(missing)' ")(\(code)) in "
            + "\"\(sample)\" (font \(key.font.family)): install a font that has it (Debian fonts-noto-cjk for Chinese, "
            + "Japanese and Korean, fonts-noto-core for most other scripts) or correct the data")
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
        // The base direction comes from the context, set per text; Pango never flips an alignment on its own.
        pango_layout_set_auto_dir(layout, 0)
        setFont(font, on: layout)
        layouts[font] = layout
        return layout
    }

    private func setFont(_ font: FontKey, on layout: OpaquePointer) {
        let description = pango_font_description_new()
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
    }

    /// Rich text gets a layout of its own, so the per-font layouts of plain text never carry attributes.
    private var richLayoutIfMade: OpaquePointer?
    private var richLayout: OpaquePointer {
        if let made = richLayoutIfMade { return made }
        let layout = pango_layout_new(context)!
        pango_layout_set_auto_dir(layout, 0)
        richLayoutIfMade = layout
        return layout
    }

    private func shapeRich(_ rich: RichText, font: FontKey, width: Double?, align: TextAlign, justify: Bool,
                           direction: TextDirection) -> ShapedText {
        let layout = richLayout
        setFont(font, on: layout)
        let attributes = pango_attr_list_new()
        for (index, span) in rich.spans.enumerated() {
            for attribute in Self.attributes(for: span.style, index: index) {
                attribute.pointee.start_index = UInt32(span.start)
                attribute.pointee.end_index = UInt32(span.end)
                pango_attr_list_insert(attributes, attribute)
            }
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        defer { pango_layout_set_attributes(layout, nil) }
        return layOut(rich.text, in: layout, font: font, width: width, align: align, justify: justify, ellipsize: false,
                      spans: rich.spans, direction: direction)
    }

    /// The Pango attributes of a span. Every span gets a foreground colour too (its index, a value nothing
    /// paints): Pango ends an item wherever an attribute changes, so each glyph run lies inside one span.
    private static func attributes(for style: SpanStyle, index: Int) -> [UnsafeMutablePointer<PangoAttribute>] {
        var list: [UnsafeMutablePointer<PangoAttribute>] = []
        if let bold = style.bold { list.append(pango_attr_weight_new(bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)) }
        if let italic = style.italic { list.append(pango_attr_style_new(italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)) }
        if let size = style.size { list.append(pango_attr_size_new_absolute(Int32(size * Double(PANGO_SCALE)))) }
        if let family = style.family { list.append(pango_attr_family_new(family)) }
        switch style.script {
        case .baseline: break
        case .superscript:
            list.append(pango_attr_baseline_shift_new(Int32(PANGO_BASELINE_SHIFT_SUPERSCRIPT.rawValue)))
            list.append(pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT))
        case .subscript:
            list.append(pango_attr_baseline_shift_new(Int32(PANGO_BASELINE_SHIFT_SUBSCRIPT.rawValue)))
            list.append(pango_attr_font_scale_new(PANGO_FONT_SCALE_SUBSCRIPT))
        }
        list.append(pango_attr_foreground_new(UInt16(truncatingIfNeeded: index), 0, 0))
        return list
    }

    private func shapeUncached(_ text: String, font: FontKey, width: Double?, align: TextAlign, justify: Bool,
                               ellipsize: Bool, direction: TextDirection) -> ShapedText {
        layOut(text, in: layout(for: font), font: font, width: width, align: align, justify: justify, ellipsize: ellipsize,
               spans: [], direction: direction)
    }

    /// The base direction the context has now (every layout follows it: auto-dir is off, so Pango never
    /// flips a left alignment for right-to-left text on its own).
    private var baseDirection = PANGO_DIRECTION_LTR

    private func layOut(_ text: String, in layout: OpaquePointer, font: FontKey, width: Double?, align: TextAlign,
                        justify: Bool, ellipsize: Bool, spans: [TextSpan], direction: TextDirection) -> ShapedText {
        let bytes = Array(text.utf8)
        let rightToLeft: Bool
        switch direction {
        case .ltr: rightToLeft = false
        case .rtl: rightToLeft = true
        case .auto: rightToLeft = Self.firstStrongIsRightToLeft(text)
        }
        let wanted = rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR
        if wanted != baseDirection {
            // Rare (a right-to-left paragraph): every layout of the context must see the new direction.
            baseDirection = wanted
            pango_context_set_base_dir(context, wanted)
            for other in layouts.values { pango_layout_context_changed(other) }
            if let rich = richLayoutIfMade { pango_layout_context_changed(rich) }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32($0.count)) }
        }
        // Clamped: a template width beyond Pango's range means "no narrower than that", not a trap.
        pango_layout_set_width(layout, width.map { Int32(max(0, min(Double(Int32.max), $0 * Double(PANGO_SCALE)))) } ?? -1)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_ellipsize(layout, ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE)
        // Text with soft hyphens is justified here, not by Pango: Pango 1.50 spaces such lines differently from
        // one process to the next when threads lay out at once (the same words, spaces 0.2 pt apart).
        let ownJustification = justify && width != nil && text.unicodeScalars.contains("\u{00AD}")
        pango_layout_set_justify(layout, justify && !ownJustification ? 1 : 0)
        switch align.physical(rightToLeft: rightToLeft) {
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        default: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }
        var shaped = extract(layout, bytes: bytes, size: font.size, spans: spans)
        shaped.rightToLeft = rightToLeft
        if ownJustification, let width, !rightToLeft { shaped = Self.justified(shaped, to: width) }
        return shaped
    }

    /// Stretches every line that does not end its paragraph to `width` by widening its spaces (U+0020 between
    /// words, as Pango's own justification does), left to right; decorations follow their text.
    static func justified(_ shaped: ShapedText, to width: Double) -> ShapedText {
        var lines = shaped.lines
        for (index, line) in lines.enumerated() where !line.endsParagraph {
            // The start of every space that widens, in line coordinates; a space ending the line does not.
            var spaces: [(run: Int, glyph: Int, x: Double)] = []
            for (r, run) in line.runs.enumerated() where !run.clusters.isEmpty {
                var byte = 0, glyph = 0
                let text = Array(run.text.utf8)
                for cluster in run.clusters {
                    if cluster.bytes == 1, cluster.glyphs == 1, byte < text.count, text[byte] == 0x20, glyph < run.glyphs.count {
                        spaces.append((r, glyph, run.x + Double(run.glyphs[glyph].x)))
                    }
                    byte += Int(cluster.bytes)
                    glyph += Int(cluster.glyphs)
                }
            }
            if let last = spaces.last, last.run == line.runs.count - 1, last.glyph == line.runs[last.run].glyphs.count - 1 {
                spaces.removeLast()
            }
            let extra = width - line.width
            guard !spaces.isEmpty, extra > 0.01 else { continue }
            let unit = extra / Double(spaces.count)
            func shift(at x: Double) -> Double { unit * Double(spaces.count { $0.x < x - 0.001 }) }
            var runs = line.runs
            var seen = 0
            for r in runs.indices {
                var glyphs = runs[r].glyphs
                for g in glyphs.indices {
                    glyphs[g] = PlacedGlyph(id: glyphs[g].id, x: glyphs[g].x + Float(unit * Double(seen)), y: glyphs[g].y)
                    if seen < spaces.count, spaces[seen].run == r, spaces[seen].glyph == g { seen += 1 }
                }
                runs[r] = runs[r].with(glyphs: glyphs)
            }
            let decorations = line.decorations.map { d in
                let start = d.x + shift(at: d.x + 0.01), end = d.x + d.width + shift(at: d.x + d.width - 0.01)
                return TextDecoration(kind: d.kind, span: d.span, x: start, width: end - start, y: d.y, thickness: d.thickness)
            }
            lines[index] = ShapedLine(runs: runs, top: line.top, baseline: line.baseline, height: line.height, width: width,
                                      decorations: decorations, endsParagraph: false)
        }
        var result = ShapedText(lines: lines, width: shaped.width, height: shaped.height, missing: shaped.missing)
        result.rightToLeft = shaped.rightToLeft
        return result
    }

    /// Whether the first character with a strong direction (a letter of a script) is right-to-left (UAX #9
    /// rules P2–P3, without isolates); text with none is left-to-right.
    static func firstStrongIsRightToLeft(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            // ASCII, the common case, without a Unicode property lookup: a Latin letter decides, the rest is neutral.
            if scalar.value < 0x80 {
                if (scalar.value | 0x20) >= 0x61, (scalar.value | 0x20) <= 0x7A { return false }
                continue
            }
            let v = scalar.value
            // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic … and their presentation forms.
            if (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
                || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v) {
                if scalar.properties.isAlphabetic { return true }
                continue
            }
            if scalar.properties.isAlphabetic { return false }
        }
        return false
    }

    private func extract(_ layout: OpaquePointer, bytes: [UInt8], size: Double, spans: [TextSpan]) -> ShapedText {
        let scale = Double(PANGO_SCALE)
        var lines: [ShapedLine] = []
        var missing: Unicode.Scalar?
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
            var decorations: [TextDecoration] = []
            // Sums in Int: a long line's advances overflow Int32 (Swift traps on overflow).
            var x = Int(logical.x)
            var node = line.pointee.runs
            while let current = node {
                let item = current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let glyphString = item.pointee.glyphs!
                let runWidth = Int(pango_glyph_string_get_width(glyphString))
                let span = spans.isEmpty ? -1 : Self.span(containing: Int(item.pointee.item.pointee.offset), in: spans)
                if let run = glyphRun(item, x: Double(x) / scale, bytes: bytes, size: size, span: span) {
                    runs.append(run)
                    if span >= 0 {
                        decorations += Self.decorations(of: spans[span].style, span: span, item: item,
                                                        x: Double(x) / scale, width: Double(runWidth) / scale)
                    }
                }
                if missing == nil { missing = Self.firstMissing(item) }
                x += runWidth
                node = current.pointee.next
            }
            // The previous line ended its paragraph if this one starts one.
            if line.pointee.is_paragraph_start != 0, !lines.isEmpty { lines[lines.count - 1].endsParagraph = true }
            lines.append(ShapedLine(runs: runs, top: Double(logical.y) / scale, baseline: baseline,
                                    height: Double(logical.height) / scale, width: Double(logical.width) / scale,
                                    decorations: decorations))
        } while pango_layout_iter_next_line(iter) != 0
        if !lines.isEmpty { lines[lines.count - 1].endsParagraph = true }
        return ShapedText(lines: lines, width: Double(layoutLogical.width) / scale,
                          height: Double(layoutLogical.height) / scale, missing: missing)
    }

    /// The size Pango chose for a span's font (its `size`, or scaled for a superscript), in points.
    private static func pointSize(of font: UnsafeMutablePointer<PangoFont>) -> Double {
        let description = pango_font_describe_with_absolute_size(font)
        defer { pango_font_description_free(description) }
        return Double(pango_font_description_get_size(description)) / Double(PANGO_SCALE)
    }

    /// The span holding byte `offset` (spans are sorted and disjoint), or -1.
    private static func span(containing offset: Int, in spans: [TextSpan]) -> Int {
        var low = 0, high = spans.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if offset < Int(spans[mid].start) { high = mid - 1 } else if offset >= Int(spans[mid].end) { low = mid + 1 } else { return mid }
        }
        return -1
    }

    /// Underline, strike-through and link areas of one run, placed with the run's own font metrics.
    private static func decorations(of style: SpanStyle, span: Int, item: UnsafeMutablePointer<PangoGlyphItem>,
                                    x: Double, width: Double) -> [TextDecoration] {
        guard style.underline || style.strike || style.link != nil, width > 0 else { return [] }
        let scale = Double(PANGO_SCALE)
        let shift = -Double(item.pointee.y_offset) / scale
        var result: [TextDecoration] = []
        if style.link != nil { result.append(TextDecoration(kind: .link, span: span, x: x, width: width, y: shift, thickness: 0)) }
        guard style.underline || style.strike, let font = item.pointee.item.pointee.analysis.font,
              let metrics = pango_font_get_metrics(font, nil) else { return result }
        defer { pango_font_metrics_unref(metrics) }
        // Pango gives the distance of each line's top above the baseline; decorations carry their centre below it.
        func bar(_ kind: TextDecoration.Kind, position: Int32, thickness: Int32) -> TextDecoration {
            let thick = max(0.25, Double(thickness) / scale)
            return TextDecoration(kind: kind, span: span, x: x, width: width, y: shift - Double(position) / scale + thick / 2,
                                  thickness: thick)
        }
        if style.underline {
            result.append(bar(.underline, position: pango_font_metrics_get_underline_position(metrics),
                              thickness: pango_font_metrics_get_underline_thickness(metrics)))
        }
        if style.strike {
            result.append(bar(.strike, position: pango_font_metrics_get_strikethrough_position(metrics),
                              thickness: pango_font_metrics_get_strikethrough_thickness(metrics)))
        }
        return result
    }

    /// The first character of a run that no font could show: Pango puts it in an "unknown glyph" whose id
    /// carries the code point. Such text would print as nothing.
    private static func firstMissing(_ item: UnsafeMutablePointer<PangoGlyphItem>) -> Unicode.Scalar? {
        let glyphs = item.pointee.glyphs!.pointee
        for i in 0..<Int(glyphs.num_glyphs) {
            let id = glyphs.glyphs[i].glyph
            if id != emptyGlyph, id & unknownFlag != 0, let scalar = Unicode.Scalar(id & ~unknownFlag) {
                // Controls (a tab, a line separator) are not meant to be seen.
                if scalar.properties.generalCategory == .control { continue }
                return scalar
            }
        }
        return nil
    }

    private static let emptyGlyph: UInt32 = 0x0FFF_FFFF
    private static let unknownFlag: UInt32 = 0x1000_0000

    private func glyphRun(_ item: UnsafeMutablePointer<PangoGlyphItem>, x: Double, bytes: [UInt8], size: Double,
                          span: Int) -> GlyphRun? {
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
        // Pango's y_offset shifts a run up (a superscript); display lists measure y down the page.
        let runSize = span < 0 ? size : Self.pointSize(of: font)
        return GlyphRun(font: fontID(font), size: runSize, x: x, y: -Double(item.pointee.y_offset) / Double(PANGO_SCALE),
                        glyphs: glyphs, text: text, clusters: clusters, span: Int32(span))
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

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
