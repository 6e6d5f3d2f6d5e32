#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `MIMEWriter` puts the bytes: memory for `render`, an atomic file for `write`.
protocol MIMEOutput: AnyObject {
    func write(_ bytes: [UInt8]) throws(EmailError)
}

extension MIMEOutput {
    func write(_ text: String) throws(EmailError) {
        try write(Array(text.utf8))
    }
}

/// Collects the message in memory.
final class MemoryOutput: MIMEOutput {
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: [UInt8]) throws(EmailError) {
        self.bytes += bytes
    }
}

/// Writes under a temporary name in the final folder, then fsyncs and renames into place, so a reader (the
/// SMTP stage, a rerun) sees either no file or the complete message. The temporary file is removed on failure.
final class AtomicFileOutput: MIMEOutput {
    private let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    private static let flushSize = 64 * 1024

    init(path: String) throws(EmailError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // The temporary name is random; only the final bytes need to be deterministic.
        temporaryPath = "\(folder.isEmpty ? "/" : folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EmailError("cannot create \(temporaryPath): \(Self.reason())") }
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed { unlink(temporaryPath) }
    }

    func write(_ bytes: [UInt8]) throws(EmailError) {
        buffer += bytes
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Flushes, fsyncs, renames into place and fsyncs the folder so the rename survives a crash.
    func commit() throws(EmailError) {
        try flush()
        guard fsync(fd) == 0 else { throw EmailError("cannot sync \(temporaryPath): \(Self.reason())") }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw EmailError("cannot close \(temporaryPath): \(Self.reason())") }
        guard rename(temporaryPath, path) == 0 else { throw EmailError("cannot move the message to \(path): \(Self.reason())") }
        committed = true
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let folderFD = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    private func flush() throws(EmailError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw EmailError("cannot write \(temporaryPath): \(Self.reason())")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
