import CZstd

/// Streaming zstd decompression from a file. zstd verifies each frame's content checksum as it ends,
/// so damage anywhere is reported by the time the last byte is read.
final class ZstdReader {
    private let file: ReadableFile
    private let context: OpaquePointer
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    /// Compressed bytes read from the file before the current input buffer, for error positions.
    private var consumedBefore: Int64 = 0
    private var endOfFile = false
    private var midFrame = false
    private var sawFrame = false

    init(file: ReadableFile) throws(BundleVerificationError) {
        guard let context = ZSTD_createDCtx() else { throw .compression("cannot create a decompression context (out of memory?)") }
        self.file = file
        self.context = context
        inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
        input.src = UnsafeRawPointer(inputBuffer.baseAddress)
    }

    deinit {
        ZSTD_freeDCtx(context)
        inputBuffer.deallocate()
    }

    /// Fills `buffer` completely unless the stream ends first; returns the number of bytes written (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BundleVerificationError) -> Int {
        var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if input.pos == input.size && !endOfFile { try refill() }
            let before = (input.pos, output.pos)
            let result = ZSTD_decompressStream(context, &output, &input)
            if ZSTD_isError(result) != 0 { throw describe(result) }
            let progressed = before != (input.pos, output.pos)
            if result == 0 {
                midFrame = false
                sawFrame = true
            } else if progressed {
                midFrame = true
            }
            if !progressed && input.pos == input.size && endOfFile {
                if midFrame {
                    throw .compression("the archive ends in the middle of a frame at byte \(position); it is truncated")
                }
                if !sawFrame { throw .compression("the archive is empty, not a zstd stream") }
                break
            }
        }
        return output.pos
    }

    private var position: Int64 { consumedBefore + Int64(input.pos) }

    private func refill() throws(BundleVerificationError) {
        consumedBefore += Int64(input.size)
        do {
            let n = try file.read(into: inputBuffer)
            input.size = n
            input.pos = 0
            if n == 0 { endOfFile = true }
        } catch {
            throw .unreadable(path: error.path, reason: error.reason)
        }
    }

    private func describe(_ code: Int) -> BundleVerificationError {
        switch ZSTD_getErrorCode(code) {
        case ZSTD_error_prefix_unknown:
            return .compression("not a zstd stream at byte \(position) (unknown frame magic); is this a .tar.zst bundle?")
        case ZSTD_error_checksum_wrong:
            return .compression("content checksum mismatch at the end of the frame; the archive is damaged")
        case ZSTD_error_corruption_detected:
            return .compression("corrupted block near byte \(position); the archive is damaged")
        default:
            return .compression("\(String(cString: ZSTD_getErrorName(code))) near byte \(position); the archive is damaged")
        }
    }
}
