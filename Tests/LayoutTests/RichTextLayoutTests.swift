import Records
@testable import Templates
import XCTest
@testable import Layout

/// Golden display lists for rich text: the fonts, colours, bars and link areas each tag makes, and the
/// reject for text no font can show.
final class RichTextLayoutTests: XCTestCase {
    private func compose(_ value: String, name: String = "Ann") throws -> Page {
        let template = try TemplateLoader.compile(yaml: """
            data: { id: string, name: string }
            colors: { alert: "#C00000" }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: '\(value)', x: 100, y: 100, size: 10 }
            """, file: "/tmp/rich-layout/template.yaml")
        let record = try template.bind(JSONParser.parse(#"{"id": "a", "name": "\#(name)"}"#))
        return try DocumentComposer(template: template).compose(record, runDate: 0).pages[0]
    }

    private func texts(_ page: Page) -> [(origin: Point, runs: [GlyphRun], color: Color)] {
        page.operations.compactMap { if case .text(let o, let r, let c) = $0 { (o, r, c) } else { nil } }
    }

    func testBoldAndItalicRunsUseTheirOwnFaces() throws {
        let page = try compose("plain <b>bold</b> <i>italic</i>")
        let runs = texts(page).flatMap(\.runs)
        let files = runs.map { FontRegistry.shared.file(for: $0.font).path }
        XCTAssertEqual(runs.map(\.text), ["plain ", "bold", " ", "italic"])
        XCTAssertFalse(files[0].contains("Bold"), files[0])
        XCTAssertTrue(files[1].hasSuffix("DejaVuSans-Bold.ttf"), files[1])
        XCTAssertTrue(files[3].contains("Oblique"), files[3])
        // One line, one colour: one text operation, nothing else drawn.
        XCTAssertEqual(page.operations.count, 1)
    }

    func testColoursSplitTheLineAndSizesComeFromTheSpan() throws {
        let page = try compose(#"a <span color="alert" size="14">red</span> b"#)
        let ops = texts(page)
        XCTAssertEqual(ops.map { $0.runs.map(\.text) }, [["a "], ["red"], [" b"]])
        XCTAssertEqual(ops.map(\.color), [.black, Color(hex: "#C00000")!, .black])
        XCTAssertEqual(ops[1].runs[0].size, 14)
        XCTAssertEqual(ops[0].runs[0].size, 10)
        XCTAssertEqual(Set(ops.map(\.origin.y)).count, 1, "one baseline")
    }

    func testSuperscriptIsSmallerAndRaised() throws {
        let runs = texts(try compose("E=mc<sup>2</sup> H<sub>2</sub>O")).flatMap(\.runs)
        let sup = try XCTUnwrap(runs.first { $0.text == "2" })
        let sub = try XCTUnwrap(runs.last { $0.text == "2" })
        XCTAssertLessThan(sup.size, 10)
        XCTAssertLessThan(sup.y, -2, "raised above the baseline (y grows down the page)")
        XCTAssertGreaterThan(sub.y, 0.5, "lowered below it")
    }

    func testUnderlineAndStrikeAreBarsUnderAndThroughTheirRun() throws {
        let page = try compose("x <u>under</u> <s>struck</s>")
        let bars = page.operations.compactMap { if case .fillRects(let r, _) = $0 { r[0] } else { nil } }
        XCTAssertEqual(bars.count, 2)
        let baseline = texts(page)[0].origin.y
        let runs = texts(page)[0].runs
        let under = try XCTUnwrap(runs.first { $0.text == "under" })
        XCTAssertEqual(bars[0].x, 100 + under.x, accuracy: 0.01)
        XCTAssertGreaterThan(bars[0].y, baseline, "an underline sits below the baseline")
        XCTAssertLessThan(bars[0].y, baseline + 3)
        XCTAssertLessThan(bars[1].y, baseline - 1, "a strike-through crosses the letters")
        XCTAssertGreaterThan(bars[0].width, 20)
    }

    func testALinkIsAnAreaOverItsTextAndDataCannotMakeAScriptLink() throws {
        let page = try compose(#"see <a href="https://example.com/{id}">the terms</a>"#)
        let links = page.operations.compactMap { if case .link(let r, let uri) = $0 { (r, uri) } else { nil } }
        XCTAssertEqual(links.count, 1)
        XCTAssertEqual(links[0].1, "https://example.com/a")
        let run = try XCTUnwrap(texts(page).flatMap(\.runs).first { $0.text == "the terms" })
        XCTAssertEqual(links[0].0.x, 100 + run.x, accuracy: 0.01)
        XCTAssertTrue(links[0].0.y < 100 + 1 && links[0].0.y + links[0].0.height > 105, "\(links[0].0)")

        XCTAssertThrowsError(try compose(#"<a href="{name}">x</a>"#, name: "javascript:alert(1)")) { error in
            XCTAssertTrue("\(error)".contains("is not a URL a reader can follow"), "\(error)")
        }
    }

    func testTextNoFontCanShowRejectsTheRecordNamingTheCharacter() throws {
        XCTAssertThrowsError(try compose("Dear {name}", name: "Ann \u{10FFFD}")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("text at /tmp/rich-layout/template.yaml:6:"), message)
            XCTAssertTrue(message.contains("no font can show (U+10FFFD)"), message)
            XCTAssertTrue(message.contains("fonts-noto-cjk"), message)
        }
    }
}
