/// Where the tar writer's bytes go (the zstd compressor); errors are already user-facing.
protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(BundleError)
}

/// Streams tar entries into a sink: headers, then contents copied from disk in chunks, each padded to 512 bytes.
final class TarWriter {
    private let sink: ByteSink
    private let modificationTime: Int
    private var written: Int64 = 0

    init(sink: ByteSink, modificationTime: Int) {
        self.sink = sink
        self.modificationTime = modificationTime
    }

    func append(_ entry: TarEntry) throws(BundleError) {
        let isDirectory: Bool
        if case .directory = entry.content { isDirectory = true } else { isDirectory = false }
        let name = Array(entry.name.utf8)
        let type: TarHeader.TypeFlag = isDirectory ? .directory : .file
        let mode = isDirectory ? 0o755 : 0o644

        var pax: [UInt8] = []
        let split = TarHeader.split(name)
        if split == nil { pax += TarHeader.paxRecord(key: "path", value: name) }
        if entry.size > TarHeader.maxOctalSize { pax += TarHeader.paxRecord(key: "size", value: Array(String(entry.size).utf8)) }
        if !pax.isEmpty {
            // The pax header's own name is never extracted; keep it outside the bag folder and deterministic.
            let base = entry.name.split(separator: "/").last.map { Array($0.utf8).prefix(80) } ?? []
            let paxName = Array("PaxHeaders/".utf8) + base
            try emit(TarHeader.encode(prefix: [], name: paxName, mode: 0o644, size: Int64(pax.count),
                                      mtime: modificationTime, type: .paxExtended))
            try emit(pax)
            try pad()
        }
        // When the name does not fit, the ustar field holds its tail as a hint for pax-unaware readers.
        let fields = split ?? ([], Array(name.suffix(100)))
        try emit(TarHeader.encode(prefix: fields.prefix, name: fields.name, mode: mode, size: entry.size,
                                  mtime: modificationTime, type: type))
        switch entry.content {
        case .directory: break
        case .bytes(let bytes): try emit(bytes)
        case .file(let path, let size): try copy(path: path, size: size)
        }
        try pad()
    }

    /// Two zero blocks end the archive; then zeros up to a whole 10240-byte record, as GNU tar writes.
    func finish() throws(BundleError) {
        var total = written + Int64(2 * TarHeader.blockSize)
        let remainder = total % Int64(TarHeader.recordSize)
        if remainder != 0 { total += Int64(TarHeader.recordSize) - remainder }
        try emit([UInt8](repeating: 0, count: Int(total - written)))
    }

    private func copy(path: String, size: Int64) throws(BundleError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ioChunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var copied: Int64 = 0
        do {
            let file = try ReadableFile(path: path)
            while true {
                let n = try file.read(into: buffer)
                if n == 0 { break }
                copied += Int64(n)
                guard copied <= size else { throw BundleError.payloadChanged(path: path) }
                try emit(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        } catch let error as IOFailure {
            throw .unreadablePayload(path: path, reason: error.reason)
        } catch let error as BundleError {
            throw error
        } catch {
            throw .unreadablePayload(path: path, reason: "\(error)")
        }
        guard copied == size else { throw .payloadChanged(path: path) }
    }

    private func pad() throws(BundleError) {
        let remainder = Int(written % Int64(TarHeader.blockSize))
        if remainder != 0 { try emit([UInt8](repeating: 0, count: TarHeader.blockSize - remainder)) }
    }

    private func emit(_ bytes: [UInt8]) throws(BundleError) {
        let failure = bytes.withUnsafeBytes { raw -> BundleError? in
            do throws(BundleError) { try emit(raw); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) throws(BundleError) {
        try sink.write(bytes)
        written += Int64(bytes.count)
    }
}
