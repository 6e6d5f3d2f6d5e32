/// Resolves names and checks types of a parsed expression against the data schema and the scope.
/// Every rule that can be decided before any record is read is decided here, so a template with a
/// mistake fails at load time with a message pointing at the offending token.
struct TypeChecker {
    let scope: CompileScope
    /// The expression source, for quoting the designer's text back in hints.
    let scalars: [Unicode.Scalar]

    func check(_ expr: Expr) throws(ExpressionError) -> TypedExpr {
        switch expr.kind {
        case .number(let value): return TypedExpr(.constant(.number(value)), .number, at: expr.start)
        case .string(let text): return TypedExpr(.constant(.string(text)), .string, at: expr.start)
        case .bool(let flag): return TypedExpr(.constant(.bool(flag)), .bool, at: expr.start)
        case .null: return TypedExpr(.constant(.null), .any, at: expr.start)
        case .name(let name): return try resolve(name, at: expr.start)
        case .member(let base, let name): return try member(of: base, name, at: expr.anchor)
        case .index(let base, let index): return try subscripted(base, index, at: expr.anchor)
        case .list(let elements): return try list(elements, at: expr.start)
        case .call(let name, let arguments): return try call(name, arguments, at: expr.start)
        case .unary(let op, let operand): return try unary(op, operand, at: expr.start)
        case .binary(let op, let left, let right): return try binary(op, left, right, at: expr.anchor)
        case .conditional(let condition, let whenTrue, let whenFalse):
            let checkedCondition = try checkCondition(condition)
            let first = try check(whenTrue)
            let second = try check(whenFalse)
            guard let type = first.type.unified(with: second.type) else {
                throw ExpressionError("the two branches of '?:' have different types: \(first.type.designerDescription) "
                    + "and \(second.type.designerDescription) (convert with string() to mix them)", at: expr.anchor)
            }
            return TypedExpr(.conditional(checkedCondition, first, second), type, at: expr.anchor)
        }
    }

    /// The designer's own text of a node, for hints like "write `email != null`".
    func source(of expr: Expr) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[expr.start..<expr.end])
        return text
    }

    // MARK: Names

    private func resolve(_ name: String, at offset: Int) throws(ExpressionError) -> TypedExpr {
        if let local = scope.local(named: name) {
            return TypedExpr(.local(local.slot), local.type, at: offset)
        }
        if let index = scope.root.index(of: name) {
            return TypedExpr(.rootField(index), scope.root.fields[index].type, at: offset)
        }
        if FunctionLibrary.function(named: name) != nil {
            throw ExpressionError("'\(name)' is a function: call it with parentheses, like \(name)(…)", at: offset)
        }
        let fieldNames = scope.root.fields.map(\.name)
        let localNames = scope.localNames
        var message = "unknown field '\(name)'"
        if let suggestion = Suggestions.closest(to: name, among: localNames + fieldNames) {
            message += " — did you mean '\(suggestion)'?"
        }
        message += " (fields: \(fieldNames.isEmpty ? "none" : Suggestions.list(fieldNames))"
        if !localNames.isEmpty { message += "; variables: \(Suggestions.list(localNames))" }
        throw ExpressionError(message + ")", at: offset)
    }

    private func member(of baseExpr: Expr, _ name: String, at offset: Int) throws(ExpressionError) -> TypedExpr {
        let base = try check(baseExpr)
        let schema: RecordSchema
        let projecting: Bool
        switch base.type {
        case .record(let recordSchema):
            schema = recordSchema
            projecting = false
        case .list(.record(let recordSchema)):
            schema = recordSchema
            projecting = true
        default:
            throw ExpressionError("'\(source(of: baseExpr))' is \(article(base.type)); it has no field '\(name)'", at: offset)
        }
        guard let index = schema.index(of: name) else {
            let names = schema.fields.map(\.name)
            var message = "unknown field '\(name)' in '\(source(of: baseExpr))'"
            if let suggestion = Suggestions.closest(to: name, among: names) {
                message += " — did you mean '\(suggestion)'?"
            }
            throw ExpressionError(message + " (fields: \(Suggestions.list(names)))", at: offset)
        }
        let fieldType = schema.fields[index].type
        if projecting {
            return TypedExpr(.projection(base, index), .list(fieldType), at: offset)
        }
        return TypedExpr(.member(base, index), fieldType, at: offset)
    }

    private func subscripted(_ baseExpr: Expr, _ indexExpr: Expr, at offset: Int) throws(ExpressionError) -> TypedExpr {
        let base = try check(baseExpr)
        let index = try check(indexExpr)
        guard let element = base.type.listElement else {
            let hint = base.type == .string ? " (use substr() for part of a string)" : ""
            throw ExpressionError("'\(source(of: baseExpr))' is \(article(base.type)); only lists can be indexed\(hint)", at: offset)
        }
        guard index.type == .number || index.type.isAny else {
            throw ExpressionError("a list index must be a number, got \(index.type.designerDescription)", at: indexExpr.start)
        }
        return TypedExpr(.index(base, index), element, at: offset)
    }

    private func list(_ elementExprs: [Expr], at offset: Int) throws(ExpressionError) -> TypedExpr {
        var elements: [TypedExpr] = []
        var elementType = ValueType.any
        for elementExpr in elementExprs {
            let element = try check(elementExpr)
            guard let unified = elementType.unified(with: element.type) else {
                throw ExpressionError("list elements must have one type: \(elementType.designerDescription) "
                    + "and \(element.type.designerDescription) are mixed", at: elementExpr.start)
            }
            elementType = unified
            elements.append(element)
        }
        return TypedExpr(.list(elements), .list(elementType), at: offset)
    }

    // MARK: Operators

    /// Checks an operand used as a condition: bool, or `any` (null counts as false).
    func checkCondition(_ expr: Expr) throws(ExpressionError) -> TypedExpr {
        let checked = try check(expr)
        guard checked.type == .bool || checked.type.isAny else {
            throw ExpressionError(notBoolMessage(checked.type, expr), at: expr.start)
        }
        return checked
    }

    /// "expected bool, got string; write `email != null`".
    func notBoolMessage(_ type: ValueType, _ expr: Expr) -> String {
        let text = source(of: expr)
        let hint: String = switch type {
        case .number: "`\(text) != 0`"
        case .list: "`count(\(text)) > 0`"
        default: "`\(text) != null`"
        }
        return "expected bool, got \(type.designerDescription); write \(hint)"
    }

    /// "'transactions' is a list of records; use a table `rows:` or a function like count()".
    func listOfRecordsMessage(_ expr: Expr) -> String {
        "'\(source(of: expr))' is a list of records; use a table `rows:` or a function like count()"
    }

    private func unary(_ op: UnaryOperator, _ operandExpr: Expr, at offset: Int) throws(ExpressionError) -> TypedExpr {
        switch op {
        case .not:
            return TypedExpr(.not(try checkCondition(operandExpr)), .bool, at: offset)
        case .negate:
            let operand = try check(operandExpr)
            guard operand.type == .number || operand.type.isAny else {
                throw ExpressionError("operator '-' cannot negate \(operand.type.designerDescription)", at: offset)
            }
            return TypedExpr(.negate(operand), .number, at: offset)
        }
    }

    private func binary(_ op: BinaryOperator, _ leftExpr: Expr, _ rightExpr: Expr, at offset: Int) throws(ExpressionError) -> TypedExpr {
        if op == .and || op == .or {
            let left = try checkCondition(leftExpr)
            let right = try checkCondition(rightExpr)
            return TypedExpr(.binary(op, left, right), .bool, at: offset)
        }
        let left = try check(leftExpr)
        let right = try check(rightExpr)
        let (l, r) = (left.type, right.type)
        // Equality and `??` accept any pair of one type, including lists of records (`items == null`).
        if op != .equal, op != .notEqual, op != .coalesce {
            if l.isListOfRecords { throw ExpressionError(listOfRecordsMessage(leftExpr), at: leftExpr.start) }
            if r.isListOfRecords { throw ExpressionError(listOfRecordsMessage(rightExpr), at: rightExpr.start) }
        }
        let resultType: ValueType? = switch op {
        case .coalesce: l.unified(with: r)
        case .equal, .notEqual: l.unified(with: r) != nil ? .bool : nil
        case .less, .lessEqual, .greater, .greaterEqual: Self.orderingResult(l, r)
        case .add: Self.additionResult(l, r)
        case .subtract: Self.subtractionResult(l, r)
        case .multiply, .divide, .remainder: Self.isNumeric(l) && Self.isNumeric(r) ? .number : nil
        case .and, .or: .bool
        }
        guard let resultType else {
            throw ExpressionError(Self.mismatchMessage(op, l, r), at: offset)
        }
        return TypedExpr(.binary(op, left, right), resultType, at: offset)
    }

    private static func isNumeric(_ type: ValueType) -> Bool { type == .number || type.isAny }

    private static func isOrderable(_ type: ValueType) -> Bool {
        type == .number || type == .string || type == .date || type.isAny
    }

    private static func orderingResult(_ l: ValueType, _ r: ValueType) -> ValueType? {
        guard isOrderable(l), isOrderable(r), l.unified(with: r) != nil else { return nil }
        return .bool
    }

    /// number + number; string + anything (concatenation); date + number (days later).
    private static func additionResult(_ l: ValueType, _ r: ValueType) -> ValueType? {
        switch (l, r) {
        case (.number, .number): return .number
        case (.string, let other), (let other, .string):
            if case .record = other { return nil }
            return .string
        case (.date, .number), (.number, .date), (.date, .any), (.any, .date): return .date
        case (.any, .number), (.number, .any), (.any, .any): return .any
        default: return nil
        }
    }

    /// number - number; date - number (days earlier); date - date (days between).
    private static func subtractionResult(_ l: ValueType, _ r: ValueType) -> ValueType? {
        switch (l, r) {
        case (.number, .number), (.date, .date), (.number, .any), (.any, .date): return .number
        case (.date, .number): return .date
        case (.any, .number), (.date, .any), (.any, .any): return .any
        default: return nil
        }
    }

    private static func mismatchMessage(_ op: BinaryOperator, _ l: ValueType, _ r: ValueType) -> String {
        let (a, b) = (l.designerDescription, r.designerDescription)
        let what: String = switch op {
        case .add: "add \(a) and \(b)"
        case .subtract: "subtract \(b) from \(a)"
        case .multiply: "multiply \(a) and \(b)"
        case .divide, .remainder: "divide \(a) by \(b)"
        case .coalesce: "choose between \(a) and \(b): both sides need the same type"
        default: "compare \(a) and \(b)"
        }
        return "operator '\(op.symbol)' cannot \(what)"
    }

    // MARK: Calls

    private func call(_ name: String, _ argumentExprs: [Expr], at offset: Int) throws(ExpressionError) -> TypedExpr {
        guard let function = FunctionLibrary.function(named: name) else {
            if scope.local(named: name) != nil || scope.root.index(of: name) != nil {
                throw ExpressionError("'\(name)' is a field, not a function", at: offset)
            }
            if name == "today" || name == "now" {
                // Deliberately absent: rerunning a batch must reproduce the same documents.
                throw ExpressionError("there is no \(name)(): output must not depend on the day of the run; "
                    + "use a date the run declares, such as run_date", at: offset)
            }
            var message = "unknown function or formatter '\(name)'"
            if let suggestion = Suggestions.closest(to: name, among: FunctionLibrary.names) {
                message += " — did you mean '\(suggestion)'?"
            }
            throw ExpressionError(message, at: offset)
        }
        let range = function.requiredCount...function.parameters.count
        guard range.contains(argumentExprs.count) else {
            let expected = range.count == 1
                ? "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
                : "\(range.lowerBound) to \(range.upperBound) arguments"
            let (signature, given) = (function.signature, argumentExprs.count)
            throw ExpressionError("\(name)() takes \(expected) (\(signature)), got \(given)", at: offset)
        }
        var arguments: [TypedExpr] = []
        for (position, argumentExpr) in argumentExprs.enumerated() {
            let argument = try check(argumentExpr)
            let parameter = function.parameters[position]
            guard parameter.kind.accepts(argument.type) else {
                throw ExpressionError("\(name)() argument \(position + 1) expects \(parameter.kind.description), "
                    + "got \(argument.type.designerDescription)", at: argumentExpr.start)
            }
            arguments.append(argument)
        }
        return TypedExpr(.call(function, arguments), function.resultType(arguments.map(\.type)), at: offset)
    }

    private func article(_ type: ValueType) -> String {
        switch type {
        case .list(.record): "a list of records"
        case .list: "a list (\(type))"
        case .record: "a record"
        case .any: "null"
        default: "a \(type)"
        }
    }
}
