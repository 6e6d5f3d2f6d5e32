/// The string tables of a template (`translations/<locale>.yaml`), the locale each record reads them in,
/// and the plural rules of each table's language.
package final class Translations: Sendable {
    /// A message with `{0}`, `{1}` … standing for the arguments after the key.
    package struct Message: Sendable {
        package enum Piece: Sendable {
            case literal(String)
            case argument(Int)
        }
        let pieces: [Piece]
        /// The highest argument it reads, -1 for none.
        let highestArgument: Int
    }

    /// A key's text in one locale: one message, or one per plural form (`one`, `few`, `other`, `=0` …).
    package enum Entry: Sendable {
        case text(Message)
        case plural(forms: [String: Message], exact: [Double: Message])

        var highestArgument: Int {
            switch self {
            case .text(let m): m.highestArgument
            case .plural(let forms, let exact): (Array(forms.values) + Array(exact.values)).map(\.highestArgument).max() ?? -1
            }
        }
    }

    /// Locale name → key → entry.
    let tables: [String: [String: Entry]]
    /// The table a record whose locale has none reads.
    let fallback: String
    /// Where the record's locale is kept for `t()`.
    package let localeSlot: Int
    let rules: [String: PluralRules]

    init(tables: [String: [String: Entry]], fallback: String, localeSlot: Int, rules: [String: PluralRules]) {
        self.tables = tables
        self.fallback = fallback
        self.localeSlot = localeSlot
        self.rules = rules
    }

    var localeNames: [String] { tables.keys.sorted() }

    /// The table for a record's locale: its own, else one of its language (`de_AT` reads `de` or `de_DE`),
    /// else the fallback.
    func table(for locale: String) -> String {
        if tables[locale] != nil { return locale }
        let language = String(locale.prefix(while: { $0 != "_" }))
        if tables[language] != nil { return language }
        if let sibling = localeNames.first(where: { $0.hasPrefix(language + "_") }) { return sibling }
        return fallback
    }

    /// `key` in the record's locale with `arguments`; nil when no table has the key.
    func text(_ key: String, locale: String, arguments: [String], count: Double?) -> String? {
        let name = table(for: locale)
        guard let entry = tables[name]?[key] ?? tables[fallback]?[key] else { return nil }
        let message: Message
        switch entry {
        case .text(let m): message = m
        case .plural(let forms, let exact):
            guard let n = count else { return Self.render(forms["other"]!, arguments) }
            if let m = exact[n] { message = m } else {
                let category = rules[name]?.category(n) ?? "other"
                message = forms[category] ?? forms["other"]!
            }
        }
        return Self.render(message, arguments)
    }

    private static func render(_ message: Message, _ arguments: [String]) -> String {
        var out = ""
        for piece in message.pieces {
            switch piece {
            case .literal(let text): out += text
            case .argument(let i): if i < arguments.count { out += arguments[i] }
            }
        }
        return out
    }

    /// A locale name as records give it: `de-DE` reads as `de_DE`; nil when it is not one (`ll`, `lll`,
    /// `ll_CC`, `ll_Scrp_CC`).
    package static func normalized(_ text: String) -> String? {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false).flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var out = language.lowercased()
        for part in parts.dropFirst() {
            if part.count == 2, part.allSatisfy({ $0.isASCII && $0.isLetter }) { out += "_" + part.uppercased() }
            else if part.count == 4, part.allSatisfy({ $0.isASCII && $0.isLetter }) { out += "_" + part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            else if part.count == 3, part.allSatisfy(\.isNumber) { out += "_" + part }
            else { return nil }
        }
        return parts.count <= 3 ? out : nil
    }
}
