import Layout

/// A finished subset font for one exact glyph set: everything of its PDF objects that does not depend on
/// the document (object numbers and the ToUnicode map are written per document). Made once, then reused
/// from `FontSubsetCache` by every document that uses the same glyphs of the same face.
final class EmbeddedFont {
    /// `ABCDEF+DejaVuSans`: a tag derived from the glyph set, so the same subset always has the same name.
    let baseFont: [UInt8]
    /// Original glyph → glyph (and CID) in the subset, indexed by original glyph.
    private let oldToNew: [UInt16]
    /// Advance of each subset glyph in 1/1000 em, as the /W array gives it.
    let widths: [Int]
    /// `/W` array, and the descriptor's entries other than /Type, /FontName and the font file.
    let widthArray: [UInt8]
    let descriptorEntries: [UInt8]
    /// TrueType: CIDFontType2 and /FontFile2; CFF: CIDFontType0 and /FontFile3 /OpenType.
    let outlines: FontFace.Outlines
    /// The subset font file (TrueType, or OpenType with CFF outlines), zlib-compressed, and its
    /// uncompressed length (/Length1, TrueType only).
    let fontFile: [UInt8]
    let fontFileLength: Int
    /// The last ToUnicode CMap written with this font and its compressed form: documents that use the same
    /// glyphs nearly always show the same text with them, so the compression is usually saved.
    private var lastToUnicode: (cmap: [UInt8], compressed: [UInt8])?

    /// With `retainGIDs` (a print stream's font), glyphs keep their original numbers and the /W array lists
    /// only `glyphs`, in runs of consecutive numbers.
    init(face: FontFace, glyphs: [UInt32], deflater: Deflater, retainGIDs: Bool = false) throws(RenderError) {
        let subset = try face.subset(glyphs, retainGIDs: retainGIDs)
        baseFont = Array((Self.tag(face.postScriptName, glyphs) + "+" + face.postScriptName).utf8)
        oldToNew = subset.oldToNew
        outlines = face.outlines
        widths = subset.newToOld.map { face.width($0) }
        fontFileLength = subset.file.count
        fontFile = deflater.compress(subset.file)

        if retainGIDs {
            widthArray = Self.sparseWidthArray(glyphs, face: face)
        } else {
            var w = PDFBuffer(capacity: widths.count * 4 + 16)
            w.append("[ 0 [")
            for (i, width) in widths.enumerated() {
                w.byte(i % 16 == 0 ? 10 : 32)
                w.integer(width)
            }
            w.append(" ] ]")
            widthArray = w.bytes
        }

        let m = face.metrics
        var d = PDFBuffer(capacity: 160)
        d.append("/Flags ")
        d.integer(m.flags)
        d.append("\n   /FontBBox [ ")
        for v in [m.bbox.0, m.bbox.1, m.bbox.2, m.bbox.3] {
            d.integer(v)
            d.byte(32)
        }
        d.append("]\n   /ItalicAngle ")
        d.number(m.italicAngle, decimals: 2)
        d.append("\n   /Ascent ")
        d.integer(m.ascent)
        d.append("\n   /Descent ")
        d.integer(m.descent)
        d.append("\n   /CapHeight ")
        d.integer(m.capHeight)
        d.append("\n   /StemV ")
        d.integer(m.stemV)
        descriptorEntries = d.bytes
    }

    /// `[ g [ w w … ] g' [ … ] … ]` for the (sorted) glyphs, one entry per run of consecutive numbers.
    private static func sparseWidthArray(_ glyphs: [UInt32], face: FontFace) -> [UInt8] {
        var w = PDFBuffer(capacity: glyphs.count * 5 + 16)
        w.byte(UInt8(ascii: "["))
        var previous: UInt32? = nil, inRun = 0
        for g in glyphs {
            if let p = previous, g == p { continue }
            if let p = previous, g == p + 1, inRun < 16 {
                w.byte(32)
                inRun += 1
            } else {
                if previous != nil { w.append(" ]") }
                w.append("\n")
                w.integer(Int(g))
                w.append(" [ ")
                inRun = 1
            }
            w.integer(face.width(g))
            previous = g
        }
        if previous != nil { w.append(" ]") }
        w.append(" ]")
        return w.bytes
    }

    /// The glyph (CID) in the subset for an original glyph of the subset's set; 0 for any other.
    @inline(__always) func newGlyph(_ old: UInt32) -> UInt16 {
        Int(old) < oldToNew.count ? oldToNew[Int(old)] : 0
    }

    /// The compressed ToUnicode stream for a document's map of this font's glyphs.
    func toUnicodeStream(_ text: ToUnicodeMap, deflater: Deflater) -> [UInt8] {
        let cmap = text.cmap(self)
        if let last = lastToUnicode, last.cmap == cmap { return last.compressed }
        let compressed = deflater.compress(cmap)
        lastToUnicode = (cmap, compressed)
        return compressed
    }

    /// Six capital letters from an FNV-1a hash of the face name and the glyph set.
    static func tag(_ name: String, _ glyphs: [UInt32]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for b in name.utf8 { mix(b) }
        for g in glyphs {
            mix(UInt8(truncatingIfNeeded: g))
            mix(UInt8(truncatingIfNeeded: g >> 8))
            mix(UInt8(truncatingIfNeeded: g >> 16))
            mix(UInt8(truncatingIfNeeded: g >> 24))
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + h % 26)))
            h /= 26
        }
        return letters
    }
}

/// Finished subset fonts by face and exact glyph set, least recently used dropped beyond `capacity`.
/// A font made from the cache is the same bytes as one made afresh: the subset depends only on the key.
final class FontSubsetCache {
    struct Key: Hashable {
        let font: FontID
        let glyphs: [UInt32]
    }

    let capacity: Int
    private var entries: [Key: (font: EmbeddedFont, lastUse: Int)] = [:]
    private var clock = 0
    private(set) var hits = 0
    private(set) var misses = 0

    init(capacity: Int) { self.capacity = capacity }

    func font(_ key: Key, make: () throws(RenderError) -> EmbeddedFont) throws(RenderError) -> EmbeddedFont {
        clock += 1
        if let entry = entries[key] {
            hits += 1
            entries[key] = (entry.font, clock)
            return entry.font
        }
        misses += 1
        let font = try make()
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[key] = (font, clock)
        return font
    }
}
