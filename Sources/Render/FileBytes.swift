import Foundation
import RunFolder

/// Writes bytes made in memory (a direct-written PDF) to a file: straight to `path` when the caller's path
/// is already a pending name it renames itself, else through a hidden temporary name (`.NAME.tmp-PID`)
/// renamed into place.
public enum FileBytes {
    public static func write(_ bytes: [UInt8], to path: String, atomic: Bool) throws(RenderError) {
        // Hidden, so that a folder listing never shows the temporary file, even one a kill left behind.
        let target = atomic ? hiddenTemporary(path) : path
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RenderError("cannot create \(path): \(String(cString: strerror(errno)))") }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
        close(fd)
        if let failure {
            unlink(target)
            throw RenderError("cannot write \(path): \(String(cString: strerror(failure)))")
        }
        if target != path { try moveIntoPlace(target, path) }
    }

    /// Renames a finished temporary file to its final name; removes it when that fails.
    static func moveIntoPlace(_ temporary: String, _ path: String) throws(RenderError) {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RenderError("cannot move \(temporary) to \(path): \(reason)")
        }
    }

    static func hiddenTemporary(_ path: String) -> String { RunFolder.temporary(path) }
}
