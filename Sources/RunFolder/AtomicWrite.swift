import Foundation

/// Writing a file that appears whole or not at all: the bytes go to a hidden temporary name
/// (`.NAME.tmp-PID`, see `RunFolder.temporary`) and are renamed into place. Foundation's atomic write is not
/// used: it leaves a `.dat.nosync…` file behind when the process is killed.
package enum AtomicWrite {
    /// The failure keeps the errno, so a caller can tell a full disk from a missing folder.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package let description: String
        package let errno: Int32
    }

    /// Writes `bytes` to `path`; with `atomic` false straight to `path` (a caller's own pending name).
    package static func write(_ bytes: [UInt8], to path: String, atomic: Bool = true) throws(Failure) {
        let target = atomic ? RunFolder.temporary(path) : path
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))", errno: errno) }
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
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(failure)))", errno: failure)
        }
        if target != path { try moveIntoPlace(target, path) }
    }

    /// Renames a finished temporary file to its final name; removes it when that fails.
    package static func moveIntoPlace(_ temporary: String, _ path: String) throws(Failure) {
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(description: "cannot move \(temporary) to \(path): \(String(cString: strerror(code)))", errno: code)
        }
    }
}
