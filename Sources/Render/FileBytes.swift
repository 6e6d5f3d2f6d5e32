import Foundation
import RunFolder

/// Writes bytes made in memory (a direct-written PDF) to a file: straight to `path` when the caller's path
/// is already a pending name it renames itself, else through a hidden temporary name (`.NAME.tmp-PID`)
/// renamed into place.
public enum FileBytes {
    public static func write(_ bytes: [UInt8], to path: String, atomic: Bool) throws(RenderError) {
        do { try AtomicWrite.write(bytes, to: path, atomic: atomic) } catch { throw RenderError(error.description) }
    }

    /// Renames a finished temporary file to its final name; removes it when that fails.
    static func moveIntoPlace(_ temporary: String, _ path: String) throws(RenderError) {
        do { try AtomicWrite.moveIntoPlace(temporary, path) } catch { throw RenderError(error.description) }
    }

    static func hiddenTemporary(_ path: String) -> String { RunFolder.temporary(path) }
}
