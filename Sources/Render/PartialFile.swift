import Foundation

/// Files that grow under a temporary name and may be taken up again by a resumed run: created empty, or
/// reopened and cut back to the length a checkpoint recorded (anything written after it is discarded and
/// written again, identically, by the resumed run).
package enum PartialFile {
    /// Created in place with open(2): Foundation's `createFile` writes a temporary sibling and renames it,
    /// which a run killed at that moment would leave behind.
    package static func create(_ path: String) throws(RenderError) -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RenderError("cannot create \(path): \(String(cString: strerror(errno)))") }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Fails when the file is missing or shorter than `length`: the checkpoint cannot be trusted then.
    package static func reopen(_ path: String, at length: Int) throws(RenderError) -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RenderError("\(path) is missing")
        }
        do {
            let size = try handle.seekToEnd()
            guard size >= UInt64(length) else {
                try? handle.close()
                throw RenderError("\(path) holds \(size) bytes, fewer than the \(length) its checkpoint recorded")
            }
            try handle.truncate(atOffset: UInt64(length))
            try handle.seek(toOffset: UInt64(length))
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError("cannot reopen \(path): \(error.localizedDescription)")
        }
        return handle
    }

    /// Flushes the file's data to the disk.
    package static func sync(_ handle: FileHandle, path: String) throws(RenderError) {
        do { try handle.synchronize() } catch { throw RenderError("cannot write \(path): \(error.localizedDescription)") }
    }
}
