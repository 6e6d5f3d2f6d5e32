/// The formatting conventions of one locale. The values live in LocaleTable.generated.swift, made by
/// scripts/cldr/generate from the CLDR data of the toolchain's ICU: formatters never call ICU or
/// Foundation at run time, because that is slow per call and its output changes with the ICU version
/// (reprints must be byte-identical on every machine). Spaces that must not break a line inside an
/// amount are U+00A0 or U+202F, as CLDR has them; bidi marks (U+200E, U+200F) are kept too.
struct LocaleData: Sendable {
    /// Position in `LocaleData.all`, for tables precomputed per locale.
    let id: Int
    let name: String
    /// The ICU locale the values were read from (tests compare with ICU's formatters for it).
    let icuIdentifier: String
    /// number() and percent().
    let decimalSeparator: String
    let groupSeparator: String
    /// money(); CLDR lets a locale separate amounts differently from plain numbers.
    let currencyDecimalSeparator: String
    let currencyGroupSeparator: String
    let grouping: GroupingSizes
    let minusSign: String
    /// Around the digits of percent(), with the locale's percent and minus signs.
    let percent: NumberAffixes
    /// Around the digits of money(); "¤" is where the currency symbol goes.
    let currency: NumberAffixes
    /// The currency `money(x)` uses when no currency is given.
    let homeCurrency: String
    /// The symbol of each currency in this locale, in the order of `Currency.all`.
    let currencySymbols: [String]
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

    private static let table: [String: LocaleData] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// CLDR's digit grouping: `primary` digits next to the decimal point, then groups of `secondary`
/// (hi_IN: 3 then 2, 12,34,567), and no grouping at all unless the integer has at least
/// `primary + minimumDigits` digits (CLDR minimumGroupingDigits: pl_PL prints 1234 but 12 345).
struct GroupingSizes: Sendable, Equatable {
    let primary: Int
    let secondary: Int
    let minimumDigits: Int
}

/// What a number pattern puts before and after the digits, for positive and negative values.
struct NumberAffixes: Sendable, Equatable {
    let positivePrefix: String
    let positiveSuffix: String
    let negativePrefix: String
    let negativeSuffix: String
}

/// The locales formatters know, for the template loader to validate a template's `locale:` setting.
package enum SupportedLocales {
    /// The six original locales (en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL), then those added from CLDR.
    package static var names: [String] { LocaleData.knownNames }

    package static func isSupported(_ name: String) -> Bool { LocaleData.named(name) != nil }
}
