/// The GSM 03.38 (3GPP TS 23.038) default alphabet: the 7-bit basic character set and its
/// extension table, reached with the escape septet 0x1B. Kept with their code points so the
/// tables can be checked position by position against the standard.
enum GSM0338 {
    /// Escape to the extension table. A literal U+001B in a text is not a character we can send:
    /// a handset would read it as the start of an extension sequence, so it is not in `basic`.
    static let escape: UInt8 = 0x1B

    /// The 128 basic septets in code order (index = code). Position 0x1B holds ESC.
    static let basicTable: [Unicode.Scalar] = Array((
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà"
    ).unicodeScalars)

    /// Basic characters to their septet, without ESC (see `escape`).
    static let basic: [Unicode.Scalar: UInt8] = {
        var map: [Unicode.Scalar: UInt8] = [:]
        for (code, scalar) in basicTable.enumerated() where UInt8(code) != escape {
            map[scalar] = UInt8(code)
        }
        return map
    }()

    /// Extension-table characters to the septet that follows ESC. Each costs two septets.
    static let extended: [Unicode.Scalar: UInt8] = [
        "\u{0C}": 0x0A, // form feed (page break)
        "^": 0x14,
        "{": 0x28,
        "}": 0x29,
        "\\": 0x2F,
        "[": 0x3C,
        "~": 0x3D,
        "]": 0x3E,
        "|": 0x40,
        "€": 0x65,
    ]

    /// Septets the scalar costs in GSM-7 (1 basic, 2 extension), or nil if GSM-7 cannot carry it.
    static func septets(_ scalar: Unicode.Scalar) -> Int? {
        if basic[scalar] != nil { return 1 }
        if extended[scalar] != nil { return 2 }
        return nil
    }
}
