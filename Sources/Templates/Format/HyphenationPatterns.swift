import Foundation

/// Where the hyphenation patterns of a locale are: the hyphen-* Debian packages' files in /usr/share/hyphen
/// (`hyph_de_DE.dic`), the locale's own file first, then its language's (`hyph_de.dic`), then any region of
/// the language. The same files LibreOffice hyphenates with.
package enum HyphenationPatterns {
    package static let directory = "/usr/share/hyphen"

    package static func path(for locale: String) -> String? {
        let name = String(locale.map { $0 == "-" ? "_" : $0 })
        let language = String(name.prefix { $0 != "_" })
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        for candidate in ["hyph_\(name).dic", "hyph_\(language).dic"] where files.contains(candidate) {
            return directory + "/" + candidate
        }
        return files.filter { $0.hasPrefix("hyph_\(language)_") && $0.hasSuffix(".dic") }.sorted().first.map { directory + "/" + $0 }
    }

    /// The Debian package that brings a language's patterns, for error messages.
    package static func package(for locale: String) -> String {
        let language = String(locale.prefix { $0 != "_" && $0 != "-" })
        switch locale {
        case "en_GB": return "hyphen-en-gb"
        case "pt_PT": return "hyphen-pt-pt"
        case "pt_BR": return "hyphen-pt-br"
        default: return language == "en" ? "hyphen-en-us" : language == "nb" || language == "nn" ? "hyphen-no" : "hyphen-\(language)"
        }
    }
}
