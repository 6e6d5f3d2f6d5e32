import Foundation
import Layout
import Records
import Synchronization
@testable import Render
import XCTest

/// The direct PDF writer against cairo's PDFWriter on real statements, and the checkers' view of its files.
final class DirectPDFWriterTests: PDFToolsTestCase {
    /// Lines of Fixtures/accounts.jsonl: an ordinary statement, an overdue one, one of several pages.
    static let lines = [0, 3, 24]

    private func writeCairo(_ document: LaidOutDocument, to path: String) throws {
        let writer = try PDFWriter(path: path, info: Self.info, painter: CairoPainter())
        writer.write(document)
        try writer.finish()
    }

    private func writeDirect(_ document: LaidOutDocument, to path: String, writer: DirectPDFWriter = DirectPDFWriter()) throws {
        let bytes = try writer.makePDF(document, info: Self.info)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func testStatementsMatchCairo() throws {
        let documents = try StatementFixtures.documents(lines: Self.lines)
        XCTAssertGreaterThan(documents.map(\.pages.count).max() ?? 0, 1, "one of the statements has several pages")
        let writer = DirectPDFWriter()
        for document in documents {
            let cairo = folder + "/\(document.id)-cairo.pdf", direct = folder + "/\(document.id)-direct.pdf"
            try writeCairo(document, to: cairo)
            try writeDirect(document, to: direct, writer: writer)

            let check = try PDFTools.run(["qpdf", "--check", direct])
            XCTAssertEqual(check.status, 0, "qpdf --check \(direct):\n\(check.output)\(check.error)")
            XCTAssertEqual(try PDFTools.pageCount(direct), document.pages.count)
            XCTAssertEqual(try PDFTools.pageCount(direct), try PDFTools.pageCount(cairo))
            XCTAssertEqual(try PDFTools.text(direct), try PDFTools.text(cairo), "pdftotext of \(document.id)")

            let fonts = try PDFTools.run(["pdffonts", direct]).output.split(separator: "\n").dropFirst(2)
            XCTAssertFalse(fonts.isEmpty)
            for line in fonts {
                // name type encoding emb sub uni object ID
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                XCTAssertTrue(fields[0].count > 7 && fields[0].dropFirst(6).hasPrefix("+"), "subset tag: \(line)")
                XCTAssertTrue(line.contains("CID TrueType") && line.contains("Identity-H"), String(line))
                XCTAssertEqual(Array(fields.suffix(5).prefix(3)), ["yes", "yes", "yes"], "embedded, subset, ToUnicode: \(line)")
            }

            let cairoPages = try PDFTools.grayPages(cairo, dpi: 60, prefix: folder + "/\(document.id)-cairo")
            let directPages = try PDFTools.grayPages(direct, dpi: 60, prefix: folder + "/\(document.id)-direct")
            XCTAssertEqual(cairoPages.count, directPages.count)
            for (n, (a, b)) in zip(cairoPages, directPages).enumerated() {
                guard let d = PDFTools.difference(a, b, threshold: 64) else { XCTFail("\(document.id) page \(n + 1): sizes differ"); continue }
                print("\(document.id) page \(n + 1): mean absolute difference \(d.mean), pixels off by more than 64: \(d.differing)")
                // Not zero: cairo places glyphs from its rounded /Widths and lets small position errors run on
                // (a justified line of the overdue notice ends 0.6 pt short of the margin); this writer puts
                // every glyph where the layout says. At 60 dpi that moves some glyph edges by a pixel.
                XCTAssertLessThan(d.mean, 1.5, "\(document.id) page \(n + 1) looks different from cairo's")
                XCTAssertLessThan(d.share, 0.003, "\(document.id) page \(n + 1)")
            }
        }
    }

    func testSameBytesWhateverWasWrittenBefore() throws {
        let documents = try StatementFixtures.documents(lines: [0, 1, 2, 3, 24])
        let target = documents[3]
        let writer = DirectPDFWriter()
        let first = try writer.makePDF(target, info: Self.info)
        for other in documents { _ = try writer.makePDF(other, info: Self.info) }
        let again = try writer.makePDF(target, info: Self.info)
        let fresh = try DirectPDFWriter().makePDF(target, info: Self.info)
        XCTAssertEqual(first, again)
        XCTAssertEqual(first, fresh)
        // And on another thread, with a writer of its own.
        let elsewhere = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let bytes = (try? DirectPDFWriter().makePDF(target, info: Self.info)) ?? []
            elsewhere.withLock { $0 = bytes }
            done.signal()
        }
        thread.start()
        done.wait()
        XCTAssertEqual(elsewhere.withLock { $0 }, first)
        XCTAssertGreaterThan(writer.fontCacheStatistics.hits, 0, "the second writing of a statement reuses its fonts")
        let otherInfo = PDFWriter.Info(title: "Statement", creator: "Inkstream test", creationDate: "2026-12-01T00:00:00Z")
        XCTAssertNotEqual(try writer.makePDF(target, info: otherInfo), first)
    }

    func testCharactersOutsideTheUsualSetExtract() throws {
        let document = try StatementFixtures.document(line: 0, setting: "name", to: .string("Zoë Ångström-Officer"))
        let path = folder + "/names.pdf"
        try writeDirect(document, to: path)
        XCTAssertEqual(try PDFTools.run(["qpdf", "--check", path]).status, 0)
        let text = try PDFTools.text(path)
        XCTAssertTrue(text.contains("Zoë Ångström-Officer"), text)
        // pypdf too (cairo's file gives it "Oﬃcer", with the ligature character; this one the letters).
        let python = ProcessInfo.processInfo.environment["INKSTREAM_PYTHON"] ?? "python3"
        let pypdf = try PDFTools.run([python, "-c", "import sys, pypdf; print(pypdf.PdfReader(sys.argv[1]).pages[0].extract_text())", path])
        if pypdf.status == 0 {
            XCTAssertTrue(pypdf.output.contains("Zoë Ångström-Officer"), pypdf.output)
        } else {
            print("pypdf not importable with \(python); skipped its check")
        }
        try writeCairo(document, to: folder + "/names-cairo.pdf")
        XCTAssertEqual(text, try PDFTools.text(folder + "/names-cairo.pdf"))
    }

    func testAssemblerJoinsDirectWrittenFiles() throws {
        let documents = try StatementFixtures.documents(lines: [3, 24])
        let writer = DirectPDFWriter()
        var pieces: [String] = []
        for document in documents {
            let path = folder + "/\(document.id).pdf"
            try writeDirect(document, to: path, writer: writer)
            pieces.append(path)
        }
        let joined = folder + "/joined.pdf"
        let assembler = try PDFAssembler(path: joined, info: Self.info)
        for piece in pieces { try assembler.append(contentsOf: piece) }
        try assembler.finish()
        let check = try PDFTools.run(["qpdf", "--check", joined])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        XCTAssertEqual(try PDFTools.pageCount(joined), documents.reduce(0) { $0 + $1.pages.count })
        let text = try PDFTools.text(joined)
        XCTAssertEqual(text, try pieces.map { try PDFTools.text($0) }.joined())
    }
}
