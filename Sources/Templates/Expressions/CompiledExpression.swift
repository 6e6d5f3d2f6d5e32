/// An expression compiled once per run and evaluated per record. Thread-safe: evaluation only reads
/// the environment passed in.
public struct CompiledExpression: Sendable {
    /// The static type; `any` for `null` and values only known at run time.
    package let type: ValueType
    package let source: String
    package let location: SourceLocation
    /// The value when the expression needs no record (literals, constant folding), else nil.
    package let constantValue: Value?
    let evaluator: Evaluator
    let locale: LocaleData

    /// Evaluates against one record. The environment is passed borrowed (Swift's default for
    /// parameters): no copy, no retain of its arrays.
    package func evaluate(_ environment: Environment) throws(EvaluationError) -> Value {
        try evaluator(environment)
    }

    /// For conditions (`when:`): the expression's truth, null counting as false. Compile such
    /// expressions with `expecting: .bool`.
    package func evaluateCondition(_ environment: Environment) throws(EvaluationError) -> Bool {
        switch try evaluator(environment) {
        case .bool(let flag): return flag
        case .null: return false
        case let other: throw EvaluationError("expected bool, got \(other.kindDescription)", at: location)
        }
    }

    /// The value as text, converted like `string()` (null → "", dates in the default locale's pattern).
    package func evaluateText(_ environment: Environment) throws(EvaluationError) -> String {
        let value = try evaluator(environment)
        if case .string(let text) = value { return text }
        return ValueText.string(value, locale: locale)
    }
}

/// An interpolated string such as `"Page {page} of {pages}"`, compiled into literal runs and
/// expressions. Constant expressions are merged into the literal runs at compile time.
public struct CompiledText: Sendable {
    package let source: String
    package let location: SourceLocation
    /// The text when it has no `{…}` parts or they are all constant.
    package let constantValue: String?
    let evaluator: @Sendable (Environment) throws(EvaluationError) -> String
    /// The literal runs (the designer's) and the `{…}` values (from the data), in order.
    let parts: [TextPart]

    public func evaluate(_ environment: Environment) throws(EvaluationError) -> String {
        try evaluator(environment)
    }

    /// The text with each `{…}` value passed through `transform` first and the literal runs as written:
    /// for policies that apply to what the data brings, not to what the designer wrote (SMS controls).
    package func evaluate(_ environment: Environment, eachValue transform: (String) throws(EvaluationError) -> String)
        throws(EvaluationError) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .literal(let text): output += text
            case .expression(let evaluate): output += try transform(try evaluate(environment))
            }
        }
        return output
    }
}

/// One piece of an interpolated text.
enum TextPart: Sendable {
    case literal(String)
    case expression(@Sendable (Environment) throws(EvaluationError) -> String)
}

/// Entry points of the expression language, for the template loader.
package enum ExpressionCompiler {
    /// Parses, type-checks against the scope and compiles `source`. `location` is the template
    /// location of the first character of `source`: errors point at `location.advanced(by:)` the
    /// offending token. With `expecting: .bool` the expression must be a condition (bool or null);
    /// with another type, it must have that type (null, typed `any`, is always accepted).
    package static func compile(
        _ source: String, at location: SourceLocation, element: String, scope: CompileScope, expecting: ValueType? = nil
    ) throws(TemplateError) -> CompiledExpression {
        let locale = try defaultLocale(of: scope, at: location, element: element)
        do throws(ExpressionError) {
            let compiled = try compileNode(source, at: location, scope: scope, locale: locale) {
                (typed: TypedExpr, ast: Expr, checker: TypeChecker) throws(ExpressionError) in
                guard let expecting else { return }
                try checkExpected(expecting, typed, ast, checker)
            }
            return CompiledExpression(type: compiled.type, source: source, location: location,
                                      constantValue: compiled.constant, evaluator: compiled.evaluate, locale: locale)
        } catch {
            throw TemplateError(error.message, at: location.advanced(by: error.offset), element: element)
        }
    }

    /// Compiles text with `{expr}` parts; `{{` and `}}` are literal braces. Values are converted
    /// with `string()`: numbers integral → no decimals, else the shortest round-trip form; dates in
    /// the default locale's pattern; null → "".
    package static func compileText(
        _ source: String, at location: SourceLocation, element: String, scope: CompileScope
    ) throws(TemplateError) -> CompiledText {
        let locale = try defaultLocale(of: scope, at: location, element: element)
        do throws(ExpressionError) {
            return try TextInterpolation.compile(source, at: location, scope: scope, locale: locale)
        } catch {
            throw TemplateError(error.message, at: location.advanced(by: error.offset), element: element)
        }
    }

    // MARK: Internals

    /// Parse, check (with an extra check on the whole expression) and compile.
    static func compileNode(
        _ source: String, at location: SourceLocation, scope: CompileScope, locale: LocaleData,
        check: (TypedExpr, Expr, TypeChecker) throws(ExpressionError) -> Void
    ) throws(ExpressionError) -> CompiledNode {
        let scalars = Array(source.unicodeScalars)
        let ast = try Parser.parse(scalars)
        let checker = TypeChecker(scope: scope, scalars: scalars)
        let typed = try checker.check(ast)
        try check(typed, ast, checker)
        var compiler = Compiler(location: location, locale: locale)
        compiler.translations = scope.translations
        return try compiler.compile(typed)
    }

    private static func checkExpected(
        _ expected: ValueType, _ typed: TypedExpr, _ ast: Expr, _ checker: TypeChecker
    ) throws(ExpressionError) {
        let actual = typed.type
        if actual.isAssignable(to: expected) { return }
        if expected == .bool { throw ExpressionError(checker.notBoolMessage(actual, ast), at: ast.start) }
        if actual.isListOfRecords, !expected.isAny, expected.listElement == nil {
            throw ExpressionError(checker.listOfRecordsMessage(ast), at: ast.start)
        }
        throw ExpressionError("expected \(expected.designerDescription), got \(actual.designerDescription)", at: ast.start)
    }

    private static func defaultLocale(of scope: CompileScope, at location: SourceLocation, element: String) throws(TemplateError) -> LocaleData {
        guard let locale = LocaleData.named(scope.defaultLocale) else {
            throw TemplateError(FunctionLibrary.unknownLocaleMessage(scope.defaultLocale), at: location, element: element)
        }
        return locale
    }
}
