import Records
import XCTest
@testable import Templates

/// Formatters and the rest of the standard library, evaluated through the expression compiler.
final class FormattingTests: XCTestCase {
    private let nbsp = "\u{00A0}"
    private let nnbsp = "\u{202F}"

    private func assertValue(_ source: String, _ expected: Value, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try Fixture.evaluate(source), expected, source, file: file, line: line)
    }

    private func assertText(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try Fixture.evaluate(source), .string(expected), source, file: file, line: line)
    }

    private func assertCompileError(_ source: String, _ message: String, offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = Fixture.compileError(source, file: file, line: line) else { return }
        XCTAssertEqual(error.message, message, file: file, line: line)
        XCTAssertEqual(error.location, Fixture.location.advanced(by: offset), file: file, line: line)
    }

    private func assertRuntimeError(
        _ source: String, _ message: String, _ json: JSONValue = Fixture.json, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let error = try Fixture.evaluationError(source, json, file: file, line: line)
        XCTAssertEqual(error?.message, message, file: file, line: line)
    }

    // MARK: money

    func testMoneyUnitedStates() {
        assertText("money(1234.56)", "$1,234.56")
        assertText("money(-12.34)", "-$12.34")
        assertText("money(0)", "$0.00")
        assertText("money(-0.004)", "$0.00")
        assertText("money(0.004)", "$0.00")
        assertText("money(0.005)", "$0.01")
        assertText("money(-0.005)", "-$0.01")
        assertText("money(1234567.895)", "$1,234,567.90")
        assertText("money(-1234567.895)", "-$1,234,567.90")
        assertText("money(1.005)", "$1.01")
        assertText("money(2.675)", "$2.68")
        assertText("money(0.1 + 0.2)", "$0.30")
        assertText("money(999.999)", "$1,000.00")
        assertText("money(1000000)", "$1,000,000.00")
        assertText("money(12)", "$12.00")
        assertText("money(amount_due)", "-$156.08")
        assertText("money(balance)", "")
    }

    func testMoneyLocales() {
        assertText("money(1234.56, 'EUR', 'de_DE')", "1.234,56\(nbsp)€")
        assertText("money(-1234.56, 'EUR', 'de_DE')", "-1.234,56\(nbsp)€")
        assertText("money(1234.56, 'EUR', 'fr_FR')", "1\(nnbsp)234,56\(nbsp)€")
        assertText("money(-1234567.89, 'EUR', 'fr_FR')", "-1\(nnbsp)234\(nnbsp)567,89\(nbsp)€")
        assertText("money(1234.56, 'GBP', 'en_GB')", "£1,234.56")
        assertText("money(-12.34, 'GBP', 'en_GB')", "-£12.34")
        assertText("money(1234.56, 'EUR', 'nl_NL')", "€\(nbsp)1.234,56")
        assertText("money(-1234.56, 'EUR', 'nl_NL')", "€\(nbsp)-1.234,56")
        assertText("money(1234.56, 'EUR', 'es_ES')", "1.234,56\(nbsp)€")
        assertText("money(-0.004, 'EUR', 'es_ES')", "0,00\(nbsp)€")
        assertText("money(1234.56, null, 'de_DE')", "1.234,56\(nbsp)€")   // the locale's home currency
        assertText("money(1234.56, null, 'en_GB')", "£1,234.56")
        assertText("money(5, 'EUR', 'de-DE')", "5,00\(nbsp)€")
    }

    func testMoneyCurrencies() {
        assertText("money(1234.56, 'USD')", "$1,234.56")
        assertText("money(1234.56, 'EUR')", "€1,234.56")
        assertText("money(1234.56, 'GBP')", "£1,234.56")
        assertText("money(1234.5, 'JPY')", "¥1,235")
        assertText("money(-1234.4, 'JPY')", "-¥1,234")
        assertText("money(0.4, 'JPY')", "¥0")
        assertText("money(1234.56, 'CHF')", "CHF\(nbsp)1,234.56")
        assertText("money(-1234.56, 'CHF')", "-CHF\(nbsp)1,234.56")
        assertText("money(1234.56, 'CAD')", "CA$1,234.56")
        assertText("money(1234.56, 'USD', 'en_GB')", "US$1,234.56")
        assertText("money(1234.56, 'USD', 'fr_FR')", "1\(nnbsp)234,56\(nbsp)US$")
        assertText("money(1234.56, 'USD', 'de_DE')", "1.234,56\(nbsp)$")
        assertText("money(1234, 'JPY', 'de_DE')", "1.234\(nbsp)¥")
        assertText("money(1234.56, 'CHF', 'nl_NL')", "CHF\(nbsp)1.234,56")
    }

    func testMoneyWithCurrencyAndLocaleFromTheRecord() throws {
        let compiled = try Fixture.compile("money(amount_due, currency ?? 'USD')")
        XCTAssertEqual(try compiled.evaluate(try Fixture.environment()), str("-$156.08"))
        let euros = Fixture.json(replacing: [("currency", .string("EUR"))])
        XCTAssertEqual(try compiled.evaluate(try Fixture.environment(euros)), str("-€156.08"))
        let unknown = Fixture.json(replacing: [("currency", .string("EUX"))])
        XCTAssertThrowsError(try compiled.evaluate(try Fixture.environment(unknown))) { error in
            XCTAssertEqual((error as? EvaluationError)?.message,
                           "unknown currency 'EUX' — did you mean 'EUR'? (known: USD, EUR, GBP, JPY, CHF, CAD, AUD, SEK, NOK, DKK, PLN, CNY, TWD, KRW, SAR, ILS, RUB, UAH, CZK, HUF, RON, TRY, BRL, MXN, INR)")
            XCTAssertEqual((error as? EvaluationError)?.location, Fixture.location)
        }
        XCTAssertEqual(try Fixture.evaluate("money(10, 'EUR', name == 'x' ? 'en_US' : 'fr_FR')"), str("10,00\(nbsp)€"))
        XCTAssertEqual(try Fixture.evaluate("money(10, currency, 'de_DE')"), str("10,00\(nbsp)€"))
    }

    func testMoneyErrors() throws {
        assertCompileError("money(1, 'EURO')",
                           "unknown currency 'EURO' — did you mean 'EUR'? (known: USD, EUR, GBP, JPY, CHF, CAD, AUD, SEK, NOK, DKK, PLN, CNY, TWD, KRW, SAR, ILS, RUB, UAH, CZK, HUF, RON, TRY, BRL, MXN, INR)",
                           offset: 9)
        assertCompileError("money(1, 'EUR', 'de_DR')",
                           "unknown locale 'de_DR' — did you mean 'de_DE'? (known: en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL, ja_JP, zh_CN, zh_TW, ko_KR, ar_SA, he_IL, ru_RU, uk_UA, pl_PL, cs_CZ, hu_HU, ro_RO, el_GR, tr_TR, pt_BR, pt_PT, it_IT, sv_SE, da_DK, nb_NO, fi_FI, de_AT, de_CH, fr_CA, fr_CH, en_CA, en_AU, en_IE, es_MX, hi_IN)",
                           offset: 16)
        assertCompileError("money(1 / 0)", "division by zero", offset: 8)
        try assertRuntimeError("money(amount_due, 'EUR', name)",
                               "unknown locale 'Ada Lovelace' (known: en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL, ja_JP, zh_CN, zh_TW, ko_KR, ar_SA, he_IL, ru_RU, uk_UA, pl_PL, cs_CZ, hu_HU, ro_RO, el_GR, tr_TR, pt_BR, pt_PT, it_IT, sv_SE, da_DK, nb_NO, fi_FI, de_AT, de_CH, fr_CA, fr_CH, en_CA, en_AU, en_IE, es_MX, hi_IN)")
        // The language has no exponent notation: spell out 10^300 and 10^20.
        let huge = "1" + String(repeating: "0", count: 300)
        try assertRuntimeError("money(amount_due * \(huge) * \(huge))", "money() cannot format -inf: the value is not a finite number")
        try assertRuntimeError("money(usage[0] * 100000000000000000)", "money() cannot format 1.2e+19: the value is too large")
    }

    // MARK: number, percent

    func testNumber() {
        assertText("number(1234.5, 1)", "1,234.5")
        assertText("number(1234.5)", "1,234.50")      // not integral: 2 decimals
        assertText("number(1234)", "1,234")           // integral: none
        assertText("number(1234567)", "1,234,567")
        assertText("number(-1234.567, 2)", "-1,234.57")
        assertText("number(-0.001)", "0.00")
        assertText("number(0.5, 0)", "1")
        assertText("number(-0.5, 0)", "-1")
        assertText("number(1234.5, 1, 'de_DE')", "1.234,5")
        assertText("number(1234567.25, 2, 'fr_FR')", "1\(nnbsp)234\(nnbsp)567,25")
        assertText("number(999, 3)", "999.000")
        assertText("number(balance)", "")
        assertText("number(amount_due, null, 'nl_NL')", "-156,08")
    }

    func testPercent() {
        assertText("percent(0.125)", "12.5%")
        assertText("percent(0.5)", "50%")
        assertText("percent(0.12345)", "12.35%")
        assertText("percent(0.07)", "7%")
        assertText("percent(0.125, 0)", "13%")
        assertText("percent(0.125, 2)", "12.50%")
        assertText("percent(-0.25)", "-25%")
        assertText("percent(12.5)", "1,250%")
        assertText("percent(0.125, 1, 'de_DE')", "12,5\(nbsp)%")
        assertText("percent(0.125, null, 'fr_FR')", "12,5\(nnbsp)%")
        assertText("percent(null)", "")
    }

    func testDecimalsArgumentValidation() throws {
        assertCompileError("number(1, 13)", "number() argument 2 must be a whole number from 0 to 12, got 13", offset: 10)
        assertCompileError("percent(1, -1)", "percent() argument 2 must be a whole number from 0 to 12, got -1", offset: 11)
        try assertRuntimeError("number(1, usage[1])", "number() argument 2 must be a whole number from 0 to 12, got 98.5")
    }

    // MARK: date

    func testDefaultDatePatterns() {
        assertText("date(due_date)", "11/21/2026")
        assertText("date(due_date, null, 'en_US')", "11/21/2026")
        assertText("date(due_date, null, 'en_GB')", "21/11/2026")
        assertText("date(due_date, null, 'fr_FR')", "21/11/2026")
        assertText("date(due_date, null, 'es_ES')", "21/11/2026")
        assertText("date(due_date, null, 'de_DE')", "21.11.2026")
        assertText("date(due_date, null, 'nl_NL')", "21-11-2026")
    }

    func testDatePatternTokens() {
        assertText("date(due_date, 'yyyy-MM-dd')", "2026-11-21")
        assertText("date(due_date, 'yyyyMMdd')", "20261121")
        assertText("date(due_date, 'yy/M/d')", "26/11/21")
        assertText("date(add_days(due_date, -20), 'M/d/yy')", "11/1/26")
        assertText("date(due_date, 'EEEE, MMMM d, yyyy')", "Saturday, November 21, 2026")
        assertText("date(due_date, 'EEE d MMM')", "Sat 21 Nov")
        assertText("date(due_date, \"'Q'M yyyy\")", "Q11 2026")
        assertText("date(due_date, \"d 'of' MMMM\")", "21 of November")
        assertText("date(due_date, \"dd''MM\")", "21'11")
        assertText("date(due_date, \"'it''s' d\")", "it's 21")
        assertText("date(due_date, 'd.M.y - x!')", "21.11.2026 - x!")
        assertText("date(due_date, '')", "")
        assertText("date(due_date, 'EEEE')", "Saturday")
        assertText("date(due_date, name == 'x' ? 'd' : 'MMMM')", "November")   // a pattern from the record
    }

    func testLocalizedNames() {
        let pattern = "'EEEE d MMMM yyyy'"
        assertText("date(due_date, \(pattern), 'en_GB')", "Saturday 21 November 2026")
        assertText("date(due_date, \(pattern), 'de_DE')", "Samstag 21 November 2026")
        assertText("date(due_date, \(pattern), 'fr_FR')", "samedi 21 novembre 2026")
        assertText("date(due_date, \(pattern), 'es_ES')", "sábado 21 noviembre 2026")
        assertText("date(due_date, \(pattern), 'nl_NL')", "zaterdag 21 november 2026")
        assertText("date(statement_date, 'EEE d MMM', 'de_DE')", "Sa. 31 Okt.")
        assertText("date(statement_date, 'EEE d MMM', 'fr_FR')", "sam. 31 oct.")
        assertText("date(statement_date, 'EEE d MMM', 'es_ES')", "sáb 31 oct")
        assertText("date(statement_date, 'EEE d MMM', 'nl_NL')", "za 31 okt")
        assertText("date(add_days(due_date, 71), 'MMMM', 'de_DE')", "Januar")
        assertText("date(add_months(due_date, -8), 'MMMM', 'de_DE')", "März")
        assertText("date(add_months(due_date, -3), 'MMMM MMM', 'fr_FR')", "août août")
        assertText("date(add_months(due_date, -2), 'MMM', 'en_GB')", "Sept")
        assertText("date(add_days(due_date, 4), 'EEEE', 'es_ES')", "miércoles")
    }

    func testDateErrors() {
        assertCompileError("date(due_date, 'd', 'xx')", "unknown locale 'xx' (known: en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL, ja_JP, zh_CN, zh_TW, ko_KR, ar_SA, he_IL, ru_RU, uk_UA, pl_PL, cs_CZ, hu_HU, ro_RO, el_GR, tr_TR, pt_BR, pt_PT, it_IT, sv_SE, da_DK, nb_NO, fi_FI, de_AT, de_CH, fr_CA, fr_CH, en_CA, en_AU, en_IE, es_MX, hi_IN)",
                           offset: 20)
        assertCompileError("date('2026-01-01')", "date() argument 1 expects a date, got string", offset: 5)
    }

    // MARK: Calendar

    func testCivilDateConversions() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch, -1)
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch, 11017)
        XCTAssertEqual(CivilDate(year: 2026, month: 11, day: 21).daysSinceEpoch, 20778)
        XCTAssertEqual(CivilDate(daysSinceEpoch: 20778), CivilDate(year: 2026, month: 11, day: 21))
        XCTAssertEqual(CivilDate(daysSinceEpoch: -719_468), CivilDate(year: 0, month: 3, day: 1))
        // Every day from 1600 to 2400 round-trips and follows the previous one.
        var previous = CivilDate(daysSinceEpoch: -135_141)
        XCTAssertEqual(previous, CivilDate(year: 1599, month: 12, day: 31))
        for days in -135_140...157_000 {
            let date = CivilDate(daysSinceEpoch: days)
            XCTAssertEqual(date.daysSinceEpoch, days)
            let nextDay = previous.day == CivilDate.daysInMonth(year: previous.year, month: previous.month)
            if nextDay {
                XCTAssertEqual(date.day, 1)
            } else {
                XCTAssertEqual(date.day, previous.day + 1)
            }
            previous = date
            if date.daysSinceEpoch != days { break }
        }
        XCTAssertEqual(CivilDate.weekday(daysSinceEpoch: 0), 3)       // Thursday
        XCTAssertEqual(CivilDate.weekday(daysSinceEpoch: -1), 2)      // Wednesday
        XCTAssertEqual(CivilDate.weekday(daysSinceEpoch: 20778), 5)   // Saturday
    }

    func testLeapYears() {
        XCTAssertTrue(CivilDate.isLeapYear(2000))
        XCTAssertTrue(CivilDate.isLeapYear(2024))
        XCTAssertFalse(CivilDate.isLeapYear(1900))
        XCTAssertFalse(CivilDate.isLeapYear(2026))
        XCTAssertEqual(CivilDate.daysInMonth(year: 2024, month: 2), 29)
        XCTAssertEqual(CivilDate.daysInMonth(year: 2100, month: 2), 28)
        assertText("date(add_days(due_date, 100), 'yyyy-MM-dd')", "2027-03-01")
        let leap = Fixture.json(replacing: [("due_date", .string("2024-02-28"))])
        XCTAssertEqual(try Fixture.evaluate("add_days(due_date, 1)", leap), day("2024-02-29"))
        XCTAssertEqual(try Fixture.evaluate("date(due_date + 1, 'EEEE d MMMM')", leap), str("Thursday 29 February"))
        XCTAssertEqual(try Fixture.evaluate("add_days(due_date, 366) - due_date", leap), num(366))
    }

    func testDateFunctions() {
        assertValue("add_days(due_date, 10)", day("2026-12-01"))
        assertValue("add_days(due_date, -365)", day("2025-11-21"))
        assertValue("year(due_date)", num(2026))
        assertValue("month(due_date)", num(11))
        assertValue("day(due_date)", num(21))
        assertValue("year(null)", .null)
        assertValue("add_days(null, 1)", .null)
        assertValue("add_months(due_date, 1)", day("2026-12-21"))
        assertValue("add_months(due_date, 2)", day("2027-01-21"))
        assertValue("add_months(due_date, -11)", day("2025-12-21"))
        assertValue("add_months(due_date, -23)", day("2024-12-21"))
        assertValue("add_months(due_date, 0)", day("2026-11-21"))
    }

    func testAddMonthsClampsTheDay() {
        let january31 = Fixture.json(replacing: [("due_date", .string("2026-01-31"))])
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 1)", january31), day("2026-02-28"))
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 3)", january31), day("2026-04-30"))
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 12)", january31), day("2027-01-31"))
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, -2)", january31), day("2025-11-30"))
        let leapJanuary = Fixture.json(replacing: [("due_date", .string("2024-01-31"))])
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 1)", leapJanuary), day("2024-02-29"))
        let leapDay = Fixture.json(replacing: [("due_date", .string("2024-02-29"))])
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 12)", leapDay), day("2025-02-28"))
        XCTAssertEqual(try Fixture.evaluate("add_months(due_date, 48)", leapDay), day("2028-02-29"))
    }

    // MARK: pad, upper, lower, trim, string

    func testPad() throws {
        assertText("pad(42, 6)", "000042")
        assertText("pad(-42, 6)", "-00042")
        assertText("pad(-42, 6, ' ')", "   -42")
        assertText("pad(12.6, 4)", "0013")
        assertText("pad(cents(amount_due), 10)", "0000015608")
        assertText("pad('ab', 5, ' ')", "   ab")
        assertText("pad('ab', 5, '*')", "***ab")
        assertText("pad('abcdef', 3)", "abcdef")
        assertText("pad(123456, 3)", "123456")
        assertText("pad(balance, 3)", "")
        assertCompileError("pad(1, 3, 'ab')", "pad() argument 3 must be a single character, got 'ab'", offset: 10)
        assertCompileError("pad(overdue, 3)", "pad() argument 1 expects a number or a string, got bool", offset: 4)
        try assertRuntimeError("pad(amount_due / 0.0 * 0, 3)", "division by zero")
        let huge = "1" + String(repeating: "0", count: 300)
        try assertRuntimeError("pad(amount_due * \(huge) * \(huge), 3)", "pad() needs a finite number, got -inf")
        try assertRuntimeError("pad(1, 3, name)", "pad() argument 3 must be a single character, got 'Ada Lovelace'")
    }

    func testCaseAndTrim() {
        assertText("upper(name)", "ADA LOVELACE")
        assertText("lower(name)", "ada lovelace")
        assertText("upper('straße')", "STRASSE")
        assertText("trim('  a b \\n ')", "a b")
        assertText("trim('')", "")
        assertText("upper(email)", "")
    }

    func testString() {
        assertText("string(12)", "12")
        assertText("string(-156.08)", "-156.08")
        assertText("string(100000000000000000000)", "1e+20")
        assertText("string(true)", "true")
        assertText("string(due_date)", "11/21/2026")
        assertText("string(null)", "")
        assertText("string(usage)", "120, 98.5, 143")
        assertText("string(name)", "Ada Lovelace")
    }

    // MARK: Numbers

    func testRounding() {
        assertValue("round(2.5)", num(3))
        assertValue("round(-2.5)", num(-3))
        assertValue("round(2.4)", num(2))
        assertValue("round(1.005, 2)", num(1.01))
        assertValue("round(-1.005, 2)", num(-1.01))
        assertValue("round(1234567.895, 2)", num(1234567.9))
        assertValue("round(0.125, 2)", num(0.13))
        assertValue("round(balance)", .null)
    }

    func testNumberFunctions() {
        assertValue("abs(-3.5)", num(3.5))
        assertValue("abs(amount_due)", num(156.08))
        assertValue("floor(-1.5)", num(-2))
        assertValue("floor(1.5)", num(1))
        assertValue("ceil(1.2)", num(2))
        assertValue("ceil(-1.2)", num(-1))
        assertValue("min(3, -1)", num(-1))
        assertValue("max(3, -1)", num(3))
        assertValue("max(balance, 0)", .null)
        assertValue("cents(amount_due)", num(15608))
        assertValue("cents(0.285)", num(29))
        assertValue("cents(19.99)", num(1999))
        assertValue("cents(null)", .null)
        assertValue("abs(null)", .null)
    }

    // MARK: Lists

    func testListFunctions() {
        assertValue("count(transactions)", num(2))
        assertValue("count(usage)", num(3))
        assertValue("count([])", num(0))
        assertValue("sum(usage)", num(361.5))
        assertValue("sum(transactions.amount)", num(427.42))       // 100.1 + 327.32 = 427.41999999999996 unrounded
        assertValue("sum([0.1, 0.2])", num(0.3))
        assertValue("sum([])", num(0))
        assertValue("sum([1, null, 2])", num(3))
        assertValue("join(tags)", str("paperless, vip"))
        assertValue("join(tags, ' / ')", str("paperless / vip"))
        assertValue("join(usage, ';')", str("120;98.5;143"))
        assertValue("join(transactions.date, ' ')", str("10/02/2026 10/15/2026"))
        assertValue("first(usage)", num(120))
        assertValue("last(usage)", num(143))
        assertValue("first([])", .null)
        assertValue("last(tags)", str("vip"))
        assertValue("range(3)", .list([num(0), num(1), num(2)]))
        assertValue("range(0)", .list([]))
        assertValue("max_of(usage)", num(143))
        assertValue("min_of(usage)", num(98.5))
        assertValue("max_of(tags)", str("vip"))
        assertValue("min_of(transactions.date)", day("2026-10-02"))
        assertValue("max_of(transactions.date)", day("2026-10-15"))
        assertValue("max_of([])", .null)
        assertValue("min_of([null, 3, 1])", num(1))
        assertCompileError("range(-1)", "range() argument 1 must be a whole number from 0 to 100000, got -1", offset: 6)
        assertCompileError("max_of(transactions)",
                           "max_of() argument 1 expects a list of numbers, strings or dates, got a list of records", offset: 7)
        assertCompileError("join(transactions)", "join() argument 1 expects a list of values (not records), got a list of records",
                           offset: 5)
    }

    func testNullListsActAsEmpty() throws {
        let schema = RecordSchema(fields: [Field(name: "items", type: .list(.number), optional: true)])
        let scope = CompileScope(root: schema)
        let environment = Environment(root: try schema.bind(.object([])), slotCount: 0)
        func run(_ source: String) throws -> Value {
            try ExpressionCompiler.compile(source, at: Fixture.location, element: "e", scope: scope).evaluate(environment)
        }
        XCTAssertEqual(try run("count(items)"), num(0))
        XCTAssertEqual(try run("sum(items)"), num(0))
        XCTAssertEqual(try run("first(items)"), .null)
        XCTAssertEqual(try run("join(items)"), str(""))
        XCTAssertEqual(try run("items[0]"), .null)
    }

    // MARK: Strings

    func testStringFunctions() {
        assertValue("len(name)", num(12))
        assertValue("len('héllo')", num(5))
        assertValue("len(email)", num(0))
        assertValue("substr(name, 4)", str("Lovelace"))
        assertValue("substr(name, 0, 3)", str("Ada"))
        assertValue("substr(name, 4, 100)", str("Lovelace"))
        assertValue("substr(name, 50)", str(""))
        assertValue("substr(name, -3, 5)", str("Ad"))
        assertValue("substr('héllo', 1, 3)", str("éll"))
        assertValue("replace(name, 'a', 'o')", str("Ado Loveloce"))
        assertValue("replace('a-b-c', '-', '')", str("abc"))
        assertValue("replace('abc', '', 'x')", str("abc"))
        assertValue("digits('+44 (20) 7946-0958')", str("442079460958"))
        assertValue("digits(email)", str(""))
    }

    // MARK: Check digits

    func testMod10() throws {
        // Body: account 100000175, cents of -156.08 padded to 10, due date 2026-11-21.
        assertValue("mod10('100000175' + '0000015608' + '20261121')", num(1))
        assertValue("mod10('1000001750000015608' + '20261121')", num(1))
        assertValue("mod10(account_id + pad(cents(amount_due), 10) + date(due_date, 'yyyyMMdd'))", num(1))
        // Same weights spelled out, and another weighting (2, 1).
        assertValue("mod10('1000001750000015608' + '20261121', 3, 1)", num(1))
        assertValue("mod10('7', 3, 1)", num(9))          // 7×3 = 21 → (10 - 1) % 10
        assertValue("mod10('12', 2, 1)", num(5))         // 2×2 + 1×1 = 5 → (10 - 5) % 10
        assertValue("mod10('')", num(0))
        assertValue("mod10('0000')", num(0))
        assertValue("mod10(email)", .null)
        XCTAssertEqual(try CheckDigits.mod10("4", weights: (3, 1)), 8)
        try assertRuntimeError("mod10(name)",
                               "mod10() expects only digits 0-9, got 'Ada Lovelace' (use digits() to strip other characters)")
        assertCompileError("mod10(12345)", "mod10() argument 1 expects a string, got number", offset: 6)
    }

    func testMod10MatchesTheReferenceAlgorithm() throws {
        // The Python reference: weights 3,1,3,… from the rightmost digit; check = (10 - s % 10) % 10.
        func reference(_ body: String) -> Int {
            var sum = 0
            for (index, character) in body.reversed().enumerated() {
                sum += Int(String(character))! * (index % 2 == 0 ? 3 : 1)
            }
            return (10 - sum % 10) % 10
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 1...40 {
            var body = ""
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                body.append(Character(String((seed >> 33) % 10)))
            }
            XCTAssertEqual(try CheckDigits.mod10(body, weights: (3, 1)), reference(body), body)
        }
    }

    func testExists() {
        assertValue("exists(email)", .bool(false))
        assertValue("exists(account_id)", .bool(true))
        assertValue("exists(address.zip)", .bool(false))
        assertValue("exists(transactions)", .bool(true))
    }
}
