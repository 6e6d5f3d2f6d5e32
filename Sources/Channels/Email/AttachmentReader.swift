#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a part's bytes as base64 lines: files are read in chunks of whole 57-byte lines, never loaded whole.
enum AttachmentReader {
    /// 1,150 lines of 57 bytes (about 64 KB) per read.
    private static let chunkSize = Base64Lines.inputBytesPerLine * 1150

    /// Writes the base64 body (lines joined by CRLF, no break after the last one).
    static func writeBase64(_ part: EmailPart, label: String, to output: MIMEOutput) throws(EmailError) {
        switch part.source {
        case .bytes(let bytes):
            var encoded: [UInt8] = []
            Base64Lines.append(bytes[...], to: &encoded, trailingBreak: false)
            try output.write(encoded)
        case .file(let path):
            try streamFile(path, label: label, to: output)
        }
    }

    private static func streamFile(_ path: String, label: String, to output: MIMEOutput) throws(EmailError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw EmailError("\(label): cannot read \(path): \(AtomicFileOutput.reason())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw EmailError("\(label): \(path) is not a regular file")
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var wroteAny = false
        while true {
            // Fill the whole chunk (reads may return less) so every chunk but the last is whole lines.
            var filled = 0
            while filled < chunkSize {
                let count = chunk.withUnsafeMutableBytes { raw in
                    read(fd, raw.baseAddress! + filled, chunkSize - filled)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw EmailError("\(label): cannot read \(path): \(AtomicFileOutput.reason())")
                }
                if count == 0 { break }
                filled += count
            }
            if filled == 0 { return }
            var encoded: [UInt8] = wroteAny ? [13, 10] : []
            Base64Lines.append(chunk[0..<filled], to: &encoded, trailingBreak: false)
            try output.write(encoded)
            wroteAny = true
            if filled < chunkSize { return }
        }
    }
}
