/// Runtime semantics of the operators on values. The type checker has already rejected impossible
/// combinations; these functions still dispatch on the actual values because fields are nullable and
/// `any` values are only known at run time. Null propagates through arithmetic; comparisons with null
/// are false except `==`/`!=`.
enum Operators {
    @inline(__always)
    static func truth(_ value: Value) throws(EvaluationFailure) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .null: return false
        default: throw EvaluationFailure("expected bool, got \(value.kindDescription)")
        }
    }

    static func negate(_ value: Value) throws(EvaluationFailure) -> Value {
        switch value {
        case .number(let x): return .number(-x)
        case .null: return .null
        default: throw EvaluationFailure("operator '-' cannot negate \(value.kindDescription)")
        }
    }

    /// number + number; string + anything concatenates (null reads as ""); date + number is that
    /// many days later.
    static func add(_ a: Value, _ b: Value, locale: LocaleData) throws(EvaluationFailure) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)): return .number(x + y)
        case let (.string(x), .string(y)): return .string(x + y)
        case (.string(let x), _): return .string(x + ValueText.string(b, locale: locale))
        case (_, .string(let y)): return .string(ValueText.string(a, locale: locale) + y)
        case (.null, _), (_, .null): return .null
        case let (.date(days), .number(offset)), let (.number(offset), .date(days)): return try addDays(Int(days), offset)
        default: throw EvaluationFailure("operator '+' cannot add \(a.kindDescription) and \(b.kindDescription)")
        }
    }

    /// number - number; date - number (days earlier); date - date (days between).
    static func subtract(_ a: Value, _ b: Value) throws(EvaluationFailure) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)): return .number(x - y)
        case (.null, _), (_, .null): return .null
        case let (.date(x), .date(y)): return .number(Double(Int(x) - Int(y)))
        case let (.date(days), .number(offset)): return try addDays(Int(days), -offset)
        default: throw EvaluationFailure("operator '-' cannot subtract \(b.kindDescription) from \(a.kindDescription)")
        }
    }

    static func multiply(_ a: Value, _ b: Value) throws(EvaluationFailure) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)): return .number(x * y)
        case (.null, _), (_, .null): return .null
        default: throw EvaluationFailure("operator '*' cannot multiply \(a.kindDescription) and \(b.kindDescription)")
        }
    }

    static func divide(_ a: Value, _ b: Value) throws(EvaluationFailure) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)):
            guard y != 0 else { throw EvaluationFailure("division by zero") }
            return .number(x / y)
        case (.null, _), (_, .null): return .null
        default: throw EvaluationFailure("operator '/' cannot divide \(a.kindDescription) by \(b.kindDescription)")
        }
    }

    /// The remainder with the sign of the dividend (-7 % 3 = -1), like most languages.
    static func remainder(_ a: Value, _ b: Value) throws(EvaluationFailure) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)):
            guard y != 0 else { throw EvaluationFailure("division by zero (in '%')") }
            return .number(x.truncatingRemainder(dividingBy: y))
        case (.null, _), (_, .null): return .null
        default: throw EvaluationFailure("operator '%' cannot divide \(a.kindDescription) by \(b.kindDescription)")
        }
    }

    /// -1, 0 or 1 for two numbers, strings or dates; nil for other pairs (including null).
    @inline(__always)
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case let (.number(x), .number(y)): x < y ? -1 : x > y ? 1 : 0
        case let (.date(x), .date(y)): x < y ? -1 : x > y ? 1 : 0
        case let (.string(x), .string(y)): x < y ? -1 : x > y ? 1 : 0
        default: nil
        }
    }

    /// `<`, `<=`, `>`, `>=`: false when either side is null (an unknown amount is not over a limit).
    static func ordered(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvaluationFailure) -> Bool {
        guard let order = compare(a, b) else {
            if a.isNull || b.isNull { return false }
            throw EvaluationFailure("operator '\(op.symbol)' cannot compare \(a.kindDescription) and \(b.kindDescription)")
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// The date `offset` days after `days`; the offset must be a whole number.
    static func addDays(_ days: Int, _ offset: Double) throws(EvaluationFailure) -> Value {
        guard offset.rounded(.towardZero) == offset, offset.magnitude < 1e9 else {
            throw EvaluationFailure("a date can only move by a whole number of days, got \(ValueText.number(offset))")
        }
        guard let result = CivilDate.dateValue(days + Int(offset)) else { throw EvaluationFailure("date out of range") }
        return result
    }
}
