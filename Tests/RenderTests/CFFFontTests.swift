import Foundation
import Layout
import Records
@testable import Render
import Templates
import XCTest

/// A font with CFF outlines (Cantarell, an OpenType .otf) written by the direct writer: embedded as
/// CIDFontType0 with the hb-subset OpenType file as /FontFile3 /OpenType, per document and in a print stream.
final class CFFFontTests: PDFToolsTestCase {
    static let text = "Cantarell CFF outlines: Zoë Ångström-Officer paid $1,234.56 on 2026-11-22."

    override var requiredTools: [String] { super.requiredTools + ["fc-match"] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let match = try PDFTools.run(["fc-match", "-f", "%{file}", "Cantarell"])
        guard match.output.hasSuffix(".otf") else { throw XCTSkip("Cantarell (fonts-cantarell) is not installed; scripts/setup installs it") }
    }

    /// A one-page document in Cantarell (regular and bold) from a small template; `line` varies the text.
    private func document(_ line: String) throws -> LaidOutDocument {
        let templateFolder = folder + "/template"
        try FileManager.default.createDirectory(atPath: templateFolder, withIntermediateDirectories: true)
        let yaml = """
        name: cff
        page:
          size: letter
          margins: 54
        data:
          id: string
          line: string
        document:
          id: "{id}"
        styles:
          base: { font: Cantarell, size: 12, color: "#000000" }
          big: { size: 24, weight: bold }
        regions:
          first:
            - text: { value: "Cantarell Bold Heading", x: 72, y: 80, style: big }
            - text: { value: "{line}", x: 72, y: 140 }
            - text: { value: "The quick brown fox jumps over the lazy dog 0123456789", x: 72, y: 170 }
        """
        try yaml.write(toFile: templateFolder + "/template.yaml", atomically: true, encoding: .utf8)
        let template = try TemplateLoader.load(templateFolder)
        let record = try JSONParser.parse(Array("{\"id\": \"cff-\(line.count)\", \"line\": \(String(reflecting: line))}".utf8))
        return try DocumentComposer(template: template).compose(try template.bind(record), runDate: 20_779)
    }

    /// The font file of the document's first text run (Cantarell Bold, the heading).
    private func cantarell() throws -> FontFile {
        for case .text(_, let runs, _) in try document(Self.text).pages[0].operations {
            if let run = runs.first { return FontRegistry.shared.file(for: run.font) }
        }
        throw XCTSkip("no text in the Cantarell document")
    }

    private func checkFonts(_ path: String, count: Int) throws {
        let fonts = try PDFTools.run(["pdffonts", path]).output.split(separator: "\n").dropFirst(2)
        XCTAssertEqual(fonts.count, count, fonts.joined(separator: "\n"))
        for line in fonts {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertTrue(fields[0].count > 7 && fields[0].dropFirst(6).hasPrefix("+") && fields[0].contains("Cantarell"), String(line))
            XCTAssertTrue(line.contains("CID Type 0C (OT)") && line.contains("Identity-H"), String(line))
            XCTAssertEqual(Array(fields.suffix(5).prefix(3)), ["yes", "yes", "yes"], "embedded, subset, ToUnicode: \(line)")
        }
    }

    private func checkLooksLikeCairo(_ path: String, _ cairo: String) throws {
        let a = try PDFTools.grayPages(cairo, dpi: 60, prefix: path + "-cairo")
        let b = try PDFTools.grayPages(path, dpi: 60, prefix: path + "-direct")
        XCTAssertEqual(a.count, b.count)
        for (n, (x, y)) in zip(a, b).enumerated() {
            guard let d = PDFTools.difference(x, y, threshold: 64) else { XCTFail("page \(n + 1): sizes differ"); continue }
            print("\(path) page \(n + 1): mean absolute difference \(d.mean), pixels off by more than 64: \(d.differing)")
            XCTAssertLessThan(d.mean, 1.5, "\(path) page \(n + 1) looks different from cairo's")
            XCTAssertLessThan(d.share, 0.003, "\(path) page \(n + 1)")
        }
    }

    private func writeCairo(_ documents: [LaidOutDocument], to path: String) throws {
        let writer = try PDFWriter(path: path, info: Self.info, painter: CairoPainter())
        for document in documents { writer.write(document) }
        try writer.finish()
    }

    func testFaceIsCFF() throws {
        let file = try cantarell()
        XCTAssertTrue(file.path.contains("Cantarell"), file.path)
        let face = try FontFace(file)
        XCTAssertEqual(face.outlines, .cff, file.path)
    }

    func testPerDocumentPDF() throws {
        let document = try document(Self.text)
        let direct = folder + "/direct.pdf", cairo = folder + "/cairo.pdf"
        try Data(try DirectPDFWriter().makePDF(document, info: Self.info)).write(to: URL(fileURLWithPath: direct))
        try writeCairo([document], to: cairo)
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: direct)), as: UTF8.self)
        XCTAssertTrue(bytes.contains("/CIDFontType0") && bytes.contains("/FontFile3") && bytes.contains("/Subtype /OpenType"))
        XCTAssertFalse(bytes.contains("/FontFile2") || bytes.contains("/Length1") || bytes.contains("/CIDToGIDMap"))
        XCTAssertTrue(bytes.hasPrefix("%PDF-1.6\n"), "/FontFile3 /OpenType is PDF 1.6")

        let check = try PDFTools.run(["qpdf", "--check", direct])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        try checkFonts(direct, count: 2)
        let text = try PDFTools.text(direct)
        XCTAssertTrue(text.contains(Self.text), text)
        XCTAssertTrue(text.contains("The quick brown fox jumps over the lazy dog 0123456789"), text)
        XCTAssertEqual(text, try PDFTools.text(cairo))
        try checkLooksLikeCairo(direct, cairo)
    }

    func testPrintStream() throws {
        let pieces = [[try document(Self.text)], [try document("Second piece: xylophone quartz, wedge (Œ) — fjord.")]]
        let writer = DirectPDFWriter()
        let assembler = try PDFAssembler(path: folder + "/stream.pdf", info: Self.info)
        for (i, documents) in pieces.enumerated() {
            let piece = try writer.makeStreamPiece(documents, info: Self.info)
            let path = folder + "/piece-\(i).pdf"
            try Data(piece.bytes).write(to: URL(fileURLWithPath: path))
            try assembler.append(contentsOf: path, fonts: piece.fonts)
        }
        try assembler.finish()
        let stream = folder + "/stream.pdf", cairo = folder + "/stream-cairo.pdf"
        try writeCairo(Array(pieces.joined()), to: cairo)

        let check = try PDFTools.run(["qpdf", "--check", stream])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        XCTAssertEqual(try PDFTools.pageCount(stream), 2)
        XCTAssertTrue(String(decoding: try Data(contentsOf: URL(fileURLWithPath: stream)), as: UTF8.self).contains("/Version /1.6"))
        try checkFonts(stream, count: 2)
        XCTAssertEqual(try PDFTools.text(stream), try PDFTools.text(cairo))
        XCTAssertTrue(try PDFTools.text(stream).contains(Self.text))
        try checkLooksLikeCairo(stream, cairo)
    }

    /// The ROS operator (12 30) in the Top DICT marks a CID-keyed CFF, which FontFace refuses.
    func testCIDKeyedCFFIsRecognised() {
        func cff(_ topDict: [UInt8]) -> [UInt8] {
            // Header (hdrSize 4), a Name INDEX with "A", a Top DICT INDEX with `topDict`.
            [1, 0, 4, 1] + [0, 1, 1, 1, 2, 65] + [0, 1, 1, 1, UInt8(topDict.count + 1)] + topDict
        }
        XCTAssertTrue(OpenTypeTable(bytes: cff([139, 140, 139, 12, 30, 28, 0, 5, 17])).isCIDKeyedCFF)
        // Name-keyed: a real number, a two-byte number, FontBBox, CharStrings; no ROS.
        XCTAssertFalse(OpenTypeTable(bytes: cff([30, 0x1a, 0x2f, 247, 0, 139, 139, 139, 5, 28, 1, 0, 17])).isCIDKeyedCFF)
        XCTAssertFalse(OpenTypeTable(bytes: [1, 0]).isCIDKeyedCFF)
        XCTAssertFalse(OpenTypeTable(bytes: []).isCIDKeyedCFF)
    }

    /// Print-stream fonts keep glyph numbers: hb-subset's RETAIN_GIDS must hold for CFF too.
    func testRetainedGlyphNumbers() throws {
        let file = try cantarell()
        let face = try FontFace(file)
        let glyphs: [UInt32] = [0, 5, 40, 41, 97, face.glyphCount - 1]
        let subset = try face.subset(glyphs, retainGIDs: true)
        for g in glyphs { XCTAssertEqual(UInt32(subset.oldToNew[Int(g)]), g) }
        XCTAssertEqual(subset.newToOld.count, Int(face.glyphCount))
        for g in glyphs { XCTAssertEqual(subset.newToOld[Int(g)], g) }
    }
}
