import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Golden layouts for pagination control, lists, headings and hyphenation: which lines land on which
/// page, where markers go, what the outline holds.
final class FlowPaginationTests: XCTestCase {
    /// A body 100 pt tall (top 50, bottom 150) of 10 pt DejaVu lines (11.6 pt each: 8 lines a page).
    private func compose(_ flow: String, locale: String = "en_US", data: String = "{}") throws -> LaidOutDocument {
        let template = try TemplateLoader.compile(yaml: """
            locale: \(locale)
            page: { size: [300, 200], margins: 20 }
            data: { id: string?, rows: "[string]?" }
            document: { id: "doc" }
            body:
              top: 50
              bottom: 150
              flow:
            \(flow.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: "/tmp/flow-pagination/template.yaml")
        let record = try template.bind(JSONParser.parse(data))
        return try DocumentComposer(template: template).compose(record, runDate: 0)
    }

    private func lines(_ page: Page) -> [String] {
        page.operations.compactMap { op -> String? in
            guard case .text(_, let runs, _) = op else { return nil }
            return runs.map(\.text).joined().trimmingCharacters(in: .whitespaces)
        }
    }

    private func lineTops(_ page: Page) -> [Double] {
        page.operations.compactMap { if case .text(let o, _, _) = $0 { o.y } else { nil } }
    }

    private func paragraph(_ n: Int, _ extra: String = "") -> String {
        let words = (1...n).map { "line\($0)" }.joined(separator: " ")
        return "- paragraph: { value: \"\(words)\", width: 40\(extra) }"
    }

    func testEightLinesFillAPage() throws {
        let document = try compose(paragraph(10))
        XCTAssertEqual(document.pages.map { lines($0).count }, [8, 2])
    }

    func testWidowsPullLinesOntoTheNextPage() throws {
        let document = try compose(paragraph(10, ", widows: 3"))
        XCTAssertEqual(document.pages.map { lines($0).count }, [7, 3])
    }

    func testOrphansMoveTheWholeStartToTheNextPage() throws {
        // 6 lines fill the first page; a paragraph of 5 would leave 2 there; orphans: 3 moves it all.
        let document = try compose(paragraph(6) + "\n" + paragraph(5, ", orphans: 3"))
        XCTAssertEqual(document.pages.map { lines($0) }, [(1...6).map { "line\($0)" }, (1...5).map { "line\($0)" }])
    }

    func testKeepTogetherStartsANewPageWhenTheLinesFitOnOne() throws {
        let document = try compose(paragraph(5) + "\n" + paragraph(4, ", keep_together: true"))
        XCTAssertEqual(document.pages.map { lines($0).count }, [5, 4])
    }

    func testAListKeptTogetherMovesWholeToTheNextPage() throws {
        // 6 lines fill most of the page; a list of 3 one-line items would leave its last item alone overleaf.
        let list = "- list: { rows: rows, item: r, value: \"{r}\", keep_together: true }"
        let document = try compose(paragraph(6) + "\n" + list, data: #"{"rows": ["a", "b", "c"]}"#)
        XCTAssertEqual(document.pages.count, 2)
        XCTAssertEqual(lines(document.pages[0]).filter { ["a", "b", "c"].contains($0) }, [])
        XCTAssertEqual(lines(document.pages[1]).filter { ["a", "b", "c"].contains($0) }, ["a", "b", "c"])
    }

    func testAHeadingIsNeverLeftAtTheFootOfAPage() throws {
        // 7 lines, then a heading (1 line): it would fit, but its paragraph's first line would not.
        let document = try compose(paragraph(7) + "\n- paragraph: { value: \"Heading\", outline: 1 }\n" + paragraph(3, ", orphans: 2"))
        XCTAssertEqual(lines(document.pages[0]).count, 7)
        XCTAssertEqual(lines(document.pages[1]).first, "Heading")
        XCTAssertEqual(document.headings, [Heading(level: 1, title: "Heading", page: 1, y: 20)])
    }

    func testAHeadingsSpaceAfterCountsWhenKeepingItWithItsText() throws {
        // 6 lines, a heading with 12 pt after it, one line: heading and line fit only without the space after.
        let document = try compose(paragraph(6) + "\n- paragraph: { value: \"Heading\", outline: 1, space_after: 12 }\n" + paragraph(1))
        XCTAssertEqual(document.pages.map(lines), [(1...6).map { "line\($0)" }, ["Heading", "line1"]])
    }

    func testAHeadingWhoseSpaceAfterOverflowsStillMoves() throws {
        // 7 lines, then a heading whose line fits but whose space after does not.
        let document = try compose(paragraph(7) + "\n- paragraph: { value: \"Heading\", outline: 1, space_after: 12 }\n" + paragraph(1))
        XCTAssertEqual(document.pages.map(lines), [(1...7).map { "line\($0)" }, ["Heading", "line1"]])
    }

    func testPagesIsTheCountInTheBodyToo() throws {
        let document = try compose("- paragraph: { value: \"This notice has {pages} pages.\" }\n" + paragraph(20))
        XCTAssertEqual(document.pages.count, 3)
        XCTAssertEqual(lines(document.pages[0]).first, "This notice has 3 pages.")
        // A one-page document says 1 (the first pass, with pages null, is laid out again with the count).
        let plain = try compose("- paragraph: { value: \"pages: {pages ?? 0}\" }")
        XCTAssertEqual(lines(plain.pages[0]).first, "pages: 1")
    }

    func testPageBreaksBeforeAfterAndOdd() throws {
        let document = try compose("""
            - paragraph: { value: "one", page_break_after: true }
            - paragraph: { value: "two", page_break_before: true }
            - page_break: odd
            - paragraph: { value: "three" }
            - page_break: true
            """)
        // "two" on page 2 (one break, not two), "three" on page 3 (odd already), and no blank page at the end.
        XCTAssertEqual(document.pages.map(lines), [["one"], ["two"], ["three"]])
        let odd = try compose("- paragraph: { value: \"one\" }\n- paragraph: { value: \"two\", page_break_before: odd }")
        XCTAssertEqual(odd.pages.map(lines), [["one"], [], ["two"]], "a blank page so that 'two' starts on page 3")
    }

    func testNestedNumberedListMarkersAndHangingIndent() throws {
        let document = try compose("""
            - list:
                marker: decimal
                x: 20
                width: 260
                items:
                  - "first"
                  - value: "second"
                    items: ["sub one", "sub two"]
                  - "third item long enough to wrap onto the next line of the list body here"
            """)
        let page = document.pages[0]
        let texts = page.operations.compactMap { op -> (String, Double)? in
            guard case .text(let o, let runs, _) = op else { return nil }
            return (runs.map(\.text).joined().trimmingCharacters(in: .whitespaces), o.x)
        }
        XCTAssertEqual(texts.map(\.0), ["first", "1.", "second", "2.", "sub one", "a.", "sub two", "b.",
                                        "third item long enough to wrap onto the next", "3.", "line of the list body here"])
        let x = Dictionary(texts.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(x["first"], 38)                 // x + indent
        XCTAssertEqual(x["sub one"], 56)               // one level further in
        XCTAssertEqual(x["line of the list body here"], 38, "wrapped lines hang at the text, not under the marker")
        XCTAssertLessThan(x["1."]!, 38)
        XCTAssertEqual(ListMarker.upperRoman.text(1994), "MCMXCIV.")
        XCTAssertEqual(ListMarker.lowerAlpha.text(28), "ab.")
    }

    func testListItemsFromTheData() throws {
        let document = try compose("- list: { rows: rows, item: r, value: \"{upper(r)}\", marker: \"✓\" }", data: #"{"rows": ["a", "b"]}"#)
        XCTAssertEqual(lines(document.pages[0]), ["A", "✓", "B", "✓"])
    }

    func testHyphenationBreaksLongWordsWithTheLocalesPatterns() throws {
        let text = "Telekommunikationsdienstleistungsverträge"
        let plain = try compose("- paragraph: { value: \"\(text)\", width: 120 }", locale: "de_DE")
        let hyphenated = try compose("- paragraph: { value: \"\(text)\", width: 120, hyphenate: true }", locale: "de_DE")
        let lines = self.lines(hyphenated.pages[0])
        XCTAssertGreaterThan(lines.count, 1)
        // Each break is at a soft hyphen the patterns put between syllables, shown as a hyphen at the line end.
        for line in lines.dropLast() { XCTAssertEqual(line.unicodeScalars.last, "\u{00AD}", line) }
        XCTAssertEqual(lines.joined().replacingOccurrences(of: "\u{00AD}", with: ""), text)
        XCTAssertEqual(self.lines(plain.pages[0]).joined().replacingOccurrences(of: "\u{00AD}", with: ""), text)
        XCTAssertTrue(lines[0].replacingOccurrences(of: "\u{00AD}", with: "").hasPrefix("Telekommunika"), lines[0])
    }

    func testHyphenationLeavesAddressesNumbersAndShortWordsAlone() throws {
        guard let path = HyphenationPatterns.path(for: "en_US"), let hyphenator = Hyphenator(path: path) else {
            return XCTFail("hyphen-en-us is not installed")
        }
        XCTAssertEqual(hyphenator.hyphenate("mail billing@northwind.example or https://northwind.example/accountability"),
                       "mail billing@northwind.example or https://northwind.example/accountability")
        XCTAssertEqual(hyphenator.hyphenate("the ACCT-20261203 word"), "the ACCT-20261203 word")
        XCTAssertEqual(hyphenator.hyphenate("hyphenation"), "hy\u{00AD}phen\u{00AD}ation")
        XCTAssertEqual(hyphenator.hyphenate("pre\u{00AD}set"), "pre\u{00AD}set", "a word with a soft hyphen is the writer's")
        // Spans of rich text move with their bytes.
        var bold = SpanStyle(); bold.bold = true
        let marked = hyphenator.hyphenate("see hyphenation now", spans: [TextSpan(start: 4, end: 15, style: bold)])
        XCTAssertEqual(marked.text, "see hy\u{00AD}phen\u{00AD}ation now")
        XCTAssertEqual(marked.spans.map { [$0.start, $0.end] }, [[4, 19]])
    }

    func testHyphenationWithoutPatternsIsATemplateError() throws {
        // Japanese has no hyphenation patterns (lines break between characters instead).
        try XCTSkipUnless(SupportedLocales.isSupported("ja_JP"), "ja_JP is not a locale of this build")
        XCTAssertThrowsError(try compose("- paragraph: { value: \"x\", hyphenate: true }", locale: "ja_JP")) { error in
            XCTAssertTrue("\(error)".contains("hyphenate: true needs hyphenation patterns for ja_JP"), "\(error)")
            XCTAssertTrue("\(error)".contains("hyphen-ja"), "\(error)")
        }
    }
}
