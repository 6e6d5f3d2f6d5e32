/// Reads tar members one by one from the decompressed stream, checking each header as it comes.
/// Contents are handed out in chunks; nothing is extracted to disk.
final class TarReader {
    enum Kind { case file, directory }

    struct Member {
        /// Full name without a trailing slash.
        let name: String
        let kind: Kind
        let size: Int64
        /// Position of the member's header in the uncompressed tar, for messages.
        let offset: Int64
    }

    private let stream: ZstdReader
    private var offset: Int64 = 0
    private var remaining: Int64 = 0
    private var padding: Int64 = 0
    private var finished = false
    private let block = UnsafeMutableRawBufferPointer.allocate(byteCount: TarHeader.blockSize, alignment: 16)

    init(stream: ZstdReader) {
        self.stream = stream
    }

    deinit { block.deallocate() }

    /// The next file or folder, nil after the end-of-archive marker (then the rest must be zero padding).
    func next() throws(BundleVerificationError) -> Member? {
        guard !finished else { return nil }
        try skip(remaining + padding)
        remaining = 0
        padding = 0
        var paxPath: [UInt8]?
        var paxSize: Int64?
        while true {
            let headerOffset = offset
            guard try readBlock() else {
                throw .archive("the archive ends at byte \(headerOffset) without an end-of-archive marker; it is truncated")
            }
            let header = Array(block)
            if header.allSatisfy({ $0 == 0 }) {
                try finishEnd(at: headerOffset)
                return nil
            }
            guard let stored = TarHeader.parseOctal(header[148..<156]),
                  stored == Int64(TarHeader.checksum(Array(header[0..<148]) + [UInt8](repeating: 0x20, count: 8) + Array(header[156...]))) else {
                throw .archive("bad header checksum at byte \(headerOffset)")
            }
            guard header[257..<262].elementsEqual("ustar".utf8) else {
                throw .archive("header at byte \(headerOffset) is not a POSIX ustar header")
            }
            guard let size = paxSize ?? TarHeader.parseOctal(header[124..<136]) else {
                throw .archive("bad size field in the header at byte \(headerOffset)")
            }
            let rawName = paxPath ?? joinedName(header)
            guard let name = String(validating: rawName, as: UTF8.self) else {
                throw .archive("the name in the header at byte \(headerOffset) is not UTF-8")
            }
            let type = header[156]
            switch type {
            case UInt8(ascii: "x"):
                guard size <= 1 << 20 else { throw .archive("pax header at byte \(headerOffset) is \(size) bytes; too large") }
                let records = try readContent(size: size)
                try parsePax(records, at: headerOffset, path: &paxPath, size: &paxSize)
                continue
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                return begin(Member(name: trimmed(name), kind: .file, size: size, offset: headerOffset), size: size)
            case UInt8(ascii: "5"):
                return begin(Member(name: trimmed(name), kind: .directory, size: 0, offset: headerOffset), size: size)
            case UInt8(ascii: "g"):
                throw .archive("global pax header at byte \(headerOffset); bundles do not use them")
            case UInt8(ascii: "L"), UInt8(ascii: "K"):
                throw .archive("GNU long-name header at byte \(headerOffset); bundles use pax headers instead")
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                throw .archive("entry \(name) at byte \(headerOffset) is a link; bundles hold only files and folders")
            default:
                throw .archive("entry \(name) at byte \(headerOffset) has type '\(Character(Unicode.Scalar(type)))'; bundles hold only files and folders")
            }
        }
    }

    /// Reads up to `buffer.count` bytes of the current member's content; 0 when it is all read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BundleVerificationError) -> Int {
        let want = Int(min(Int64(buffer.count), remaining))
        guard want > 0 else { return 0 }
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
        offset += Int64(n)
        remaining -= Int64(n)
        if n < want { throw .archive("the archive ends at byte \(offset) inside an entry; it is truncated") }
        return n
    }

    private func begin(_ member: Member, size: Int64) -> Member {
        remaining = size
        padding = (Int64(TarHeader.blockSize) - size % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize)
        return member
    }

    private func readContent(size: Int64) throws(BundleVerificationError) -> [UInt8] {
        _ = begin(Member(name: "", kind: .file, size: size, offset: offset), size: size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(size), alignment: 1)
        defer { buffer.deallocate() }
        let n = try read(into: buffer)
        try skip(padding)
        padding = 0
        return Array(buffer[0..<n])
    }

    /// The second zero block, then only zeros (GNU tar pads to a whole record) up to the end of the stream.
    private func finishEnd(at markerOffset: Int64) throws(BundleVerificationError) {
        finished = true
        guard try readBlock(), block.allSatisfy({ $0 == 0 }) else {
            throw .archive("incomplete end-of-archive marker at byte \(markerOffset)")
        }
        while try readBlock() {
            if !block.allSatisfy({ $0 == 0 }) {
                throw .archive("data after the end-of-archive marker at byte \(offset - Int64(TarHeader.blockSize))")
            }
        }
    }

    /// Reads one 512-byte block; false at a clean end of stream.
    private func readBlock() throws(BundleVerificationError) -> Bool {
        let n = try stream.read(into: block)
        offset += Int64(n)
        if n == 0 { return false }
        if n < TarHeader.blockSize { throw .archive("the archive ends at byte \(offset) inside a block; it is truncated") }
        return true
    }

    private func skip(_ count: Int64) throws(BundleVerificationError) {
        var left = count
        while left > 0 {
            let want = Int(min(left, Int64(block.count)))
            let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: block[0..<want]))
            offset += Int64(n)
            if n < want { throw .archive("the archive ends at byte \(offset) inside an entry; it is truncated") }
            left -= Int64(n)
        }
    }

    private func joinedName(_ header: [UInt8]) -> [UInt8] {
        let name = TarHeader.string(header[0..<100])
        let prefix = TarHeader.string(header[345..<500])
        return prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
    }

    private func trimmed(_ name: String) -> String {
        var name = Substring(name)
        while name.hasSuffix("/") { name = name.dropLast() }
        return String(name)
    }

    /// `<length> <key>=<value>\n` records; only `path` and `size` matter here, other keys (times) are ignored.
    private func parsePax(_ data: [UInt8], at headerOffset: Int64, path: inout [UInt8]?,
                          size: inout Int64?) throws(BundleVerificationError) {
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: 0x20),
                  let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
                  length > space - index, index + length <= data.count, data[index + length - 1] == 0x0a,
                  let equals = data[(space + 1)..<(index + length)].firstIndex(of: UInt8(ascii: "=")) else {
                throw .archive("malformed pax record in the header at byte \(headerOffset)")
            }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            let value = Array(data[(equals + 1)..<(index + length - 1)])
            switch key {
            case "path": path = value
            case "size":
                guard let parsed = Int64(String(decoding: value, as: UTF8.self)), parsed >= 0 else {
                    throw .archive("bad pax size in the header at byte \(headerOffset)")
                }
                size = parsed
            default: break
            }
            index += length
        }
    }
}
