import XCTest
@testable import Templates

/// The six locales Inkstream had before the locale table was generated from CLDR, frozen as the
/// hand-written table had them: runs made then must reprint byte-identically, whatever a newer CLDR
/// says. If the generator changes one of these values, this test names it.
final class LegacyLocaleTests: XCTestCase {
    private struct Frozen {
        let name: String
        let decimalSeparator: String
        let groupSeparator: String
        /// prefix "$1", suffix "1 €", spacedPrefix "€ 1" / "€ -1".
        let placement: String
        let homeCurrency: String
        let percentSuffix: String
        let datePattern: String
        let months: [String]
        let shortMonths: [String]
        let weekdays: [String]
        let shortWeekdays: [String]
    }

    private static let englishMonths = ["January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November", "December"]
    private static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let englishShortWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    private static let frozen: [Frozen] = [
        Frozen(name: "en_US", decimalSeparator: ".", groupSeparator: ",", placement: "prefix", homeCurrency: "USD",
               percentSuffix: "%", datePattern: "MM/dd/yyyy", months: englishMonths,
               shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
               weekdays: englishWeekdays, shortWeekdays: englishShortWeekdays),
        Frozen(name: "en_GB", decimalSeparator: ".", groupSeparator: ",", placement: "prefix", homeCurrency: "GBP",
               percentSuffix: "%", datePattern: "dd/MM/yyyy", months: englishMonths,
               shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
               weekdays: englishWeekdays, shortWeekdays: englishShortWeekdays),
        Frozen(name: "de_DE", decimalSeparator: ",", groupSeparator: ".", placement: "suffix", homeCurrency: "EUR",
               percentSuffix: "\u{00A0}%", datePattern: "dd.MM.yyyy",
               months: ["Januar", "Februar", "März", "April", "Mai", "Juni",
                        "Juli", "August", "September", "Oktober", "November", "Dezember"],
               shortMonths: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
               weekdays: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
               shortWeekdays: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]),
        Frozen(name: "fr_FR", decimalSeparator: ",", groupSeparator: "\u{202F}", placement: "suffix", homeCurrency: "EUR",
               percentSuffix: "\u{202F}%", datePattern: "dd/MM/yyyy",
               months: ["janvier", "février", "mars", "avril", "mai", "juin",
                        "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
               shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
               weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
               shortWeekdays: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]),
        Frozen(name: "es_ES", decimalSeparator: ",", groupSeparator: ".", placement: "suffix", homeCurrency: "EUR",
               percentSuffix: "\u{00A0}%", datePattern: "dd/MM/yyyy",
               months: ["enero", "febrero", "marzo", "abril", "mayo", "junio",
                        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
               shortMonths: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
               weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
               shortWeekdays: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]),
        Frozen(name: "nl_NL", decimalSeparator: ",", groupSeparator: ".", placement: "spacedPrefix", homeCurrency: "EUR",
               percentSuffix: "%", datePattern: "dd-MM-yyyy",
               months: ["januari", "februari", "maart", "april", "mei", "juni",
                        "juli", "augustus", "september", "oktober", "november", "december"],
               shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
               weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
               shortWeekdays: ["ma", "di", "wo", "do", "vr", "za", "zo"]),
    ]

    /// The hand-written currency table: (code, decimals, symbol), "$" for USD in en_US and de_DE.
    private static let frozenCurrencies: [(code: String, decimals: Int, symbol: String)] = [
        ("USD", 2, "US$"), ("EUR", 2, "€"), ("GBP", 2, "£"), ("JPY", 0, "¥"), ("CHF", 2, "CHF"), ("CAD", 2, "CA$"),
        ("AUD", 2, "A$"), ("SEK", 2, "SEK"), ("NOK", 2, "NOK"), ("DKK", 2, "DKK"), ("PLN", 2, "PLN"),
    ]

    func testTheSixLocalesKeepTheirHandWrittenValues() throws {
        XCTAssertEqual(LocaleData.all.prefix(6).map(\.name), Self.frozen.map(\.name))
        for old in Self.frozen {
            let new = try XCTUnwrap(LocaleData.named(old.name))
            XCTAssertEqual(new.decimalSeparator, old.decimalSeparator, old.name)
            XCTAssertEqual(new.groupSeparator, old.groupSeparator, old.name)
            XCTAssertEqual(new.currencyDecimalSeparator, old.decimalSeparator, old.name)
            XCTAssertEqual(new.currencyGroupSeparator, old.groupSeparator, old.name)
            XCTAssertEqual(new.grouping, GroupingSizes(primary: 3, secondary: 3, minimumDigits: 1), old.name)
            XCTAssertEqual(new.minusSign, "-", old.name)
            XCTAssertEqual(new.percent, NumberAffixes(positivePrefix: "", positiveSuffix: old.percentSuffix,
                                                      negativePrefix: "-", negativeSuffix: old.percentSuffix), old.name)
            XCTAssertEqual(new.homeCurrency, old.homeCurrency, old.name)
            XCTAssertEqual(new.defaultDatePatternSource, old.datePattern, old.name)
            XCTAssertEqual(new.monthNames, old.months, old.name)
            XCTAssertEqual(new.shortMonthNames, old.shortMonths, old.name)
            XCTAssertEqual(new.weekdayNames, old.weekdays, old.name)
            XCTAssertEqual(new.shortWeekdayNames, old.shortWeekdays, old.name)
        }
    }

    /// money() in the six locales for the eleven original currencies, against the hand-written
    /// formatter's rules (placement enum, symbol ending in a letter kept off the digits by U+00A0).
    func testMoneyInTheSixLocalesIsUnchanged() throws {
        let nbsp = "\u{00A0}"
        XCTAssertEqual(Currency.all.prefix(11).map(\.code), Self.frozenCurrencies.map(\.code))
        for old in Self.frozen {
            let locale = try XCTUnwrap(LocaleData.named(old.name))
            for currency in Self.frozenCurrencies {
                let symbol = currency.code == "USD" && (old.name == "en_US" || old.name == "de_DE") ? "$" : currency.symbol
                let format = try XCTUnwrap(MoneyFormat.lookup(currency: currency.code, locale: locale))
                XCTAssertEqual(format.decimals, currency.decimals)
                let digits = currency.decimals == 0 ? (old.groupSeparator == "," ? "1,235" : "1\(old.groupSeparator)235")
                    : "1\(old.groupSeparator)234\(old.decimalSeparator)56"
                let (positive, negative): (String, String)
                switch old.placement {
                case "prefix":
                    let prefix = symbol + (symbol.last?.isLetter == true ? nbsp : "")
                    (positive, negative) = (prefix + digits, "-" + prefix + digits)
                case "suffix":
                    (positive, negative) = (digits + nbsp + symbol, "-" + digits + nbsp + symbol)
                default:
                    (positive, negative) = (symbol + nbsp + digits, symbol + nbsp + "-" + digits)
                }
                XCTAssertEqual(format.format(1234.56), positive, "\(old.name) \(currency.code)")
                XCTAssertEqual(format.format(-1234.56), negative, "\(old.name) \(currency.code)")
            }
        }
    }
}
