import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// `repeat:` over a list from the data: every element laid out (the seventh and eighth group of an invoice
/// too), `loop` fields, nested repeats, page breaks between repetitions, and the mistakes `check` names.
final class RepeatTests: XCTestCase {
    private static let data = """
        data:
          id: string
          groups:
            - name: string
              lines: [string]
        """

    private func compose(_ flow: String, _ json: String) throws -> LaidOutDocument {
        let template = try TemplateLoader.compile(yaml: """
            page: { size: [300, 200], margins: 20 }
            \(Self.data)
            document: { id: "{id}" }
            body:
              top: 20
              bottom: 180
              flow:
            \(flow.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: "/tmp/repeat-tests/template.yaml")
        let record = try template.bind(JSONParser.parse(json))
        return try DocumentComposer(template: template).compose(record, runDate: 0)
    }

    private func lines(_ page: Page) -> [String] {
        page.operations.compactMap { op -> String? in
            guard case .text(_, let runs, _) = op else { return nil }
            return runs.map(\.text).joined().trimmingCharacters(in: .whitespaces)
        }
    }

    private func groups(_ n: Int, lines: Int = 1) -> String {
        let items = (1...n).map { g in
            "{\"name\": \"G\(g)\", \"lines\": [\((1...lines).map { "\"g\(g)l\($0)\"" }.joined(separator: ","))]}"
        }
        return "{\"id\": \"a\", \"groups\": [\(items.joined(separator: ","))]}"
    }

    func testEveryElementOfTheListIsLaidOutInOrder() throws {
        let document = try compose("""
            - repeat:
                over: groups
                item: g
                flow:
                  - paragraph: { value: "{g.name}" }
            """, groups(8))
        XCTAssertEqual(document.pages.flatMap(lines), (1...8).map { "G\($0)" })
    }

    func testLoopGivesIndexNumberFirstLastAndCount() throws {
        let document = try compose("""
            - repeat:
                over: groups
                item: g
                index: i
                flow:
                  - paragraph: { value: "{i}/{loop.number}/{loop.count}{loop.first ? ' first' : ''}{loop.last ? ' last' : ''}" }
            """, groups(3))
        XCTAssertEqual(document.pages.flatMap(lines), ["0/1/3 first", "1/2/3", "2/3/3 last"])
    }

    func testNestedRepeatsSeeBothElements() throws {
        let document = try compose("""
            - repeat:
                over: groups
                item: g
                flow:
                  - paragraph: { value: "{g.name}" }
                  - repeat:
                      over: g.lines
                      item: line
                      flow:
                        - paragraph: { value: "{g.name}:{line}:{loop.number}" }
            """, groups(2, lines: 2))
        XCTAssertEqual(document.pages.flatMap(lines), ["G1", "G1:g1l1:1", "G1:g1l2:2", "G2", "G2:g2l1:1", "G2:g2l2:2"])
    }

    func testBreakBetweenStartsEachRepetitionOnANewPage() throws {
        let document = try compose("""
            - paragraph: { value: "intro" }
            - repeat:
                over: groups
                item: g
                break_between: true
                flow:
                  - paragraph: { value: "{g.name}" }
            - paragraph: { value: "end" }
            """, groups(3))
        XCTAssertEqual(document.pages.map(lines), [["intro", "G1"], ["G2"], ["G3", "end"]])
    }

    func testBreakBetweenOddLeavesABlankPage() throws {
        let document = try compose("""
            - repeat:
                over: groups
                item: g
                break_between: odd
                flow:
                  - paragraph: { value: "{g.name}" }
            """, groups(2))
        XCTAssertEqual(document.pages.map(lines), [["G1"], [], ["G2"]])
    }

    func testAnEmptyListShowsNothing() throws {
        let document = try compose("""
            - paragraph: { value: "before" }
            - repeat: { over: groups, item: g, flow: [ { paragraph: { value: "{g.name}" } } ] }
            - paragraph: { value: "after" }
            """, #"{"id": "a", "groups": []}"#)
        XCTAssertEqual(document.pages.flatMap(lines), ["before", "after"])
    }

    func testRepetitionsFlowOverPages() throws {
        // 30 groups of 10 pt lines do not fit one 160 pt body: they go on, none lost.
        let document = try compose("""
            - repeat: { over: groups, item: g, flow: [ { paragraph: { value: "{g.name}" } } ] }
            """, groups(30))
        XCTAssertGreaterThan(document.pages.count, 1)
        XCTAssertEqual(document.pages.flatMap(lines), (1...30).map { "G\($0)" })
    }

    func testMistakesAreNamedAtTheirLine() throws {
        func error(_ flow: String) -> String {
            do {
                _ = try compose(flow, groups(1))
                return "compiled"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(error("- repeat: { item: g, flow: [] }").contains("a repeat needs 'over:'"))
        XCTAssertTrue(error("- repeat: { over: id, item: g, flow: [] }").contains("'over:' must give a list"))
        let unknown = error("- repeat: { over: groups, item: g, flow: [ { paragraph: { value: \"{nope}\" } } ] }")
        XCTAssertTrue(unknown.contains("nope"), unknown)
        XCTAssertTrue(unknown.contains("template.yaml:"), unknown)
        XCTAssertTrue(error("- repeat: { over: groups, flow: [], colour: red }").contains("colour"))
    }
}
