import Foundation
@testable import Layout
@testable import Render
import Templates
import XCTest

/// Drawing operations the statements do not use (translucency, dashes, filled and stroked circles,
/// polylines), on a page of their own, against cairo.
final class DirectPDFShapesTests: XCTestCase {
    func testShapesAndTranslucencyLookLikeCairo() throws {
        for tool in ["qpdf", "pdftoppm"] where !PDFTools.available(tool) { throw XCTSkip("\(tool) is not installed") }
        let folder = NSTemporaryDirectory() + "inkstream-direct-shapes-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["INKSTREAM_KEEP_TEST_PDFS"] == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let navy = Color(red: 0.12, green: 0.3, blue: 0.47), orange = Color(red: 0.9, green: 0.6, blue: 0.2)
        let statement = try StatementFixtures.documents(lines: [0])[0]
        var texts: [DrawOperation] = []
        for case .text(let origin, let runs, _) in statement.pages[0].operations.prefix(12) {
            texts.append(.text(origin: origin, runs: runs, color: Color(red: 0.8, green: 0, blue: 0, alpha: 0.5)))
        }
        var page = Page()
        page.operations = [
            .fillRects([Rect(x: 40, y: 40, width: 200, height: 120), Rect(x: 300, y: 40, width: 120, height: 60)], navy),
            .fillRects([Rect(x: 120, y: 80, width: 200, height: 120)], Color(red: 0.9, green: 0.6, blue: 0.2, alpha: 0.4)),
            .strokeRect(Rect(x: 60, y: 260, width: 180, height: 90), Stroke(color: navy, width: 3, dash: [6, 3])),
            .line(from: Point(x: 300, y: 260), to: Point(x: 560, y: 360), Stroke(color: orange, width: 2)),
            .line(from: Point(x: 300, y: 300), to: Point(x: 560, y: 300), Stroke(color: .black, width: 1, dash: [2, 2])),
            .polyline([Point(x: 60, y: 420), Point(x: 140, y: 380), Point(x: 220, y: 460), Point(x: 300, y: 400)],
                      Stroke(color: Color(red: 0, green: 0.5, blue: 0, alpha: 0.6), width: 4)),
            .circle(center: Point(x: 420, y: 450), radius: 50, fill: orange, stroke: Stroke(color: navy, width: 4)),
            .circle(center: Point(x: 470, y: 470), radius: 40, fill: Color(red: 0, green: 0, blue: 1, alpha: 0.3), stroke: nil),
            .circle(center: Point(x: 120, y: 560), radius: 30, fill: nil, stroke: Stroke(color: .black, width: 1.5, dash: [4, 2])),
        ] + texts
        let document = LaidOutDocument(id: "shapes", width: 612, height: 792, pages: [page], metadata: DocumentMetadata())
        var withImage = document
        withImage.pages[0].operations.append(.image(path: "/nonexistent.png", kind: .png, Rect(x: 0, y: 0, width: 1, height: 1)))
        // Images are drawn too; one that cannot be read is an error naming it (cairo drew nothing).
        XCTAssertThrowsError(try DirectPDFWriter().makePDF(withImage, info: PDFWriter.Info(creationDate: "2026-11-22T00:00:00Z"))) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent.png"), "\(error)")
        }

        let info = PDFWriter.Info(creationDate: "2026-11-22T00:00:00Z")
        let direct = folder + "/direct.pdf", cairo = folder + "/cairo.pdf"
        try Data(try DirectPDFWriter().makePDF(document, info: info)).write(to: URL(fileURLWithPath: direct))
        let writer = try PDFWriter(path: cairo, info: info, painter: CairoPainter())
        writer.write(document)
        try writer.finish()

        let check = try PDFTools.run(["qpdf", "--check", direct])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        let a = try PDFTools.grayPages(cairo, dpi: 60, prefix: folder + "/cairo")
        let b = try PDFTools.grayPages(direct, dpi: 60, prefix: folder + "/direct")
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(b.count, 1)
        guard let pa = a.first, let pb = b.first, let d = PDFTools.difference(pa, pb, threshold: 64) else { return XCTFail("page sizes differ") }
        print("shapes: mean absolute difference \(d.mean), pixels off by more than 64: \(d.differing)")
        XCTAssertLessThan(d.mean, 1.0)
        XCTAssertLessThan(d.share, 0.002)
    }
}
