#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hidden temporary file the writer fills during the hashing pass (manifests, the payload ledger) and reads
/// back while archiving, so nothing that grows with the payload count stays in memory. It lives in the output
/// folder, and is removed when the writer is done with it or when this object goes away (also on failure).
final class ScratchFile {
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var hasher = DualHasher()
    /// Bytes appended so far.
    var size: Int64 { hasher.byteCount }

    /// `<directory>/.<bundleID>.<role>.<pid>.<random>.tmp`.
    init(directory: String, bundleID: String, role: String) throws(IOFailure) {
        path = "\(directory)/.\(bundleID).\(role).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IOFailure(path: path) }
        buffer.reserveCapacity(ioChunkSize)
    }

    deinit { remove() }

    func append(_ bytes: some Sequence<UInt8>) throws(IOFailure) {
        let start = buffer.count
        buffer.append(contentsOf: bytes)
        buffer[start...].withUnsafeBytes { hasher.update($0) }
        if buffer.count >= ioChunkSize { try flush() }
    }

    /// Flushes and closes; the file stays until `remove()` so it can be read back.
    func finishWriting() throws(IOFailure) {
        guard fd >= 0 else { return }
        try flush()
        let result = close(fd)
        fd = -1
        guard result == 0 else { throw IOFailure(path: path) }
    }

    /// SHA-256 and SHA-512 of everything appended, computed on the way in.
    func digests() -> FileDigests { hasher.finalize() }

    /// Closes (if still open) and deletes the file; safe to call more than once.
    func remove() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(path)
    }

    private func flush() throws(IOFailure) {
        var failure: IOFailure?
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = IOFailure(path: path)
                    return
                }
                offset += n
            }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads a file sequentially through a fixed buffer, a few bytes at a time (the payload ledger's records).
final class BufferedReader {
    private let file: ReadableFile
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ioChunkSize, alignment: 16)
    private var start = 0
    private var end = 0

    init(path: String) throws(IOFailure) {
        file = try ReadableFile(path: path)
    }

    deinit { buffer.deallocate() }

    /// Exactly `count` bytes, nil at a clean end of file; a file that ends inside the record is an error.
    func read(_ count: Int) throws(IOFailure) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            if start == end {
                end = try file.read(into: buffer)
                start = 0
                if end == 0 {
                    if out.isEmpty { return nil }
                    throw IOFailure(path: file.path, reason: "ends in the middle of a record")
                }
            }
            let take = min(count - out.count, end - start)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
        }
        return out
    }
}
