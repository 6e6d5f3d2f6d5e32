/// A locale's separators, grouping and signs as UTF-8 bytes, precomputed once per locale so number
/// formatting at run time only copies bytes.
struct NumberStyle: Sendable {
    let decimalSeparator: [UInt8]
    let grouping: DigitGrouping
    let minusSign: [UInt8]
    let percent: AffixBytes

    /// Indexed by `LocaleData.id`.
    static let table: [NumberStyle] = LocaleData.all.map {
        NumberStyle(decimalSeparator: $0.decimalSeparator.utf8Bytes,
                    grouping: DigitGrouping(separator: $0.groupSeparator, sizes: $0.grouping),
                    minusSign: $0.minusSign.utf8Bytes,
                    percent: AffixBytes($0.percent))
    }
}

/// `NumberAffixes` as bytes.
struct AffixBytes: Sendable {
    let positivePrefix: [UInt8]
    let positiveSuffix: [UInt8]
    let negativePrefix: [UInt8]
    let negativeSuffix: [UInt8]

    init(_ affixes: NumberAffixes) {
        positivePrefix = affixes.positivePrefix.utf8Bytes
        positiveSuffix = affixes.positiveSuffix.utf8Bytes
        negativePrefix = affixes.negativePrefix.utf8Bytes
        negativeSuffix = affixes.negativeSuffix.utf8Bytes
    }

    @inline(__always)
    func pick(negative: Bool) -> (prefix: [UInt8], suffix: [UInt8]) {
        negative ? (negativePrefix, negativeSuffix) : (positivePrefix, positiveSuffix)
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
        guard let units = DecimalRounding.scaledMagnitude(x, decimals: places) else { return nil }
        // A value that rounds to zero prints without a sign: never "-0.00".
        let prefix = x < 0 && units != 0 ? style.minusSign : []
        return write(units: units, decimals: places, style: style, prefix: prefix, suffix: [])
    }

    /// `percent(0.125)` → "12.5%": x × 100 with `decimals` places, or when nil with as few places
    /// as needed up to 2 (trailing zeros dropped).
    static func percent(_ x: Double, decimals: Int?, style: NumberStyle) -> String? {
        let hundredfold = x * 100
        var places = decimals ?? 2
        guard var units = DecimalRounding.scaledMagnitude(hundredfold, decimals: places) else { return nil }
        if decimals == nil {
            while places > 0, units % 10 == 0 {
                units /= 10
                places -= 1
            }
        }
        let (prefix, suffix) = style.percent.pick(negative: x < 0 && units != 0)
        return write(units: units, decimals: places, style: style, prefix: prefix, suffix: suffix)
    }

    private static func write(units: UInt64, decimals: Int, style: NumberStyle, prefix: [UInt8], suffix: [UInt8]) -> String {
        let capacity = prefix.count + suffix.count + UTF8Writer.fixedLength(
            units: units, decimals: decimals, decimalSeparator: style.decimalSeparator, grouping: style.grouping)
        return String(utf8Capacity: capacity) { writer in
            writer.append(prefix)
            writer.appendFixed(units: units, decimals: decimals, decimalSeparator: style.decimalSeparator, grouping: style.grouping)
            writer.append(suffix)
        }
    }
}
