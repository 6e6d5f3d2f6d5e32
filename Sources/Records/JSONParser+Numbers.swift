/// Number parsing: validates the RFC 8259 grammar while gathering the digits, then converts.
///
/// Most numbers in records (amounts like 1234.56, counts, ids) have at most 15 significant digits and a
/// small exponent. For those the value is `mantissa * 10^e` or `mantissa / 10^-e` with both operands exact
/// in a Double, and one IEEE operation is correctly rounded (Clinger's fast path): the same result as
/// `Double(String)` without making a String. Anything else goes through `Double(String)`.
extension JSONByteParser {
    /// Parses the number starting at `position` (a '-' or a digit).
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = position
        var index = position
        let negative = bytes[index] == .minus
        if negative { index += 1 }

        var mantissa: UInt64 = 0
        var fastPath = true  // false once the digits do not fit exactly below 2^53
        var exponent = 0

        // Integer part: "0" or a non-zero digit followed by digits.
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw missingDigit(at: index, after: "'-'")
        }
        if bytes[index] == .digitZero {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("invalid number", at: start, hint: "leading zeros are not allowed")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, fastPath: &fastPath)
                index += 1
            }
        }

        if index < bytes.count, bytes[index] == .period {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw missingDigit(at: index, after: "'.'") }
            while index < bytes.count, isDigit(bytes[index]) {
                accumulate(bytes[index], into: &mantissa, fastPath: &fastPath)
                exponent -= 1
                index += 1
            }
        }

        if index < bytes.count, bytes[index] == .lowerE || bytes[index] == .upperE {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == .plus || bytes[index] == .minus {
                exponentNegative = bytes[index] == .minus
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw missingDigit(at: index, after: "the exponent marker") }
            var written = 0
            while index < bytes.count, isDigit(bytes[index]) {
                // Clamp: past this the value is 0 or infinity anyway, and the slow path decides which.
                if written < 1_000_000 { written = written * 10 + Int(bytes[index] - .digitZero) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        position = index

        if fastPath, exponent >= -22, exponent <= 22 {
            let magnitude = Double(mantissa)
            let value = exponent < 0
                ? magnitude / exactPowersOfTen[-exponent]
                : magnitude * exactPowersOfTen[exponent]
            return negative ? -value : value
        }
        return try slowNumber(from: start, to: index)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- .digitZero < 10
    }

    @inline(__always)
    private func accumulate(_ digit: UInt8, into mantissa: inout UInt64, fastPath: inout Bool) {
        // 900_719_925_474_099 * 10 + 9 < 2^53, so every mantissa built here is exact in a Double.
        if mantissa <= 900_719_925_474_099 {
            mantissa = mantissa * 10 + UInt64(digit - .digitZero)
        } else {
            fastPath = false
        }
    }

    private func missingDigit(at index: Int, after what: String) -> JSONParseError {
        index < bytes.count
            ? unexpectedByte(at: index, expected: "a digit after \(what)")
            : unexpectedEnd(expected: "a digit after \(what)")
    }

    /// Converts the already validated number text in `start ..< end` with the standard library.
    private func slowNumber(from start: Int, to end: Int) throws(JSONParseError) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number \(text) out of range", at: start, hint: "the largest magnitude is about 1.8e308")
        }
        return value
    }
}

/// 10^0 ... 10^22: every power of ten that a Double holds exactly (5^22 < 2^53).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
