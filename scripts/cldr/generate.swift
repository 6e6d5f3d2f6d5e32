// Writes Sources/Templates/Formatting/LocaleTable.generated.swift from the CLDR data in the ICU that
// ships with the Swift toolchain (swift-corelibs-foundation's _FoundationICU). Run it with
// scripts/cldr/generate, never by hand: the engine must not call ICU at run time (slow per call, and
// its output changes with the ICU version, which would break byte-identical reprints), so the data is
// read here once and committed as Swift source.
//
// Everything comes from ICU's C API: number patterns and symbols (unum_*), currency symbols, digits and
// home currencies (ucurr_*), the Gregorian short date pattern and month/weekday names (udat_*).
// Where the engine deliberately prints something else than CLDR, the override is listed in
// `Overrides` below and noted in the generated file beside the field it changes.
import _FoundationICU
#if canImport(Glibc)
import Glibc
#endif

// MARK: What to generate

/// The six locales Inkstream had before the table was generated (their output must not change: old
/// runs reprint byte-identically), then the CLDR locales added since, in the order `known:` lists show.
let legacyLocales = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "nl_NL"]
let addedLocales = [
    "ja_JP", "zh_CN", "zh_TW", "ko_KR", "ar_SA", "he_IL", "ru_RU", "uk_UA", "pl_PL", "cs_CZ",
    "hu_HU", "ro_RO", "el_GR", "tr_TR", "pt_BR", "pt_PT", "it_IT", "sv_SE", "da_DK", "nb_NO",
    "fi_FI", "de_AT", "de_CH", "fr_CA", "fr_CH", "en_CA", "en_AU", "en_IE", "es_MX", "hi_IN",
]

/// The currencies money() knows: the eleven of the hand-written table first (their order is in error
/// messages), then every added locale's home currency.
let legacyCurrencies = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN"]
let addedCurrencies = ["CNY", "TWD", "KRW", "SAR", "ILS", "RUB", "UAH", "CZK", "HUF", "RON", "TRY", "BRL", "MXN", "INR"]

/// The ICU locale each of ours is read from. Dates are always Gregorian (ar_SA's default calendar is
/// the Islamic Umm al-Qura one; a statement's due date is a civil Gregorian date).
func icuIdentifier(_ name: String) -> String {
    // ar_SA: Latin digits ("latn"), not CLDR's default Arabic-Indic ones ("arab"), as Saudi billing and
    // banking systems print amounts; the rest of ar_SA's CLDR data (symbols, marks, names) is kept.
    if name == "ar_SA" { return "ar_SA@calendar=gregorian;numbers=latn" }
    return name + "@calendar=gregorian"
}

// MARK: Overrides

/// Deliberate departures from CLDR, all of them for the six legacy locales: templates and runs made
/// before the table was generated must print exactly what they printed then.
enum Overrides {
    /// CLDR es has minimumGroupingDigits 2 (1234,56 €); Inkstream always grouped four-digit amounts
    /// in es_ES (1.234,56 €), which Spanish statements commonly do.
    static let minimumGroupingDigits: [String: (value: Int, reason: String)] = [
        "es_ES": (1, "legacy: statements group four-digit amounts (1.234,56 €)"),
    ]

    /// CLDR's short dates with the year widened (below) give these two locales single-digit days and
    /// months; the hand-written table had zero-padded ones.
    static let defaultDatePattern: [String: (value: String, reason: String)] = [
        "en_US": ("MM/dd/yyyy", "legacy: zero-padded month and day"),
        "es_ES": ("dd/MM/yyyy", "legacy: zero-padded day and month"),
    ]

    /// CLDR 46 puts U+00A0 before fr's percent sign; the hand-written table had French typography's
    /// narrow no-break space U+202F (as CLDR has between digit groups): "12,5\u{202F}%".
    static let percentSpace: [String: (value: String, reason: String)] = [
        "fr_FR": ("\u{202F}", "legacy: the narrow no-break space of the hand-written table"),
    ]

    /// CLDR 46 abbreviates September "Sep" in en_GB; the hand-written table had "Sept" (index 8).
    static let shortMonthNames: [String: (index: Int, value: String, reason: String)] = [
        "en_GB": (8, "Sept", "legacy: the hand-written table's abbreviation"),
    ]

    /// The symbols the hand-written currency table printed in the legacy locales (one symbol per
    /// currency, plus "$" for USD in en_US and de_DE). Only entries that differ from CLDR are written
    /// out as overrides; new currencies and new locales take CLDR's symbols.
    static func legacySymbol(_ code: String, in locale: String) -> String? {
        guard legacyLocales.contains(locale), legacyCurrencies.contains(code) else { return nil }
        if code == "USD", locale == "en_US" || locale == "de_DE" { return "$" }
        let symbols = ["USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "CHF": "CHF", "CAD": "CA$", "AUD": "A$",
                       "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN"]
        return symbols[code]
    }
}

// MARK: ICU access

func fail(_ message: String) -> Never {
    var standardError = StandardError()
    print("generate: \(message)", to: &standardError)
    exit(1)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { fputs(string, stderr) }
}

func check(_ status: UErrorCode, _ what: String) {
    if status.rawValue > 0 { fail("\(what) failed with ICU error \(status.rawValue)") }
}

/// Calls an ICU function that fills a UTF-16 buffer and returns its length.
func icuString(_ what: String, _ body: (UnsafeMutablePointer<UChar>, Int32, inout UErrorCode) -> Int32) -> String {
    var buffer = [UChar](repeating: 0, count: 1024)
    var status = U_ZERO_ERROR
    let length = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, 1024, &status) }
    check(status, what)
    return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
}

func utf16(_ text: String) -> [UChar] { Array(text.utf16) + [0] }

func versionString(_ version: UVersionInfo) -> String { "\(version.0).\(version.1)" }

func icuVersion() -> String {
    var version: UVersionInfo = (0, 0, 0, 0)
    swift_u_getVersion(&version)
    return versionString(version)
}

func cldrVersion() -> String {
    var version: UVersionInfo = (0, 0, 0, 0)
    var status = U_ZERO_ERROR
    swift_ulocdata_getCLDRVersion(&version, &status)
    check(status, "ulocdata_getCLDRVersion")
    return versionString(version)
}

/// A number format of ICU, for its pattern, symbols and grouping.
struct NumberFormat {
    let handle: UnsafeMutablePointer<UNumberFormat?>

    init(_ style: UNumberFormatStyle, _ locale: String) {
        var status = U_ZERO_ERROR
        guard let handle = swift_unum_open(style, nil, 0, locale, nil, &status) else { fail("unum_open \(locale)") }
        check(status, "unum_open \(locale)")
        self.handle = handle
    }

    var pattern: String { icuString("unum_toPattern") { swift_unum_toPattern(handle, 0, $0, $1, &$2) } }

    func symbol(_ symbol: UNumberFormatSymbol) -> String {
        icuString("unum_getSymbol") { swift_unum_getSymbol(handle, symbol, $0, $1, &$2) }
    }

    func attribute(_ attribute: UNumberFormatAttribute) -> Int { Int(swift_unum_getAttribute(handle, attribute)) }

    var grouping: Grouping {
        let primary = attribute(UNUM_GROUPING_SIZE)
        let secondary = attribute(UNUM_SECONDARY_GROUPING_SIZE)
        return Grouping(primary: primary, secondary: secondary > 0 ? secondary : primary,
                        minimum: max(1, attribute(UNUM_MINIMUM_GROUPING_DIGITS)))
    }
}

struct Grouping: Equatable {
    let primary: Int
    let secondary: Int
    let minimum: Int
}

func currencySymbol(_ code: String, _ locale: String) -> String {
    var status = U_ZERO_ERROR
    var isChoice: UBool = 0
    var length: Int32 = 0
    let name = utf16(code)
    guard let pointer = swift_ucurr_getName(name, locale, UCURR_SYMBOL_NAME, &isChoice, &length, &status) else {
        fail("ucurr_getName \(code) \(locale)")
    }
    check(status, "ucurr_getName \(code) \(locale)")
    return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(length)), as: UTF16.self)
}

func currencyDigits(_ code: String) -> Int {
    var status = U_ZERO_ERROR
    let digits = swift_ucurr_getDefaultFractionDigits(utf16(code), &status)
    check(status, "ucurr_getDefaultFractionDigits \(code)")
    return Int(digits)
}

func homeCurrency(_ locale: String) -> String {
    icuString("ucurr_forLocale") { swift_ucurr_forLocale(locale, $0, $1, &$2) }
}

/// A Gregorian date format of ICU, for the short pattern and the names.
struct DateFormat {
    let handle: UnsafeMutablePointer<UDateFormat?>

    init(_ locale: String) {
        var status = U_ZERO_ERROR
        let utc = utf16("UTC")
        guard let handle = swift_udat_open(UDAT_NONE, UDAT_SHORT, locale, utc, -1, nil, 0, &status) else {
            fail("udat_open \(locale)")
        }
        check(status, "udat_open \(locale)")
        self.handle = handle
    }

    var pattern: String { icuString("udat_toPattern") { swift_udat_toPattern(handle, 0, $0, $1, &$2) } }

    /// Format-context names (what `MMMM`, `MMM`, `EEEE`, `EEE` print), wide and abbreviated.
    func symbols(_ type: UDateFormatSymbolType, _ indices: [Int32]) -> [String] {
        indices.map { index in
            icuString("udat_getSymbols") { swift_udat_getSymbols(handle, type, index, $0, $1, &$2) }
        }
    }
}

// MARK: Patterns

/// One side of a number pattern: the text before and after the digits.
struct Affixes {
    var positivePrefix: String
    var positiveSuffix: String
    var negativePrefix: String
    var negativeSuffix: String
    var grouping: (primary: Int, secondary: Int)

    static let none = Affixes(positivePrefix: "", positiveSuffix: "", negativePrefix: "", negativeSuffix: "", grouping: (0, 0))
}

/// Splits a CLDR number pattern ("¤#,##0.00;¤-#,##0.00") into affixes, with `%` and `-` replaced by
/// the locale's symbols and `¤` kept as the place of the currency symbol. Without a negative
/// subpattern, the negative form is the minus sign before the positive one (as in ICU).
func affixes(of pattern: String, minus: String, percent: String) -> Affixes {
    var subpatterns: [(prefix: String, number: String, suffix: String)] = []
    var prefix = "", number = "", suffix = ""
    var quoted = false
    var characters = Array(pattern)[...]
    while let character = characters.popFirst() {
        if character == "'" {
            if characters.first == "'" {
                characters.removeFirst()
                if number.isEmpty { prefix.append("'") } else { suffix.append("'") }
            } else {
                quoted.toggle()
            }
            continue
        }
        if !quoted, character == ";" {
            subpatterns.append((prefix, number, suffix))
            (prefix, number, suffix) = ("", "", "")
            continue
        }
        if !quoted, "#0123456789,.@".contains(character), suffix.isEmpty {
            number.append(character)
            continue
        }
        var text = String(character)
        if !quoted {
            switch character {
            case "-": text = minus
            case "%": text = percent
            case "+", "‰", "*", "E": fail("unsupported pattern character '\(character)' in \(pattern)")
            default: break
            }
        }
        if number.isEmpty { prefix += text } else { suffix += text }
    }
    subpatterns.append((prefix, number, suffix))
    guard let positive = subpatterns.first, subpatterns.count <= 2 else { fail("bad pattern \(pattern)") }
    let negative = subpatterns.count == 2 ? subpatterns[1] : (prefix: minus + positive.prefix, number: positive.number, suffix: positive.suffix)
    // The grouping of the integer digits: "#,##,##0.00" has 3 next to the decimal point, then 2s.
    let integer = positive.number.split(separator: ".", omittingEmptySubsequences: false)[0]
    let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
    let primary = groups.count > 1 ? groups[groups.count - 1].count : 0
    let secondary = groups.count > 2 ? groups[groups.count - 2].count : primary
    return Affixes(positivePrefix: positive.prefix, positiveSuffix: positive.suffix,
                   negativePrefix: negative.prefix, negativeSuffix: negative.suffix,
                   grouping: (primary, secondary))
}

/// CLDR's short date pattern in our pattern letters, with the year widened to four digits: statements
/// print full years (CLDR's short dates often have two, `dd.MM.yy`; its medium ones spell months).
func defaultDatePattern(from pattern: String, locale: String) -> String {
    var result = ""
    var quoted = false
    var characters = Array(pattern)[...]
    while let character = characters.popFirst() {
        if character == "'" { quoted.toggle() }
        guard !quoted, character.isASCII, character.isLetter else {
            result.append(character)
            continue
        }
        var run = 1
        while characters.first == character {
            characters.removeFirst()
            run += 1
        }
        switch character {
        case "y": result += "yyyy"
        case "M", "d", "E": result += String(repeating: character, count: run)
        default: fail("\(locale): short date pattern \(pattern) has '\(character)', which date() does not know")
        }
    }
    return result
}

// MARK: Reading one locale

struct LocaleEntry {
    let name: String
    let icu: String
    var notes: [String] = []
    var decimalSeparator = "", groupSeparator = "", currencyDecimalSeparator = "", currencyGroupSeparator = ""
    var grouping = Grouping(primary: 3, secondary: 3, minimum: 1)
    var minusSign = ""
    var percent = Affixes.none
    var currency = Affixes.none
    var homeCurrency = ""
    var currencySymbols: [String] = []
    var datePattern = ""
    var months: [String] = [], shortMonths: [String] = [], weekdays: [String] = [], shortWeekdays: [String] = []
}

func read(_ name: String, currencies: [String]) -> LocaleEntry {
    var entry = LocaleEntry(name: name, icu: icuIdentifier(name))
    let decimal = NumberFormat(UNUM_DECIMAL, entry.icu)
    let percentFormat = NumberFormat(UNUM_PERCENT, entry.icu)
    let currencyFormat = NumberFormat(UNUM_CURRENCY, entry.icu)

    entry.decimalSeparator = decimal.symbol(UNUM_DECIMAL_SEPARATOR_SYMBOL)
    entry.groupSeparator = decimal.symbol(UNUM_GROUPING_SEPARATOR_SYMBOL)
    entry.currencyDecimalSeparator = currencyFormat.symbol(UNUM_MONETARY_SEPARATOR_SYMBOL)
    entry.currencyGroupSeparator = currencyFormat.symbol(UNUM_MONETARY_GROUPING_SEPARATOR_SYMBOL)
    entry.minusSign = decimal.symbol(UNUM_MINUS_SIGN_SYMBOL)
    let percentSign = decimal.symbol(UNUM_PERCENT_SYMBOL)

    // One grouping serves number(), percent() and money(): stop if CLDR ever gives a locale two.
    entry.grouping = decimal.grouping
    for other in [percentFormat.grouping, currencyFormat.grouping] where other != entry.grouping {
        fail("\(name): grouping differs between number styles (\(entry.grouping) vs \(other))")
    }
    if let override = Overrides.minimumGroupingDigits[name] {
        entry.notes.append("minimumGroupingDigits \(override.value) (override, CLDR \(entry.grouping.minimum): \(override.reason))")
        entry.grouping = Grouping(primary: entry.grouping.primary, secondary: entry.grouping.secondary, minimum: override.value)
    }

    let numberAffixes = affixes(of: decimal.pattern, minus: entry.minusSign, percent: percentSign)
    guard numberAffixes.positivePrefix.isEmpty, numberAffixes.positiveSuffix.isEmpty,
          numberAffixes.negativePrefix == entry.minusSign, numberAffixes.negativeSuffix.isEmpty else {
        fail("\(name): decimal pattern \(decimal.pattern) has affixes; number() writes only a minus sign")
    }
    entry.percent = affixes(of: percentFormat.pattern, minus: entry.minusSign, percent: percentSign)
    if let override = Overrides.percentSpace[name] {
        let space = "\u{00A0}"
        guard entry.percent.positiveSuffix == space + percentSign else { fail("\(name): the percent override no longer applies") }
        entry.notes.append("percent sign after U+\(String(override.value.unicodeScalars.first!.value, radix: 16, uppercase: true)) "
            + "(override, CLDR U+00A0: \(override.reason))")
        entry.percent.positiveSuffix = override.value + percentSign
        entry.percent.negativeSuffix = override.value + percentSign
    }
    entry.currency = affixes(of: currencyFormat.pattern, minus: entry.minusSign, percent: percentSign)
    for affixes in [numberAffixes, entry.percent, entry.currency]
    where affixes.grouping != (entry.grouping.primary, entry.grouping.secondary) {
        fail("\(name): a pattern's grouping \(affixes.grouping) differs from ICU's \(entry.grouping)")
    }

    entry.homeCurrency = homeCurrency(entry.icu)
    guard currencies.contains(entry.homeCurrency) else { fail("\(name): home currency \(entry.homeCurrency) is not in the list") }
    entry.currencySymbols = currencies.map { code in
        let cldr = currencySymbol(code, entry.icu)
        if let legacy = Overrides.legacySymbol(code, in: name), legacy != cldr {
            entry.notes.append("\(code) symbol \"\(legacy)\" (override, CLDR \"\(cldr)\": legacy)")
            return legacy
        }
        return cldr
    }

    let dates = DateFormat(entry.icu)
    let shortPattern = dates.pattern
    entry.datePattern = defaultDatePattern(from: shortPattern, locale: name)
    if let override = Overrides.defaultDatePattern[name] {
        entry.notes.append("default date \(override.value) (override, CLDR short \(shortPattern): \(override.reason))")
        entry.datePattern = override.value
    }
    entry.months = dates.symbols(UDAT_MONTHS, Array(0..<12))
    entry.shortMonths = dates.symbols(UDAT_SHORT_MONTHS, Array(0..<12))
    if let override = Overrides.shortMonthNames[name] {
        entry.notes.append("short month \(override.index + 1) \"\(override.value)\" (override, CLDR \"\(entry.shortMonths[override.index])\": \(override.reason))")
        entry.shortMonths[override.index] = override.value
    }
    // ICU numbers weekdays from Sunday = 1; the engine's tables start on Monday.
    let mondayFirst: [Int32] = [2, 3, 4, 5, 6, 7, 1]
    entry.weekdays = dates.symbols(UDAT_WEEKDAYS, mondayFirst)
    entry.shortWeekdays = dates.symbols(UDAT_SHORT_WEEKDAYS, mondayFirst)
    return entry
}

// MARK: Writing Swift

/// A Swift string literal; spaces other than U+0020, bidi and other invisible marks are escaped so a
/// reader sees them.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case " ": result += " "
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .format, .control:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

func list(_ items: [String]) -> String { "[" + items.map(literal).joined(separator: ", ") + "]" }

func swiftName(_ locale: String) -> String {
    let parts = locale.split(separator: "_")
    return String(parts[0] + parts[1])
}

func affixesSource(_ affixes: Affixes) -> String {
    "NumberAffixes(positivePrefix: \(literal(affixes.positivePrefix)), positiveSuffix: \(literal(affixes.positiveSuffix)), "
        + "negativePrefix: \(literal(affixes.negativePrefix)), negativeSuffix: \(literal(affixes.negativeSuffix)))"
}

func source(_ entry: LocaleEntry, id: Int) -> String {
    var lines: [String] = []
    lines.append("    /// \(entry.name), from ICU locale \"\(entry.icu)\".")
    for note in entry.notes { lines.append("    /// - \(note)") }
    lines.append("    static let \(swiftName(entry.name)) = LocaleData(")
    lines.append("        id: \(id), name: \(literal(entry.name)), icuIdentifier: \(literal(entry.icu)),")
    lines.append("        decimalSeparator: \(literal(entry.decimalSeparator)), groupSeparator: \(literal(entry.groupSeparator)),")
    lines.append("        currencyDecimalSeparator: \(literal(entry.currencyDecimalSeparator)), "
        + "currencyGroupSeparator: \(literal(entry.currencyGroupSeparator)),")
    lines.append("        grouping: GroupingSizes(primary: \(entry.grouping.primary), secondary: \(entry.grouping.secondary), "
        + "minimumDigits: \(entry.grouping.minimum)), minusSign: \(literal(entry.minusSign)),")
    lines.append("        percent: \(affixesSource(entry.percent)),")
    lines.append("        currency: \(affixesSource(entry.currency)),")
    lines.append("        homeCurrency: \(literal(entry.homeCurrency)),")
    lines.append("        currencySymbols: \(list(entry.currencySymbols)),")
    lines.append("        defaultDatePatternSource: \(literal(entry.datePattern)),")
    lines.append("        monthNames: \(list(entry.months)),")
    lines.append("        shortMonthNames: \(list(entry.shortMonths)),")
    lines.append("        weekdayNames: \(list(entry.weekdays)),")
    lines.append("        shortWeekdayNames: \(list(entry.shortWeekdays)))")
    return lines.joined(separator: "\n")
}

// MARK: Main

let currencies = legacyCurrencies + addedCurrencies
let locales = legacyLocales + addedLocales
let entries = locales.map { read($0, currencies: currencies) }

var output = """
// GENERATED by scripts/cldr/generate from ICU \(icuVersion()) (CLDR \(cldrVersion())), the ICU of the Swift
// toolchain's Foundation. Do not edit: change scripts/cldr/generate.swift and run scripts/cldr/generate.
//
// Locale conventions for number(), percent(), money() and date(), read from CLDR once and committed so
// that output is byte-identical on every machine and no formatter calls ICU at run time (docs/locales.md).
// CLDR data © Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt). Overrides of
// CLDR (kept for output made before this table existed) are listed under the locale they change.
// Affixes: "¤" marks where the currency symbol goes; minus and percent signs are the locale's own.

/// Where the table came from, for the tests that compare the engine with ICU.
enum LocaleTableSource {
    static let icuVersion = \(literal(icuVersion()))
    static let cldrVersion = \(literal(cldrVersion()))
}

extension Currency {
    /// ISO code and minor-unit digits (ucurr_getDefaultFractionDigits); symbols are per locale.
    static let all: [Currency] = [

"""
for (index, code) in currencies.enumerated() {
    output += "        Currency(index: \(index), code: \(literal(code)), decimals: \(currencyDigits(code))),\n"
}
output += "    ]\n}\n\nextension LocaleData {\n"
output += "    /// Indexed by `id`; `currencySymbols` are in the order of `Currency.all`.\n"
output += "    static let all: [LocaleData] = [" + locales.map(swiftName).joined(separator: ", ") + "]\n\n"
output += entries.enumerated().map { source($1, id: $0) }.joined(separator: "\n\n")
output += "\n}\n"
print(output, terminator: "")
