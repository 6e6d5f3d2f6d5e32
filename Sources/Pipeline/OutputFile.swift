import Foundation
import Render
import RunFolder

/// A text file written through a buffer to a hidden temporary name (`.NAME.partial`) and renamed into
/// place on `commit()`: readers never see a half-written file, and a resumed run can take it up again.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered or not.
    private(set) var length = 0

    init(path: String) throws(RunError) {
        self.path = path
        temporaryPath = RunFolder.partial(path)
        do { handle = try PartialFile.create(temporaryPath) } catch { throw RunError.output(because: error) }
        buffer.reserveCapacity(1 << 16)
    }

    /// Takes up the file where a checkpoint left it; fails when its partial file is missing or short.
    init(path: String, resumingAt length: Int) throws(RunError) {
        self.path = path
        temporaryPath = RunFolder.partial(path)
        do { handle = try PartialFile.reopen(temporaryPath, at: length) } catch { throw RunError.output(because: error) }
        self.length = length
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws(RunError) {
        buffer.append(contentsOf: text.utf8)
        length += text.utf8.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Everything written is handed to the kernel, and with `durable` on the disk; returns the length for a
    /// checkpoint. (A background checkpoint makes it durable with one syncfs for all files instead.)
    func sync(durable: Bool = true) throws(RunError) -> Int {
        try flush()
        if durable {
            do { try PartialFile.sync(handle, path: temporaryPath) } catch { throw RunError.output(because: error) }
        }
        return length
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
