import CDeflate

/// zlib-format compression (PDF's FlateDecode) with libdeflate; one compressor, reused for every stream.
final class Deflater {
    private let compressor: OpaquePointer

    init(level: Int32) throws(RenderError) {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw RenderError("cannot allocate a libdeflate compressor")
        }
        self.compressor = compressor
    }

    deinit { libdeflate_free_compressor(compressor) }

    func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var empty: UInt8 = 0
        return withUnsafeMutablePointer(to: &empty) { placeholder in
            [UInt8](unsafeUninitializedCapacity: bound) { out, count in
                count = libdeflate_zlib_compress(compressor, input.baseAddress ?? UnsafeRawPointer(placeholder), input.count,
                                                 out.baseAddress, bound)
            }
        }
    }
}
