import Layout

/// Writes a laid-out document straight into PDF bytes, without cairo: content streams from the display
/// list, fonts embedded as Type0/CIDFontType2 (Identity-H) with hb-subset TrueType subsets (CFF-outline
/// fonts as Type0/CIDFontType0 with OpenType-CFF subsets in /FontFile3), everything
/// compressed with libdeflate. Looks like CairoPainter's output; the file structure is the one
/// PDFAssembler joins.
///
/// Images: a PNG becomes an Image XObject (with an /SMask for transparency), an SVG the page librsvg draws
/// on a cairo PDF surface, imported as a Form XObject.
///
/// One writer per worker thread. It keeps opened font faces, finished subset fonts and prepared images
/// across documents; the bytes of a document never depend on what the writer wrote before.
public final class DirectPDFWriter {
    private var faces: [FontID: FontFace] = [:]
    private var unusableFonts: [FontID: RenderError] = [:]
    private let fonts = FontSubsetCache(capacity: 48)
    private var fontDeflater: Deflater?
    private var contentDeflater: Deflater?
    private let images = ImageStore()

    public init() {}

    /// libdeflate levels. Content streams at 1: a quarter less time per document than at 6 for 4% more
    /// bytes. Font files at 9: compressed once per glyph set, then reused from the cache.
    static let fontLevel: Int32 = 9
    static let contentLevel: Int32 = 1

    /// Finished subset fonts taken from the cache, and made afresh, since the writer was made.
    public var fontCacheStatistics: (hits: Int, misses: Int) { (fonts.hits, fonts.misses) }

    /// The complete PDF file for one document, in memory (per-document PDFs are ~30 KB).
    public func makePDF(_ document: LaidOutDocument, info: PDFWriter.Info) throws(RenderError) -> [UInt8] {
        try makePDF([document], info: info)
    }

    /// One PDF of several documents' pages in order (a piece of a print stream): each font is embedded
    /// once, subset to the glyphs of all of them.
    public func makePDF(_ documents: [LaidOutDocument], info: PDFWriter.Info) throws(RenderError) -> [UInt8] {
        try make(documents, info: info, streamPiece: false).bytes
    }

    /// A piece of a print stream: like `makePDF(_:info:)` but with no fonts embedded. Its content streams
    /// show original glyph numbers, its resources have no /Font entry; what it uses of each font comes back
    /// beside the bytes, for `PDFAssembler` to embed each font once for the whole stream.
    package func makeStreamPiece(_ documents: [LaidOutDocument], info: PDFWriter.Info) throws(RenderError)
        -> (bytes: [UInt8], fonts: StreamPieceFonts) {
        let made = try make(documents, info: info, streamPiece: true)
        return (made.bytes, StreamPieceFonts(resources: DirectPDFFile.resources, fonts: made.fonts))
    }

    private func make(_ documents: [LaidOutDocument], info: PDFWriter.Info, streamPiece: Bool) throws(RenderError)
        -> (bytes: [UInt8], fonts: [StreamFontUse]) {
        let (fontDeflater, deflater) = try deflaters()

        // The fonts in order of first use, each with its glyphs and what they show; then their subsets.
        let usage = try fontUsage(documents)
        var pageFonts: [FontID: PageFont] = [:]
        var embedded: [(font: EmbeddedFont, text: ToUnicodeMap)] = []
        var streamFonts: [StreamFontUse] = []
        for (index, use) in usage.enumerated() {
            let face = try face(use.id)
            if streamPiece {
                pageFonts[use.id] = PageFont(resource: index + 1, originalWidths: face.allWidths)
                streamFonts.append(use.text.streamUse(FontRegistry.shared.file(for: use.id)))
                continue
            }
            let glyphs = use.text.subsetGlyphs(padding: face.paddingGlyphs)
            let font = try fonts.font(.init(font: use.id, glyphs: glyphs)) { () throws(RenderError) in
                try EmbeddedFont(face: face, glyphs: glyphs, deflater: fontDeflater, retainGIDs: face.cidKeyed)
            }
            pageFonts[use.id] = PageFont(resource: index + 1, font: font)
            embedded.append((font, use.text))
        }

        // The images in order of first use; PNGs compressed like the font files (once per writer).
        var imageList: [PDFImage] = []
        var imageNames: [ImageStore.Key: PageImage] = [:]
        for page in documents.lazy.flatMap(\.pages) {
            for case .image(let path, let kind, let rect) in page.operations where rect.width > 0 && rect.height > 0 {
                let key = ImageStore.Key(path: path, kind: kind, rect: rect)
                guard imageNames[key] == nil else { continue }
                let image = try images.image(key, deflater: fontDeflater)
                imageList.append(image)
                if case .form = image { imageNames[key] = PageImage(resource: imageList.count, isForm: true) } else {
                    imageNames[key] = PageImage(resource: imageList.count, isForm: false)
                }
            }
        }

        var alphas: [AlphaState] = []
        var alphaNames: [AlphaState: Int] = [:]
        var pageSizes: [(width: Double, height: Double)] = []
        let contents = documents.flatMap { document in document.pages.map { page in
            pageSizes.append((document.width, document.height))
            var stream = ContentStream(height: document.height)
            for operation in page.operations {
                stream.draw(operation, font: { pageFonts[$0] }, alpha: { state in
                    if let n = alphaNames[state] { return n }
                    alphas.append(state)
                    alphaNames[state] = alphas.count
                    return alphas.count
                }, image: { path, kind, rect in imageNames[ImageStore.Key(path: path, kind: kind, rect: rect)] })
            }
            return deflater.compress(stream.out.bytes)
        } }

        let links = documents.flatMap { document in document.pages.map { page in
            page.operations.compactMap { operation -> (rect: Rect, uri: String)? in
                guard case .link(let rect, let uri) = operation else { return nil }
                return (rect, uri)
            }
        } }
        // Headings are a document's own outline; a stream piece's go to the stream's outline instead.
        var headings: [Heading] = []
        var firstPage = 0
        for document in documents {
            if !streamPiece { headings += document.headings.map { Heading(level: $0.level, title: $0.title, page: firstPage + $0.page, y: $0.y) } }
            firstPage += document.pages.count
        }
        let bytes = DirectPDFFile(pageSizes: pageSizes, info: info, contents: contents, fonts: embedded, alphas: alphas,
                                  images: imageList, links: links, headings: headings, language: info.language,
                                  deflater: deflater).bytes()
        return (bytes, streamFonts)
    }

    private func deflaters() throws(RenderError) -> (font: Deflater, content: Deflater) {
        if let font = fontDeflater, let content = contentDeflater { return (font, content) }
        let font = try Deflater(level: Self.fontLevel), content = try Deflater(level: Self.contentLevel)
        fontDeflater = font
        contentDeflater = content
        return (font, content)
    }

    private struct FontUse {
        let id: FontID
        /// The glyphs used and the text they show.
        var text: ToUnicodeMap
    }

    private func fontUsage(_ documents: [LaidOutDocument]) throws(RenderError) -> [FontUse] {
        var uses: [FontUse] = []
        var index: [FontID: Int] = [:]
        for page in documents.lazy.flatMap(\.pages) {
            for operation in page.operations {
                guard case .text(_, let runs, _) = operation else { continue }
                for run in runs where !run.glyphs.isEmpty {
                    let face = try face(run.font)
                    let i: Int
                    if let known = index[run.font] {
                        i = known
                    } else {
                        i = uses.count
                        index[run.font] = i
                        uses.append(FontUse(id: run.font, text: ToUnicodeMap(glyphCount: face.glyphCount)))
                    }
                    uses[i].text.add(run, face: face)
                }
            }
        }
        return uses
    }

    /// The opened face of a font. One that cannot be embedded fails the document, naming the font: its text
    /// would otherwise be missing from the PDF while the preview showed it.
    private func face(_ id: FontID) throws(RenderError) -> FontFace {
        if let face = faces[id] { return face }
        if let reason = unusableFonts[id] { throw reason }
        do {
            let face = try FontFace(FontRegistry.shared.file(for: id))
            faces[id] = face
            return face
        } catch {
            unusableFonts[id] = error
            throw error
        }
    }
}
