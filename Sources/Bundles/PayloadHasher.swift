import Crypto

/// SHA-256 and SHA-512 of one byte stream, updated chunk by chunk: the two manifests need both,
/// and computing them in the same pass reads each payload file only once.
struct DualHasher {
    private var sha256 = SHA256()
    private var sha512 = SHA512()
    private(set) var byteCount: Int64 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha256.update(bufferPointer: bytes)
        sha512.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
    }

    func finalize() -> FileDigests {
        FileDigests(size: byteCount, sha256: hexString(sha256.finalize()), sha512: hexString(sha512.finalize()))
    }
}

struct FileDigests: Equatable {
    let size: Int64
    let sha256: String
    let sha512: String
}

/// Hashes a file in one streaming read pass.
func digestFile(at path: String) throws(IOFailure) -> FileDigests {
    let file = try ReadableFile(path: path)
    _ = try file.regularFileSize()
    var hasher = DualHasher()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ioChunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
        let n = try file.read(into: buffer)
        if n == 0 { break }
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
    return hasher.finalize()
}
