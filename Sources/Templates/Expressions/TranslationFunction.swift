/// `t('key', a, b …)`: the key's text in the record's locale, `{0}`, `{1}` … replaced by the arguments, the
/// plural form chosen by the first argument. A constant key is checked when the template compiles: every
/// table has it, and no message reads an argument the call does not give.
extension FunctionLibrary {
    static let translationFunctions: [LibraryFunction] = {
        var t = LibraryFunction("t", [.string("key")] + (0..<9).map { Parameter(name: "arg\($0)", kind: .text) },
                                required: 1, returns: .string, build: buildTranslation)
        t.pure = false
        return [t]
    }()

    private static func buildTranslation(_ site: CallSite) throws(ExpressionError) -> Evaluator {
        guard let translations = site.translations else {
            throw site.error("t() reads the template's string tables: add a translations/ folder of <locale>.yaml files "
                + "beside template.yaml (see translations: in the template reference)", argument: 0)
        }
        let given = site.arguments.count - 1
        if case .string(let key)? = site.constant(0) {
            try check(key, given: given, countType: given > 0 ? site.argument(1).type : nil, translations, site)
        }
        let key = site.argument(0).evaluate
        let arguments = site.arguments.dropFirst().map(\.evaluate)
        let slot = translations.localeSlot
        let locale = site.locale
        let location = site.location
        return { environment throws(EvaluationError) in
            guard case .string(let name) = try key(environment) else {
                throw EvaluationError("t() needs a key (text)", at: location)
            }
            var texts: [String] = []
            var count: Double?
            for (i, argument) in arguments.enumerated() {
                let value = try argument(environment)
                if i == 0, case .number(let n) = value { count = n }
                texts.append(ValueText.string(value, locale: locale))
            }
            var recordLocale = translations.fallback
            if slot < environment.locals.count, case .string(let l) = environment.locals[slot] { recordLocale = l }
            guard let text = translations.text(name, locale: recordLocale, arguments: texts, count: count) else {
                throw EvaluationError("no translation '\(name.prefix(80))' in \(translations.table(for: recordLocale)).yaml "
                    + "or \(translations.fallback).yaml", at: location)
            }
            return .string(text)
        }
    }

    private static func check(_ key: String, given: Int, countType: ValueType?, _ translations: Translations,
                              _ site: CallSite) throws(ExpressionError) {
        var lacking: [String] = []
        for locale in translations.localeNames {
            guard let entry = translations.tables[locale]?[key] else { lacking.append(locale); continue }
            if case .plural = entry {
                guard let countType else {
                    throw site.error("'\(key)' has plural forms in \(locale).yaml: give the count as the first argument, "
                        + "t('\(key)', n)", argument: 0)
                }
                if countType != .number, !countType.isAny {
                    throw site.error("'\(key)' has plural forms in \(locale).yaml: its first argument is the count, "
                        + "a number, not \(countType)", argument: 1)
                }
            }
            if entry.highestArgument >= given {
                throw site.error("'\(key)' in \(locale).yaml reads {\(entry.highestArgument)}; this t() gives it "
                    + "\(given) argument\(given == 1 ? "" : "s") after the key", argument: 0)
            }
        }
        guard lacking.isEmpty else {
            let known = translations.tables[translations.fallback].map { Array($0.keys) } ?? []
            let hint = Suggestions.hint(for: key, among: known)
            throw site.error("no translation '\(key)' in \(lacking.map { $0 + ".yaml" }.joined(separator: ", ")).\(hint)", argument: 0)
        }
    }
}
