import Foundation
import RunFolder
import Layout

/// Joins PDF files written by cairo into one PDF, in order, so that pieces of a print stream can be
/// rendered on several threads at once. It relies on what cairo writes: one revision with a classic
/// cross-reference table, no object streams, a flat page tree. Objects are copied byte for byte with their
/// numbers shifted (references are rewritten outside stream data only); each piece's catalog, page tree
/// and info dictionary are replaced by one of each for the whole file.
///
/// Memory stays flat: cross-reference entries and page references go to side files as objects are
/// written and are copied into the output at the end.
///
/// Pieces written by `DirectPDFWriter.makeStreamPiece` embed no fonts: the stream embeds each font once,
/// at `finish()`, subset to the union of the glyphs its pages use, glyph numbers kept. A font's five object
/// numbers are taken when a piece first uses it; their cross-reference entries are placeholders in the
/// side file, overwritten in place (fixed 20-byte lines) when the objects are written at the end.
package final class PDFAssembler {
    package let path: String
    private let temporaryPath: String
    private let output: FileHandle
    /// Cross-reference entries and page references, spooled to side files as objects are written.
    private let xref: SpoolFile
    private let kids: SpoolFile
    /// One line per document of the stream, "<first page object> <title as a PDF string>", for the outline
    /// (a bookmark per document) written at `finish()`.
    private let outline: SpoolFile
    private var outlineCount = 0
    private var offset = 0
    private var nextObject = 4  // 1: page tree, 2: catalog, 3: info; written last
    private let info: PDFWriter.Info
    package private(set) var pageCount = 0
    /// The stream's fonts (pieces written by `DirectPDFWriter.makeStreamPiece` embed none), in order of
    /// first use, and where each is found by its font.
    private var fonts: [StreamFont] = []
    private var fontIndex: [FontFile: Int] = [:]

    package init(path: String, info: PDFWriter.Info) throws(RenderError) {
        self.path = path
        self.info = info
        temporaryPath = Self.partialPath(path, "partial")
        output = try PartialFile.create(temporaryPath)
        xref = try SpoolFile(path: Self.partialPath(path, "xref"))
        kids = try SpoolFile(path: Self.partialPath(path, "kids"))
        outline = try SpoolFile(path: Self.partialPath(path, "outline"))
        try write(Array("%PDF-1.5\n%\u{00B5}\u{00B6}\u{00B5}\u{00B6}\n".utf8))
    }

    /// Where a print stream is at a checkpoint: enough to take it up again after the process died.
    package struct State: Codable, Sendable, Equatable {
        package var bytes: Int, nextObject: Int, pageCount: Int, xrefBytes: Int, kidsBytes: Int
        /// The stream's fonts so far: their reserved object numbers, glyphs and texts.
        package var fonts: [StreamFont.State]? = nil
        /// The outline spool's length and its documents (nil: a checkpoint of a build without outlines).
        package var outlineBytes: Int? = nil
        package var outlineCount: Int? = nil
    }

    /// Takes up a print stream from a checkpoint; fails when its partial files are missing or short.
    package init(path: String, info: PDFWriter.Info, resuming state: State) throws(RenderError) {
        // A state without `fonts` comes from a build whose pieces embedded their own fonts: its pages
        // reference no stream fonts, so it cannot be finished by this one.
        guard state.fonts != nil || state.pageCount == 0 else {
            throw RenderError("\(path) was begun by an older Inkstream that embedded fonts in every piece and cannot be continued: run again with a new --out (or remove \((path as NSString).deletingLastPathComponent))")
        }
        self.path = path
        self.info = info
        temporaryPath = Self.partialPath(path, "partial")
        output = try PartialFile.reopen(temporaryPath, at: state.bytes)
        xref = try SpoolFile(path: Self.partialPath(path, "xref"), resumingAt: state.xrefBytes)
        kids = try SpoolFile(path: Self.partialPath(path, "kids"), resumingAt: state.kidsBytes)
        if let bytes = state.outlineBytes {
            outline = try SpoolFile(path: Self.partialPath(path, "outline"), resumingAt: bytes)
            outlineCount = state.outlineCount ?? 0
        } else {
            outline = try SpoolFile(path: Self.partialPath(path, "outline"))  // documents before it get no bookmark
        }
        offset = state.bytes
        nextObject = state.nextObject
        pageCount = state.pageCount
        for saved in state.fonts ?? [] {
            let font = try StreamFont(saved)
            fontIndex[font.file] = fonts.count
            fonts.append(font)
        }
    }

    /// Hands everything written so far to the kernel (and with `durable`, to the disk) and says where the
    /// stream is.
    package func checkpoint(durable: Bool = true) throws(RenderError) -> State {
        let xrefBytes = try xref.sync(durable: durable)
        let kidsBytes = try kids.sync(durable: durable)
        let outlineBytes = try outline.sync(durable: durable)
        if durable { try PartialFile.sync(output, path: temporaryPath) }
        return State(bytes: offset, nextObject: nextObject, pageCount: pageCount, xrefBytes: xrefBytes, kidsBytes: kidsBytes,
                     fonts: fonts.map(\.state), outlineBytes: outlineBytes, outlineCount: outlineCount)
    }

    /// Hidden files beside the stream while it grows: `print/.statements.pdf.partial` and its spools.
    package static func partialPath(_ path: String, _ suffix: String) -> String { RunFolder.partial(path, suffix) }

    /// Appends every page of a PDF file (see `append(_:fonts:source:)`).
    package func append(contentsOf piece: String, fonts pieceFonts: StreamPieceFonts? = nil) throws(RenderError) {
        guard let data = FileManager.default.contents(atPath: piece) else {
            throw RenderError("cannot read the stream piece \(piece)")
        }
        try append([UInt8](data), fonts: pieceFonts, source: piece)
    }

    /// Appends every page of a PDF held in memory (cairo's or the direct writer's; `source` names it in
    /// errors). `fonts`: the piece was written by `DirectPDFWriter.makeStreamPiece` and uses these fonts,
    /// which the stream embeds once, at `finish()`. `documents`: the piece's documents in order, each with its
    /// bookmark title and page count; each gets a bookmark to its first page.
    package func append(_ bytes: [UInt8], fonts pieceFonts: StreamPieceFonts? = nil, source piece: String,
                        documents: [StreamBookmark] = []) throws(RenderError) {
        let parsed: CairoPDF
        do { parsed = try CairoPDF(bytes) } catch { throw RenderError("\(piece): \(error.description)") }
        // The piece's fonts: a font seen for the first time gets its object numbers now (their
        // cross-reference entries are placeholders until `finish()` writes the objects).
        var fontDictionary: [UInt8] = []
        if let pieceFonts, !pieceFonts.fonts.isEmpty {
            var objects: [Int] = []
            for use in pieceFonts.fonts {
                objects.append(try font(for: use.font).firstObject)
                fonts[fontIndex[use.font]!].add(use)
            }
            var dictionary = PDFBuffer()
            dictionary.namedReferences("Font", prefix: "F", objects)
            fontDictionary = dictionary.bytes
        }
        let shift = nextObject - 1
        let pages = Set(parsed.pages)
        for number in 1..<parsed.offsets.count {
            try recordXref()
            if number == parsed.root || number == parsed.info || number == parsed.pageTree {
                // Replaced by the whole file's own; the number stays taken so every reference keeps its shift.
                try write(Array("\(number + shift) 0 obj\nnull\nendobj\n".utf8))
                continue
            }
            let span: CairoPDF.Span
            do { span = try parsed.object(number) } catch { throw RenderError("\(piece): \(error.description)") }
            try writeObject(bytes[span.headerEnd..<span.dictionaryEnd], body: bytes[span.dictionaryEnd..<span.end],
                            number: number + shift, shift: shift, isPage: pages.contains(number),
                            insert: number == pieceFonts?.resources ? fontDictionary : [])
        }
        var first = 0
        for document in documents where first < parsed.pages.count {
            try outline.append("\(parsed.pages[first] + shift) \(PDFString.literal(document.title))\n")
            outlineCount += 1
            // The document's headings follow its line, each "\t<level> <page object> <top> <title>".
            for heading in document.headings where first + heading.page < parsed.pages.count {
                let top = String(format: "%.3f", heading.top)
                try outline.append("\t\(heading.level) \(parsed.pages[first + heading.page] + shift) \(top) \(PDFString.literal(heading.title))\n")
                outlineCount += 1
            }
            first += max(document.pages, 1)
        }
        for page in parsed.pages {
            try kids.append((pageCount % 16 == 0 ? "\n" : " ") + "\(page + shift) 0 R")
            pageCount += 1
        }
        nextObject += parsed.offsets.count - 1
    }

    /// The stream's entry for a font, made (with its five object numbers reserved) when first seen.
    private func font(for file: FontFile) throws(RenderError) -> StreamFont {
        if let i = fontIndex[file] { return fonts[i] }
        let font = StreamFont(file: file, firstObject: nextObject)
        for _ in 0..<StreamFont.objectCount { try xref.append(Self.reservedEntry) }
        nextObject += StreamFont.objectCount
        fontIndex[file] = fonts.count
        fonts.append(font)
        return font
    }

    /// What a reserved object's cross-reference entry says until `finish()` overwrites it (20 bytes).
    private static let reservedEntry = "0000000000 65535 f \n"

    /// Writes the page tree, catalog, info and cross-reference table, and moves the file into place.
    package func finish() throws(RenderError) {
        // The fonts, each subset to the glyphs of all its pages, with the glyph numbers they showed; their
        // offsets go into the entries reserved for them. A CFF font (/FontFile3 /OpenType) needs PDF 1.6,
        // which the catalog's /Version says (the header, written first, says 1.5).
        var openTypeFonts = false
        if !fonts.isEmpty {
            let deflater = try Deflater(level: DirectPDFWriter.fontLevel)
            for font in fonts {
                var w = PDFObjectWriter(capacity: 1 << 16, firstNumber: font.firstObject)
                if try font.write(into: &w, deflater: deflater) { openTypeFonts = true }
                for (k, relative) in w.objectOffsets.enumerated() {
                    try xref.overwrite(at: (font.firstObject + k - 4) * 20, Array(entry(offset + relative).utf8))
                }
                try write(w.out.bytes)
            }
        }
        let outlineRoot = try writeOutline()
        var head: [Int] = []
        head.append(offset)
        try write(Array("1 0 obj\n<< /Type /Pages\n   /Kids [".utf8))
        try kids.drain { data throws(RenderError) in try write(data) }
        try write(Array(" ]\n   /Count \(pageCount)\n>>\nendobj\n".utf8))
        head.append(offset)
        var catalog = "2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n"
        if openTypeFonts { catalog += "   /Version /1.6\n" }
        if let language = info.language { catalog += "   /Lang \(PDFString.literal(language))\n" }
        if let outlineRoot { catalog += "   /Outlines \(outlineRoot) 0 R\n   /PageMode /UseOutlines\n" }
        try write(Array((catalog + ">>\nendobj\n").utf8))
        head.append(offset)
        var infoDict = "3 0 obj\n<< /Producer (Inkstream direct PDF writer)\n   /Creator \(PDFString.literal(info.creator))\n"
        if let title = info.title { infoDict += "   /Title \(PDFString.literal(title))\n" }
        infoDict += "   /CreationDate \(PDFString.literal(PDFString.date(info.creationDate)))\n>>\nendobj\n"
        try write(Array(infoDict.utf8))

        let xrefStart = offset
        var table = "xref\n0 4\n0000000000 65535 f \n"
        for o in head { table += entry(o) }
        table += "4 \(nextObject - 4)\n"
        try write(Array(table.utf8))
        try xref.drain { data throws(RenderError) in try write(data) }
        try write(Array("trailer\n<< /Size \(nextObject)\n   /Root 2 0 R\n   /Info 3 0 R\n>>\nstartxref\n\(xrefStart)\n%%EOF\n".utf8))
        do {
            try output.synchronize()
            try output.close()
        } catch { throw RenderError("cannot write \(path): \(error.localizedDescription)") }
        guard rename(temporaryPath, path) == 0 else {
            throw RenderError("cannot move \(temporaryPath) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The bookmarks: one per document, each holding its headings (closed, so a long stream's outline
    /// opens as one line per document), written after every other object. Items are numbered base, base + 1,
    /// … in spool order; a document's group (its line and its headings' lines) is read whole before it is
    /// written, so its /Next is known. Returns the outline root's number, or nil when there are no documents.
    private func writeOutline() throws(RenderError) -> Int? {
        let count = outlineCount
        guard count > 0 else {
            try outline.drain { _ throws(RenderError) in }
            return nil
        }
        let base = nextObject, root = base + count
        var k = 0, documents = 0
        var previousDocument: Int?
        var group: [Substring] = []
        func flush(last: Bool) throws(RenderError) {
            guard let head = group.first, let space = head.firstIndex(of: " ") else { group = []; return }
            let number = base + k
            let headings = group.dropFirst().compactMap(Self.heading)
            let tree = OutlineTree(headings, first: number + 1, parent: number)
            var item = "\(number) 0 obj\n<< /Title \(head[head.index(after: space)...])\n   /Parent \(root) 0 R\n"
                + "   /Dest [\(head[..<space]) 0 R /XYZ null null null]\n"
            if let previousDocument { item += "   /Prev \(previousDocument) 0 R\n" }
            if !last { item += "   /Next \(number + 1 + headings.count) 0 R\n" }
            if let top = tree.top { item += "   /First \(top.first) 0 R\n   /Last \(top.last) 0 R\n   /Count -\(headings.count)\n" }
            try recordXref()
            try write(Array((item + ">>\nendobj\n").utf8))
            for i in headings.indices {
                var body = PDFBuffer()
                tree.body(i, &body)
                try recordXref()
                try write(Array("\(number + 1 + i) 0 obj\n".utf8) + body.bytes + Array("\nendobj\n".utf8))
            }
            previousDocument = number
            documents += 1
            k += 1 + headings.count
            group = []
        }
        var pending: [UInt8] = []
        try outline.drain { data throws(RenderError) in
            pending.append(contentsOf: data)
            var start = 0
            while let end = pending[start...].firstIndex(of: 0x0A) {
                let line = Substring(decoding: pending[start..<end], as: UTF8.self)
                start = end + 1
                if !line.hasPrefix("\t"), !group.isEmpty { try flush(last: false) }
                group.append(line)
            }
            pending.removeSubrange(0..<start)
        }
        try flush(last: true)
        guard k == count, let lastDocument = previousDocument else {
            throw RenderError("the outline spool of \(path) holds \(k) bookmarks, not \(count)")
        }
        try recordXref()
        try write(Array("\(root) 0 obj\n<< /Type /Outlines\n   /First \(base) 0 R\n   /Last \(lastDocument) 0 R\n   /Count \(documents)\n>>\nendobj\n".utf8))
        nextObject = root + 1
        return root
    }

    /// A heading line of the outline spool: "\t<level> <page object> <top> <title as a PDF string>".
    private static func heading(_ line: Substring) -> OutlineTree.Entry? {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let level = Int(parts[0]), let page = Int(parts[1]), let top = Double(parts[2]) else { return nil }
        return OutlineTree.Entry(level: level, title: String(parts[3]), page: page, top: top, literalTitle: true)
    }

    /// Removes the partial output after a failure.
    package func abandon() {
        try? output.close()
        xref.discard()
        outline.discard()
        kids.discard()
        unlink(temporaryPath)
    }

    // MARK: Writing

    private func entry(_ offset: Int) -> String {
        let digits = String(offset)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
    }

    /// The next object's cross-reference entry (objects are written in number order).
    private func recordXref() throws(RenderError) {
        try xref.append(entry(offset))
    }

    private func write(_ bytes: some Collection<UInt8>) throws(RenderError) {
        do { try output.write(contentsOf: Array(bytes)) } catch {
            throw RenderError("cannot write \(path): \(error.localizedDescription)")
        }
        offset += bytes.count
    }

    /// `N 0 obj` + the dictionary part with references shifted (and a page's /Parent pointed at the new
    /// page tree) + the stream and `endobj` as they were.
    /// `insert` goes right after the dictionary's opening `<<` (a piece's resources get their /Font).
    private func writeObject(_ dictionary: ArraySlice<UInt8>, body: ArraySlice<UInt8>, number: Int, shift: Int,
                             isPage: Bool, insert: [UInt8] = []) throws(RenderError) {
        var out = Array("\(number) 0 obj\n".utf8)
        out.reserveCapacity(dictionary.count + insert.count + 32)
        if !insert.isEmpty {
            guard let open = CairoPDF.firstIndex(of: Array("<<".utf8), in: Array(dictionary), from: 0) else {
                throw RenderError("object \(number) of a stream piece is not a dictionary")
            }
            let start = dictionary.startIndex + open + 2
            out.append(contentsOf: dictionary[dictionary.startIndex..<start])
            out.append(contentsOf: insert)
            PDFReferences.shift(dictionary[start...], by: shift, parentOverride: nil, into: &out)
        } else {
            PDFReferences.shift(dictionary, by: shift, parentOverride: isPage ? 1 : nil, into: &out)
        }
        try write(out)
        try write(body)
    }
}

/// PDF literal strings and dates for the info dictionary.
enum PDFString {
    static func literal(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) {
            return "(" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)") + ")"
        }
        // UTF-16BE with a byte order mark, as a hex string.
        var hex = "<FEFF"
        for unit in s.utf16 { hex += String(format: "%04X", unit) }
        return hex + ">"
    }

    /// ISO 8601 (2026-11-22T00:00:00Z) to a PDF date (D:20261122000000Z).
    static func date(_ iso: String) -> String {
        "D:" + iso.filter { $0.isNumber } + (iso.hasSuffix("Z") ? "Z" : "")
    }
}

/// A document's entry in a print stream's outline: its title, page count, and its headings (page index
/// within the document; `top` in PDF coordinates).
package struct StreamBookmark: Sendable {
    package let title: String
    package let pages: Int
    package let headings: [(level: Int, title: String, page: Int, top: Double)]

    package init(title: String, pages: Int, headings: [(level: Int, title: String, page: Int, top: Double)] = []) {
        self.title = title
        self.pages = pages
        self.headings = headings
    }
}
