import Foundation

/// A text file written through a buffer to a temporary name and renamed into place on `commit()`: readers
/// never see a half-written file.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws(RunError) {
        self.path = path
        temporaryPath = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw RunError.output("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws(RunError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(RunError) {
        do { try handle.write(contentsOf: buffer) } catch {
            throw RunError.output("cannot write \(path): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws(RunError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw RunError.output("cannot write \(path): \(error.localizedDescription)")
        }
        guard rename(temporaryPath, path) == 0 else {
            throw RunError.output("cannot move \(temporaryPath) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `text` to `path` atomically in one go.
    static func write(_ text: String, to path: String) throws(RunError) {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }
}
