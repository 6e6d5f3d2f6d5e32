/// A currency `money()` knows: its ISO code and minor-unit digits. `Currency.all` is generated
/// (LocaleTable.generated.swift); each locale carries the currency's symbol in its language.
struct Currency: Sendable {
    /// Position in `Currency.all`, and in every locale's `currencySymbols`.
    let index: Int
    let code: String
    /// Digits after the decimal separator (JPY and KRW have none).
    let decimals: Int

    func symbol(in locale: LocaleData) -> String { locale.currencySymbols[index] }

    static var knownCodes: [String] { all.map(\.code) }
}

/// A ready-to-use money format for one currency in one locale: the affixes are precomputed bytes, so
/// formatting is integer arithmetic on minor units plus byte copies (no Foundation, no
/// `String(format:)`).
struct MoneyFormat: Sendable {
    let decimals: Int
    let decimalSeparator: [UInt8]
    let grouping: DigitGrouping
    let affixes: AffixBytes

    init(currency: Currency, locale: LocaleData) {
        let symbol = currency.symbol(in: locale)
        decimals = currency.decimals
        decimalSeparator = locale.currencyDecimalSeparator.utf8Bytes
        grouping = DigitGrouping(separator: locale.currencyGroupSeparator, sizes: locale.grouping)
        let pattern = locale.currency
        affixes = AffixBytes(NumberAffixes(
            positivePrefix: Self.prefix(pattern.positivePrefix, symbol: symbol),
            positiveSuffix: Self.suffix(pattern.positiveSuffix, symbol: symbol),
            negativePrefix: Self.prefix(pattern.negativePrefix, symbol: symbol),
            negativeSuffix: Self.suffix(pattern.negativeSuffix, symbol: symbol)))
    }

    /// CLDR currency spacing (the root locale's, which every locale in the table inherits): when the
    /// symbol touches the digits and its character there is neither a symbol (S) nor a separator (Z),
    /// as in "CHF" or "kr", a no-break space keeps it off them: "CHF 1,234.56" but "$1,234.56".
    private static let currencySpacing = "\u{00A0}"

    private static func keepsOffDigits(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        switch scalar.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }

    private static func prefix(_ pattern: String, symbol: String) -> String {
        // The symbol touches the digits when "¤" ends the prefix.
        let spacing = pattern.hasSuffix("¤") && keepsOffDigits(symbol.unicodeScalars.last) ? currencySpacing : ""
        return pattern.replacing("¤", with: symbol) + spacing
    }

    private static func suffix(_ pattern: String, symbol: String) -> String {
        let spacing = pattern.hasPrefix("¤") && keepsOffDigits(symbol.unicodeScalars.first) ? currencySpacing : ""
        return spacing + pattern.replacing("¤", with: symbol)
    }

    /// The formatted amount, or nil when `x` is not finite or too large to print.
    @inline(__always)
    func format(_ x: Double) -> String? {
        guard let units = DecimalRounding.scaledMagnitude(x, decimals: decimals) else { return nil }
        // |x| < half a minor unit rounds to zero and prints unsigned: "$0.00", never "-$0.00".
        let (prefix, suffix) = affixes.pick(negative: x < 0 && units != 0)
        let length = prefix.count + suffix.count + UTF8Writer.fixedLength(
            units: units, decimals: decimals, decimalSeparator: decimalSeparator, grouping: grouping)
        return String(utf8Capacity: length) { writer in
            writer.append(prefix)
            writer.appendFixed(units: units, decimals: decimals, decimalSeparator: decimalSeparator, grouping: grouping)
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
