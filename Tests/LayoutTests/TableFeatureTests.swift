import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Grouped tables with group headers, footers and subtotals; carried and brought forward totals at page
/// breaks; spans over columns and rows; widths in points, percent and auto; cells with markup and elements.
final class TableFeatureTests: XCTestCase {
    private func compose(_ table: String, rows: [(String, String, Double)], bodyBottom: Int = 380) throws -> LaidOutDocument {
        let template = try TemplateLoader.compile(yaml: """
            page: { size: [400, 400], margins: 20 }
            data:
              id: string
              lines:
                - group: string
                  item: string
                  amount: number
            document: { id: "{id}" }
            body:
              top: 20
              bottom: \(bodyBottom)
              flow:
                - table:
            \(table.split(separator: "\n").map { "            " + $0 }.joined(separator: "\n"))
            """, file: "/tmp/table-tests/template.yaml")
        let lines = rows.map { "{\"group\": \"\($0.0)\", \"item\": \"\($0.1)\", \"amount\": \($0.2)}" }.joined(separator: ",")
        let record = try template.bind(JSONParser.parse("{\"id\": \"t\", \"lines\": [\(lines)]}"))
        return try DocumentComposer(template: template).compose(record, runDate: 0)
    }

    private func texts(_ page: Page) -> [String] {
        page.operations.compactMap { op -> String? in
            guard case .text(_, let runs, _) = op else { return nil }
            return runs.map(\.text).joined()
        }
    }

    private func textOrigins(_ page: Page) -> [(String, Point)] {
        page.operations.compactMap { op in
            guard case .text(let origin, let runs, _) = op else { return nil }
            return (runs.map(\.text).joined(), origin)
        }
    }

    private static let columns = """
        columns:
          - { header: Item, width: 200, value: "{line.item}" }
          - { header: Amount, width: 100, align: right, value: "{number(line.amount, 2)}" }
        """

    private let invoice: [(String, String, Double)] = [("Calls", "Local", 1.5), ("Calls", "Mobile", 2.25), ("Data", "4G", 10),
                                                       ("Data", "Roaming", 5), ("Data", "5G", 1), ("Fees", "Line rental", 12)]

    func testGroupsGetHeadersFootersAndSubtotals() throws {
        let document = try compose("""
            rows: lines
            item: line
            \(Self.columns)
            group_by: line.group
            group_header: { value: "{group.key} ({group.count})" }
            group_footer:
              cells: [{ value: "Subtotal {group.key}", align: right }, "{number(sum(group.rows.amount), 2)}"]
            totals:
              - cells: ["Total", "{number(sum(running.rows.amount), 2)}"]
            """, rows: invoice)
        XCTAssertEqual(texts(document.pages[0]), [
            "Calls (2)", "Local", "1.50", "Mobile", "2.25", "Subtotal Calls", "3.75",
            "Data (3)", "4G", "10.00", "Roaming", "5.00", "5G", "1.00", "Subtotal Data", "16.00",
            "Fees (1)", "Line rental", "12.00", "Subtotal Fees", "12.00", "Total", "31.75"])
    }

    func testCarriedAndBroughtForwardTotalsAtAPageBreak() throws {
        // 14 pt rows in a 100 pt body: 6 rows and a carried row fit the first page.
        let rows = (1...10).map { ("g", "row \($0)", Double($0)) }
        let document = try compose("""
            rows: lines
            item: line
            \(Self.columns)
            carried: { cells: ["Carried forward", "{number(sum(running.rows.amount), 2)}"] }
            brought: { cells: ["Brought forward", "{number(sum(running.rows.amount), 2)}"] }
            totals: [{ cells: ["Total", "{number(sum(running.rows.amount), 2)}"] }]
            """, rows: rows, bodyBottom: 120)
        XCTAssertEqual(document.pages.count, 2)
        let first = texts(document.pages[0]), second = texts(document.pages[1])
        XCTAssertEqual(Array(first.suffix(2)), ["Carried forward", "21.00"], "\(first)")
        XCTAssertEqual(Array(second.prefix(2)), ["Brought forward", "21.00"], "\(second)")
        XCTAssertEqual(Array(second.suffix(2)), ["Total", "55.00"])
        XCTAssertEqual(first.filter { $0.hasPrefix("row") } + second.filter { $0.hasPrefix("row") }, (1...10).map { "row \($0)" })
        // The carried row stays inside the body.
        let carried = textOrigins(document.pages[0]).first { $0.0 == "Carried forward" }!
        XCTAssertLessThanOrEqual(carried.1.y, 120)
    }

    func testAGroupHeaderNeverStandsAloneAtTheFootOfAPage() throws {
        let rows = (1...5).map { ("A", "a\($0)", 1.0) } + (1...3).map { ("B", "b\($0)", 1.0) }
        let document = try compose("""
            rows: lines
            item: line
            \(Self.columns)
            group_by: line.group
            group_header: { value: "Group {group.key}" }
            """, rows: rows, bodyBottom: 120)
        // Page 1: header A + 5 rows = 6 rows of 14 pt; "Group B" would be the 7th with no row after it.
        XCTAssertEqual(texts(document.pages[0]).last, "1.00")
        XCTAssertEqual(texts(document.pages[1]).first, "Group B")
    }

    func testSpanRowsShowsAValueOnceAndAgainOnANewPage() throws {
        let rows = (1...9).map { ("Calls", "c\($0)", 1.0) }
        let document = try compose("""
            rows: lines
            item: line
            row: { rule: { stroke: "#000000" } }
            columns:
              - { header: Group, width: 100, value: "{line.group}", span_rows: true }
              - { header: Item, width: 200, value: "{line.item}" }
            """, rows: rows, bodyBottom: 120)
        XCTAssertEqual(texts(document.pages[0]).filter { $0 == "Calls" }.count, 1)
        XCTAssertEqual(texts(document.pages[1]).filter { $0 == "Calls" }.count, 1, "shown again at the top of the next page")
        // Rules of the spanned rows leave the spanning column out: they start at its right edge.
        let rules = document.pages[0].operations.compactMap { op -> Point? in
            if case .line(let from, _, _) = op { return from } else { return nil }
        }
        XCTAssertEqual(rules.first?.x, 20)
        XCTAssertEqual(rules.dropFirst().map(\.x), Array(repeating: 120, count: rules.count - 1))
    }

    func testWidthsInPointsPercentAndAuto() throws {
        let document = try compose("""
            rows: lines
            item: line
            width: 360
            columns:
              - { header: A, width: 60, value: "{line.item}" }
              - { header: B, width: "25%", value: "b" }
              - { header: C, value: "c" }
              - { header: D, width: auto, value: "d" }
            """, rows: [("g", "a", 1)])
        let headers = textOrigins(document.pages[0]).prefix(4).map(\.1.x)
        // padding 4: A at 20, B at 80, C at 80 + 90, D at 170 + 105.
        XCTAssertEqual(headers, [24, 84, 174, 279])
    }

    func testCellsHoldMarkupAndElements() throws {
        let document = try compose("""
            rows: lines
            item: line
            columns:
              - { header: Item, width: 200, value: "<b>{line.item}</b> <i>note</i>" }
              - header: Meter
                width: 100
                elements:
                  - rect: { x: 4, y: 3, width: "{line.amount * 10}", height: 8, fill: "#2E7D32" }
            """, rows: [("g", "first", 2), ("g", "second", 5)])
        let widths = document.pages[0].operations.compactMap { op -> Double? in
            if case .fillRects(let rects, _) = op { return rects.first?.width } else { return nil }
        }
        XCTAssertEqual(widths, [20, 50])
        let boldRuns = document.pages[0].operations.compactMap { op -> Int? in
            if case .text(_, let runs, _) = op { return runs.count } else { return nil }
        }
        XCTAssertFalse(boldRuns.isEmpty)
    }

    func testMistakesAreReported() {
        func error(_ table: String) -> String {
            do { _ = try compose(table, rows: []); return "compiled" } catch { return "\(error)" }
        }
        let spans = error("rows: lines\nitem: line\n\(Self.columns)\ntotals: [{ cells: [{ value: x, span: 3 }] }]")
        XCTAssertTrue(spans.contains("cover 3 columns, the table has 2"), spans)
        let header = error("rows: lines\nitem: line\n\(Self.columns)\ngroup_header: { value: x }")
        XCTAssertTrue(header.contains("needs group_by"), header)
        let tooWide = error("rows: lines\nitem: line\nwidth: 100\ncolumns: [{ value: a, width: 100 }, { value: b }]")
        XCTAssertTrue(tooWide.contains("nothing is left"), tooWide)
        let percent = error("rows: lines\nitem: line\ncolumns: [{ value: a, width: \"120%\" }]")
        XCTAssertTrue(percent.contains("0 to 100%"), percent)
    }
}
