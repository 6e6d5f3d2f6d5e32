/// Arithmetic helpers. Null in, null out, like the arithmetic operators.
extension FunctionLibrary {
    static let numberFunctions: [LibraryFunction] = [
        LibraryFunction("round", [.number("value"), .number("decimals")], required: 1, returns: .number) { site throws(ExpressionError) in
            try site.checkConstantWholeNumber(1, in: 0...DecimalRounding.maxDecimals)
            return site.binary { value, decimalsValue throws(EvaluationFailure) in
                guard let x = try site.number(value, 0) else { return .null }
                let decimals = try site.wholeNumber(decimalsValue, 1, in: 0...DecimalRounding.maxDecimals) ?? 0
                return .number(DecimalRounding.round(x, decimals: decimals))
            }
        },
        numeric("abs") { $0.magnitude },
        numeric("floor") { $0.rounded(.down) },
        numeric("ceil") { $0.rounded(.up) },
        LibraryFunction("min", [.number("a"), .number("b")], returns: .number) { site in
            site.binary { a, b throws(EvaluationFailure) in
                guard let x = try site.number(a, 0), let y = try site.number(b, 1) else { return .null }
                return .number(Swift.min(x, y))
            }
        },
        LibraryFunction("max", [.number("a"), .number("b")], returns: .number) { site in
            site.binary { a, b throws(EvaluationFailure) in
                guard let x = try site.number(a, 0), let y = try site.number(b, 1) else { return .null }
                return .number(Swift.max(x, y))
            }
        },
        // cents(x) = round(|x| × 100) as a whole number, for scan lines and check digits.
        LibraryFunction("cents", [.number("amount")], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in
                guard let x = try site.number(value, 0) else { return .null }
                guard let units = DecimalRounding.scaledMagnitude(x, decimals: 2) else {
                    throw FunctionLibrary.unprintable(x, in: "cents")
                }
                return .number(Double(units))
            }
        },
    ]

    /// A one-number function that maps null to null.
    private static func numeric(_ name: String, _ body: @escaping @Sendable (Double) -> Double) -> LibraryFunction {
        LibraryFunction(name, [.number("value")], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in
                guard let x = try site.number(value, 0) else { return .null }
                return .number(body(x))
            }
        }
    }
}
