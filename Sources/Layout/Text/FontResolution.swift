import CPango
import Foundation

/// What fontconfig makes of the font names a template gives: whether a family is installed, the files its
/// faces come from, and a fingerprint of every font the system has (fallback for characters a template's
/// fonts lack comes from any of them).
package enum FontResolution {
    /// Whether any installed face has this family name (fontconfig would otherwise substitute silently).
    package static func isInstalled(_ family: String, config: OpaquePointer? = nil) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        FcPatternAddString(pattern, "family", family)
        guard let objects = FcObjectSetCreate() else { return false }
        defer { FcObjectSetDestroy(objects) }
        FcObjectSetAdd(objects, "family")
        guard let list = FcFontList(config, pattern, objects) else { return false }
        defer { FcFontSetDestroy(list) }
        return list.pointee.nfont > 0
    }

    /// The family fontconfig picks instead, for a warning ("Pango will use DejaVu Sans").
    package static func substitute(for family: String, config: OpaquePointer? = nil) -> String? {
        match(family, bold: false, italic: false, config: config)?.family
    }

    /// The file and family of the face a family resolves to in one weight and slant.
    package static func match(_ family: String, bold: Bool, italic: Bool,
                              config: OpaquePointer? = nil) -> (file: String, index: Int32, family: String)? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcPatternAddString(pattern, "family", family)
        FcPatternAddInteger(pattern, "weight", bold ? 200 : 80)     // FC_WEIGHT_BOLD, FC_WEIGHT_REGULAR
        FcPatternAddInteger(pattern, "slant", italic ? 100 : 0)     // FC_SLANT_ITALIC, FC_SLANT_ROMAN
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let matched = FcFontMatch(config, pattern, &result) else { return nil }
        defer { FcPatternDestroy(matched) }
        var file: UnsafeMutablePointer<FcChar8>?, name: UnsafeMutablePointer<FcChar8>?
        var index: Int32 = 0
        guard FcPatternGetString(matched, "file", 0, &file) == FcResultMatch, let file else { return nil }
        _ = FcPatternGetInteger(matched, "index", 0, &index)
        _ = FcPatternGetString(matched, "family", 0, &name)
        return (String(cString: file), index, name.map { String(cString: $0) } ?? "")
    }

    /// The face files of the template's families, in every weight and slant, sorted and unique.
    package static func files(of families: [String], config: OpaquePointer? = nil) -> [String] {
        var files: Set<String> = []
        for family in families {
            for (bold, italic) in [(false, false), (true, false), (false, true), (true, true)] {
                if let face = match(family, bold: bold, italic: italic, config: config) { files.insert(face.file) }
            }
        }
        return files.sorted()
    }

    /// One line per installed face, "path\tindex\tbytes", sorted: changes whenever a font is added, removed or
    /// replaced, which can change which font shows a character no template font has.
    package static func systemFonts(config: OpaquePointer? = nil) -> [String] {
        guard let config = config ?? FcConfigGetCurrent(), let set = FcConfigGetFonts(config, FcSetSystem) else { return [] }
        var lines: Set<String> = []
        for i in 0..<Int(set.pointee.nfont) {
            guard let pattern = set.pointee.fonts[i] else { continue }
            var file: UnsafeMutablePointer<FcChar8>?
            var index: Int32 = 0
            guard FcPatternGetString(pattern, "file", 0, &file) == FcResultMatch, let file else { continue }
            _ = FcPatternGetInteger(pattern, "index", 0, &index)
            let path = String(cString: file)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
            lines.insert("\(path)\t\(index)\t\(size)")
        }
        return lines.sorted()
    }
}
