import Crypto

/// The file (or bundle) name that stands for a document id or a partner name. Collision-free: two
/// different ids never get the same name, whatever their characters, case or Unicode normalisation.
///
/// - A *plain* id (ASCII letters, digits, `.`, `-`, `_`; not starting with `.`; at most 100 bytes) is its
///   own name: `100000175` → `documents/100000175.pdf`, as scripts expect.
/// - Any other id gets a readable prefix (its plain characters, others as `_`, at most 48) and `~` with 16
///   hex digits of the SHA-256 of its UTF-8 bytes: `ACME 1` → `ACME_1~5c1c…`. `~` is never in a plain name,
///   so a hashed name cannot equal a plain one, and ids differing in any byte (NFC against NFD, `a/b`
///   against `a_b`) differ in their hash. A 300-character id still gives a short name.
/// - Two plain ids that differ only in case (`ACME`, `acme`) would share a file on a case-insensitive file
///   system (a bundle unpacked on macOS or Windows): the later one in input order gets the hashed form
///   (`CommittedIDs` tells which came first), so the mapping is still a function of the input.
///
/// The name a document got is recorded in the journal (`documents.path`); readers take it from there and
/// never derive it again.
package enum OutputName {
    package static let maxPlainLength = 100
    static let prefixLength = 48

    /// The name of `id`; `hashed` forces the hashed form (the case-variant rule above).
    package static func make(_ id: String, hashed: Bool = false) -> String {
        if !hashed, isPlain(id) { return id }
        var prefix = ""
        for scalar in id.unicodeScalars {
            if prefix.utf8.count >= prefixLength { break }
            prefix.unicodeScalars.append(isPlainCharacter(scalar.value) ? scalar : "_")
        }
        if prefix.hasPrefix(".") { prefix = "_" + prefix.dropFirst() }
        let digest = SHA256.hash(data: Array(id.utf8))
        return prefix + "~" + digest.prefix(8).map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 15)] }.joined()
    }

    /// Whether `id` is its own name.
    package static func isPlain(_ id: String) -> Bool {
        var count = 0
        for byte in id.utf8 {
            count += 1
            if count > maxPlainLength || !isPlainCharacter(UInt32(byte)) { return false }
        }
        return count > 0 && id.utf8.first != UInt8(ascii: ".")
    }

    static func isPlainCharacter(_ v: UInt32) -> Bool {
        (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 45 || v == 46 || v == 95
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}
