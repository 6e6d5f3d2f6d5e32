import Records
import XCTest
@testable import Templates

/// The inline markup of print text: what it compiles to, and that every mistake is reported at its column.
final class RichTextMarkupTests: XCTestCase {
    private func compile(_ value: String) throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            data:
              id: string
              name: string
              url: string
            colors: { alert: "#C00000" }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: '\(value)', x: 10, y: 10 }
            """, file: "/tmp/rich/template.yaml")
    }

    private func rich(_ value: String, name: String = "Ann") throws -> RichText {
        let template = try compile(value)
        guard case .text(let element) = template.regions.first[0], let rich = element.rich else {
            XCTFail("no rich text for \(value)")
            return RichText(text: "", spans: [])
        }
        let json = #"{"id": "1", "name": "\#(name)", "url": "https://x.example/1"}"#
        let record = try template.bind(JSONParser.parse(json))
        return try rich.evaluate(template.environment(for: record, runDate: 0))
    }

    private func error(_ value: String) -> String {
        do {
            _ = try compile(value)
            return "no error"
        } catch { return "\(error)" }
    }

    func testPlainTextTakesThePlainPath() throws {
        let template = try compile("Dear {name}, 3 < 4 & 5 > 2")
        guard case .text(let element) = template.regions.first[0] else { return XCTFail() }
        XCTAssertNil(element.rich)
        XCTAssertEqual(element.value.source, "Dear {name}, 3 < 4 & 5 > 2")
    }

    func testSpansCoverTheBytesOfTheirTags() throws {
        let text = try rich("Dear <b>{name}</b>, <i>see <u>this</u></i>.")
        XCTAssertEqual(text.text, "Dear Ann, see this.")
        var bold = SpanStyle(); bold.bold = true
        var italic = SpanStyle(); italic.italic = true
        var both = italic; both.underline = true
        XCTAssertEqual(text.spans, [TextSpan(start: 5, end: 8, style: bold), TextSpan(start: 10, end: 14, style: italic),
                                    TextSpan(start: 14, end: 18, style: both)])
    }

    func testValuesFromTheDataAreNeverMarkup() throws {
        let text = try rich("<b>{name}</b>", name: "<i>Eve</i> &lt;")
        XCTAssertEqual(text.text, "<i>Eve</i> &lt;")
        XCTAssertEqual(text.spans.count, 1)
        XCTAssertEqual(text.spans[0].style.bold, true)
    }

    func testEntitiesBreaksColoursSizesAndLinks() throws {
        let text = try rich(#"a &lt;b&gt; &amp;<br><span color="alert" size="14">red</span> <a href="{url}">go</a> x<sup>2</sup>"#)
        XCTAssertEqual(text.text, "a <b> &\nred go x2")
        XCTAssertEqual(text.spans.map(\.style.color), [Color(hex: "#C00000"), nil, nil])
        XCTAssertEqual(text.spans[0].style.size, 14)
        XCTAssertEqual(text.spans[1].style.link, "https://x.example/1")
        XCTAssertEqual(text.spans[2].style.script, .superscript)
    }

    func testAComparisonInsideAnExpressionIsNotATag() throws {
        let text = try rich(#"<b>{len(name) <b ? "short" : "long"}</b>"#.replacingOccurrences(of: "<b ?", with: "< 5 ?"))
        XCTAssertEqual(text.text, "short")
    }

    func testMistakesAreReportedAtTheirColumn() {
        // The value starts at column 23 of line 9 ('    - text: { value: ' plus the quote).
        XCTAssertEqual(error("Dear <bb>{name}</bb>"),
                       "/tmp/rich/template.yaml:9:28: error in regions.first[0] text.value: unknown tag <bb>. Did you mean 'b'? Tags are <b> <i> <u> <s> <sup> <sub> <span> <a> <br>; write &lt; for a literal <")
        XCTAssertTrue(error("<b>open").hasSuffix("<b> is not closed: add </b>"), error("<b>open"))
        XCTAssertTrue(error("<b><i>x</b></i>").contains("</b> closes <i>"), error("<b><i>x</b></i>"))
        XCTAssertTrue(error("x</u>").contains("</u> closes nothing"))
        XCTAssertTrue(error(#"<span colour="red">x</span>"#).contains("<span> has no attribute 'colour' (it takes: color, font, size)"))
        XCTAssertTrue(error(#"<span color="blurple">x</span>"#).contains("'blurple' is not a colour"))
        XCTAssertTrue(error(#"<a href="javascript:alert(1)">x</a>"#).contains("not a link a reader can follow"))
        XCTAssertTrue(error("<a>x</a>").contains("<a> needs href"))
        XCTAssertTrue(error("<b>{nmae}</b>").contains("nmae"), error("<b>{nmae}</b>"))
    }
}
