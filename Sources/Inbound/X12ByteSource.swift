import Foundation

/// A file read forward in fixed-size chunks, never whole: the reader peeks ahead and consumes behind.
///
/// Only the unconsumed bytes (plus what a peek asked for) are kept in memory.
final class X12ByteSource {
    private let handle: FileHandle?
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    /// Unconsumed bytes are `buffer[start...]`; `buffer[0]` is at file offset `bufferOffset`.
    private var start = 0
    private var bufferOffset = 0
    private(set) var atEndOfFile = false
    /// Why the file could not be opened or read, if it could not.
    private(set) var failure: String?

    init(path: String, chunkSize: Int) {
        self.chunkSize = max(chunkSize, 1)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            handle = nil
            failure = "is a directory"
        } else if let handle = FileHandle(forReadingAtPath: path) {
            self.handle = handle
        } else {
            handle = nil
            failure = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
        }
        if handle == nil { atEndOfFile = true }
    }

    deinit { try? handle?.close() }

    /// File offset of the next unconsumed byte.
    var offset: Int { bufferOffset + start }

    /// The byte `ahead` bytes past the next one, reading more of the file if needed; nil past the end.
    func peek(_ ahead: Int = 0) -> UInt8? {
        while start + ahead >= buffer.count {
            if !fill() { return nil }
        }
        return buffer[start + ahead]
    }

    /// Whether the next bytes are exactly `bytes`.
    func hasPrefix(_ bytes: [UInt8]) -> Bool {
        for (i, byte) in bytes.enumerated() where peek(i) != byte { return false }
        return true
    }

    /// Consumes `count` bytes (fewer at the end of the file) and returns them.
    @discardableResult
    func take(_ count: Int) -> [UInt8] {
        _ = peek(count - 1)
        let end = min(start + count, buffer.count)
        let bytes = Array(buffer[start..<end])
        start = end
        compact()
        return bytes
    }

    /// Consumes bytes up to `terminator` and the terminator itself; returns the bytes before it and whether
    /// the terminator was found (false: the file ended first, and everything left was returned).
    func take(upTo terminator: UInt8) -> (bytes: [UInt8], terminated: Bool) {
        var searched = start
        while true {
            if let index = buffer[searched...].firstIndex(of: terminator) {
                let bytes = Array(buffer[start..<index])
                start = index + 1
                compact()
                return (bytes, true)
            }
            searched = buffer.count
            if !fill() {
                let bytes = Array(buffer[start...])
                start = buffer.count
                compact()
                return (bytes, false)
            }
        }
    }

    /// Reads one more chunk; false at the end of the file (or on a read error, kept in `failure`).
    private func fill() -> Bool {
        guard !atEndOfFile, let handle else { return false }
        do {
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            if data.isEmpty {
                atEndOfFile = true
                return false
            }
            buffer.append(contentsOf: data)
            return true
        } catch {
            failure = "read failed: \(error)"
            atEndOfFile = true
            return false
        }
    }

    /// Drops consumed bytes once they are a chunk's worth, so memory stays bounded by the longest segment.
    private func compact() {
        if start >= chunkSize {
            buffer.removeFirst(start)
            bufferOffset += start
            start = 0
        }
    }
}
