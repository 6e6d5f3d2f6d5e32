import Records
@testable import Templates
import XCTest
@testable import Layout

/// What one record can do to the layout is bounded: pages per document, text Pango can position, grid lines.
final class HostileLayoutTests: XCTestCase {
    private func template(_ extra: String) throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            data:
              id: string
              rows: [string]
              usage: [number]
              text: string
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "{text}", x: 10, y: 10 }
                - bar_chart: { values: usage, x: 10, y: 40, width: 200, height: 50, grid_step: 10, bar_width: 5 }
            body:
              top: 100
              flow:
                - table:
                    rows: rows
                    row: { height: 100 }
                    columns: [{ header: Item, width: 100, value: "{item}" }]
            \(extra)
            """, file: "/tmp/hostile-layout/template.yaml")
    }

    private func compose(_ template: CompiledTemplate, rows: Int, usage: Double = 1, text: String = "x") throws -> LaidOutDocument {
        let rowsJSON = "[" + Array(repeating: "\"r\"", count: rows).joined(separator: ",") + "]"
        let json = #"{"id": "a", "rows": \#(rowsJSON), "usage": [\#(usage)], "text": "\#(text)"}"#
        let value = try template.bind(JSONParser.parse(json))
        return try DocumentComposer(template: template).compose(value, runDate: 0)
    }

    func testPagesStopAtTheLimit() throws {
        let template = try template("limits: { max_pages: 3 }")
        XCTAssertEqual(try compose(template, rows: 18).pages.count, 3)  // 6 rows a page
        XCTAssertThrowsError(try compose(template, rows: 19)) { error in
            XCTAssertEqual("\(error)", "the document needs more than 3 pages, the template's limits.max_pages "
                           + "(raise it in the template's limits: section if such documents are real)")
        }
    }

    func testDefaultPageLimitStopsAHugeTable() throws {
        let template = try template("")
        XCTAssertThrowsError(try compose(template, rows: 10_000)) { error in
            XCTAssertTrue("\(error)".contains("more than 1000 pages"), "\(error)")
        }
    }

    func testAChartValueFarAboveTheGridStepIsAnErrorNotAnEndlessLoop() throws {
        let template = try template("")
        XCTAssertNoThrow(try compose(template, rows: 1, usage: 9_000))
        for usage in [1e12, 1e300] {
            XCTAssertThrowsError(try compose(template, rows: 1, usage: usage)) { error in
                XCTAssertTrue("\(error)".contains("grid lines, more than 1000"), "\(error)")
            }
        }
    }

    func testTextTooLongForPangoPositionsIsAnErrorNotATrap() throws {
        XCTAssertTrue(TextShaper.fitsPango(bytes: 100_000, size: 16))
        XCTAssertFalse(TextShaper.fitsPango(bytes: 230_000, size: 10))
        let shaper = TextShaper()
        let font = FontKey(family: "DejaVu Sans", size: 10, bold: false, italic: false)
        XCTAssertThrowsError(try shaper.shape(String(repeating: "W", count: 230_000), font: font))
        // Just inside: one line of 160,000 wide glyphs, 1.6 million points long.
        let shaped = try shaper.shape(String(repeating: "W", count: 160_000), font: font)
        XCTAssertGreaterThan(shaped.width, 1_000_000)
    }
}
