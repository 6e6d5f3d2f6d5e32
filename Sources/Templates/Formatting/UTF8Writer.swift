/// Appends UTF-8 bytes into the uninitialized storage of a new String. Formatters build their output
/// this way in one pass: no intermediate Strings, no Foundation, and results up to 15 bytes stay in
/// the String's inline storage (no allocation at all).
struct UTF8Writer: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        for byte in bytes { append(byte) }
    }

    /// Appends `value` in decimal, zero-padded on the left to at least `minimumDigits`.
    mutating func appendInteger(_ value: UInt64, minimumDigits: Int = 1) {
        // Count digits first so they can be written right to left in place.
        let width = max(Self.digitCount(value), minimumDigits)
        var position = count + width - 1
        var remaining = value
        for _ in 0..<width {
            buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += width
    }

    /// Appends `value` in decimal with the locale's group separators (1,234,567; hi_IN 12,34,567).
    mutating func appendGroupedInteger(_ value: UInt64, grouping: DigitGrouping) {
        let digitCount = Self.digitCount(value)
        let separators = grouping.separatorCount(digits: digitCount)
        guard separators > 0 else {
            appendInteger(value)
            return
        }
        // Write right to left: digits, and the separator wherever a group ends.
        let separator = grouping.separator
        let width = digitCount + separators * separator.count
        var position = count + width - 1
        var remaining = value
        for index in 0..<digitCount {
            if grouping.startsGroup(at: index) {
                for byte in separator.reversed() {
                    buffer[position] = byte
                    position -= 1
                }
            }
            buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += width
    }

    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var probe = value
        while probe >= 10 {
            count += 1
            probe /= 10
        }
        return count
    }

    /// Appends a fixed-point magnitude: `units` / 10^decimals, grouped integer part, then the
    /// decimal separator and exactly `decimals` fraction digits.
    mutating func appendFixed(units: UInt64, decimals: Int, decimalSeparator: [UInt8], grouping: DigitGrouping) {
        guard decimals > 0 else {
            appendGroupedInteger(units, grouping: grouping)
            return
        }
        let scale = UInt64(DecimalRounding.powersOfTen[decimals])
        appendGroupedInteger(units / scale, grouping: grouping)
        append(decimalSeparator)
        appendInteger(units % scale, minimumDigits: decimals)
    }
}

extension UTF8Writer {
    /// The exact byte length `appendFixed` writes, so the result string can be sized exactly: a
    /// result of up to 15 bytes then lives inline in the String, without a heap allocation.
    static func fixedLength(units: UInt64, decimals: Int, decimalSeparator: [UInt8], grouping: DigitGrouping) -> Int {
        let integerDigits = decimals > 0 ? digitCount(units / UInt64(DecimalRounding.powersOfTen[decimals])) : digitCount(units)
        let groups = grouping.separatorCount(digits: integerDigits)
        return integerDigits + groups * grouping.separator.count + (decimals > 0 ? decimalSeparator.count + decimals : 0)
    }
}

extension String {
    /// Builds a string of at most `capacity` UTF-8 bytes with a writer. Callers pass a tight bound:
    /// up to 15 bytes the string is stored inline.
    @inline(__always)
    init(utf8Capacity capacity: Int, _ body: (inout UTF8Writer) -> Void) {
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = UTF8Writer(buffer)
            body(&writer)
            return writer.count
        }
    }

    /// The string's UTF-8 bytes, for separators and symbols written by `UTF8Writer`.
    var utf8Bytes: [UInt8] { Array(utf8) }
}
