/// Closures for binary operators. The common cases (number with number) are tested inline before
/// falling back to the general value-level semantics in `Operators`, which also produce the runtime
/// error messages.
extension Compiler {
    func binary(
        _ op: BinaryOperator, _ left: CompiledNode, _ right: CompiledNode, type: ValueType, offset: Int
    ) throws(ExpressionError) -> CompiledNode {
        let here = location.advanced(by: offset)
        let (l, r) = (left.evaluate, right.evaluate)
        let locale = locale

        func make(_ evaluate: @escaping Evaluator) throws(ExpressionError) -> CompiledNode {
            try folded(type, offset, [left, right], evaluate)
        }

        switch op {
        case .and, .or:
            return try logical(op == .and, left, right, offset: offset)

        case .coalesce:
            if let constant = left.constant {
                let chosen = constant.isNull ? right : left
                return CompiledNode(evaluate: chosen.evaluate, type: type, constant: chosen.constant, offset: offset)
            }
            return try make { environment throws(EvaluationError) in
                let value = try l(environment)
                return value.isNull ? try r(environment) : value
            }

        case .equal:
            return try make { environment throws(EvaluationError) in .bool(try l(environment) == r(environment)) }
        case .notEqual:
            return try make { environment throws(EvaluationError) in .bool(try l(environment) != r(environment)) }

        case .less, .lessEqual, .greater, .greaterEqual:
            // `balance > 0`: compare against a constant number without a second closure call.
            if case .number(let limit)? = right.constant {
                return try make { environment throws(EvaluationError) in
                    let a = try l(environment)
                    if case .number(let x) = a {
                        switch op {
                        case .less: return .bool(x < limit)
                        case .lessEqual: return .bool(x <= limit)
                        case .greater: return .bool(x > limit)
                        default: return .bool(x >= limit)
                        }
                    }
                    do throws(EvaluationFailure) { return .bool(try Operators.ordered(op, a, .number(limit))) } catch {
                        throw EvaluationError(error.message, at: here)
                    }
                }
            }
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                do throws(EvaluationFailure) { return .bool(try Operators.ordered(op, a, b)) } catch { throw EvaluationError(error.message, at: here) }
            }

        case .add:
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
                do throws(EvaluationFailure) { return try Operators.add(a, b, locale: locale) } catch { throw EvaluationError(error.message, at: here) }
            }
        case .subtract:
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                if case .number(let x) = a, case .number(let y) = b { return .number(x - y) }
                do throws(EvaluationFailure) { return try Operators.subtract(a, b) } catch { throw EvaluationError(error.message, at: here) }
            }
        case .multiply:
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                if case .number(let x) = a, case .number(let y) = b { return .number(x * y) }
                do throws(EvaluationFailure) { return try Operators.multiply(a, b) } catch { throw EvaluationError(error.message, at: here) }
            }
        case .divide:
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                do throws(EvaluationFailure) { return try Operators.divide(a, b) } catch { throw EvaluationError(error.message, at: here) }
            }
        case .remainder:
            return try make { environment throws(EvaluationError) in
                let a = try l(environment)
                let b = try r(environment)
                do throws(EvaluationFailure) { return try Operators.remainder(a, b) } catch { throw EvaluationError(error.message, at: here) }
            }
        }
    }

    /// `and` / `or`, short-circuiting; null counts as false. A constant left side decides alone
    /// (`false and x` is false) or drops out (`true and x` is x as a bool).
    private func logical(_ isAnd: Bool, _ left: CompiledNode, _ right: CompiledNode, offset: Int) throws(ExpressionError) -> CompiledNode {
        let (l, r) = (left.evaluate, right.evaluate)
        let leftLocation = location.advanced(by: left.offset)
        let rightLocation = location.advanced(by: right.offset)
        let rightAsBool: Evaluator = { environment throws(EvaluationError) in
            let value = try r(environment)
            do throws(EvaluationFailure) { return .bool(try Operators.truth(value)) } catch { throw EvaluationError(error.message, at: rightLocation) }
        }
        if let constant = left.constant {
            let flag = (try? Operators.truth(constant)) ?? false
            if flag != isAnd { return .constant(.bool(flag), type: .bool, at: offset) }
            if let rightConstant = right.constant {
                return .constant(.bool((try? Operators.truth(rightConstant)) ?? false), type: .bool, at: offset)
            }
            return CompiledNode(evaluate: rightAsBool, type: .bool, constant: nil, offset: offset)
        }
        return CompiledNode(evaluate: { environment throws(EvaluationError) in
            let value = try l(environment)
            let flag: Bool
            do throws(EvaluationFailure) { flag = try Operators.truth(value) } catch { throw EvaluationError(error.message, at: leftLocation) }
            // and: a false left decides; or: a true left decides.
            if flag != isAnd { return .bool(flag) }
            return try rightAsBool(environment)
        }, type: .bool, constant: nil, offset: offset)
    }
}
