import Foundation

/// Reads `translations:` and the string tables of its folder.
///
///     # translations/de_DE.yaml
///     renewal:
///       title: "Ihre Verlängerung"
///       vehicles:                 # plural forms, chosen by the first argument
///         one: "{0} Fahrzeug"
///         other: "{0} Fahrzeuge"
///         "=0": "keine Fahrzeuge"
extension TemplateCompiler {
    static let translationKeys: Set<String> = ["folder", "locale", "fallback"]
    static let pluralCategories: Set<String> = ["zero", "one", "two", "few", "many", "other"]

    /// The tables and the expression giving each record's locale (nil: the template's locale for every record).
    func readTranslations(_ node: TemplateNode?, templateLocale: String, localeSlot: Int,
                          scope: CompileScope) -> (Translations, CompiledExpression?)? {
        if let node { checkKeys(node, Self.translationKeys) }
        let given = node?["folder"].flatMap { $0.string }
        let folder = given.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) }
            ?? (directory as NSString).appendingPathComponent("translations")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            if let node { errors.append((node["folder"] ?? node).error("the translations folder \(folder) does not exist (it is relative to the template's folder)")) }
            return nil
        }
        let resolvedFolder = AssetPath.resolved(folder)
        dependencies.append(resolvedFolder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: resolvedFolder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var tables: [String: [String: Translations.Entry]] = [:]
        var rules: [String: PluralRules] = [:]
        for file in files {
            let path = resolvedFolder + "/" + file
            let stem = String(file.dropLast(5))
            guard let locale = Translations.normalized(stem), locale == stem else {
                errors.append(TemplateError("a translations file is named after its locale (de_DE.yaml, fr.yaml); \(file) is not",
                                            at: SourceLocation(file: path, line: 1, column: 1), element: "translations"))
                continue
            }
            guard let plural = PluralRules.of(locale) else {
                errors.append(TemplateError("ICU has no plural rules for \(locale)", at: SourceLocation(file: path, line: 1, column: 1),
                                            element: "translations"))
                continue
            }
            rules[locale] = plural
            let root: TemplateNode
            do { root = TemplateNode(node: try TemplateLoader.parse(file: path), file: path, element: "translations \(locale)") } catch {
                errors += error.errors
                continue
            }
            var table: [String: Translations.Entry] = [:]
            readTable(root, prefix: "", locale: locale, rules: plural, into: &table)
            tables[locale] = table
        }
        guard !tables.isEmpty else {
            errors.append(TemplateError("the translations folder \(folder) has no <locale>.yaml files (de_DE.yaml, fr.yaml …)",
                                        at: node?.location ?? SourceLocation(file: file, line: 1, column: 1), element: "translations"))
            return nil
        }
        let fallbackName = node?["fallback"]?.string ?? templateLocale
        let fallback = Translations.normalized(fallbackName) ?? fallbackName
        let translations = Translations(tables: tables, fallback: tables[fallback] != nil ? fallback : tables.keys.sorted()[0],
                                        localeSlot: localeSlot, rules: rules)
        if tables[fallback] == nil, let fallbackNode = node?["fallback"] {
            errors.append(fallbackNode.error("there is no \(fallback).yaml in \(folder) (tables: \(translations.localeNames.joined(separator: ", ")))"))
        } else if tables[fallback] == nil {
            errors.append(TemplateError("the template's locale \(templateLocale) has no table in \(folder): add \(templateLocale).yaml, or "
                + "name the table records without one read with translations: {fallback: …}",
                at: SourceLocation(file: file, line: 1, column: 1), element: "translations"))
        }
        guard let localeNode = node?["locale"] else { return (translations, nil) }
        guard let source = Self.expressionSource(localeNode)?.text ?? localeNode.string else { return (translations, nil) }
        let expression = compileExpression(source, localeNode, scope: scope, expecting: .string)
        return expression.map { (translations, $0) }
    }

    private func readTable(_ node: TemplateNode, prefix: String, locale: String, rules: PluralRules,
                           into table: inout [String: Translations.Entry]) {
        guard let pairs = record({ () throws(TemplateError) in try node.mappingPairs() }) else { return }
        for (key, value) in pairs {
            let name = prefix.isEmpty ? key : prefix + "." + key
            if let text = value.string {
                if let message = message(text, value) { table[name] = .text(message) }
                continue
            }
            guard let forms = record({ () throws(TemplateError) in try value.mappingPairs() }) else { continue }
            let isPlural = !forms.isEmpty && forms.allSatisfy { Self.pluralCategories.contains($0.key) || $0.key.hasPrefix("=") }
            guard isPlural else {
                readTable(value, prefix: name, locale: locale, rules: rules, into: &table)
                continue
            }
            var categories: [String: Translations.Message] = [:]
            var exact: [Double: Translations.Message] = [:]
            for (form, text) in forms {
                guard let string = text.string, let m = message(string, text) else {
                    if text.string == nil { errors.append(text.error("a plural form is one text")) }
                    continue
                }
                if form.hasPrefix("=") {
                    guard let n = Double(form.dropFirst()) else {
                        errors.append(text.error("'\(form)' is not an exact form: write =0, =1 …"))
                        continue
                    }
                    exact[n] = m
                } else if !rules.categories.contains(form) {
                    errors.append(text.error("\(locale) has no plural form '\(form)'; its forms are \(rules.categories.joined(separator: ", "))"))
                } else {
                    categories[form] = m
                }
            }
            let missing = rules.categories.filter { categories[$0] == nil }
            if !missing.isEmpty {
                errors.append(value.error("'\(name)' needs the plural forms \(missing.joined(separator: ", ")) of \(locale) "
                    + "(its forms: \(rules.categories.joined(separator: ", ")))"))
                continue
            }
            table[name] = .plural(forms: categories, exact: exact)
        }
    }

    /// `{0}`, `{1}` … for the arguments; `{{` and `}}` for braces.
    private func message(_ text: String, _ node: TemplateNode) -> Translations.Message? {
        var pieces: [Translations.Message.Piece] = []
        var literal = ""
        var highest = -1
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if c == "{", chars.first == "{" { chars.removeFirst(); literal.append("{"); continue }
            if c == "}", chars.first == "}" { chars.removeFirst(); literal.append("}"); continue }
            if c == "}" {
                errors.append(node.error("a lone '}' in a message: write }} for a brace"))
                return nil
            }
            guard c == "{" else { literal.append(c); continue }
            let digits = chars.prefix(while: \.isNumber)
            chars = chars.dropFirst(digits.count)
            guard !digits.isEmpty, chars.popFirst() == "}", let index = Int(String(digits)), index < 10 else {
                errors.append(node.error("a message takes its arguments as {0}, {1} … {9} (t('key', a, b)); write {{ for a brace"))
                return nil
            }
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
            pieces.append(.argument(index))
            highest = max(highest, index)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return Translations.Message(pieces: pieces, highestArgument: highest)
    }
}
