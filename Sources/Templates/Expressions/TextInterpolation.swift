/// Splits interpolated text into literal runs and `{expr}` parts and compiles it. `{{` and `}}` are
/// literal braces; inside `{…}` a quoted string may contain braces.
enum TextInterpolation {
    private typealias Part = TextPart

    static func compile(
        _ source: String, at location: SourceLocation, scope: CompileScope, locale: LocaleData
    ) throws(ExpressionError) -> CompiledText {
        let scalars = Array(source.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        // Constant expressions are appended to the current literal run.
        func flush() {
            if !literal.isEmpty { parts.append(.literal(String(literal))) }
            literal = String.UnicodeScalarView()
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "}" {
                guard next == "}" else {
                    throw ExpressionError("unmatched '}': write '}}' for a literal brace", at: index)
                }
                literal.append("}")
                index += 2
                continue
            }
            guard scalar == "{" else {
                literal.append(scalar)
                index += 1
                continue
            }
            if next == "{" {
                literal.append("{")
                index += 2
                continue
            }
            let start = index + 1
            let end = try closingBrace(scalars, from: start, opening: index)
            var expressionSource = ""
            expressionSource.unicodeScalars.append(contentsOf: scalars[start..<end])
            let node: CompiledNode
            do throws(ExpressionError) {
                node = try ExpressionCompiler.compileNode(expressionSource, at: location.advanced(by: start),
                                                          scope: scope, locale: locale) {
                    (typed: TypedExpr, ast: Expr, checker: TypeChecker) throws(ExpressionError) in
                    try checkReadsAsText(typed, ast, checker)
                }
            } catch {
                // Offsets inside the part are relative to its first character; make them relative to the text.
                throw ExpressionError(error.message, at: start + error.offset)
            }
            switch node.constant {
            case .some(let value):
                literal.append(contentsOf: ValueText.string(value, locale: locale).unicodeScalars)
            case .none:
                flush()
                parts.append(.expression(textEvaluator(node.evaluate, locale: locale)))
            }
            index = end + 1
        }
        flush()
        return make(source: source, location: location, parts: parts)
    }

    /// The offset of the `}` closing an expression that starts at `from`, skipping quoted strings.
    /// Offsets are relative to the text, so errors point into it.
    static func closingBrace(_ scalars: [Unicode.Scalar], from: Int, opening: Int) throws(ExpressionError) -> Int {
        var index = from
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 1 } else if scalar == open { quote = nil }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "}" {
                if index == from || scalars[from..<index].allSatisfy(\.properties.isWhitespace) {
                    throw ExpressionError("empty '{}': put an expression inside, or write '{{' for a literal brace", at: opening)
                }
                return index
            } else if scalar == "{" {
                throw ExpressionError("'{' inside an expression: close the previous '{' first", at: index)
            }
            index += 1
        }
        throw ExpressionError("unclosed '{': add '}' or write '{{' for a literal brace", at: opening)
    }

    /// A text part must read as text: records and lists of records cannot be printed.
    private static func checkReadsAsText(_ typed: TypedExpr, _ ast: Expr, _ checker: TypeChecker) throws(ExpressionError) {
        switch typed.type {
        case .list(.record): throw ExpressionError(checker.listOfRecordsMessage(ast), at: ast.start)
        case .record(let schema):
            let example = schema.fields.first.map { " like \(checker.source(of: ast)).\($0.name)" } ?? ""
            throw ExpressionError("'\(checker.source(of: ast))' is a record; print one of its fields\(example)", at: ast.start)
        default: return
        }
    }

    private static func textEvaluator(_ evaluate: @escaping Evaluator, locale: LocaleData) -> @Sendable (Environment) throws(EvaluationError) -> String {
        { environment throws(EvaluationError) in
            let value = try evaluate(environment)
            if case .string(let text) = value { return text }
            return ValueText.string(value, locale: locale)
        }
    }

    private static func make(source: String, location: SourceLocation, parts: [Part]) -> CompiledText {
        switch parts.count {
        case 0:
            return CompiledText(source: source, location: location, constantValue: "", evaluator: { _ in "" }, parts: [])
        case 1:
            switch parts[0] {
            case .literal(let text):
                return CompiledText(source: source, location: location, constantValue: text, evaluator: { _ in text }, parts: parts)
            case .expression(let evaluate):
                return CompiledText(source: source, location: location, constantValue: nil, evaluator: evaluate, parts: parts)
            }
        default:
            let literalBytes = parts.reduce(0) { total, part in
                if case .literal(let text) = part { return total + text.utf8.count }
                return total + 12
            }
            return CompiledText(source: source, location: location, constantValue: nil, evaluator: { environment throws(EvaluationError) in
                // One allocation for the result: reserve the literal bytes plus a guess per value.
                var output = ""
                output.reserveCapacity(literalBytes)
                for part in parts {
                    switch part {
                    case .literal(let text): output += text
                    case .expression(let evaluate): output += try evaluate(environment)
                    }
                }
                return output
            }, parts: parts)
        }
    }
}
