#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on a file; callers turn it into their own user-facing error.
struct IOFailure: Error {
    let path: String
    let reason: String

    init(path: String, errno code: Int32 = errno) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Chunk size for every streaming read and write: large enough for throughput, small enough to never matter for memory.
let ioChunkSize = 64 * 1024

/// A file opened for sequential reading in chunks; payloads and archives are never loaded whole.
final class ReadableFile {
    let path: String
    private let fd: Int32

    init(path: String) throws(IOFailure) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(path: path) }
    }

    deinit { close(fd) }

    /// Size of a regular file; anything else (folder, device) is refused so a typo cannot bundle `/dev/zero`.
    func regularFileSize() throws(IOFailure) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOFailure(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw IOFailure(path: path, reason: "not a regular file") }
        return Int64(info.st_size)
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw IOFailure(path: path) }
        }
    }
}

/// A file written under a temporary name in its final folder, then fsynced and renamed into place,
/// so readers see either the old file or the complete new one, never a half-written archive.
final class AtomicFile {
    let finalPath: String
    let temporaryPath: String
    private var fd: Int32
    private var committed = false

    init(path: String, mode: mode_t = 0o644) throws(IOFailure) {
        finalPath = path
        temporaryPath = AtomicFile.temporaryName(for: path)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw IOFailure(path: temporaryPath) }
        // open() honours the umask; the key file must end up exactly 0600 whatever the umask is.
        fchmod(fd, mode)
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed { unlink(temporaryPath) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(IOFailure) {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure(path: temporaryPath)
            }
            offset += n
        }
    }

    func write(_ bytes: [UInt8]) throws(IOFailure) {
        let failure = bytes.withUnsafeBytes { raw -> IOFailure? in
            do throws(IOFailure) { try write(raw); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Flushes to disk and closes, keeping the temporary name (e.g. so the archive can be signed before it appears).
    func finishWriting() throws(IOFailure) {
        guard fd >= 0 else { return }
        guard fsync(fd) == 0 else { throw IOFailure(path: temporaryPath) }
        let result = close(fd)
        fd = -1
        guard result == 0 else { throw IOFailure(path: temporaryPath) }
    }

    /// Renames into place and fsyncs the folder so the rename itself survives a crash.
    func commit() throws(IOFailure) {
        try finishWriting()
        guard rename(temporaryPath, finalPath) == 0 else { throw IOFailure(path: finalPath) }
        committed = true
        let directory = AtomicFile.directory(of: finalPath)
        let dirFD = open(directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Hidden, unique per process and call, in the same folder as the target (rename must not cross file systems).
    private static func temporaryName(for path: String) -> String {
        let directory = directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }
}

/// Creates a folder and its parents; `mode` applies to folders this call creates.
func makeDirectory(_ path: String, mode: mode_t) throws(IOFailure) {
    var info = stat()
    if stat(path, &info) == 0 {
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw IOFailure(path: path, reason: "exists and is not a folder") }
        return
    }
    let parent = AtomicFile.directory(of: path)
    if parent != path && parent != "." && parent != "/" { try makeDirectory(parent, mode: mode) }
    if mkdir(path, mode) != 0 && errno != EEXIST { throw IOFailure(path: path) }
    chmod(path, mode)
}

func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

#if canImport(Glibc)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
#elseif canImport(Darwin)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
#endif
