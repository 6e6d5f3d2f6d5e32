/// POSIX ustar header encoding and decoding (IEEE 1003.1-2001 `ustar` + `pax` extended headers).
enum TarHeader {
    static let blockSize = 512
    /// GNU tar's default blocking factor 20: archives are padded to a multiple of 10240 bytes.
    static let recordSize = 10240
    /// Largest size a 12-byte octal field holds (11 digits); bigger files need a pax `size` record.
    static let maxOctalSize: Int64 = 0o77777777777

    enum TypeFlag: UInt8 {
        case file = 0x30       // '0'
        case directory = 0x35  // '5'
        case paxExtended = 0x78 // 'x'
    }

    /// Splits a name over ustar's 155-byte prefix and 100-byte name fields at a `/`, or nil if it cannot fit.
    static func split(_ name: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        if name.count <= 100 { return ([], name) }
        // The slash itself is dropped; search from the right so the name part is as long as allowed.
        var index = name.count - 1
        if name.last == UInt8(ascii: "/") { index -= 1 }
        while index > 0 {
            if name[index] == UInt8(ascii: "/") {
                let prefix = Array(name[..<index]), rest = Array(name[(index + 1)...])
                if rest.count > 100 { return nil }
                if prefix.count <= 155 && !rest.isEmpty { return (prefix, rest) }
            }
            index -= 1
        }
        return nil
    }

    /// One 512-byte header; uid/gid 0, empty user and group names, so nothing about the writing machine leaks in.
    static func encode(prefix: [UInt8], name: [UInt8], mode: Int, size: Int64, mtime: Int, type: TypeFlag) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        put(name, at: 0, width: 100, in: &block)
        put(octal(Int64(mode), width: 8), at: 100, width: 8, in: &block)
        put(octal(0, width: 8), at: 108, width: 8, in: &block)
        put(octal(0, width: 8), at: 116, width: 8, in: &block)
        put(octal(size <= maxOctalSize ? size : 0, width: 12), at: 124, width: 12, in: &block)
        put(octal(Int64(mtime), width: 12), at: 136, width: 12, in: &block)
        block[156] = type.rawValue
        put(Array("ustar\0".utf8), at: 257, width: 6, in: &block)
        put(Array("00".utf8), at: 263, width: 2, in: &block)
        put(octal(0, width: 8), at: 329, width: 8, in: &block)
        put(octal(0, width: 8), at: 337, width: 8, in: &block)
        put(prefix, at: 345, width: 155, in: &block)
        // Checksum: sum of all bytes with the checksum field read as spaces; stored as 6 digits, NUL, space.
        for i in 148..<156 { block[i] = 0x20 }
        let sum = checksum(block)
        put(octal(Int64(sum), width: 7), at: 148, width: 7, in: &block)
        block[155] = 0x20
        return block
    }

    /// A pax extended header's body: `<length> <key>=<value>\n` records, the length counting itself.
    static func paxRecord(key: String, value: [UInt8]) -> [UInt8] {
        let body = Array(" \(key)=".utf8) + value + [0x0a]
        var length = body.count + 1
        while String(length).utf8.count + body.count != length { length = String(length).utf8.count + body.count }
        return Array(String(length).utf8) + body
    }

    static func checksum(_ block: [UInt8]) -> Int {
        block.reduce(0) { $0 + Int($1) }
    }

    /// Zero-padded octal digits followed by a NUL, filling `width` bytes.
    static func octal(_ value: Int64, width: Int) -> [UInt8] {
        let digits = Array(String(value, radix: 8).utf8)
        return [UInt8](repeating: UInt8(ascii: "0"), count: max(0, width - 1 - digits.count)) + digits + [0]
    }

    /// Reads an octal field: leading spaces allowed, ends at NUL or space. Nil if there is anything else.
    static func parseOctal(_ field: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var seenDigit = false
        var ended = false
        for byte in field {
            if ended {
                if byte != 0 && byte != 0x20 { return nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value <= (Int64.max >> 3) else { return nil }
                value = value << 3 | Int64(byte - UInt8(ascii: "0"))
                seenDigit = true
            case 0x20 where !seenDigit:
                continue
            case 0, 0x20:
                ended = true
            default:
                return nil
            }
        }
        return seenDigit ? value : (ended || field.allSatisfy { $0 == 0 } ? 0 : nil)
    }

    /// A NUL-terminated string field.
    static func string(_ field: ArraySlice<UInt8>) -> [UInt8] {
        Array(field.prefix { $0 != 0 })
    }

    private static func put(_ bytes: [UInt8], at offset: Int, width: Int, in block: inout [UInt8]) {
        for (i, byte) in bytes.prefix(width).enumerated() { block[offset + i] = byte }
    }
}
