import Layout

/// Which characters each glyph of one font shows in a document, from the runs' text and clusters: a
/// glyph showing several characters (a ligature) maps to all of them; of several glyphs showing one
/// character, the first gets it. The first mapping seen for a glyph wins. Runs without clusters fall
/// back to the font's cmap, reversed. Also the set of glyphs the document uses of the font.
struct ToUnicodeMap {
    /// Per original glyph: index into `texts` + 1 (0: no text yet).
    private var textIndex: [Int32]
    private var texts: [[UInt32]] = []
    /// Glyphs with text, in order of first mapping.
    private var mapped: [UInt32] = []
    /// Glyphs used, in order of first use, and which are.
    private(set) var used: [UInt32] = []
    private var isUsed: [Bool]

    init(glyphCount: UInt32) {
        textIndex = Array(repeating: 0, count: Int(glyphCount))
        isUsed = Array(repeating: false, count: Int(glyphCount))
    }

    mutating func add(_ run: GlyphRun, face: FontFace) {
        for g in run.glyphs where Int(g.id) < isUsed.count && !isUsed[Int(g.id)] {
            isUsed[Int(g.id)] = true
            used.append(g.id)
        }
        if !run.clusters.isEmpty, addClusters(run) { return }
        for g in run.glyphs where Int(g.id) < textIndex.count && textIndex[Int(g.id)] == 0 {
            if let c = face.characters(for: g.id) { set(g.id, c) }
        }
    }

    /// What a print-stream piece tells the assembler of this font: the glyphs used, sorted, and the text of
    /// each glyph that has one, in order of first mapping.
    func streamUse(_ font: FontFile) -> StreamFontUse {
        StreamFontUse(font: font, glyphs: used.sorted(), mapped: mapped, texts: mapped.map { texts[Int(textIndex[Int($0)]) - 1] })
    }

    /// The map of a whole print stream's font, from the union of its pieces' glyphs and texts.
    init(glyphCount: UInt32, used: [UInt32], texts: [(glyph: UInt32, text: [UInt32])]) {
        self.init(glyphCount: glyphCount)
        for g in used where Int(g) < isUsed.count && !isUsed[Int(g)] {
            isUsed[Int(g)] = true
            self.used.append(g)
        }
        for (g, text) in texts where Int(g) < textIndex.count && textIndex[Int(g)] == 0 { set(g, text) }
    }

    /// The glyphs a subset for this document needs: those used and `padding`, sorted.
    func subsetGlyphs(padding: [UInt32]) -> [UInt32] {
        var glyphs = used
        for g in padding where Int(g) >= isUsed.count || !isUsed[Int(g)] { glyphs.append(g) }
        return glyphs.sorted()
    }

    private mutating func set(_ glyph: UInt32, _ text: [UInt32]) {
        texts.append(text)
        textIndex[Int(glyph)] = Int32(texts.count)
        mapped.append(glyph)
    }

    /// False when the clusters do not add up to the run's text and glyphs.
    private mutating func addClusters(_ run: GlyphRun) -> Bool {
        var text = run.text
        return text.withUTF8 { utf8 in
            var byteIndex = 0, glyphIndex = 0
            for cluster in run.clusters {
                let bytes = Int(cluster.bytes), glyphs = Int(cluster.glyphs)
                guard bytes >= 0, glyphs >= 0, byteIndex + bytes <= utf8.count, glyphIndex + glyphs <= run.glyphs.count else {
                    return false
                }
                if glyphs > 0, bytes > 0 {
                    let id = run.glyphs[glyphIndex].id
                    if Int(id) < textIndex.count, textIndex[Int(id)] == 0 {
                        if bytes == 1, utf8[byteIndex] < 128 {
                            set(id, [UInt32(utf8[byteIndex])])
                        } else {
                            let slice = UnsafeBufferPointer(rebasing: utf8[byteIndex..<byteIndex + bytes])
                            set(id, String(decoding: slice, as: UTF8.self).unicodeScalars.map(\.value))
                        }
                    }
                }
                byteIndex += bytes
                glyphIndex += glyphs
            }
            return byteIndex == utf8.count && glyphIndex == run.glyphs.count
        }
    }

    /// The ToUnicode CMap for the glyph numbers of `font`'s subset.
    func cmap(_ font: EmbeddedFont) -> [UInt8] {
        var pairs: [(glyph: UInt16, text: Int)] = []
        pairs.reserveCapacity(mapped.count)
        for old in mapped { pairs.append((font.newGlyph(old), Int(textIndex[Int(old)]) - 1)) }
        pairs.sort { $0.glyph < $1.glyph }
        var out = PDFBuffer(capacity: 400 + pairs.count * 16)
        out.append("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """)
        var start = 0
        while start < pairs.count {
            let end = min(start + 100, pairs.count)
            out.integer(end - start)
            out.append(" beginbfchar\n")
            for (glyph, text) in pairs[start..<end] {
                out.byte(UInt8(ascii: "<"))
                out.hex4(glyph)
                out.append("> <")
                for scalar in texts[text] {
                    if scalar > 0xFFFF {
                        let v = scalar - 0x10000
                        out.hex4(UInt16(0xD800 + (v >> 10)))
                        out.hex4(UInt16(0xDC00 + (v & 0x3FF)))
                    } else {
                        out.hex4(UInt16(scalar))
                    }
                }
                out.append(">\n")
            }
            out.append("endbfchar\n")
            start = end
        }
        out.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        return out.bytes
    }
}
