import Records
import XCTest
@testable import Templates

/// `limits:` and `sms.unsafe_characters`: defaults, settings, and the mistakes `inkstream check` reports.
final class LimitsSectionTests: XCTestCase {
    private func compile(_ extra: String) throws -> CompiledTemplate {
        let yaml = """
            name: t
            data:
              name: string
              phone: string
            document:
              id: "{name}"
            sms:
              to: "{phone}"
              text: "Hi {name}"
            \(extra)
            """
        return try TemplateLoader.compile(yaml: yaml, file: "/tmp/limits-test/template.yaml")
    }

    private func errors(_ extra: String) -> [String] {
        do {
            _ = try compile(extra)
            return []
        } catch let error as TemplateErrors {
            return error.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testDefaultsWhenThereIsNoLimitsSection() throws {
        let template = try compile("")
        XCTAssertEqual(template.limits, RecordLimits(maxFieldCharacters: 100_000, maxLineBytes: 1_048_576, maxPages: 1_000))
        XCTAssertEqual(template.sms?.unsafeCharacters, .strip)
    }

    func testEachLimitIsSettableAndTheOthersKeepTheirDefaults() throws {
        let template = try compile("limits:\n  max_pages: 20\n  max_field_characters: 500")
        XCTAssertEqual(template.limits, RecordLimits(maxFieldCharacters: 500, maxLineBytes: 1_048_576, maxPages: 20))
    }

    func testUnknownKeysAndBadValuesAreReportedWithTheirLine() {
        let unknown = errors("limits:\n  max_page: 20")
        XCTAssertEqual(unknown.count, 1)
        XCTAssertTrue(unknown[0].contains("template.yaml:11:"), unknown[0])
        XCTAssertTrue(unknown[0].contains("unknown attribute 'max_page'") && unknown[0].contains("max_pages"), unknown[0])

        let bad = errors("limits:\n  max_pages: 0\n  max_line_bytes: 1.5\n  max_field_characters: 99999999999")
        XCTAssertEqual(bad.count, 3, "\(bad)")
        XCTAssertTrue(bad[0].contains("limits.max_field_characters is a whole number from 1 to 10000000 (default 100000)"), bad[0])
        XCTAssertTrue(bad[1].contains("limits.max_line_bytes is a whole number from 1 to"), bad[1])
        XCTAssertTrue(bad[2].contains("template.yaml:11:14: error in limits.max_pages: limits.max_pages is a whole number from 1 to 100000"), bad[2])

        XCTAssertTrue(errors("limits: 5")[0].contains("'limits:' is a mapping"))
    }

    func testUnsafeCharactersPolicy() throws {
        let template = try TemplateLoader.compile(yaml: """
            data: { name: string, phone: string }
            document: { id: "{name}" }
            sms: { to: "{phone}", text: "Hi {name}", unsafe_characters: reject }
            """, file: "/tmp/limits-test/template.yaml")
        XCTAssertEqual(template.sms?.unsafeCharacters, .reject)
        do {
            _ = try TemplateLoader.compile(yaml: """
                data: { name: string, phone: string }
                document: { id: "{name}" }
                sms: { to: "{phone}", text: "Hi {name}", unsafe_characters: drop }
                """, file: "/tmp/limits-test/template.yaml")
            XCTFail("drop is not a policy")
        } catch {
            XCTAssertTrue(error.description.contains("unsafe_characters is strip"), error.description)
        }
    }

    func testEachValueTransformSeesOnlyTheDataNotTheLiteralText() throws {
        let template = try compile("")
        let text = try XCTUnwrap(template.sms?.text)
        let record = try template.bind(JSONParser.parse(#"{"name": "A\u001bB", "phone": "+15550000000"}"#))
        let env = try template.environment(for: record, runDate: 0)
        var seen: [String] = []
        let out = try text.evaluate(env) { value in
            seen.append(value)
            return value.uppercased() + "!"
        }
        XCTAssertEqual(seen, ["A\u{1B}B"])
        XCTAssertEqual(out, "Hi A\u{1B}B!")
    }
}
