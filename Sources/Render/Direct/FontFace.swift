import CHarfBuzzSubset
import Layout

/// One font file face opened with HarfBuzz: its advance widths, descriptor metrics, PostScript name, the
/// reverse of its cmap (for runs without clusters), and a face prepared for repeated subsetting.
/// Owned by one DirectPDFWriter; the HarfBuzz objects never leave it.
final class FontFace {
    /// The kind of outlines, which decides how a PDF embeds the face: TrueType (`glyf`) as CIDFontType2
    /// with /FontFile2, CFF (`CFF `) as CIDFontType0 with /FontFile3 /OpenType.
    enum Outlines { case trueType, cff }

    let postScriptName: String
    let outlines: Outlines
    /// CID-keyed CFF whose CIDs are its glyph numbers (CJK .otf): embedded with every glyph keeping its
    /// number, so the codes the content streams show (the original glyph numbers) are the CIDs.
    let cidKeyed: Bool
    let unitsPerEm: Int
    let metrics: FontMetrics
    private let blob: OpaquePointer
    private let face: OpaquePointer
    private let font: OpaquePointer
    /// `hb_subset_preprocess` of `face`: the same font, faster to subset many times.
    private let subsetSource: OpaquePointer
    let glyphCount: UInt32
    /// Glyphs every subset of this face includes, used or not: the digits and what goes with them in
    /// amounts, dates and account numbers. Documents differ mostly in which digits their numbers happen
    /// to use; with all of them in, their glyph sets (and cached subsets) coincide far more often.
    let paddingGlyphs: [UInt32]
    private var advances: [Int32?]
    private var everyWidth: [Int]?
    private var reverseCmap: [UInt32: [UInt32]]?

    init(_ file: FontFile) throws(RenderError) {
        guard !file.path.isEmpty, let blob = hb_blob_create_from_file_or_fail(file.path) else {
            throw RenderError("cannot read the font file \(file.path)")
        }
        let face = hb_face_create(blob, UInt32(max(0, file.index)))!
        glyphCount = hb_face_get_glyph_count(face)
        guard glyphCount > 0 else {
            hb_face_destroy(face)
            hb_blob_destroy(blob)
            throw RenderError("no glyphs in face \(file.index) of \(file.path)")
        }
        do {
            (outlines, cidKeyed) = try Self.outlines(face, glyphCount: Int(glyphCount), path: file.path)
        } catch {
            hb_face_destroy(face)
            hb_blob_destroy(blob)
            throw error
        }
        self.blob = blob
        self.face = face
        font = hb_font_create(face)
        subsetSource = hb_subset_preprocess(face)
        unitsPerEm = Int(max(16, hb_face_get_upem(face)))
        metrics = FontMetrics(face: face, unitsPerEm: unitsPerEm)
        postScriptName = Self.name(face) ?? Self.fallbackName(file.path)
        advances = Array(repeating: nil, count: Int(glyphCount))
        var padding: [UInt32] = [0]
        for c in " 0123456789.,-$/".unicodeScalars {
            var g: UInt32 = 0
            if hb_font_get_nominal_glyph(font, c.value, &g) != 0, !padding.contains(g) { padding.append(g) }
        }
        paddingGlyphs = padding
    }

    deinit {
        hb_face_destroy(subsetSource)
        hb_font_destroy(font)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    /// The advance width of an (original) glyph in 1/1000 em, rounded: what the /W array says.
    func width(_ glyph: UInt32) -> Int {
        guard glyph < glyphCount else { return 0 }
        let advance: Int32
        if let known = advances[Int(glyph)] {
            advance = known
        } else {
            advance = hb_font_get_glyph_h_advance(font, glyph)
            advances[Int(glyph)] = advance
        }
        return Int((Double(advance) * 1000 / Double(unitsPerEm)).rounded())
    }

    /// `width(_:)` of every glyph, indexed by original glyph: what a print-stream piece positions its
    /// glyphs with (its content streams keep the original glyph numbers).
    var allWidths: [Int] {
        if let known = everyWidth { return known }
        let widths = (0..<glyphCount).map { width($0) }
        everyWidth = widths
        return widths
    }

    /// The characters the font's cmap maps to `glyph` (the smallest code point), for runs without clusters.
    func characters(for glyph: UInt32) -> [UInt32]? {
        if reverseCmap == nil {
            var reverse: [UInt32: [UInt32]] = [:]
            let unicodes = hb_set_create()
            hb_face_collect_unicodes(face, unicodes)
            var codepoint = UInt32.max  // HB_SET_VALUE_INVALID: start before the first
            while hb_set_next(unicodes, &codepoint) != 0 {
                var g: UInt32 = 0
                if hb_font_get_nominal_glyph(font, codepoint, &g) != 0, reverse[g] == nil { reverse[g] = [codepoint] }
            }
            hb_set_destroy(unicodes)
            reverseCmap = reverse
        }
        return reverseCmap?[glyph]
    }

    /// TrueType unless the face has CFF outlines and no `glyf` table. CID-keyed CFF is taken when its CIDs
    /// are its glyph numbers (subsets keep the original CIDs, which the content streams then show). Refused:
    /// CFF2 (variable CFF) outlines, and CID-keyed CFF with any other charset.
    private static func outlines(_ face: OpaquePointer, glyphCount: Int, path: String) throws(RenderError) -> (Outlines, cidKeyed: Bool) {
        func has(_ tag: String) -> Bool {
            let blob = hb_face_reference_table(face, OpenTypeTable.tag(tag))
            defer { hb_blob_destroy(blob) }
            return hb_blob_get_length(blob) > 0
        }
        if has("glyf") { return (.trueType, false) }
        if has("CFF ") {
            let table = OpenTypeTable(face, "CFF ")
            guard table.isCIDKeyedCFF else { return (.cff, false) }
            guard table.cffCharsetIsIdentity(glyphCount: glyphCount) else {
                throw RenderError("the font \(path) has CID-keyed CFF outlines whose CIDs are not its glyph numbers, which the direct "
                    + "PDF writer cannot embed; use a TrueType or CFF (.otf) font such as Noto Sans CJK")
            }
            return (.cff, true)
        }
        if has("CFF2") {
            throw RenderError("the font \(path) is a variable font with CFF2 outlines, which the direct PDF writer cannot embed; use a TrueType or CFF (.otf) font")
        }
        if has("CBDT") || has("sbix") {
            throw RenderError("the font \(path) draws its glyphs as colour bitmaps (a colour emoji font), which PDF readers cannot "
                + "show as a font: put a font with outlines for these characters in the style's fallback (for emoji, Debian "
                + "fonts-symbola: fallback: [Symbola]), or take them out of the data")
        }
        throw RenderError("the font \(path) has no glyph outlines (no glyf or CFF table) to embed")
    }

    /// A TrueType or OpenType-CFF subset with `glyphs` (sorted, with 0) and whatever composite glyphs pull in: the font
    /// file, the old → new glyph numbers (indexed by old glyph), and the original glyph behind each new number.
    /// With `retainGIDs`, every glyph keeps its number (the ones left out become empty), as a print stream's
    /// font needs: its pieces' content streams were written with the original numbers.
    func subset(_ glyphs: [UInt32], retainGIDs: Bool = false) throws(RenderError) -> (file: [UInt8], oldToNew: [UInt16], newToOld: [UInt32]) {
        guard let input = hb_subset_input_create_or_fail() else { throw RenderError("hb-subset: out of memory") }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_glyph_set(input)
        for g in glyphs where g < glyphCount { hb_set_add(set, g) }
        // A PDF font needs outlines and metrics only: no hinting, no layout tables.
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue | (retainGIDs ? HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue : 0))
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in Self.droppedTables { hb_set_add(drop, tag) }
        guard let plan = hb_subset_plan_create_or_fail(subsetSource, input) else {
            throw RenderError("hb-subset could not plan a subset of \(postScriptName)")
        }
        defer { hb_subset_plan_destroy(plan) }
        let forward = hb_subset_plan_old_to_new_glyph_mapping(plan)
        let backward = hb_subset_plan_new_to_old_glyph_mapping(plan)
        guard let result = hb_subset_plan_execute_or_fail(plan) else {
            throw RenderError("hb-subset could not subset \(postScriptName)")
        }
        defer { hb_face_destroy(result) }
        let newCount = hb_face_get_glyph_count(result)
        var oldToNew = [UInt16](repeating: 0, count: Int(glyphs.max() ?? 0) + 1)
        for g in glyphs {
            let n = hb_map_get(forward, g)
            guard n != UInt32.max, n <= UInt32(UInt16.max) else { throw RenderError("glyph \(g) missing from the subset of \(postScriptName)") }
            oldToNew[Int(g)] = UInt16(n)
        }
        var newToOld: [UInt32] = []
        newToOld.reserveCapacity(Int(newCount))
        for n in 0..<newCount {
            let old = hb_map_get(backward, n)
            newToOld.append(old == UInt32.max ? 0 : old)
        }
        let subsetBlob = hb_face_reference_blob(result)
        defer { hb_blob_destroy(subsetBlob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(subsetBlob, &length), length > 0 else {
            throw RenderError("hb-subset made an empty font of \(postScriptName)")
        }
        let file = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
        return (file, oldToNew, newToOld)
    }

    private static let droppedTables: [UInt32] = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "FFTM", "DSIG",
                                                  "gasp", "hdmx", "LTSH", "VDMX", "PCLT", "vhea", "vmtx"].map { tag in
        var t: UInt32 = 0
        for c in tag.utf8 { t = t << 8 | UInt32(c) }
        return t
    }

    /// The PostScript name (name ID 6), reduced to what a PDF name may hold unescaped.
    private static func name(_ face: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        var length = UInt32(buffer.count)
        _ = hb_ot_name_get_utf8(face, 6, nil, &length, &buffer)
        let raw = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let clean = String(String.UnicodeScalarView(raw.unicodeScalars.filter(isNameCharacter)))
        return clean.isEmpty ? nil : clean
    }

    private static func fallbackName(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? "Font"
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        let clean = String(String.UnicodeScalarView(stem.unicodeScalars.filter(isNameCharacter)))
        return clean.isEmpty ? "Font" : clean
    }

    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
    }
}
