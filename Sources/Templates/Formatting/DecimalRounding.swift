#if canImport(Glibc)
// Double.rounded() lowers to libm's floor/ceil/round/trunc on Linux; importing Glibc links libm even
// when no other module of the program pulls in Foundation.
import Glibc
#endif

/// Rounding of binary doubles as if they were the decimals a person wrote. `1.005` is stored as
/// 1.00499999999999989…, yet a statement must show 1.01 (half away from zero): a scaled value whose
/// fraction is within a few ulps of one half is treated as exactly one half. The tolerance covers the
/// error of representing the decimal plus the one of scaling it.
enum DecimalRounding {
    /// 10^0 … 10^18, exact in a Double up to 10^22.
    static let powersOfTen: [Double] = (0...18).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The largest decimals argument accepted by round(), number() and friends.
    static let maxDecimals = 12

    /// round(|x| × 10^decimals), half away from zero, as an integer; nil when not finite or too large
    /// for 64 bits (beyond any amount a statement prints).
    @inline(__always)
    static func scaledMagnitude(_ x: Double, decimals: Int) -> UInt64? {
        let scaled = x.magnitude * powersOfTen[decimals]
        guard scaled < 9.0e18 else { return nil }   // also false for NaN and infinity
        var whole = scaled.rounded(.down)
        if scaled - whole >= 0.5 - 4 * scaled.ulp { whole += 1 }
        return UInt64(whole)
    }

    /// x rounded to `decimals` places, half away from zero. Values too large to scale are returned
    /// unchanged (they have no fractional digits left anyway).
    static func round(_ x: Double, decimals: Int) -> Double {
        guard let units = scaledMagnitude(x, decimals: decimals) else { return x }
        // Dividing an exact integer by an exact power of ten gives the double nearest the decimal.
        let magnitude = Double(units) / powersOfTen[decimals]
        return x < 0 ? -magnitude : magnitude
    }

    /// Removes binary noise from a sum (427.41999999999996 → 427.42): rounds to 10 decimals, or to
    /// fewer when the integer part is large, keeping 15 significant digits (a double holds 15–17).
    static func removingNoise(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        var integerDigits = 0
        var magnitude = x.magnitude
        while magnitude >= 1, integerDigits < 16 {
            magnitude /= 10
            integerDigits += 1
        }
        let decimals = min(10, 15 - integerDigits)
        guard decimals >= 0 else { return x }
        let scale = powersOfTen[decimals]
        return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    }
}
