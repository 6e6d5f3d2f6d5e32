#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file per fuzzing process that each input is written to, for the readers that take a path (they
/// stream from a descriptor, and that streaming is part of what is fuzzed). Rewritten in place for every
/// input; the folder is `$INKSTREAM_FUZZ_SCRATCH`, else `$TMPDIR`, else /tmp.
public final class ScratchFile: Sendable {
    public let path: String

    public init(name: String) {
        let environment = ProcessInfoLite.self
        let folder = environment.value("INKSTREAM_FUZZ_SCRATCH") ?? environment.value("TMPDIR") ?? "/tmp"
        path = "\(folder)/inkstream-fuzz-\(name)-\(getpid())"
    }

    /// Replaces the file's content with `bytes`. A failure here is the machine's, not the parser's: stop.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot open the scratch file \(path): errno \(errno)") }
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            guard n > 0 else { fatalError("cannot write the scratch file \(path): errno \(errno)") }
            written += n
        }
        close(descriptor)
    }

    public func remove() { unlink(path) }
}

/// getenv without Foundation (FuzzSupport stays small).
enum ProcessInfoLite {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let text = String(cString: raw)
        return text.isEmpty ? nil : text
    }
}

/// The repository the fuzz package sits in: `$INKSTREAM_ROOT`, else the folder holding Fuzz/.
public let repositoryRoot: String = ProcessInfoLite.value("INKSTREAM_ROOT")
    ?? String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/"))

/// The input as libFuzzer hands it over (it may pass a null pointer for the empty input).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: size)
}
