import CZstd
import Foundation
import Crypto

/// Streaming zstd compression into an atomic file, on every core. Level and parameters are fixed so the
/// same tar bytes always give the same compressed bytes: zstd's multi-threaded mode gives the same output
/// for any number of workers ≥ 1 (checked with 1, 2, 4 and 8), though not the same as its single-threaded
/// mode, so the worker count is never 0. The content checksum lets readers detect damage even without the
/// signature.
final class ZstdWriter: ByteSink {
    static let level: Int32 = 1
    static let windowLog: Int32 = 20

    private let output: AtomicFile
    private let context: OpaquePointer
    private let buffer: UnsafeMutableRawBufferPointer
    private var digest = SHA256()

    /// `workers` is for tests (the output must not depend on it); by default, one per core up to 8.
    init(output: AtomicFile, workers: Int? = nil) throws(BundleError) {
        guard let context = ZSTD_createCCtx() else { throw .compression("cannot create a compression context (out of memory?)") }
        self.output = output
        self.context = context
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ZSTD_CStreamOutSize(), alignment: 16)
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, ZstdWriter.level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        let count = Int32(max(1, workers ?? min(ProcessInfo.processInfo.activeProcessorCount, 8)))
        let set = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, count)
        if ZSTD_isError(set) != 0 {
            throw .compression("this libzstd has no multi-threading, which deterministic bundles rely on: install Debian's libzstd1")
        }
        // Level 1: the payload is PDFs, already deflated; level 3 saved 6% of the size at 1.35x the time.
        // Small fixed jobs and window: each worker holds about 3 MB, whatever the archive's size (zstd's
        // defaults for level 3 buffer 8 MB jobs per worker and more). Fixed, so the bytes stay the same.
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, ZstdWriter.windowLog))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_jobSize, 1 << ZstdWriter.windowLog))
    }

    deinit {
        ZSTD_freeCCtx(context)
        buffer.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(BundleError) {
        guard !bytes.isEmpty else { return }
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while input.pos < input.size {
            _ = try step(&input, ZSTD_e_continue)
        }
    }

    /// Ends the frame (flushing zstd's buffers and the checksum) and returns the SHA-256 of all compressed bytes.
    func finish() throws(BundleError) -> String {
        var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while try step(&input, ZSTD_e_end) != 0 {}
        return hexString(digest.finalize())
    }

    /// One compression call; writes whatever output it produced. Returns zstd's "bytes still to flush" hint.
    private func step(_ input: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws(BundleError) -> Int {
        var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        let remaining = ZSTD_compressStream2(context, &out, &input, directive)
        try check(remaining)
        if out.pos > 0 {
            let produced = UnsafeRawBufferPointer(rebasing: buffer[0..<out.pos])
            digest.update(bufferPointer: produced)
            do { try output.write(produced) } catch { throw .cannotWrite(path: output.finalPath, reason: error.reason) }
        }
        return remaining
    }

    private func check(_ code: Int) throws(BundleError) {
        if ZSTD_isError(code) != 0 { throw .compression(String(cString: ZSTD_getErrorName(code))) }
    }
}
