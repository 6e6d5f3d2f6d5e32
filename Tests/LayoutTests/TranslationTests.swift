import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// String tables per locale with t(): the record's locale from its data, plural forms from CLDR (ICU), the
/// fallback, and the mistakes `check` names in the template and the tables.
final class TranslationTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = AssetPath.resolved(NSTemporaryDirectory()) + "/translations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/translations", withIntermediateDirectories: true)
        try table("en_US", """
            title: "Your renewal"
            greeting: "Dear {0},"
            vehicles:
              one: "{0} vehicle"
              other: "{0} vehicles"
              "=0": "no vehicles"
            notice:
              due: "Due {1} for {0}"
            """)
        try table("de_DE", """
            title: "Ihre Verlängerung"
            greeting: "Sehr geehrte(r) {0},"
            vehicles: { one: "{0} Fahrzeug", other: "{0} Fahrzeuge" }
            notice: { due: "Fällig am {1} für {0}" }
            """)
        try table("ru", """
            title: "Ваше продление"
            greeting: "Уважаемый(ая) {0},"
            vehicles: { one: "{0} автомобиль", few: "{0} автомобиля", many: "{0} автомобилей", other: "{0} автомобиля" }
            notice: { due: "Срок {1} для {0}" }
            """)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func table(_ locale: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder!)/translations/\(locale).yaml"))
    }

    private func compile(_ value: String, translations: String = "translations: { locale: \"{lang}\" }") throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            \(translations)
            data: { id: string, lang: string?, n: number, name: string }
            document: { id: "{id}" }
            regions:
              first:
                - text: { value: "\(value)", x: 10, y: 10 }
            """, file: folder + "/template.yaml")
    }

    private func text(_ value: String, lang: String?, n: Double = 1) throws -> String {
        let template = try compile(value)
        let langJSON = lang.map { "\"\($0)\"" } ?? "null"
        let record = try template.bind(JSONParser.parse(#"{"id": "a", "lang": \#(langJSON), "n": \#(n), "name": "Ada"}"#))
        let document = try DocumentComposer(template: template).compose(record, runDate: 0)
        return document.pages[0].operations.compactMap { op -> String? in
            guard case .text(_, let runs, _) = op else { return nil }
            return runs.map(\.text).joined()
        }.joined(separator: "|")
    }

    func testTheRecordsLocaleChoosesTheTable() throws {
        XCTAssertEqual(try text("{t('title')}", lang: "de-DE"), "Ihre Verlängerung")
        XCTAssertEqual(try text("{t('greeting', name)}", lang: "ru_RU"), "Уважаемый(ая) Ada,")
        XCTAssertEqual(try text("{t('notice.due', name, '1 May')}", lang: "en_US"), "Due 1 May for Ada")
        XCTAssertEqual(try text("{t('title')}", lang: "de_AT"), "Ihre Verlängerung", "a locale without a table reads its language's")
        XCTAssertEqual(try text("{t('title')}", lang: "fr_FR"), "Your renewal", "no table of the language: the fallback")
        XCTAssertEqual(try text("{t('title')}", lang: nil), "Your renewal", "no locale in the record: the template's")
    }

    func testPluralFormsFollowCLDR() throws {
        // CLDR: ru one = 1, 21, 101; few = 2–4, 22–24; many = 0, 5–20, 25…; other = fractions.
        let russian: [(Double, String)] = [(1, "1 автомобиль"), (2, "2 автомобиля"), (5, "5 автомобилей"), (11, "11 автомобилей"),
                                           (21, "21 автомобиль"), (22, "22 автомобиля"), (0, "0 автомобилей"), (1.5, "1.5 автомобиля")]
        for (n, expected) in russian { XCTAssertEqual(try text("{t('vehicles', n)}", lang: "ru", n: n), expected, "\(n)") }
        XCTAssertEqual(try text("{t('vehicles', n)}", lang: "en_US", n: 0), "no vehicles", "an exact form wins")
        XCTAssertEqual(try text("{t('vehicles', n)}", lang: "en_US", n: 1), "1 vehicle")
        XCTAssertEqual(try text("{t('vehicles', n)}", lang: "de_DE", n: 0), "0 Fahrzeuge")
        XCTAssertEqual(PluralRules.of("ar")?.categories, ["few", "many", "one", "other", "two", "zero"])
        XCTAssertEqual(PluralRules.of("ar")?.category(3), "few")
        XCTAssertEqual(PluralRules.of("ja")?.categories, ["other"])
    }

    func testABadLocaleInTheDataIsTheRecordsReject() {
        XCTAssertThrowsError(try text("{t('title')}", lang: "de DE!")) { error in
            XCTAssertTrue("\(error)".contains("is not a locale name"), "\(error)")
        }
    }

    func testMistakesAreFoundWhenTheTemplateCompiles() throws {
        func error(_ value: String) -> String {
            do { _ = try compile(value); return "compiled" } catch { return "\(error)" }
        }
        XCTAssertTrue(error("{t('titel')}").contains("no translation 'titel' in de_DE.yaml, en_US.yaml, ru.yaml"), error("{t('titel')}"))
        XCTAssertTrue(error("{t('titel')}").contains("title"))
        XCTAssertTrue(error("{t('notice.due', name)}").contains("reads {1}"), error("{t('notice.due', name)}"))
        XCTAssertTrue(error("{t('vehicles')}").contains("give the count"))
        XCTAssertTrue(error("{t('vehicles', name)}").contains("a number"))
        try table("pl", "title: x\ngreeting: y\nnotice: { due: z }\nvehicles: { one: a, other: b }\n")
        let plural = error("{t('title')}")
        XCTAssertTrue(plural.contains("pl.yaml:4:") && plural.contains("needs the plural forms few, many of pl"), plural)
        try FileManager.default.removeItem(atPath: folder + "/translations/pl.yaml")
        try table("de_DE", "title: \"{name}\"\n")
        XCTAssertTrue(error("{t('title')}").contains("{0}, {1}"))
    }

    func testWithoutTablesTIsAnError() throws {
        try FileManager.default.removeItem(atPath: folder + "/translations")
        XCTAssertThrowsError(try compile("{t('title')}", translations: "")) { error in
            XCTAssertTrue("\(error)".contains("translations/ folder"), "\(error)")
        }
    }
}
