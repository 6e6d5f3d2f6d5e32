import Foundation
import Records
import Synchronization
@testable import Templates
import XCTest
@testable import Layout

/// Same input, same layout, however many threads lay out at once: two fresh composers working together in
/// a fresh process make what one alone makes. (Pango's own justification of lines ending at a soft hyphen
/// did not: the renewal notice's justified, hyphenated lines came out with spaces 0.2 pt apart from run to
/// run, so Inkstream justifies such text itself.) Run in a fresh test process to see the cold start.
final class ConcurrentLayoutTests: XCTestCase {
    private static func textOperations(_ document: LaidOutDocument) -> [String] {
        document.pages.flatMap(\.operations).compactMap { op in
            guard case .text(let o, let runs, _) = op else { return nil }
            return "\(o.x),\(o.y):" + runs.map { "\($0.text)@\($0.x)/" + $0.glyphs.map { "\($0.x)" }.joined(separator: ",") }.joined(separator: "|")
        }
    }

    func testTwoFreshComposersAtOnceMakeWhatOneMakes() throws {
        let template = try TemplateLoader.load("Templates/renewal_notice")
        let lines = try String(contentsOfFile: "Fixtures/renewal_notices.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        let records = try lines.map { try template.bind(JSONParser.parse($0)) }
        let together = Mutex<[Int: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let composer = DocumentComposer(template: template)
            for i in stride(from: worker, to: records.count, by: 2) {
                let ops = (try? composer.compose(records[i], runDate: 20_790)).map(Self.textOperations) ?? []
                together.withLock { $0[i] = ops }
            }
        }
        let alone = DocumentComposer(template: template)
        for (i, record) in records.enumerated() {
            XCTAssertEqual(together.withLock { $0[i] }, Self.textOperations(try alone.compose(record, runDate: 20_790)), "notice \(i)")
        }
    }

    func testJustifiedHyphenatedLinesReachTheWidthAndTheLastLineDoesNot() throws {
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string }
            document: { id: "{id}" }
            body:
              flow:
                - paragraph: { value: "The cost of labor and materials to rebuild a home like yours rose in our region, so your dwelling limit was adjusted.", width: 150, justify: true, hyphenate: true }
            """, file: "/tmp/justify/template.yaml")
        let page = try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(#"{"id": "a"}"#)), runDate: 0).pages[0]
        let rights = page.operations.compactMap { op -> Double? in
            guard case .text(let o, let runs, _) = op, let run = runs.last, let glyph = run.glyphs.last else { return nil }
            return o.x + run.x + Double(glyph.x)
        }
        XCTAssertGreaterThan(rights.count, 3)
        // Every line but the last ends at the same place (the last glyph's start, within a glyph's width of 150).
        for right in rights.dropLast() { XCTAssertEqual(right, rights[0], accuracy: 7, "\(rights)") }
        XCTAssertLessThan(rights.last!, rights[0] - 10)
    }
}
