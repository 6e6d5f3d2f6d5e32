import Foundation
import Layout
import Records
@testable import Render
import Templates
import XCTest

/// Names in eleven scripts through a style's fallback chain (DejaVu Sans → Noto Sans CJK SC → Noto Sans
/// Thai): every name is in the direct writer's PDF text, per document and in a print stream, every font
/// is embedded, the CJK one as CID-keyed CFF, and the pages look like cairo's.
final class ScriptsTests: PDFToolsTestCase {
    /// Latin, Cyrillic, Greek, Armenian, Georgian, Arabic, Hebrew, Chinese, Japanese, Korean, Thai, Devanagari.
    static let names = ["José Müller", "Иван Петров", "Νίκος Παπαδόπουλος", "Արամ Խաչատրյան", "ნინო ბერიძე",
                        "محمد علي", "דוד כהן", "王小明", "山田 太郎", "김민준", "สมชาย ใจดี", "अमित शर्मा"]

    override func setUpWithError() throws {
        try super.setUpWithError()
        for family in ["Noto Sans CJK SC", "Noto Sans Thai", "Noto Sans Devanagari"] where !FontResolution.isInstalled(family) {
            throw XCTSkip("\(family) is not installed (scripts/setup installs fonts-noto-cjk and fonts-noto-core)")
        }
    }

    private func documents() throws -> [LaidOutDocument] {
        let templateFolder = folder + "/template"
        try FileManager.default.createDirectory(atPath: templateFolder, withIntermediateDirectories: true)
        try """
        name: scripts
        data: { id: string, name: string }
        styles:
          base: { font: DejaVu Sans, fallback: [Noto Sans CJK SC, Noto Sans Thai, Noto Sans Devanagari], size: 14 }
        document: { id: "{id}" }
        regions:
          first:
            - text: { value: "Dear {name},", x: 72, y: 80 }
            - text: { value: "{name}", x: 72, y: 120, style: { weight: bold } }
        """.write(toFile: templateFolder + "/template.yaml", atomically: true, encoding: .utf8)
        let template = try TemplateLoader.load(templateFolder)
        let composer = DocumentComposer(template: template)
        return try Self.names.enumerated().map { i, name in
            let record = try JSONParser.parse(Array("{\"id\": \"n\(i)\", \"name\": \(String(reflecting: name))}".utf8))
            return try composer.compose(try template.bind(record), runDate: 20_779)
        }
    }

    /// pdftotext's text compared by meaning: Arabic comes out as presentation forms (NFKC folds them) and
    /// right-to-left runs inside bidi marks.
    private func normalized(_ text: String) -> String {
        let bidi: Set<Unicode.Scalar> = ["\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}"]
        return String(String.UnicodeScalarView(text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !bidi.contains($0) }))
    }

    private func checkNames(_ path: String, pages: Int) throws {
        XCTAssertEqual(try PDFTools.pageCount(path), pages)
        let check = try PDFTools.run(["qpdf", "--check", path])
        XCTAssertEqual(check.status, 0, check.output + check.error)
        let text = normalized(try PDFTools.text(path))
        for name in Self.names {
            // Right-to-left names come out with their words in visual order; each word must be there.
            for word in name.split(separator: " ") { XCTAssertTrue(text.contains(normalized(String(word))), "\(word) of \(name) in \(path)") }
        }
        let fonts = try PDFTools.run(["pdffonts", path]).output.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(fonts.isEmpty)
        for line in fonts {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(Array(fields.suffix(5).prefix(3)), ["yes", "yes", "yes"], "embedded, subset, ToUnicode: \(line)")
        }
        XCTAssertTrue(fonts.contains { $0.contains("NotoSansCJK") && $0.contains("CID Type 0C") }, fonts.joined(separator: "\n"))
        XCTAssertTrue(fonts.contains { $0.contains("NotoSansThai") }, fonts.joined(separator: "\n"))
    }

    func testEveryNameIsInThePerDocumentPDFAndLooksLikeCairo() throws {
        let documents = try documents()
        let writer = DirectPDFWriter()
        for (i, document) in documents.enumerated() {
            let direct = folder + "/n\(i).pdf", cairo = folder + "/n\(i)-cairo.pdf"
            try Data(try writer.makePDF(document, info: Self.info)).write(to: URL(fileURLWithPath: direct))
            let cairoWriter = try PDFWriter(path: cairo, info: Self.info, painter: CairoPainter())
            cairoWriter.write(document)
            try cairoWriter.finish()
            let text = normalized(try PDFTools.text(direct))
            for word in Self.names[i].split(separator: " ") { XCTAssertTrue(text.contains(normalized(String(word))), "\(word) in \(text)") }
            // The same glyphs as cairo draws (the preview's painter): pages compared pixel by pixel.
            let a = try PDFTools.grayPages(cairo, dpi: 60, prefix: cairo), b = try PDFTools.grayPages(direct, dpi: 60, prefix: direct)
            guard let d = PDFTools.difference(a[0], b[0], threshold: 64) else { XCTFail("page sizes differ"); continue }
            XCTAssertLessThan(d.mean, 1.5, "\(Self.names[i]): the direct PDF looks different from cairo's")
        }
        let all = folder + "/all.pdf"
        try Data(try writer.makePDF(documents, info: Self.info)).write(to: URL(fileURLWithPath: all))
        try checkNames(all, pages: Self.names.count)
    }

    func testEveryNameIsInThePrintStream() throws {
        let documents = try documents()
        let writer = DirectPDFWriter()
        let path = folder + "/stream.pdf"
        let assembler = try PDFAssembler(path: path, info: Self.info)
        for chunk in stride(from: 0, to: documents.count, by: 4) {
            let part = Array(documents[chunk..<min(chunk + 4, documents.count)])
            let piece = try writer.makeStreamPiece(part, info: Self.info)
            try assembler.append(piece.bytes, fonts: piece.fonts, source: "piece \(chunk)",
                                 documents: part.map { StreamBookmark(title: $0.id, pages: $0.pages.count) })
        }
        try assembler.finish()
        try checkNames(path, pages: Self.names.count)
    }
}

/// A colour emoji font (bitmaps, no outlines) cannot be embedded as a font PDF readers open: the document
/// fails with the reason and the way out, and never comes out with the emoji missing or broken.
final class ColourEmojiTests: PDFToolsTestCase {
    func testAColourBitmapFontFailsTheDocumentWithTheWayOut() throws {
        guard FontResolution.isInstalled("Noto Color Emoji") else { throw XCTSkip("fonts-noto-color-emoji is not installed") }
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "Thanks \u{1F600}", x: 72, y: 80, font: Noto Color Emoji }
            """, file: folder + "/template.yaml")
        let document = try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(#"{"id": "e"}"#)), runDate: 0)
        XCTAssertThrowsError(try DirectPDFWriter().makePDF(document, info: Self.info)) { error in
            XCTAssertTrue("\(error)".contains("draws its glyphs as colour bitmaps"), "\(error)")
            XCTAssertTrue("\(error)".contains("fonts-symbola"), "\(error)")
        }
    }
}

/// Emoji go into the PDF in text presentation, from a monochrome font of the style's chain (Symbola), so
/// the preview and every PDF reader show the same glyphs; Chinese text wraps between characters.
final class MonochromeEmojiTests: PDFToolsTestCase {
    func testEmojiComeFromTheMonochromeFontOfTheChain() throws {
        guard FontResolution.isInstalled("Symbola") else { throw XCTSkip("fonts-symbola is not installed") }
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string, note: string }
            styles:
              base: { font: DejaVu Sans, fallback: [Symbola] }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "Thanks {note}", x: 72, y: 80 }
            """, file: folder + "/template.yaml")
        let record = try template.bind(JSONParser.parse(#"{"id": "e", "note": "😀 and ✅"}"#))
        let document = try DocumentComposer(template: template).compose(record, runDate: 0)
        let path = folder + "/emoji.pdf"
        try Data(try DirectPDFWriter().makePDF(document, info: Self.info)).write(to: URL(fileURLWithPath: path))
        let fonts = try PDFTools.run(["pdffonts", path]).output
        XCTAssertTrue(fonts.contains("Symbola"), fonts)
        XCTAssertFalse(fonts.contains("ColorEmoji"), fonts)
        let text = try PDFTools.text(path)
        XCTAssertTrue(text.contains("😀") && text.contains("✅"), text)
    }

    func testChineseWrapsBetweenCharacters() throws {
        guard FontResolution.isInstalled("Noto Sans CJK SC") else { throw XCTSkip("fonts-noto-cjk is not installed") }
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string }
            styles:
              base: { font: DejaVu Sans, fallback: [Noto Sans CJK SC] }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "您的保单将于明年一月五日续保，保费将根据重建成本的上涨而调整。", x: 72, y: 80, width: 100 }
            """, file: folder + "/template.yaml")
        let page = try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(#"{"id": "c"}"#)), runDate: 0).pages[0]
        let lines = page.operations.compactMap { op -> (String, Double)? in
            guard case .text(_, let runs, _) = op, let last = runs.last, let glyph = last.glyphs.last else { return nil }
            return (runs.map(\.text).joined(), last.x + Double(glyph.x))
        }
        XCTAssertGreaterThanOrEqual(lines.count, 3, "\(lines)")
        for (_, right) in lines { XCTAssertLessThanOrEqual(right, 100) }
        // No line starts with the comma or the full stop (UAX #14 keeps them with the character before).
        for (text, _) in lines.dropFirst() { XCTAssertFalse(text.hasPrefix("，") || text.hasPrefix("。"), text) }
    }
}
