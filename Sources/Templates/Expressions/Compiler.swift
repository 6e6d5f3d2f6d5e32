/// Turns a checked expression tree into a tree of closures. Measured against an enum-tree
/// interpreter, closures win here: each node's closure captures exactly the slots, constants and
/// precomputed formats it needs, so evaluation is direct calls with no dispatch on node kinds.
///
/// Constant subtrees are folded: a node whose operands are all constant is evaluated once, here,
/// and replaced by its value (an error such as `1 / 0` then becomes a template error). `and`, `or`,
/// `??` and `?:` fold on a constant left side alone.
struct Compiler {
    /// The location of the expression's first character; node offsets are relative to it.
    let location: SourceLocation
    let locale: LocaleData
    var translations: Translations? = nil

    func compile(_ expr: TypedExpr) throws(ExpressionError) -> CompiledNode {
        let type = expr.type
        let offset = expr.offset
        let here = location.advanced(by: offset)

        switch expr.kind {
        case .constant(let value):
            return .constant(value, type: type, at: offset)

        case .rootField(let slot):
            // Records are bound by schema, so the slot is always there; the check keeps a caller's
            // mistake (an unbound root) from crashing.
            return node(type, offset) { environment in
                if case .record(let slots) = environment.root, slot < slots.count { return slots[slot] }
                return .null
            }

        case .local(let slot):
            return node(type, offset) { environment in
                slot < environment.locals.count ? environment.locals[slot] : .null
            }

        case .member(let baseExpr, let slot):
            let base = try compile(baseExpr)
            let evaluateBase = base.evaluate
            return try folded(type, offset, [base]) { environment throws(EvaluationError) in
                if case .record(let slots) = try evaluateBase(environment), slot < slots.count { return slots[slot] }
                return .null
            }

        case .projection(let baseExpr, let slot):
            let base = try compile(baseExpr)
            let evaluateBase = base.evaluate
            return try folded(type, offset, [base]) { environment throws(EvaluationError) in
                guard case .list(let records) = try evaluateBase(environment) else { return .null }
                return .list(records.map { record in
                    if case .record(let slots) = record, slot < slots.count { return slots[slot] }
                    return .null
                })
            }

        case .index(let baseExpr, let indexExpr):
            let base = try compile(baseExpr)
            let index = try compile(indexExpr)
            let (evaluateBase, evaluateIndex) = (base.evaluate, index.evaluate)
            return try folded(type, offset, [base, index]) { environment throws(EvaluationError) in
                // Out of range, negative or fractional indexes give null, like a missing field.
                guard case .list(let elements) = try evaluateBase(environment),
                      case .number(let position) = try evaluateIndex(environment),
                      position >= 0, position < Double(elements.count), position.rounded(.towardZero) == position
                else { return .null }
                return elements[Int(position)]
            }

        case .list(let elementExprs):
            var elements: [CompiledNode] = []
            for elementExpr in elementExprs { elements.append(try compile(elementExpr)) }
            let evaluators = elements.map(\.evaluate)
            return try folded(type, offset, elements) { environment throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(evaluators.count)
                for evaluate in evaluators { values.append(try evaluate(environment)) }
                return .list(values)
            }

        case .negate(let operandExpr):
            let operand = try compile(operandExpr)
            let evaluateOperand = operand.evaluate
            return try folded(type, offset, [operand]) { environment throws(EvaluationError) in
                let value = try evaluateOperand(environment)
                if case .number(let x) = value { return .number(-x) }
                do throws(EvaluationFailure) { return try Operators.negate(value) } catch { throw EvaluationError(error.message, at: here) }
            }

        case .not(let operandExpr):
            let operand = try compile(operandExpr)
            let evaluateOperand = operand.evaluate
            return try folded(type, offset, [operand]) { environment throws(EvaluationError) in
                let value = try evaluateOperand(environment)
                do throws(EvaluationFailure) { return .bool(!(try Operators.truth(value))) } catch { throw EvaluationError(error.message, at: here) }
            }

        case .binary(let op, let leftExpr, let rightExpr):
            let left = try compile(leftExpr)
            let right = try compile(rightExpr)
            return try binary(op, left, right, type: type, offset: offset)

        case .conditional(let conditionExpr, let whenTrueExpr, let whenFalseExpr):
            let condition = try compile(conditionExpr)
            let whenTrue = try compile(whenTrueExpr)
            let whenFalse = try compile(whenFalseExpr)
            if let constant = condition.constant {
                let chosen = (try? Operators.truth(constant)) ?? false ? whenTrue : whenFalse
                return CompiledNode(evaluate: chosen.evaluate, type: type, constant: chosen.constant, offset: offset)
            }
            let (evaluateCondition, evaluateTrue, evaluateFalse) = (condition.evaluate, whenTrue.evaluate, whenFalse.evaluate)
            let conditionLocation = location.advanced(by: condition.offset)
            return node(type, offset) { environment throws(EvaluationError) in
                let value = try evaluateCondition(environment)
                let flag: Bool
                do throws(EvaluationFailure) { flag = try Operators.truth(value) } catch { throw EvaluationError(error.message, at: conditionLocation) }
                return flag ? try evaluateTrue(environment) : try evaluateFalse(environment)
            }

        case .call(let function, let argumentExprs):
            var arguments: [CompiledNode] = []
            for argumentExpr in argumentExprs { arguments.append(try compile(argumentExpr)) }
            var site = CallSite(name: function.name, arguments: arguments, location: here, offset: offset, locale: locale)
            site.translations = translations
            let evaluate = try function.build(site)
            if !function.pure { return node(type, offset, evaluate) }
            // Every library function is pure (there is no today()), so constant arguments fold.
            return try folded(type, offset, arguments, evaluate)
        }
    }

    // MARK: Helpers

    func node(_ type: ValueType, _ offset: Int, _ evaluate: @escaping Evaluator) -> CompiledNode {
        CompiledNode(evaluate: evaluate, type: type, constant: nil, offset: offset)
    }

    /// A node that is folded to a constant when all its operands are constant.
    func folded(
        _ type: ValueType, _ offset: Int, _ operands: [CompiledNode], _ evaluate: @escaping Evaluator
    ) throws(ExpressionError) -> CompiledNode {
        guard operands.allSatisfy({ $0.constant != nil }) else { return node(type, offset, evaluate) }
        do throws(EvaluationError) {
            return .constant(try evaluate(constantEnvironment), type: type, at: offset)
        } catch {
            throw ExpressionError(error.message, at: error.location.column - location.column)
        }
    }
}
