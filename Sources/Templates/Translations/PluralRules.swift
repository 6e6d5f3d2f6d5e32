import CPluralRules
import Synchronization

/// CLDR plural rules of one locale, from ICU: the form ("one", "few", "many", "other" …) a number takes.
/// One set of rules per locale for the whole process; ICU's select is called under a lock (it is quick).
package final class PluralRules: Sendable {
    private let handle: Mutex<UnsafeMutableRawPointer>
    /// The categories the locale has, sorted.
    package let categories: [String]

    private static let opened = Mutex<[String: PluralRules]>([:])

    /// The rules for `locale` ("ru_RU", "de"), or nil when ICU has none.
    package static func of(_ locale: String) -> PluralRules? {
        opened.withLock { table in
            if let known = table[locale] { return known }
            guard let rules = PluralRules(locale) else { return nil }
            table[locale] = rules
            return rules
        }
    }

    private init?(_ locale: String) {
        guard let pointer = inkstream_plural_open(locale) else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = inkstream_plural_keywords(pointer, &buffer, Int32(buffer.count))
        guard length >= 0 else {
            inkstream_plural_close(pointer)
            return nil
        }
        categories = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: " ").map(String.init).sorted()
        handle = Mutex(pointer)
    }

    deinit { handle.withLock { inkstream_plural_close($0) } }

    /// The category `n` takes ("other" if ICU fails, which it does not for a finite number).
    package func category(_ n: Double) -> String {
        handle.withLock { pointer in
            var buffer = [CChar](repeating: 0, count: 32)
            let length = inkstream_plural_select(pointer, n, &buffer, Int32(buffer.count))
            guard length > 0 else { return "other" }
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
