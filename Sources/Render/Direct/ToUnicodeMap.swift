import Layout

/// Which characters each glyph of one font shows in a document, from the runs' text and clusters: a
/// glyph showing several characters (a ligature) maps to all of them; of several glyphs showing one
/// character, the first gets it. The first mapping seen for a glyph wins. Runs without clusters fall
/// back to the font's cmap, reversed.
struct ToUnicodeMap {
    private(set) var characters: [UInt32: [UInt32]] = [:]

    mutating func add(_ run: GlyphRun, face: FontFace) {
        if !run.clusters.isEmpty, addClusters(run) { return }
        for g in run.glyphs where characters[g.id] == nil {
            if let c = face.characters(for: g.id) { characters[g.id] = c }
        }
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
                    if characters[id] == nil {
                        let slice = UnsafeBufferPointer(rebasing: utf8[byteIndex..<byteIndex + bytes])
                        characters[id] = String(decoding: slice, as: UTF8.self).unicodeScalars.map(\.value)
                    }
                }
                byteIndex += bytes
                glyphIndex += glyphs
            }
            return true
        }
    }

    /// The ToUnicode CMap for the subset glyph numbers.
    func cmap(_ oldToNew: [UInt32: UInt16]) -> [UInt8] {
        var pairs: [(UInt16, [UInt32])] = []
        pairs.reserveCapacity(characters.count)
        for (old, text) in characters {
            if let new = oldToNew[old] { pairs.append((new, text)) }
        }
        pairs.sort { $0.0 < $1.0 }
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
                for scalar in text {
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
