import Foundation
@testable import Layout
import Records
import Synchronization
@testable import Render
import Templates
import XCTest

/// Documents with images (an SVG logo, a PNG signature, a translucent PNG logo) written by the direct PDF
/// writer against cairo's PDFWriter.
final class DirectPDFImageTests: PDFToolsTestCase {

    override var requiredTools: [String] { ["qpdf", "pdftotext", "pdftoppm", "pdfimages", "pdfinfo"] }

    /// Order confirmations (Templates/order_confirmation: logo.svg, signature.png) for lines of
    /// Fixtures/orders.jsonl.
    static func orderConfirmations(lines: [Int]) throws -> [LaidOutDocument] {
        try TemplateFixtures.documents(template: "order_confirmation", records: "orders.jsonl", lines: lines)
    }

    /// Purchase-order confirmations (Templates/inbound/purchase_order: logo.png with alpha) for lines of
    /// Fixtures/inbound/orders.jsonl.
    static func purchaseOrders(lines: [Int]) throws -> [LaidOutDocument] {
        try TemplateFixtures.documents(template: "inbound/purchase_order", records: "inbound/orders.jsonl", lines: lines)
    }

    private func writeCairo(_ document: LaidOutDocument, to path: String) throws {
        let writer = try PDFWriter(path: path, info: Self.info, painter: CairoPainter())
        writer.write(document)
        try writer.finish()
    }

    private func writeDirect(_ documents: [LaidOutDocument], to path: String, writer: DirectPDFWriter = DirectPDFWriter()) throws {
        let bytes = try writer.makePDF(documents, info: Self.info)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func testImageDocumentsMatchCairo() throws {
        let documents = try Self.orderConfirmations(lines: [0, 1]) + Self.purchaseOrders(lines: [0])
        let writer = DirectPDFWriter()
        for document in documents {
            let cairo = folder + "/\(document.id)-cairo.pdf", direct = folder + "/\(document.id)-direct.pdf"
            try writeCairo(document, to: cairo)
            try writeDirect([document], to: direct, writer: writer)

            let check = try PDFTools.run(["qpdf", "--check", direct])
            XCTAssertEqual(check.status, 0, "qpdf --check \(direct):\n\(check.output)\(check.error)")
            XCTAssertEqual(try PDFTools.pageCount(direct), try PDFTools.pageCount(cairo))
            XCTAssertEqual(try PDFTools.text(direct), try PDFTools.text(cairo), "pdftotext of \(document.id)")

            // The same images, with a soft mask where cairo has one.
            XCTAssertEqual(try Self.imageList(direct), try Self.imageList(cairo), document.id)

            let cairoPages = try PDFTools.grayPages(cairo, dpi: 60, prefix: folder + "/\(document.id)-cairo")
            let directPages = try PDFTools.grayPages(direct, dpi: 60, prefix: folder + "/\(document.id)-direct")
            XCTAssertEqual(cairoPages.count, directPages.count)
            for (n, (a, b)) in zip(cairoPages, directPages).enumerated() {
                guard let d = PDFTools.difference(a, b, threshold: 64) else { XCTFail("\(document.id) page \(n + 1): sizes differ"); continue }
                print("\(document.id) page \(n + 1): mean absolute difference \(d.mean), pixels off by more than 64: \(d.differing)")
                XCTAssertLessThan(d.mean, 1.5, "\(document.id) page \(n + 1) looks different from cairo's")
                XCTAssertLessThan(d.share, 0.003, "\(document.id) page \(n + 1)")
            }
        }
    }

    /// `pdfimages -list`: per image drawn, its page (unless `pages` is false), whether it is an image or a
    /// soft mask, size, colour space, bits and interpolation.
    static func imageList(_ path: String, pages: Bool = true) throws -> [String] {
        try imageFields(path).map { f in ((pages ? [f[0]] : []) + [f[2], f[3], f[4], f[5], f[6], f[7], f[9]]).joined(separator: " ") }
    }

    /// The fields of each line of `pdfimages -list`: page num type width height color comp bpc enc interp
    /// object ID x-ppi y-ppi size ratio.
    static func imageFields(_ path: String) throws -> [[String]] {
        try PDFTools.run(["pdfimages", "-list", path]).output.split(separator: "\n").dropFirst(2).map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
    }

    func testImageDocumentsSameBytesWhateverWasWrittenBefore() throws {
        let documents = try Self.orderConfirmations(lines: [0, 1, 2]) + Self.purchaseOrders(lines: [0, 1])
        for target in [documents[1], documents[4]] {
            let writer = DirectPDFWriter()
            let first = try writer.makePDF(target, info: Self.info)
            for other in documents { _ = try writer.makePDF(other, info: Self.info) }
            XCTAssertEqual(try writer.makePDF(target, info: Self.info), first)
            XCTAssertEqual(try DirectPDFWriter().makePDF(target, info: Self.info), first)
            let elsewhere = Mutex<[UInt8]>([])
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                let bytes = (try? DirectPDFWriter().makePDF(target, info: Self.info)) ?? []
                elsewhere.withLock { $0 = bytes }
                done.signal()
            }
            thread.start()
            done.wait()
            XCTAssertEqual(elsewhere.withLock { $0 }, first, target.id)
        }
    }

    func testAssemblerJoinsImageDocuments() throws {
        let documents = try Self.orderConfirmations(lines: [0, 3]) + Self.purchaseOrders(lines: [1])
        let writer = DirectPDFWriter()
        var pieces: [String] = []
        for (i, document) in documents.enumerated() {
            let path = folder + "/piece\(i).pdf"
            try writeDirect([document], to: path, writer: writer)
            pieces.append(path)
        }
        // And one piece of two documents sharing their images.
        let shared = folder + "/piece-shared.pdf"
        try writeDirect(Array(documents.prefix(2)), to: shared, writer: writer)
        let sharedImages = try Self.imageFields(shared)
        XCTAssertEqual(sharedImages.count, 2, "signature.png drawn on each page (logo.svg's form holds no image)")
        XCTAssertEqual(Set(sharedImages.map { $0[10] }).count, 1, "one image object for both: \(sharedImages)")
        pieces.append(shared)

        let joined = folder + "/joined.pdf"
        let assembler = try PDFAssembler(path: joined, info: Self.info)
        for piece in pieces { try assembler.append(contentsOf: piece) }
        try assembler.finish()
        let check = try PDFTools.run(["qpdf", "--check", joined])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        XCTAssertEqual(try PDFTools.pageCount(joined), try pieces.reduce(0) { $0 + (try PDFTools.pageCount($1)) })
        XCTAssertEqual(try PDFTools.text(joined), try pieces.map { try PDFTools.text($0) }.joined())
        XCTAssertEqual(try Self.imageList(joined, pages: false), try pieces.flatMap { try Self.imageList($0, pages: false) })
    }

    func testUnreadableImagesAreErrorsNamingTheFile() throws {
        for (name, kind) in [("broken.png", ImageElement.Kind.png), ("broken.svg", .svg)] {
            let path = folder + "/" + name
            try Data("not an image".utf8).write(to: URL(fileURLWithPath: path))
            var page = Page()
            page.operations = [.image(path: path, kind: kind, Rect(x: 10, y: 10, width: 100, height: 40))]
            let document = LaidOutDocument(id: "broken", width: 612, height: 792, pages: [page], metadata: DocumentMetadata())
            let writer = DirectPDFWriter()
            for _ in 0..<2 {
                XCTAssertThrowsError(try writer.makePDF(document, info: Self.info)) { error in
                    XCTAssertTrue("\(error)".contains(path), "\(error)")
                }
            }
        }
    }
}

/// Documents laid out from a template folder under Templates/ and records of a file under Fixtures/.
enum TemplateFixtures {
    static func documents(template: String, records: String, lines: [Int], runDate: Int32 = StatementFixtures.runDate) throws -> [LaidOutDocument] {
        let root = StatementFixtures.root
        let compiled = try TemplateLoader.load(root + "/Templates/" + template)
        let text = try String(contentsOfFile: root + "/Fixtures/" + records, encoding: .utf8)
        let all = text.split(separator: "\n")
        let composer = DocumentComposer(template: compiled)
        return try lines.map { try composer.compose(try compiled.bind(try JSONParser.parse(Array(all[$0].utf8))), runDate: runDate) }
    }
}

/// Images over coloured shapes, where transparency shows: the templates' PNGs and SVG, an SVG with a
/// gradient, group opacity and an embedded PNG, and an SVG in a rect of another aspect ratio.
final class DirectPDFImageTransparencyTests: XCTestCase {
    func testImagesOverColourMatchCairo() throws {
        for tool in ["qpdf", "pdftoppm"] where !PDFTools.available(tool) { throw XCTSkip("\(tool) is not installed") }
        let folder = NSTemporaryDirectory() + "inkstream-direct-images-\(getpid())-transparency"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["INKSTREAM_KEEP_TEST_PDFS"] == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let templates = StatementFixtures.root + "/Templates/"
        let logoPNG = templates + "inbound/purchase_order/logo.png", logoSVG = templates + "order_confirmation/logo.svg"
        let signature = templates + "order_confirmation/signature.png"
        let png = try Data(contentsOf: URL(fileURLWithPath: logoPNG)).base64EncodedString()
        let fancy = folder + "/fancy.svg"
        try Data("""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" viewBox="0 0 200 100">
              <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#E4572E"/><stop offset="1" stop-color="#29335C" stop-opacity="0.3"/></linearGradient></defs>
              <rect x="0" y="0" width="200" height="100" fill="url(#g)"/>
              <g opacity="0.5"><circle cx="60" cy="50" r="40" fill="#F3A712"/><circle cx="90" cy="50" r="40" fill="#669BBC"/></g>
              <image x="100" y="40" width="90" height="21" xlink:href="data:image/png;base64,\(png)"/>
            </svg>
            """.utf8).write(to: URL(fileURLWithPath: fancy))

        var page = Page()
        page.operations = [
            .fillRects([Rect(x: 0, y: 0, width: 612, height: 396)], Color(red: 0.85, green: 0.2, blue: 0.3)),
            .fillRects([Rect(x: 0, y: 396, width: 612, height: 396)], Color(red: 0.2, green: 0.6, blue: 0.4)),
            .image(path: logoPNG, kind: .png, Rect(x: 40, y: 40, width: 360, height: 84)),
            .image(path: signature, kind: .png, Rect(x: 40, y: 150, width: 240, height: 60)),
            .image(path: logoSVG, kind: .svg, Rect(x: 40, y: 240, width: 300, height: 100)),
            // Wider and taller than the SVG's 3:1: rsvg centres it.
            .image(path: logoSVG, kind: .svg, Rect(x: 360, y: 40, width: 200, height: 200)),
            .image(path: logoSVG, kind: .svg, Rect(x: 40, y: 420, width: 520, height: 60)),
            .image(path: fancy, kind: .svg, Rect(x: 40, y: 500, width: 400, height: 200)),
            .image(path: logoPNG, kind: .png, Rect(x: 400, y: 380, width: 180, height: 42)),
        ]
        let document = LaidOutDocument(id: "images", width: 612, height: 792, pages: [page], metadata: DocumentMetadata())
        let info = PDFWriter.Info(creationDate: "2026-11-22T00:00:00Z")
        let cairo = folder + "/cairo.pdf", direct = folder + "/direct.pdf"
        let writer = try PDFWriter(path: cairo, info: info, painter: CairoPainter())
        writer.write(document)
        try writer.finish()
        try Data(try DirectPDFWriter().makePDF(document, info: info)).write(to: URL(fileURLWithPath: direct))
        let check = try PDFTools.run(["qpdf", "--check", direct])
        XCTAssertEqual(check.status, 0, check.output + check.error)

        let a = try PDFTools.grayPages(cairo, dpi: 60, prefix: folder + "/cairo"), b = try PDFTools.grayPages(direct, dpi: 60, prefix: folder + "/direct")
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(b.count, 1)
        guard let x = a.first, let y = b.first, let d = PDFTools.difference(x, y, threshold: 32) else { return XCTFail("page sizes differ") }
        print("images over colour: mean absolute difference \(d.mean), pixels off by more than 32: \(d.differing)")
        XCTAssertLessThan(d.mean, 0.5)
        XCTAssertLessThan(d.differing, 100)
    }
}
