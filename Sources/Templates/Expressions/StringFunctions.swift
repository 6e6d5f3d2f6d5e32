/// String functions and `exists`. Lengths and positions count characters as a reader sees them
/// (grapheme clusters), so "é" is one character however it is encoded.
extension FunctionLibrary {
    static let stringFunctions: [LibraryFunction] = [
        LibraryFunction("len", [.string("text")], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in .number(Double(try site.string(value, 0)?.count ?? 0)) }
        },
        // substr(s, start [, length]): 0-based; out-of-range positions are clamped, never an error.
        LibraryFunction("substr", [.string("text"), .number("start"), .number("length")], required: 2, returns: .string) { site in
            site.ternary { value, startValue, lengthValue throws(EvaluationFailure) in
                guard let text = try site.string(value, 0) else { return .string("") }
                let start = try site.number(startValue, 1) ?? 0
                let length = try site.number(lengthValue, 2)
                let characters = Array(text)
                let lower = clampedIndex(start, characters.count)
                let upper = length.map { clampedIndex(start + $0, characters.count) } ?? characters.count
                guard lower < upper else { return .string("") }
                return .string(String(characters[lower..<upper]))
            }
        },
        LibraryFunction("replace", [.string("text"), .string("search"), .string("replacement")], returns: .string) { site in
            site.ternary { value, searchValue, replacementValue throws(EvaluationFailure) in
                guard let text = try site.string(value, 0) else { return .string("") }
                guard let search = try site.string(searchValue, 1), !search.isEmpty else { return .string(text) }
                let replacement = try site.string(replacementValue, 2) ?? ""
                return .string(text.replacing(search, with: replacement))
            }
        },
        LibraryFunction("digits", [.string("text")], returns: .string) { site in
            site.unary { value throws(EvaluationFailure) in
                guard let text = try site.string(value, 0) else { return .string("") }
                var kept = String.UnicodeScalarView()
                for scalar in text.unicodeScalars where scalar.value >= 0x30 && scalar.value <= 0x39 { kept.append(scalar) }
                return .string(String(kept))
            }
        },
        LibraryFunction("mod10", [.string("digits"), .number("weight1"), .number("weight2")], required: 1, returns: .number) { site throws(ExpressionError) in
            try site.checkConstantWholeNumber(1, in: 0...99)
            try site.checkConstantWholeNumber(2, in: 0...99)
            return site.ternary { value, first, second throws(EvaluationFailure) in
                guard let digits = try site.string(value, 0) else { return .null }
                let weights = (try site.wholeNumber(first, 1, in: 0...99) ?? 3, try site.wholeNumber(second, 2, in: 0...99) ?? 1)
                return .number(Double(try CheckDigits.mod10(digits, weights: weights)))
            }
        },
        LibraryFunction("exists", [Parameter(name: "value", kind: .anything)], returns: .bool) { site in
            site.unary { value in .bool(!value.isNull) }
        },
    ]

    private static func clampedIndex(_ position: Double, _ count: Int) -> Int {
        guard position.isFinite else { return position > 0 ? count : 0 }
        return Int(Swift.min(Swift.max(position.rounded(.towardZero), 0), Double(count)))
    }
}

/// Check digits for scan lines and references.
enum CheckDigits {
    /// Weighted modulus 10: weights alternate starting from the rightmost digit (`weights.0` on the
    /// rightmost); check = (10 - sum % 10) % 10. Any character other than 0-9 is an error: a scan
    /// line built from the wrong field must not get a plausible check digit.
    static func mod10(_ digits: String, weights: (Int, Int)) throws(EvaluationFailure) -> Int {
        var sum = 0
        var useFirst = true
        for byte in digits.utf8.reversed() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw EvaluationFailure("mod10() expects only digits 0-9, got '\(digits)' (use digits() to strip other characters)")
            }
            sum += Int(byte - UInt8(ascii: "0")) * (useFirst ? weights.0 : weights.1)
            useFirst.toggle()
        }
        return (10 - sum % 10) % 10
    }
}
