import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Charts as drawing operations: bars below zero, values beyond the axis drawn to its edge with a mark,
/// stacks, pie slices in proportion, and the data mistakes that are a record's reject.
final class ChartTests: XCTestCase {
    private func ops(_ chart: String, _ json: String) throws -> [DrawOperation] {
        let template = try TemplateLoader.compile(yaml: """
            page: { size: [400, 400] }
            data: { id: string, labels: [string], a: [number], b: [number] }
            document: { id: "{id}" }
            regions:
              first:
                - chart: \(chart)
            """, file: "/tmp/chart-tests/template.yaml")
        let record = try template.bind(JSONParser.parse(json))
        return try DocumentComposer(template: template).compose(record, runDate: 0).pages[0].operations
    }

    private let data = #"{"id": "c", "labels": ["p", "q", "r"], "a": [30, -10, 150], "b": [10, 20, -5]}"#

    private func bars(_ ops: [DrawOperation], _ color: Color) -> [Rect] {
        ops.flatMap { op -> [Rect] in if case .fillRects(let r, let c) = op, c == color { r } else { [] } }
    }

    private func zeroLine(_ ops: [DrawOperation]) -> Double? {
        ops.compactMap { op -> Double? in
            if case .line(let from, let to, let s) = op, from.y == to.y, s.width == 0.75 { from.y } else { nil }
        }.first
    }

    func testNegativeBarsHangBelowZeroAndOverMaxBarsAreMarked() throws {
        let drawn = try ops("{ type: bar, x: 0, y: 0, width: 300, height: 200, categories: labels, max: 100, legend: none, series: [{ values: a, color: \"#112233\" }] }", data)
        let r = bars(drawn, Color(hex: "#112233")!)
        XCTAssertEqual(r.count, 3)
        let zero = try XCTUnwrap(zeroLine(drawn))
        XCTAssertEqual(r[0].y + r[0].height, zero, accuracy: 0.001, "a positive bar stands on zero")
        XCTAssertEqual(r[1].y, zero, accuracy: 0.001, "a negative bar hangs from zero")
        let top = r[2].y
        XCTAssertLessThan(top, r[0].y, "150 reaches the top of the 100 axis")
        let marks = drawn.filter { if case .path = $0 { true } else { false } }
        XCTAssertEqual(marks.count, 1, "the cut bar has its mark")
        let texts = drawn.compactMap { op -> String? in if case .text(_, let runs, _) = op { runs.map(\.text).joined() } else { nil } }
        XCTAssertTrue(texts.contains("150"), "and its value: \(texts)")
    }

    func testStackedBarsAddUpAndGoDownForNegatives() throws {
        let drawn = try ops("{ type: stacked_bar, x: 0, y: 0, width: 300, height: 200, categories: labels, max: 200, min: -50, legend: none, series: [{ values: a, color: \"#110000\" }, { values: b, color: \"#002200\" }] }", data)
        let a = bars(drawn, Color(hex: "#110000")!), b = bars(drawn, Color(hex: "#002200")!)
        XCTAssertEqual(a[0].y, b[0].y + b[0].height, accuracy: 0.001, "b's 10 sits on a's 30")
        XCTAssertEqual(b[0].height * 3, a[0].height, accuracy: 0.001)
        XCTAssertEqual(b[2].y, a[2].y + a[2].height, accuracy: 0.001, "r: a up, b's -5 down from zero")
    }

    func testPieSlicesAreInProportion() throws {
        let drawn = try ops("{ type: pie, x: 0, y: 0, width: 200, height: 200, categories: labels, legend: none, series: [{ values: b }] }",
                            #"{"id": "c", "labels": ["p", "q", "r"], "a": [], "b": [1, 1, 2]}"#)
        let slices = drawn.compactMap { op -> [PathElement]? in if case .path(let e, _, _) = op { e } else { nil } }
        XCTAssertEqual(slices.count, 3)
        // Quarter, quarter, half: one, one and two Bézier pieces; the last slice ends where the first began.
        XCTAssertEqual(slices.map { $0.filter { if case .curve = $0 { true } else { false } }.count }, [1, 1, 2])
        guard case .line(let first) = slices[0][1], case .curve(_, _, let last) = slices[2][slices[2].count - 2] else { return XCTFail() }
        XCTAssertEqual(first.x, last.x, accuracy: 1e-6)
        XCTAssertEqual(first.y, last.y, accuracy: 1e-6)
    }

    func testDataMistakesAreTheRecordsReject() {
        XCTAssertThrowsError(try ops("{ type: pie, x: 0, y: 0, width: 200, height: 200, categories: labels, series: [{ values: a }] }", data)) {
            XCTAssertTrue("\($0)".contains("pie slice 'q' is -10; pie slices must be positive"), "\($0)")
        }
        XCTAssertThrowsError(try ops("{ type: line, x: 0, y: 0, width: 200, height: 200, categories: labels, series: [{ values: a }] }",
                                     #"{"id": "c", "labels": ["p"], "a": [1, 2], "b": []}"#)) {
            XCTAssertTrue("\($0)".contains("chart at /tmp/chart-tests/template.yaml:6:") && "\($0)".contains("2 values for 1 category"), "\($0)")
        }
    }

    func testTemplateMistakes() {
        func message(_ chart: String) -> String {
            do { _ = try ops(chart, data); return "compiled" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("{ type: pi, x: 0, y: 0, width: 9, height: 9, series: [{ values: a }] }").contains("unknown chart type 'pi'"))
        XCTAssertTrue(message("{ type: pie, x: 0, y: 0, width: 9, height: 9, series: [{ values: a }, { values: b }] }").contains("one series"))
        let wrong = message("{ type: bar, x: 0, y: 0, width: 9, height: 9, series: [{ values: labels }] }")
        XCTAssertTrue(wrong.contains("template.yaml:6:") && wrong.contains("[string]"), wrong)
    }

    func testBarChartDrawsNegativesAndMarksValuesAboveMax() throws {
        let template = try TemplateLoader.compile(yaml: """
            page: { size: [400, 400] }
            data: { id: string, a: [number] }
            document: { id: "{id}" }
            regions:
              first:
                - bar_chart: { values: a, x: 10, y: 10, width: 300, height: 100, max: 100, bar_width: 20, bar_color: "#112233" }
            """, file: "/tmp/chart-tests/template.yaml")
        let record = try template.bind(JSONParser.parse(#"{"id": "c", "a": [50, -25, 150]}"#))
        let drawn = try DocumentComposer(template: template).compose(record, runDate: 0).pages[0].operations
        let r = bars(drawn, Color(hex: "#112233")!)
        // 125 units over 100 pt: zero at 10 + 80; -25 hangs 20 pt below it; 150 is cut at the top, marked.
        XCTAssertEqual(r[0].y + r[0].height, 90, accuracy: 0.001)
        XCTAssertEqual(r[1].y, 90, accuracy: 0.001)
        XCTAssertEqual(r[1].height, 20, accuracy: 0.001)
        XCTAssertEqual(r[2].y, 10, accuracy: 0.001)
        XCTAssertEqual(drawn.filter { if case .path = $0 { true } else { false } }.count, 1)
    }

    func testTheSameChartIsTheSameOperations() throws {
        let chart = "{ type: grouped_bar, x: 0, y: 0, width: 300, height: 200, categories: labels, series: [{ values: a }, { values: b }] }"
        XCTAssertEqual("\(try ops(chart, data))", "\(try ops(chart, data))")
    }
}
