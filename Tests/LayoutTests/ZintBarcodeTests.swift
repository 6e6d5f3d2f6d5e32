import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Barcodes through libzint: sizes in modules, quiet zones, the mistakes of the data as rejects naming the
/// element, the mistakes of the template at compile time, and the same bars every time.
final class ZintBarcodeTests: XCTestCase {
    private func compile(_ barcode: String) throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            page: { size: [400, 400] }
            data: { id: string, code: string }
            document: { id: "{id}" }
            regions:
              first:
                - barcode: \(barcode)
            """, file: "/tmp/zint-tests/template.yaml")
    }

    private func rects(_ barcode: String, _ code: String) throws -> [Rect] {
        let template = try compile(barcode)
        let record = try template.bind(JSONParser.parse(#"{"id": "a", "code": "\#(code)"}"#))
        let ops = try DocumentComposer(template: template).compose(record, runDate: 0).pages[0].operations
        return ops.flatMap { op -> [Rect] in if case .fillRects(let r, _) = op { r } else { [] } }
    }

    private func bounds(_ rects: [Rect]) -> (x: Double, y: Double, width: Double, height: Double) {
        let minX = rects.map(\.x).min()!, minY = rects.map(\.y).min()!
        return (minX, minY, rects.map { $0.x + $0.width }.max()! - minX, rects.map { $0.y + $0.height }.max()! - minY)
    }

    func testAShortQRCodeIs21ModulesSquare() throws {
        let b = bounds(try rects("{ type: qr, value: \"{code}\", x: 10, y: 10, module: 2, quiet_zone: false }", "HELLO"))
        XCTAssertEqual(b.x, 10, accuracy: 0.001)
        XCTAssertEqual(b.y, 10, accuracy: 0.001)
        XCTAssertEqual(b.width, 42, accuracy: 0.001)
        XCTAssertEqual(b.height, 42, accuracy: 0.001)
        // With its quiet zone (4 modules each side) the symbol moves in by 8 pt.
        let quiet = bounds(try rects("{ type: qr, value: \"{code}\", x: 10, y: 10, module: 2 }", "HELLO"))
        XCTAssertEqual(quiet.x, 18, accuracy: 0.001)
    }

    func testEverySymbologyEncodes() throws {
        let values: [(String, String)] = [("qr", "https://example.com/pay?ref=1"), ("datamatrix", "ACME-00042"), ("pdf417", "PDF417 test"),
                                          ("aztec", "Aztec 123"), ("imb", "01234567094987654321"), ("ean13", "400638133393"),
                                          ("upca", "03600029145"), ("code39", "CODE-39")]
        for (type, value) in values {
            let drawn = try rects("{ type: \(type), value: \"{code}\", x: 0, y: 0, module: 1, height: 30 }", value)
            XCTAssertGreaterThan(drawn.count, 10, type)
            XCTAssertEqual(drawn.map(\.x), try rects("{ type: \(type), value: \"{code}\", x: 0, y: 0, module: 1, height: 30 }", value).map(\.x),
                           "\(type) is the same every time")
        }
        // A linear code's bars are as tall as asked (EAN's guard bars reach a little lower).
        XCTAssertEqual(bounds(try rects("{ type: code39, value: \"{code}\", x: 0, y: 0, module: 1, height: 30, quiet_zone: false }", "AB")).height,
                       30, accuracy: 0.01)
    }

    func testBadValuesAreTheRecordsRejectNamingTheElement() {
        for (type, value, words) in [("ean13", "40063813339X", "ean13"), ("upca", "123", "upca"), ("imb", "123", "imb")] {
            XCTAssertThrowsError(try rects("{ type: \(type), value: \"{code}\", x: 0, y: 0 }", value)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("barcode at /tmp/zint-tests/template.yaml:6:") && text.contains(words), text)
            }
        }
    }

    func testTemplateMistakesAreFoundWhenItCompiles() {
        func message(_ barcode: String) -> String {
            do { _ = try compile(barcode); return "compiled" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("{ type: qrcode, value: x, x: 0, y: 0 }").contains("unknown barcode type 'qrcode'"))
        XCTAssertTrue(message("{ type: ean13, value: x, x: 0, y: 0, gs1: true }").contains("carries no GS1 data"))
        XCTAssertTrue(message("{ type: qr, value: x, x: 0, y: 0, error_correction: Z }").contains("L, M, Q or H"))
        XCTAssertTrue(message("{ type: code39, value: x, x: 0, y: 0, error_correction: 2 }").contains("has none to choose"))
    }

    func testCode128StaysOnItsOwnEncoder() throws {
        let drawn = try rects("{ value: \"{code}\", x: 0, y: 0, module: 1, height: 20 }", "ABC")
        XCTAssertEqual(drawn.map(\.x), try Code128.bars(for: "ABC").bars.map { Double($0.offset) })
    }
}
