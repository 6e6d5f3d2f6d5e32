import Layout

/// One font of a print stream as `PDFAssembler` keeps it: the five object numbers reserved for it when a
/// piece first used it, and the union of what its pieces use (glyphs, and the text of each glyph: the first
/// text a piece gave a glyph wins). Written once, at the end of the stream, subset to those glyphs with
/// their numbers kept (the pieces' content streams show original glyph numbers).
package struct StreamFont {
    static let objectCount = 5
    let file: FontFile
    let firstObject: Int
    private var used: Set<UInt32> = []
    private var text: [UInt32: [UInt32]] = [:]

    init(file: FontFile, firstObject: Int) {
        self.file = file
        self.firstObject = firstObject
    }

    mutating func add(_ use: StreamFontUse) {
        used.formUnion(use.glyphs)
        for (glyph, characters) in zip(use.mapped, use.texts) where text[glyph] == nil { text[glyph] = characters }
    }

    /// The font as a checkpoint saves it, compactly: glyph sets as ranges ("0,3-9,12").
    package struct State: Codable, Sendable, Equatable {
        package var path: String
        package var index: Int32
        package var object: Int
        /// Glyphs used.
        package var glyphs: String
        /// Glyphs with text, and the text of each, in the same (ascending) order.
        package var mapped: String
        package var texts: [String]
    }

    var state: State {
        let mapped = text.keys.sorted()
        return State(path: file.path, index: file.index, object: firstObject, glyphs: Self.ranges(used.sorted()),
                     mapped: Self.ranges(mapped),
                     texts: mapped.map { String(String.UnicodeScalarView(text[$0]!.compactMap(Unicode.Scalar.init))) })
    }

    init(_ state: State) throws(RenderError) {
        file = FontFile(path: state.path, index: state.index)
        firstObject = state.object
        guard let glyphs = Self.glyphs(state.glyphs), let mapped = Self.glyphs(state.mapped), mapped.count == state.texts.count else {
            throw RenderError("the print stream checkpoint has a malformed font (\(state.path))")
        }
        used = Set(glyphs)
        for (glyph, characters) in zip(mapped, state.texts) { text[glyph] = characters.unicodeScalars.map(\.value) }
    }

    /// The font's five objects, subset to the glyphs used (and glyph 0), numbers kept. True when the font
    /// went in as OpenType (CFF outlines, /FontFile3 /OpenType: PDF 1.6).
    @discardableResult
    func write(into w: inout PDFObjectWriter, deflater: Deflater) throws(RenderError) -> Bool {
        let face = try FontFace(file)
        let sorted = used.sorted()
        let glyphs = sorted.first == 0 ? sorted : [0] + sorted
        let embedded = try EmbeddedFont(face: face, glyphs: glyphs, deflater: deflater, retainGIDs: true)
        let map = ToUnicodeMap(glyphCount: face.glyphCount, used: sorted,
                               texts: text.keys.sorted().map { ($0, text[$0]!) })
        w.font(firstObject, embedded, toUnicode: deflater.compress(map.cmap(embedded)))
        return embedded.outlines == .cff
    }

    static func ranges(_ sorted: [UInt32]) -> String {
        var out = ""
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            if !out.isEmpty { out += "," }
            out += j > i ? "\(sorted[i])-\(sorted[j])" : "\(sorted[i])"
            i = j + 1
        }
        return out
    }

    static func glyphs(_ ranges: String) -> [UInt32]? {
        var out: [UInt32] = []
        for part in ranges.split(separator: ",") {
            let ends = part.split(separator: "-", maxSplits: 1)
            guard let first = UInt32(ends[0]) else { return nil }
            let last = ends.count > 1 ? UInt32(ends[1]) : first
            guard let last, last >= first, last - first < 1 << 16 else { return nil }
            out.append(contentsOf: first...last)
        }
        return out
    }
}
