/// A compiled subexpression: its evaluator, static type, and value when known at compile time.
struct CompiledNode: Sendable {
    let evaluate: Evaluator
    let type: ValueType
    let constant: Value?
    /// Offset in the expression source (for errors about this node).
    let offset: Int

    static func constant(_ value: Value, type: ValueType, at offset: Int) -> CompiledNode {
        CompiledNode(evaluate: { _ in value }, type: type, constant: value, offset: offset)
    }
}

/// Everything a library function's builder needs: the compiled arguments, where the call is (for
/// runtime errors), and the scope's default locale.
struct CallSite: Sendable {
    let name: String
    let arguments: [CompiledNode]
    /// The call's location in the template: runtime failures are reported there.
    let location: SourceLocation
    let offset: Int
    let locale: LocaleData
    /// The template's string tables, for t(); nil when it has none.
    var translations: Translations? = nil

    /// Argument `index`, or a constant null when the call leaves it out (optional parameters then
    /// take their defaults, exactly as if `null` had been written).
    func argument(_ index: Int) -> CompiledNode {
        index < arguments.count ? arguments[index] : .constant(.null, type: .any, at: offset)
    }

    /// The argument's value when known at compile time (a left-out argument is a constant null).
    func constant(_ index: Int) -> Value? { argument(index).constant }

    /// A compile-time error pointing at argument `index`.
    func error(_ message: String, argument index: Int) -> ExpressionError {
        ExpressionError(message, at: argument(index).offset)
    }

    /// A runtime failure message naming this function and argument `index` (0-based).
    func mismatch(_ index: Int, expected: String, got value: Value) -> EvaluationFailure {
        EvaluationFailure("\(name)() argument \(index + 1) expects \(expected), got \(value.kindDescription)")
    }

    // Evaluators of fixed arity: no argument array is built per evaluation. A failure of the body
    // becomes an EvaluationError at the call's location.

    func unary(_ body: @escaping @Sendable (Value) throws(EvaluationFailure) -> Value) -> Evaluator {
        let first = argument(0).evaluate
        let location = location
        return { environment throws(EvaluationError) in
            let a = try first(environment)
            do throws(EvaluationFailure) { return try body(a) } catch { throw EvaluationError(error.message, at: location) }
        }
    }

    func binary(_ body: @escaping @Sendable (Value, Value) throws(EvaluationFailure) -> Value) -> Evaluator {
        let (first, second) = (argument(0).evaluate, argument(1).evaluate)
        let location = location
        return { environment throws(EvaluationError) in
            let a = try first(environment)
            let b = try second(environment)
            do throws(EvaluationFailure) { return try body(a, b) } catch { throw EvaluationError(error.message, at: location) }
        }
    }

    func ternary(_ body: @escaping @Sendable (Value, Value, Value) throws(EvaluationFailure) -> Value) -> Evaluator {
        let (first, second, third) = (argument(0).evaluate, argument(1).evaluate, argument(2).evaluate)
        let location = location
        return { environment throws(EvaluationError) in
            let a = try first(environment)
            let b = try second(environment)
            let c = try third(environment)
            do throws(EvaluationFailure) { return try body(a, b, c) } catch { throw EvaluationError(error.message, at: location) }
        }
    }
}

/// Argument readers for library implementations. Null is passed through as nil: each function
/// decides what null means (formatters print "", arithmetic gives null). A value of the wrong kind
/// can only arrive through `any` and fails with a message naming the function and argument.
extension CallSite {
    func number(_ value: Value, _ index: Int) throws(EvaluationFailure) -> Double? {
        switch value {
        case .number(let x): return x
        case .null: return nil
        default: throw mismatch(index, expected: "a number", got: value)
        }
    }

    func string(_ value: Value, _ index: Int) throws(EvaluationFailure) -> String? {
        switch value {
        case .string(let text): return text
        case .null: return nil
        default: throw mismatch(index, expected: "a string", got: value)
        }
    }

    func date(_ value: Value, _ index: Int) throws(EvaluationFailure) -> Int? {
        switch value {
        case .date(let days): return Int(days)
        case .null: return nil
        default: throw mismatch(index, expected: "a date", got: value)
        }
    }

    func list(_ value: Value, _ index: Int) throws(EvaluationFailure) -> [Value]? {
        switch value {
        case .list(let elements): return elements
        case .null: return nil
        default: throw mismatch(index, expected: "a list", got: value)
        }
    }

    /// A whole number within `range` (decimals, widths, day counts).
    func wholeNumber(_ value: Value, _ index: Int, in range: ClosedRange<Int>) throws(EvaluationFailure) -> Int? {
        guard let x = try number(value, index) else { return nil }
        guard x.rounded(.towardZero) == x, x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw EvaluationFailure("\(name)() argument \(index + 1) must be a whole number from "
                + "\(range.lowerBound) to \(range.upperBound), got \(ValueText.number(x))")
        }
        return Int(x)
    }

    /// Validates a constant whole-number argument at compile time, so a mistake such as
    /// `round(x, 1.5)` fails when the template loads rather than on every record.
    func checkConstantWholeNumber(_ index: Int, in range: ClosedRange<Int>) throws(ExpressionError) {
        guard let value = constant(index) else { return }
        do throws(EvaluationFailure) { _ = try wholeNumber(value, index, in: range) } catch { throw self.error(error.message, argument: index) }
    }
}
