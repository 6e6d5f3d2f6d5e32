/// Bytes of a PDF file or stream being written, with the few ways PDF writes numbers and names.
/// Numbers go through a hand-written decimal formatter: fixed rounding, trailing zeros stripped, never
/// "-0", the same bytes on every machine and thread.
struct PDFBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A non-negative or negative integer in decimal.
    mutating func integer(_ value: Int) {
        var v = value
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            v = -v
        }
        if v < 10 {
            bytes.append(48 + UInt8(v))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[n] = 48 + UInt8(v % 10)
                v /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                bytes.append(d[n])
            }
        }
    }

    /// An integer right-aligned in `width` digits with leading zeros (cross-reference offsets).
    mutating func zeroPadded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(48 + UInt8((v / divisor) % 10))
            v %= divisor
            divisor /= 10
        }
    }

    /// A real number rounded to `decimals` places (at most 6), half away from zero, trailing zeros
    /// stripped: 12.5, 0.333, 792, -4.25. Values that round to zero are written "0".
    mutating func number(_ value: Double, decimals: Int = 3) {
        let scale = Self.powers[decimals]
        guard value.isFinite else {
            bytes.append(48)
            return
        }
        let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
        // PDF readers handle reals up to about ±32767 reliably; clamp far outside that to stay in Int range.
        var n = Int(max(-1e15, min(1e15, scaled)))
        if n == 0 {
            bytes.append(48)
            return
        }
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        integer(n / scale)
        var fraction = n % scale
        guard fraction != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var divisor = Self.powers[digits - 1]
        while divisor > 0 {
            bytes.append(48 + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    private static let powers = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Four upper-case hex digits (a two-byte glyph code or a UTF-16 unit).
    @inline(__always) mutating func hex4(_ value: UInt16) {
        bytes.append(Self.hexDigits[Int(value >> 12)])
        bytes.append(Self.hexDigits[Int((value >> 8) & 15)])
        bytes.append(Self.hexDigits[Int((value >> 4) & 15)])
        bytes.append(Self.hexDigits[Int(value & 15)])
    }

    /// A PDF literal or hex string for text in the info dictionary: printable ASCII as `( … )` with
    /// escapes, anything else as UTF-16BE with a byte order mark.
    mutating func textString(_ s: String) {
        if s.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) {
            bytes.append(UInt8(ascii: "("))
            for b in s.utf8 {
                if b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(b)
            }
            bytes.append(UInt8(ascii: ")"))
            return
        }
        append("<FEFF")
        for unit in s.utf16 { hex4(unit) }
        bytes.append(UInt8(ascii: ">"))
    }
}
