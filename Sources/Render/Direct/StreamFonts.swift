import Layout

/// What one piece of a print stream uses of one font: the glyphs (original glyph numbers, which its
/// content streams show) and the text each shows, as `ToUnicodeMap` collected them.
package struct StreamFontUse: Sendable, Equatable {
    package let font: FontFile
    /// Glyphs used, sorted.
    package let glyphs: [UInt32]
    /// Glyphs with text, in order of first mapping, and their text (Unicode scalars).
    package let mapped: [UInt32]
    package let texts: [[UInt32]]
}

/// The fonts of a print-stream piece, which embeds none: `PDFAssembler` gives the piece's resources object
/// a /Font dictionary pointing at the stream's fonts, embedded once at its end.
package struct StreamPieceFonts: Sendable, Equatable {
    /// The piece's resources object (shared by all its pages).
    package let resources: Int
    /// In order of resource name: /F1 is `fonts[0]`.
    package let fonts: [StreamFontUse]
}

extension PDFObjectWriter {
    /// The five objects of an embedded font from `n` on: Type0, CIDFontType2, descriptor, FontFile2 and
    /// ToUnicode (already compressed). A CFF font: CIDFontType0 with no /CIDToGIDMap (its subset is
    /// name-keyed, so CIDs are glyph numbers), and the OpenType file as /FontFile3 /Subtype /OpenType.
    mutating func font(_ n: Int, _ embedded: EmbeddedFont, toUnicode: [UInt8]) {
        object(n) { o in
            o.append("<< /Type /Font\n   /Subtype /Type0\n   /BaseFont /")
            o.append(embedded.baseFont)
            o.append("\n   /Encoding /Identity-H\n   /DescendantFonts [ ")
            o.reference(n + 1)
            o.append(" ]\n   /ToUnicode ")
            o.reference(n + 4)
            o.append("\n>>")
        }
        object(n + 1) { o in
            o.append(embedded.outlines == .cff ? "<< /Type /Font\n   /Subtype /CIDFontType0\n   /BaseFont /"
                                               : "<< /Type /Font\n   /Subtype /CIDFontType2\n   /BaseFont /")
            o.append(embedded.baseFont)
            o.append("\n   /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n   /FontDescriptor ")
            o.reference(n + 2)
            o.append(embedded.outlines == .cff ? "\n   /W " : "\n   /CIDToGIDMap /Identity\n   /W ")
            o.append(embedded.widthArray)
            o.append("\n>>")
        }
        object(n + 2) { o in
            o.append("<< /Type /FontDescriptor\n   /FontName /")
            o.append(embedded.baseFont)
            o.append("\n   ")
            o.append(embedded.descriptorEntries)
            o.append(embedded.outlines == .cff ? "\n   /FontFile3 " : "\n   /FontFile2 ")
            o.reference(n + 3)
            o.append("\n>>")
        }
        stream(n + 3, embedded.fontFile) { o in
            if embedded.outlines == .cff {
                o.append("   /Subtype /OpenType\n")
            } else {
                o.append("   /Length1 ")
                o.integer(embedded.fontFileLength)
                o.byte(10)
            }
        }
        stream(n + 4, toUnicode)
    }
}
