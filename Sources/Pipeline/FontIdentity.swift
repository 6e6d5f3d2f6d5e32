import Crypto
import Foundation
import Layout
import Templates

/// The part of a run's identity that lives outside the template folder but shapes its bytes: the font files
/// the template's families resolve to (by content), the list of every installed font (fallback for
/// characters those lack can come from any), and the hyphenation patterns. Another font set means another
/// run id, so "same id, same bytes" holds when fonts change.
enum FontIdentity {
    static func digest(_ template: CompiledTemplate) throws(RunError) -> String {
        var hasher = SHA256()
        func line(_ text: String) { hasher.update(data: Data((text + "\n").utf8)) }
        let config = FontConfiguration.config(fontsIn: template.fontsDirectory)
        for file in FontResolution.files(of: template.fontFamilies.map(\.family), config: config) {
            line("face\t\(file)\t\(try FileHashing.file(file).hex)")
        }
        for font in FontResolution.systemFonts() { line("installed\t\(font)") }
        if let patterns = template.hyphenationPatterns { line("hyphenation\t\(patterns)\t\(try FileHashing.file(patterns).hex)") }
        return hasher.finalize().hex
    }
}
