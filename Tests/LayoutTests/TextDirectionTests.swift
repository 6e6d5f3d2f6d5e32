import Records
@testable import Templates
import XCTest
@testable import Layout

/// Right-to-left text keeps the alignment the designer wrote (left is left), `start` and `end` follow the
/// direction, and `direction:` overrides what the first letter says.
final class TextDirectionTests: XCTestCase {
    private func line(_ attributes: String, text: String) throws -> (left: Double, right: Double) {
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string, text: string }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "{text}", x: 100, y: 100, width: 300\(attributes) }
            """, file: "/tmp/direction/template.yaml")
        let json = #"{"id": "a", "text": "\#(text)"}"#
        let page = try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(json)), runDate: 0).pages[0]
        guard case .text(let origin, let runs, _) = page.operations[0] else { throw XCTSkip("no text") }
        let left = runs.map { origin.x + $0.x }.min()!
        let right = runs.map { run in origin.x + run.x + Double(run.glyphs.last!.x) + 8 }.max()!
        return (left, right)
    }

    func testArabicStaysLeftAlignedInALeftAlignedBox() throws {
        let arabic = try line("", text: "محمد علي")
        XCTAssertEqual(arabic.left, 100, accuracy: 0.5, "left is left, whatever the script")
    }

    func testStartAndEndFollowTheDirection() throws {
        let start = try line(", align: start", text: "محمد علي")
        XCTAssertGreaterThan(start.left, 300, "start is the right edge for Arabic")
        let end = try line(", align: end", text: "محمد علي")
        XCTAssertEqual(end.left, 100, accuracy: 0.5)
        let latinStart = try line(", align: start", text: "Ann Lee")
        XCTAssertEqual(latinStart.left, 100, accuracy: 0.5)
    }

    func testDirectionOverridesTheFirstLetter() throws {
        // An English sentence that starts with a Hebrew name: auto would make the paragraph right-to-left.
        let auto = try line(", align: start", text: "דוד wrote to us")
        let forced = try line(", align: start, direction: ltr", text: "דוד wrote to us")
        XCTAssertGreaterThan(auto.left, 200)
        XCTAssertEqual(forced.left, 100, accuracy: 0.5)
        XCTAssertThrowsError(try line(", direction: sideways", text: "x")) { error in
            XCTAssertTrue("\(error)".contains("unknown direction 'sideways'"), "\(error)")
        }
    }
}
