/// A locale's separators as UTF-8 bytes, precomputed once per locale so number formatting at run
/// time only copies bytes.
struct NumberStyle: Sendable {
    let decimalSeparator: [UInt8]
    let groupSeparator: [UInt8]
    let percentSuffix: [UInt8]

    /// Indexed by `LocaleData.id`.
    static let table: [NumberStyle] = LocaleData.all.map {
        NumberStyle(decimalSeparator: $0.decimalSeparator.utf8Bytes,
                    groupSeparator: $0.groupSeparator.utf8Bytes,
                    percentSuffix: $0.percentSuffix.utf8Bytes)
    }
}

extension LocaleData {
    var numberStyle: NumberStyle { NumberStyle.table[id] }
}

/// `number()` and `percent()`: grouped fixed-point decimals in a locale's style.
enum NumberFormatting {
    /// Formats `x` with `decimals` fraction digits (nil: 0 when x is integral, else 2). Returns nil
    /// when x is not finite or too large to print; the caller turns that into an evaluation error.
    static func number(_ x: Double, decimals: Int?, style: NumberStyle) -> String? {
        let places = decimals ?? (x.rounded(.towardZero) == x ? 0 : 2)
        return fixed(x, decimals: places, style: style, suffix: [])
    }

    /// `percent(0.125)` → "12.5%": x × 100 with `decimals` places, or when nil with as few places
    /// as needed up to 2 (trailing zeros dropped).
    static func percent(_ x: Double, decimals: Int?, style: NumberStyle) -> String? {
        let hundredfold = x * 100
        if let decimals {
            return fixed(hundredfold, decimals: decimals, style: style, suffix: style.percentSuffix)
        }
        guard var units = DecimalRounding.scaledMagnitude(hundredfold, decimals: 2) else { return nil }
        var places = 2
        while places > 0, units % 10 == 0 {
            units /= 10
            places -= 1
        }
        return write(units: units, negative: x < 0, decimals: places, style: style, suffix: style.percentSuffix)
    }

    static func fixed(_ x: Double, decimals: Int, style: NumberStyle, suffix: [UInt8]) -> String? {
        guard let units = DecimalRounding.scaledMagnitude(x, decimals: decimals) else { return nil }
        return write(units: units, negative: x < 0, decimals: decimals, style: style, suffix: suffix)
    }

    private static func write(units: UInt64, negative: Bool, decimals: Int, style: NumberStyle, suffix: [UInt8]) -> String {
        // A value that rounds to zero prints without a sign: never "-0.00".
        let signed = negative && units != 0
        let capacity = (signed ? 1 : 0) + suffix.count + UTF8Writer.fixedLength(
            units: units, decimals: decimals, decimalSeparator: style.decimalSeparator, groupSeparator: style.groupSeparator)
        return String(utf8Capacity: capacity) { writer in
            if signed { writer.append(UInt8(ascii: "-")) }
            writer.appendFixed(units: units, decimals: decimals,
                               decimalSeparator: style.decimalSeparator, groupSeparator: style.groupSeparator)
            writer.append(suffix)
        }
    }
}
