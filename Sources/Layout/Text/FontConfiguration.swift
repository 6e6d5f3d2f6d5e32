import CPango
import Synchronization

/// Fontconfig configurations: the system's, or the system's plus a template's own `fonts/` folder. A
/// template's fonts are added to a configuration of its own, made once per folder, so they are seen by
/// that template's layouts only and never by another template in the same process.
package enum FontConfiguration {
    private static let made = Mutex<[String: SendableConfig]>([:])

    private struct SendableConfig: @unchecked Sendable { let config: OpaquePointer }

    /// The configuration for a template whose fonts are in `directory`; nil: the system's (current) one.
    package static func config(fontsIn directory: String?) -> OpaquePointer? {
        guard let directory else { return nil }
        return made.withLock { table in
            if let known = table[directory] { return known.config }
            guard let config = FcInitLoadConfigAndFonts() else { return nil }
            _ = FcConfigAppFontAddDir(config, directory)
            table[directory] = SendableConfig(config: config)
            return config
        }
    }

    /// Makes a Pango font map use `config`.
    static func apply(_ config: OpaquePointer, to fontMap: UnsafeMutablePointer<PangoFontMap>) {
        inkstream_font_map_set_config(fontMap, config)
    }
}
