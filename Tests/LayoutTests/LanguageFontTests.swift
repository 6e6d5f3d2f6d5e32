import Records
@testable import Templates
import XCTest
@testable import Layout

/// The template's locale is the text's language: Han characters a template's fonts lack come from the
/// Japanese face for ja_JP and the Simplified Chinese one for zh_CN, whatever the process's own locale.
final class LanguageFontTests: XCTestCase {
    private func face(locale: String) throws -> FontFile {
        let template = try TemplateLoader.compile(yaml: """
            locale: \(locale)
            data: { id: string }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "山田 直", x: 10, y: 10 }
            """, file: "/tmp/language/template.yaml")
        let page = try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(#"{"id": "a"}"#)), runDate: 0).pages[0]
        guard case .text(_, let runs, _) = page.operations[0], let run = runs.first else { throw XCTSkip("no text") }
        return FontRegistry.shared.file(for: run.font)
    }

    func testHanFallsBackToTheLocalesFace() throws {
        guard FontResolution.isInstalled("Noto Sans CJK JP") else { throw XCTSkip("fonts-noto-cjk is not installed") }
        let japanese = try face(locale: "ja_JP"), chinese = try face(locale: "zh_CN")
        XCTAssertTrue(japanese.path.contains("CJK") && chinese.path.contains("CJK"), "\(japanese) \(chinese)")
        XCTAssertNotEqual(japanese, chinese, "one face of the collection for Japanese, another for Chinese")
        XCTAssertEqual(FontResolution.match("Noto Sans CJK JP", bold: false, italic: false).map { FontFile(path: $0.file, index: $0.index) }, japanese)
    }
}
