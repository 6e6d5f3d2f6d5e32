/// Building parse errors. Only called on failure, so these favour clear messages over speed.
extension JSONByteParser {
    /// "<what> at column N[; hint]", with the column computed from `offset`.
    func error(_ what: String, at offset: Int, hint: String? = nil) -> JSONParseError {
        let column = column(at: offset)
        var message = "\(what) at column \(column)"
        if let hint { message += "; \(hint)" }
        return JSONParseError(message: message, byteOffset: offset, column: column)
    }

    func unexpectedByte(at offset: Int, expected: String) -> JSONParseError {
        let byte = bytes[offset]
        if byte >= 0x80, validUTF8SequenceLength(at: offset) == nil {
            return error("invalid UTF-8 byte \(hex(byte))", at: offset, hint: "expected \(expected)")
        }
        return error("unexpected character \(describeCharacter(at: offset))", at: offset, hint: "expected \(expected)")
    }

    func unexpectedEnd(expected: String) -> JSONParseError {
        error("unexpected end of input", at: bytes.count, hint: "expected \(expected)")
    }

    /// 1-based column in Unicode scalars: one plus the number of scalar-starting (non-continuation) bytes
    /// before `offset`.
    func column(at offset: Int) -> Int {
        var column = 1
        for index in 0 ..< min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    /// The character at `offset` quoted for a message: 'x' when printable, U+XXXX for control characters.
    func describeCharacter(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte < 0x20 || byte == 0x7F { return "U+" + hex4(UInt32(byte)) }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        let length = validUTF8SequenceLength(at: offset) ?? 1
        let slice = UnsafeBufferPointer(rebasing: bytes[offset ..< offset + length])
        return "'\(String(decoding: slice, as: UTF8.self))'"
    }

    func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0x0" + digits : "0x" + digits
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// ASCII bytes the parser dispatches on, named so the switches read like the grammar.
extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let digitZero: UInt8 = 0x30
    static let digitNine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let lowerB: UInt8 = 0x62
    static let lowerE: UInt8 = 0x65
    static let lowerF: UInt8 = 0x66
    static let lowerN: UInt8 = 0x6E
    static let lowerR: UInt8 = 0x72
    static let lowerT: UInt8 = 0x74
    static let lowerU: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}
