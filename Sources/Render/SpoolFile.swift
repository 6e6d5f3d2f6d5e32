import Foundation

/// Text appended to a temporary file and later copied into the output in slices: keeps what grows with a
/// print stream (cross-reference entries, the list of pages) out of memory.
final class SpoolFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Bytes appended so far, buffered or not.
    private(set) var length = 0

    init(path: String) throws(RenderError) {
        self.path = path
        handle = try PartialFile.create(path)
    }

    /// Takes up a spool a checkpoint recorded at `length` bytes.
    init(path: String, resumingAt length: Int) throws(RenderError) {
        self.path = path
        handle = try PartialFile.reopen(path, at: length)
        self.length = length
    }

    func append(_ text: String) throws(RenderError) {
        buffer.append(contentsOf: text.utf8)
        length += text.utf8.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Everything appended is on the disk; returns its length for a checkpoint.
    func sync(durable: Bool) throws(RenderError) -> Int {
        try flush()
        if durable { try PartialFile.sync(handle, path: path) }
        return length
    }

    private func flush() throws(RenderError) {
        do { try handle.write(contentsOf: buffer) } catch { throw RenderError("cannot write \(path): \(error.localizedDescription)") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Replaces bytes already appended, at `position` (a reserved cross-reference entry).
    func overwrite(at position: Int, _ bytes: [UInt8]) throws(RenderError) {
        precondition(position >= 0 && position + bytes.count <= length)
        try flush()
        do {
            let end = try handle.offset()
            try handle.seek(toOffset: UInt64(position))
            try handle.write(contentsOf: bytes)
            try handle.seek(toOffset: end)
        } catch { throw RenderError("cannot write \(path): \(error.localizedDescription)") }
    }

    /// Hands everything appended to `write`, 1 MiB at a time, then removes the file.
    func drain(into write: (Data) throws(RenderError) -> Void) throws(RenderError) {
        try flush()
        try? handle.close()
        guard let reader = FileHandle(forReadingAtPath: path) else { throw RenderError("cannot read back \(path)") }
        defer {
            try? reader.close()
            unlink(path)
        }
        while true {
            let slice: Data
            do { slice = try reader.read(upToCount: 1 << 20) ?? Data() } catch {
                throw RenderError("cannot read back \(path): \(error.localizedDescription)")
            }
            if slice.isEmpty { return }
            try write(slice)
        }
    }

    func discard() {
        try? handle.close()
        unlink(path)
    }
}
