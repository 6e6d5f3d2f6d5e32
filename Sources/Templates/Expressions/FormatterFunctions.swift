/// Formatters: functions that turn values into display text. Given null they return "" so optional
/// fields simply print nothing. Constant locale, currency, decimals and pattern arguments are
/// resolved once at compile time; only the formatted value is computed per record.
extension FunctionLibrary {
    static let formatterFunctions: [LibraryFunction] = [
        LibraryFunction("money", [.number("amount"), .string("currency"), .string("locale")], required: 1, returns: .string,
                        build: buildMoney),
        LibraryFunction("number", [.number("value"), .number("decimals"), .string("locale")], required: 1, returns: .string,
                        build: buildNumber),
        LibraryFunction("percent", [.number("fraction"), .number("decimals"), .string("locale")], required: 1, returns: .string,
                        build: buildPercent),
        LibraryFunction("date", [.date("date"), .string("pattern"), .string("locale")], required: 1, returns: .string,
                        build: buildDate),
        LibraryFunction("pad", [Parameter(name: "value", kind: .numberOrString), .number("width"), .string("char")],
                        required: 2, returns: .string, build: buildPad),
        LibraryFunction("upper", [.string("text")], returns: .string) { site in
            site.unary { value throws(EvaluationFailure) in .string(try site.string(value, 0)?.uppercased() ?? "") }
        },
        LibraryFunction("lower", [.string("text")], returns: .string) { site in
            site.unary { value throws(EvaluationFailure) in .string(try site.string(value, 0)?.lowercased() ?? "") }
        },
        LibraryFunction("trim", [.string("text")], returns: .string) { site in
            site.unary { value throws(EvaluationFailure) in
                guard let text = try site.string(value, 0) else { return .string("") }
                return .string(String(Substring(text).trimmingWhitespace()))
            }
        },
        LibraryFunction("string", [Parameter(name: "value", kind: .text)], returns: .string) { site in
            let locale = site.locale
            return site.unary { value in
                if case .string = value { return value }
                return .string(ValueText.string(value, locale: locale))
            }
        },
    ]

    // MARK: money

    private static func buildMoney(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        let fixedLocale = try site.constantLocale(2)
        let fixedCurrency = try site.constantCurrency(1)
        if let locale = fixedLocale, let currency = fixedCurrency {
            // The hot path: money(amount) or money(amount, 'EUR', 'de_DE').
            let format = MoneyFormat.lookup(currency: currency ?? locale.homeCurrency, locale: locale)!
            return site.unary { amount throws(EvaluationFailure) in
                guard let x = try site.number(amount, 0) else { return .string("") }
                guard let text = format.format(x) else { throw unprintable(x, in: "money") }
                return .string(text)
            }
        }
        return site.ternary { amount, currencyValue, localeValue throws(EvaluationFailure) in
            guard let x = try site.number(amount, 0) else { return .string("") }
            let locale = try site.locale(fixedLocale, orArgument: localeValue, 2)
            let code = try site.string(currencyValue, 1) ?? locale.homeCurrency
            guard let format = MoneyFormat.lookup(currency: code, locale: locale) else {
                throw EvaluationFailure(unknownCurrencyMessage(code))
            }
            guard let text = format.format(x) else { throw unprintable(x, in: "money") }
            return .string(text)
        }
    }

    // MARK: number, percent

    private static func buildNumber(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        try site.checkConstantWholeNumber(1, in: 0...DecimalRounding.maxDecimals)
        let fixedLocale = try site.constantLocale(2)
        if let locale = fixedLocale, let decimalsValue = site.constant(1) {
            let style = locale.numberStyle
            let decimals = try? site.wholeNumber(decimalsValue, 1, in: 0...DecimalRounding.maxDecimals)
            return site.unary { value throws(EvaluationFailure) in
                guard let x = try site.number(value, 0) else { return .string("") }
                guard let text = NumberFormatting.number(x, decimals: decimals, style: style) else {
                    throw unprintable(x, in: "number")
                }
                return .string(text)
            }
        }
        return site.ternary { value, decimalsValue, localeValue throws(EvaluationFailure) in
            guard let x = try site.number(value, 0) else { return .string("") }
            let decimals = try site.wholeNumber(decimalsValue, 1, in: 0...DecimalRounding.maxDecimals)
            let locale = try site.locale(fixedLocale, orArgument: localeValue, 2)
            guard let text = NumberFormatting.number(x, decimals: decimals, style: locale.numberStyle) else {
                throw unprintable(x, in: "number")
            }
            return .string(text)
        }
    }

    private static func buildPercent(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        try site.checkConstantWholeNumber(1, in: 0...DecimalRounding.maxDecimals)
        let fixedLocale = try site.constantLocale(2)
        return site.ternary { value, decimalsValue, localeValue throws(EvaluationFailure) in
            guard let x = try site.number(value, 0) else { return .string("") }
            let decimals = try site.wholeNumber(decimalsValue, 1, in: 0...DecimalRounding.maxDecimals)
            let locale = try site.locale(fixedLocale, orArgument: localeValue, 2)
            guard let text = NumberFormatting.percent(x, decimals: decimals, style: locale.numberStyle) else {
                throw unprintable(x, in: "percent")
            }
            return .string(text)
        }
    }

    // MARK: date

    private static func buildDate(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        let fixedLocale = try site.constantLocale(2)
        let fixedPattern: DatePattern? = switch site.constant(1) {
        case .string(let pattern)?: DatePattern(pattern)
        case .null?: fixedLocale?.defaultDatePattern
        default: nil
        }
        if let locale = fixedLocale, let pattern = fixedPattern {
            let names = locale.dateNames
            return site.unary { value throws(EvaluationFailure) in
                guard let days = try site.date(value, 0) else { return .string("") }
                return .string(pattern.format(daysSinceEpoch: days, names: names))
            }
        }
        return site.ternary { value, patternValue, localeValue throws(EvaluationFailure) in
            guard let days = try site.date(value, 0) else { return .string("") }
            let locale = try site.locale(fixedLocale, orArgument: localeValue, 2)
            var pattern = locale.defaultDatePattern
            if let fixedPattern {
                pattern = fixedPattern
            } else if let text = try site.string(patternValue, 1) {
                pattern = DatePattern(text)
            }
            return .string(pattern.format(daysSinceEpoch: days, locale: locale))
        }
    }

    // MARK: pad

    /// pad(x, width [, char]): left-pads to `width` characters with `char` (default "0"). Numbers are
    /// rounded to an integer first; a negative number keeps its sign in front of zero padding.
    private static func buildPad(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        try site.checkConstantWholeNumber(1, in: 0...1000)
        if case .string(let fill)? = site.constant(2), fill.count != 1 {
            throw site.error("pad() argument 3 must be a single character, got '\(fill)'", argument: 2)
        }
        return site.ternary { value, widthValue, fillValue throws(EvaluationFailure) in
            guard let width = try site.wholeNumber(widthValue, 1, in: 0...1000) else { return .string("") }
            let fill = try site.string(fillValue, 2) ?? "0"
            guard fill.count == 1, let fillCharacter = fill.first else {
                throw EvaluationFailure("pad() argument 3 must be a single character, got '\(fill)'")
            }
            var sign = ""
            var body: String
            switch value {
            case .null: return .string("")
            case .string(let text): body = text
            case .number(let x):
                guard let units = DecimalRounding.scaledMagnitude(x, decimals: 0) else {
                    throw EvaluationFailure("pad() needs a finite number, got \(ValueText.number(x))")
                }
                body = String(units)
                if x < 0, units != 0 {
                    if fillCharacter == "0" { sign = "-" } else { body = "-" + body }
                }
            default:
                throw site.mismatch(0, expected: "a number or a string", got: value)
            }
            let missing = width - sign.count - body.count
            guard missing > 0 else { return .string(sign + body) }
            return .string(sign + String(repeating: fillCharacter, count: missing) + body)
        }
    }

    // MARK: Shared

    static func unprintable(_ x: Double, in function: String) -> EvaluationFailure {
        EvaluationFailure("\(function)() cannot format \(ValueText.number(x)): "
            + (x.isFinite ? "the value is too large" : "the value is not a finite number"))
    }

    static func unknownCurrencyMessage(_ code: String) -> String {
        var message = "unknown currency '\(code)'"
        if let suggestion = Suggestions.closest(to: code, among: Currency.knownCodes) {
            message += " — did you mean '\(suggestion)'?"
        }
        return message + " (known: \(Currency.knownCodes.joined(separator: ", ")))"
    }

    static func unknownLocaleMessage(_ name: String) -> String {
        var message = "unknown locale '\(name)'"
        if let suggestion = Suggestions.closest(to: name, among: LocaleData.knownNames) {
            message += " — did you mean '\(suggestion)'?"
        }
        return message + " (known: \(LocaleData.knownNames.joined(separator: ", ")))"
    }
}

/// Locale and currency arguments: resolved at compile time when constant (an unknown name is then
/// a template error), else per evaluation.
extension CallSite {
    /// The locale of argument `index` when known at compile time: the scope's default when the
    /// argument is left out or null, nil when it depends on the record.
    func constantLocale(_ index: Int) throws(ExpressionError) -> LocaleData? {
        switch constant(index) {
        case nil: return nil
        case .null?: return locale
        case .string(let name)?:
            guard let found = LocaleData.named(name) else {
                throw error(FunctionLibrary.unknownLocaleMessage(name), argument: index)
            }
            return found
        default: return nil
        }
    }

    /// `fixed` when resolved at compile time, else the locale named by the argument's value.
    @inline(__always)
    func locale(_ fixed: LocaleData?, orArgument value: Value, _ index: Int) throws(EvaluationFailure) -> LocaleData {
        if let fixed { return fixed }
        return try runtimeLocale(value, index)
    }

    func runtimeLocale(_ value: Value, _ index: Int) throws(EvaluationFailure) -> LocaleData {
        guard let name = try string(value, index) else { return locale }
        guard let found = LocaleData.named(name) else { throw EvaluationFailure(FunctionLibrary.unknownLocaleMessage(name)) }
        return found
    }

    /// The currency code of argument `index` when known at compile time: `.some(nil)` when left out
    /// or null (the locale's home currency), nil when it depends on the record.
    func constantCurrency(_ index: Int) throws(ExpressionError) -> String?? {
        switch constant(index) {
        case nil: return nil
        case .null?: return .some(nil)
        case .string(let code)?:
            guard Currency.knownCodes.contains(code) else {
                throw error(FunctionLibrary.unknownCurrencyMessage(code), argument: index)
            }
            return .some(code)
        default: return nil
        }
    }
}
