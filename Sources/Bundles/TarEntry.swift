/// One member of the bag's tar: a folder, a small in-memory tag file, or a payload file streamed from disk.
struct TarEntry {
    enum Content {
        case directory
        case bytes([UInt8])
        /// `size` is what the hashing pass saw; the writer fails if the file no longer has exactly that many bytes.
        case file(path: String, size: Int64)
    }

    /// Full name inside the tar; folders end with `/`.
    let name: String
    let content: Content

    var size: Int64 {
        switch content {
        case .directory: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, let size): return size
        }
    }
}
