/// String decoding. The common case (no escapes) scans to the closing quote, validating UTF-8 on the way,
/// and makes the String from the input slice in one go; only strings with escapes go through `scratch`.
extension JSONByteParser {
    /// Parses the string whose opening quote is at `position`.
    mutating func parseString() throws(JSONParseError) -> String {
        let openingQuote = position
        var index = position + 1
        while true {
            index = plainASCIIRunEnd(from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == .quote {
                position = index + 1
                let contents = UnsafeBufferPointer(rebasing: bytes[openingQuote + 1 ..< index])
                return String(decoding: contents, as: UTF8.self)
            }
            if byte == .backslash {
                return try parseEscapedString(openingQuote: openingQuote, firstEscape: index)
            }
            index = try skipStringByte(byte, at: index)
        }
        throw error("unterminated string starting", at: openingQuote)
    }

    /// Continues a string from its first backslash, collecting the decoded bytes in `scratch`.
    private mutating func parseEscapedString(openingQuote: Int, firstEscape: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = openingQuote + 1
        var index = firstEscape
        while true {
            index = plainASCIIRunEnd(from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == .quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< index]))
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == .backslash {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< index]))
                index = try decodeEscape(at: index, openingQuote: openingQuote)
                runStart = index
                continue
            }
            index = try skipStringByte(byte, at: index)
        }
        throw error("unterminated string starting", at: openingQuote)
    }

    /// The index of the first byte at or after `index` that needs a closer look: a quote, a backslash, a
    /// control character or a non-ASCII byte (or `bytes.count`). Looks at 8 bytes per step ("SWAR"): string
    /// scanning is the parser's hottest loop.
    @inline(__always)
    private func plainASCIIRunEnd(from index: Int) -> Int {
        var index = index
        guard let base = bytes.baseAddress else { return index }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quotes = word ^ (ones &* UInt64(UInt8.quote))
            let backslashes = word ^ (ones &* UInt64(UInt8.backslash))
            // Per byte, the high bit ends up set where the byte is 0 (after the XORs: a quote or a backslash),
            // below 0x20, or non-ASCII. Borrows only create false hits above a true one, so the lowest set bit
            // (the first byte in memory, little-endian) is exact.
            let special = ((quotes &- ones) & ~quotes)
                | ((backslashes &- ones) & ~backslashes)
                | ((word &- ones &* 0x20) & ~word)
                | word
            let hits = special & highBits
            if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
            index += 8
        }
        return index
    }

    /// Checks one plain (non-quote, non-backslash) string byte, or the UTF-8 sequence it starts, and returns
    /// the index after it.
    @inline(__always)
    private func skipStringByte(_ byte: UInt8, at index: Int) throws(JSONParseError) -> Int {
        if byte >= 0x80 {
            guard let length = validUTF8SequenceLength(at: index) else {
                throw error("invalid UTF-8 byte \(hex(byte)) in string", at: index)
            }
            return index + length
        }
        if byte < 0x20 {
            throw error("unescaped control character U+\(hex4(UInt32(byte))) in string", at: index)
        }
        return index + 1
    }

    /// Decodes the escape whose backslash is at `backslash` into `scratch`; returns the index after it.
    private mutating func decodeEscape(at backslash: Int, openingQuote: Int) throws(JSONParseError) -> Int {
        guard backslash + 1 < bytes.count else { throw error("unterminated string starting", at: openingQuote) }
        let decoded: UInt8
        switch bytes[backslash + 1] {
        case .quote: decoded = .quote
        case .backslash: decoded = .backslash
        case .slash: decoded = .slash
        case .lowerB: decoded = 0x08
        case .lowerF: decoded = 0x0C
        case .lowerN: decoded = .lineFeed
        case .lowerR: decoded = .carriageReturn
        case .lowerT: decoded = .tab
        case .lowerU: return try decodeUnicodeEscape(at: backslash)
        default:
            let escaped = bytes[backslash + 1]
            let shown = escaped >= 0x20 && escaped < 0x7F ? " '\\\(Character(Unicode.Scalar(escaped)))'" : ""
            throw error("invalid escape sequence\(shown) in string", at: backslash,
                        hint: "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        scratch.append(decoded)
        return backslash + 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, into `scratch` as UTF-8.
    private mutating func decodeUnicodeEscape(at backslash: Int) throws(JSONParseError) -> Int {
        let unit = try hexQuad(at: backslash + 2, escapeAt: backslash)
        switch unit {
        case 0xD800 ... 0xDBFF:
            // A high surrogate only means something together with the low surrogate escape right after it.
            let next = backslash + 6
            guard next + 1 < bytes.count, bytes[next] == .backslash, bytes[next + 1] == .lowerU else {
                throw error("unpaired high surrogate \\u\(hex4(unit)) in string", at: backslash,
                            hint: "expected a low surrogate escape \\uDC00-\\uDFFF after it")
            }
            let low = try hexQuad(at: next + 2, escapeAt: next)
            guard (0xDC00 ... 0xDFFF).contains(low) else {
                throw error("invalid surrogate pair \\u\(hex4(unit))\\u\(hex4(low)) in string", at: backslash,
                            hint: "expected a low surrogate \\uDC00-\\uDFFF after a high surrogate")
            }
            appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            return next + 6
        case 0xDC00 ... 0xDFFF:
            throw error("unpaired low surrogate \\u\(hex4(unit)) in string", at: backslash)
        default:
            appendUTF8(unit)
            return backslash + 6
        }
    }

    /// The value of the four hex digits at `index`, part of the `\u` escape at `escapeAt`.
    private func hexQuad(at index: Int, escapeAt: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for offset in index ..< index + 4 {
            guard offset < bytes.count, let digit = hexDigitValue(bytes[offset]) else {
                throw error("invalid \\u escape in string", at: escapeAt, hint: "expected four hex digits after \\u")
            }
            value = value << 4 | digit
        }
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30 ... 0x39: UInt32(byte - 0x30)
        case 0x41 ... 0x46: UInt32(byte - 0x41 + 10)
        case 0x61 ... 0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0 ..< 0x80:
            scratch.append(UInt8(scalar))
        case 0x80 ..< 0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800 ..< 0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence starting with the non-ASCII byte at `index`, or nil.
    /// Follows the Unicode table of well-formed sequences, so overlong forms, UTF-16 surrogates and values
    /// above U+10FFFF are all rejected.
    func validUTF8SequenceLength(at index: Int) -> Int? {
        let remaining = bytes.count - index
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < remaining && bytes[index + offset] >= low && bytes[index + offset] <= high
        }
        switch bytes[index] {
        case 0xC2 ... 0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1 ... 0xEC, 0xEE ... 0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1 ... 0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
