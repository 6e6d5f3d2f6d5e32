/// A currency `money()` knows: its ISO code, minor-unit digits and symbols.
struct Currency: Sendable {
    let code: String
    /// Digits after the decimal separator (JPY has none).
    let decimals: Int
    /// The symbol in most locales.
    let symbol: String
    /// Locales where the currency is at home and uses a shorter symbol ("$" in en_US, "US$" elsewhere).
    let localSymbols: [String: String]

    init(_ code: String, decimals: Int = 2, symbol: String, localSymbols: [String: String] = [:]) {
        self.code = code
        self.decimals = decimals
        self.symbol = symbol
        self.localSymbols = localSymbols
    }

    func symbol(in locale: LocaleData) -> String { localSymbols[locale.name] ?? symbol }

    static let all: [Currency] = [
        Currency("USD", symbol: "US$", localSymbols: ["en_US": "$", "de_DE": "$"]),
        Currency("EUR", symbol: "€"),
        Currency("GBP", symbol: "£"),
        Currency("JPY", decimals: 0, symbol: "¥"),
        Currency("CHF", symbol: "CHF"),
        Currency("CAD", symbol: "CA$"),
        Currency("AUD", symbol: "A$"),
        Currency("SEK", symbol: "SEK"),
        Currency("NOK", symbol: "NOK"),
        Currency("DKK", symbol: "DKK"),
        Currency("PLN", symbol: "PLN"),
    ]

    static var knownCodes: [String] { all.map(\.code) }
}

/// A ready-to-use money format for one currency in one locale: the affixes are precomputed bytes, so
/// formatting is integer arithmetic on minor units plus byte copies (no Foundation, no
/// `String(format:)`).
struct MoneyFormat: Sendable {
    let decimals: Int
    let style: NumberStyle
    let positivePrefix: [UInt8]
    let positiveSuffix: [UInt8]
    let negativePrefix: [UInt8]
    let negativeSuffix: [UInt8]

    init(currency: Currency, locale: LocaleData) {
        let noBreakSpace = "\u{00A0}"
        let symbol = currency.symbol(in: locale)
        decimals = currency.decimals
        style = locale.numberStyle
        var prefix = "", suffix = "", negativePrefix = "-"
        switch locale.currencyPlacement {
        case .prefix:
            // CLDR currency spacing: a symbol ending in a letter ("CHF") is kept off the digits.
            prefix = symbol + (symbol.last?.isLetter == true ? noBreakSpace : "")
            negativePrefix = "-" + prefix
        case .suffix:
            suffix = noBreakSpace + symbol
        case .spacedPrefix:
            prefix = symbol + noBreakSpace
            negativePrefix = prefix + "-"
        }
        positivePrefix = prefix.utf8Bytes
        positiveSuffix = suffix.utf8Bytes
        self.negativePrefix = negativePrefix.utf8Bytes
        negativeSuffix = positiveSuffix
    }

    /// The formatted amount, or nil when `x` is not finite or too large to print.
    @inline(__always)
    func format(_ x: Double) -> String? {
        guard let units = DecimalRounding.scaledMagnitude(x, decimals: decimals) else { return nil }
        // |x| < half a minor unit rounds to zero and prints unsigned: "$0.00", never "-$0.00".
        let negative = x < 0 && units != 0
        let (prefix, suffix) = negative ? (negativePrefix, negativeSuffix) : (positivePrefix, positiveSuffix)
        let length = prefix.count + suffix.count + UTF8Writer.fixedLength(
            units: units, decimals: decimals, decimalSeparator: style.decimalSeparator, groupSeparator: style.groupSeparator)
        return String(utf8Capacity: length) { writer in
            writer.append(prefix)
            writer.appendFixed(units: units, decimals: decimals,
                               decimalSeparator: style.decimalSeparator, groupSeparator: style.groupSeparator)
            writer.append(suffix)
        }
    }

    /// Every currency × locale combination, built once: `money(amount, currency)` with a currency
    /// from the record resolves its format with one dictionary lookup per evaluation.
    private static let table: [String: [MoneyFormat]] = Dictionary(uniqueKeysWithValues: Currency.all.map { currency in
        (currency.code, LocaleData.all.map { MoneyFormat(currency: currency, locale: $0) })
    })

    static func lookup(currency code: String, locale: LocaleData) -> MoneyFormat? {
        table[code]?[locale.id]
    }
}
