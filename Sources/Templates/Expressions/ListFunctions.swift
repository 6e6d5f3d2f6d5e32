/// Functions over lists. A null list (an optional list field that is absent) behaves like an empty
/// one: count 0, sum 0, no first element.
extension FunctionLibrary {
    static let listFunctions: [LibraryFunction] = [
        LibraryFunction("count", [Parameter(name: "list", kind: .list)], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in .number(Double(try site.list(value, 0)?.count ?? 0)) }
        },
        // Sums in order, then rounds away binary noise (427.41999999999996 → 427.42). Null
        // elements are skipped.
        LibraryFunction("sum", [Parameter(name: "numbers", kind: .numberList)], returns: .number) { site in
            site.unary { value throws(EvaluationFailure) in
                var total = 0.0
                for element in try site.list(value, 0) ?? [] {
                    switch element {
                    case .number(let x): total += x
                    case .null: continue
                    default: throw EvaluationFailure("sum() expects a list of numbers, found \(element.kindDescription)")
                    }
                }
                return .number(DecimalRounding.removingNoise(total))
            }
        },
        LibraryFunction("join", [Parameter(name: "list", kind: .textList), .string("separator")], required: 1, returns: .string) { site in
            let locale = site.locale
            return site.binary { value, separatorValue throws(EvaluationFailure) in
                guard let elements = try site.list(value, 0) else { return .string("") }
                let separator = try site.string(separatorValue, 1) ?? ", "
                return .string(elements.map { ValueText.string($0, locale: locale) }.joined(separator: separator))
            }
        },
        LibraryFunction("first", [Parameter(name: "list", kind: .list)], result: elementType) { site in
            site.unary { value throws(EvaluationFailure) in try site.list(value, 0)?.first ?? .null }
        },
        LibraryFunction("last", [Parameter(name: "list", kind: .list)], result: elementType) { site in
            site.unary { value throws(EvaluationFailure) in try site.list(value, 0)?.last ?? .null }
        },
        // range(n) → [0, 1, …, n-1]; capped so a bad value cannot exhaust memory.
        LibraryFunction("range", [.number("count")], returns: .list(.number)) { site throws(ExpressionError) in
            try site.checkConstantWholeNumber(0, in: 0...rangeLimit)
            return site.unary { value throws(EvaluationFailure) in
                let count = try site.wholeNumber(value, 0, in: 0...rangeLimit) ?? 0
                return .list((0..<count).map { .number(Double($0)) })
            }
        },
        LibraryFunction("max_of", [Parameter(name: "list", kind: .orderableList)], result: elementType) { site in
            site.unary { value throws(EvaluationFailure) in try extreme(site, value, keepsLarger: true) }
        },
        LibraryFunction("min_of", [Parameter(name: "list", kind: .orderableList)], result: elementType) { site in
            site.unary { value throws(EvaluationFailure) in try extreme(site, value, keepsLarger: false) }
        },
    ]

    static let rangeLimit = 100_000

    private static let elementType: @Sendable ([ValueType]) -> ValueType = { types in types.first?.listElement ?? .any }

    /// The largest (or smallest) non-null element; null for an empty list.
    private static func extreme(_ site: CallSite, _ value: Value, keepsLarger: Bool) throws(EvaluationFailure) -> Value {
        var best: Value = .null
        for element in try site.list(value, 0) ?? [] where !element.isNull {
            if best.isNull {
                best = element
                continue
            }
            guard let ordered = Operators.compare(element, best) else {
                throw EvaluationFailure("\(site.name)() cannot compare \(element.kindDescription) with \(best.kindDescription)")
            }
            if keepsLarger ? ordered > 0 : ordered < 0 { best = element }
        }
        return best
    }
}
