/// Where a locale puts the currency symbol relative to the amount.
enum CurrencyPlacement: Sendable {
    /// `$1,234.56`, negative `-$1,234.56` (en_US, en_GB).
    case prefix
    /// `1.234,56 €`, negative `-1.234,56 €` (de_DE, fr_FR, es_ES).
    case suffix
    /// `€ 1.234,56`, negative `€ -1.234,56` (nl_NL, as CLDR has it).
    case spacedPrefix
}

/// The formatting conventions of one locale, written by hand from CLDR so output is identical on
/// every machine (Foundation's locale data differs between macOS, Linux and ICU versions).
/// Spaces that must not break a line inside an amount are U+00A0 (no-break space) or, for the
/// French digit group separator, U+202F (narrow no-break space).
struct LocaleData: Sendable {
    /// Position in `LocaleData.all`, for tables precomputed per locale.
    let id: Int
    let name: String
    let decimalSeparator: String
    let groupSeparator: String
    let currencyPlacement: CurrencyPlacement
    /// The currency `money(x)` uses when no currency is given.
    let homeCurrency: String
    /// Appended to the number by `percent()`: "%" or a no-break space and "%".
    let percentSuffix: String
    /// The `date()` pattern when none is given, also used when a date is converted to text.
    let defaultDatePatternSource: String
    /// January first.
    let monthNames: [String]
    let shortMonthNames: [String]
    /// Monday first.
    let weekdayNames: [String]
    let shortWeekdayNames: [String]

    static let fallbackName = "en_US"

    /// The locale named `name` ("de_DE"; "de-DE" is accepted too), or nil when it is not in the table.
    static func named(_ name: String) -> LocaleData? {
        if let found = table[name] { return found }
        return table[String(name.map { $0 == "-" ? "_" : $0 })]
    }

    static var knownNames: [String] { all.map(\.name) }

    static let enUS = LocaleData(
        id: 0, name: "en_US", decimalSeparator: ".", groupSeparator: ",", currencyPlacement: .prefix,
        homeCurrency: "USD", percentSuffix: "%", defaultDatePatternSource: "MM/dd/yyyy",
        monthNames: englishMonths, shortMonthNames: englishShortMonths,
        weekdayNames: englishWeekdays, shortWeekdayNames: englishShortWeekdays)

    static let all: [LocaleData] = [
        enUS,
        LocaleData(
            id: 1, name: "en_GB", decimalSeparator: ".", groupSeparator: ",", currencyPlacement: .prefix,
            homeCurrency: "GBP", percentSuffix: "%", defaultDatePatternSource: "dd/MM/yyyy",
            monthNames: englishMonths,
            // CLDR en_GB abbreviates September as "Sept".
            shortMonthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
            weekdayNames: englishWeekdays, shortWeekdayNames: englishShortWeekdays),
        LocaleData(
            id: 2, name: "de_DE", decimalSeparator: ",", groupSeparator: ".", currencyPlacement: .suffix,
            homeCurrency: "EUR", percentSuffix: "\u{00A0}%", defaultDatePatternSource: "dd.MM.yyyy",
            monthNames: ["Januar", "Februar", "März", "April", "Mai", "Juni",
                         "Juli", "August", "September", "Oktober", "November", "Dezember"],
            shortMonthNames: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni",
                              "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
            weekdayNames: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
            shortWeekdayNames: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]),
        LocaleData(
            id: 3, name: "fr_FR", decimalSeparator: ",", groupSeparator: "\u{202F}", currencyPlacement: .suffix,
            homeCurrency: "EUR", percentSuffix: "\u{202F}%", defaultDatePatternSource: "dd/MM/yyyy",
            monthNames: ["janvier", "février", "mars", "avril", "mai", "juin",
                         "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            shortMonthNames: ["janv.", "févr.", "mars", "avr.", "mai", "juin",
                              "juil.", "août", "sept.", "oct.", "nov.", "déc."],
            weekdayNames: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            shortWeekdayNames: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]),
        LocaleData(
            // CLDR would not group four-digit amounts in Spanish; statements want 1.234,56 €.
            id: 4, name: "es_ES", decimalSeparator: ",", groupSeparator: ".", currencyPlacement: .suffix,
            homeCurrency: "EUR", percentSuffix: "\u{00A0}%", defaultDatePatternSource: "dd/MM/yyyy",
            monthNames: ["enero", "febrero", "marzo", "abril", "mayo", "junio",
                         "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            shortMonthNames: ["ene", "feb", "mar", "abr", "may", "jun",
                              "jul", "ago", "sept", "oct", "nov", "dic"],
            weekdayNames: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
            shortWeekdayNames: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]),
        LocaleData(
            id: 5, name: "nl_NL", decimalSeparator: ",", groupSeparator: ".", currencyPlacement: .spacedPrefix,
            homeCurrency: "EUR", percentSuffix: "%", defaultDatePatternSource: "dd-MM-yyyy",
            monthNames: ["januari", "februari", "maart", "april", "mei", "juni",
                         "juli", "augustus", "september", "oktober", "november", "december"],
            shortMonthNames: ["jan", "feb", "mrt", "apr", "mei", "jun",
                              "jul", "aug", "sep", "okt", "nov", "dec"],
            weekdayNames: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
            shortWeekdayNames: ["ma", "di", "wo", "do", "vr", "za", "zo"]),
    ]

    private static let table: [String: LocaleData] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    private static let englishMonths = ["January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November", "December"]
    private static let englishShortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let englishShortWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}

/// The locales formatters know, for the template loader to validate a template's `locale:` setting.
package enum SupportedLocales {
    /// "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "nl_NL".
    package static var names: [String] { LocaleData.knownNames }

    package static func isSupported(_ name: String) -> Bool { LocaleData.named(name) != nil }
}
