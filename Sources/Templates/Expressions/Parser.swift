/// Recursive-descent parser for the expression language. Precedence, lowest first:
/// `?:` (right-associative), `??` (right), `or`/`||`, `and`/`&&`, `==` `!=`, `<` `<=` `>` `>=`,
/// `+` `-`, `*` `/` `%`, unary `-` `not` `!`, postfix `.name` `[index]` `f(args)`. Binary operators
/// other than `??` associate to the left.
struct Parser {
    private let tokens: [Token]
    private var position = 0

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ scalars: [Unicode.Scalar]) throws(ExpressionError) -> Expr {
        let tokens = try Lexer.tokenize(scalars)
        var parser = Parser(tokens: tokens)
        if parser.current.kind == .end {
            throw ExpressionError("empty expression", at: 0)
        }
        let expression = try parser.parseConditional()
        if parser.current.kind != .end {
            throw ExpressionError("unexpected \(parser.current.display) after a complete expression", at: parser.current.start)
        }
        return expression
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(ExpressionError) -> Token {
        guard current.kind == kind else {
            throw ExpressionError("expected \(what), found \(current.display)", at: current.start)
        }
        return advance()
    }

    private mutating func parseConditional() throws(ExpressionError) -> Expr {
        let condition = try parseCoalesce()
        guard current.kind == .question else { return condition }
        let question = advance()
        let whenTrue = try parseConditional()
        _ = try expect(.colon, "':' of 'condition ? value : otherwise'")
        let whenFalse = try parseConditional()
        return Expr(.conditional(condition, whenTrue, whenFalse), start: condition.start, end: whenFalse.end, anchor: question.start)
    }

    private mutating func parseCoalesce() throws(ExpressionError) -> Expr {
        let left = try parseOr()
        guard current.kind == .coalesce else { return left }
        let op = advance()
        let right = try parseCoalesce()
        return Expr(.binary(.coalesce, left, right), start: left.start, end: right.end, anchor: op.start)
    }

    /// One left-associative precedence level.
    private mutating func parseLeft(
        _ operators: [(Token.Kind, BinaryOperator)],
        next: (inout Parser) throws(ExpressionError) -> Expr
    ) throws(ExpressionError) -> Expr {
        var left = try next(&self)
        while let match = operators.first(where: { $0.0 == current.kind }) {
            let op = advance()
            let right = try next(&self)
            left = Expr(.binary(match.1, left, right), start: left.start, end: right.end, anchor: op.start)
        }
        return left
    }

    private mutating func parseOr() throws(ExpressionError) -> Expr {
        try parseLeft([(.or, .or)]) { (parser: inout Parser) throws(ExpressionError) in try parser.parseAnd() }
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expr {
        try parseLeft([(.and, .and)]) { (parser: inout Parser) throws(ExpressionError) in try parser.parseEquality() }
    }

    private mutating func parseEquality() throws(ExpressionError) -> Expr {
        try parseLeft([(.equal, .equal), (.notEqual, .notEqual)]) { (parser: inout Parser) throws(ExpressionError) in
            try parser.parseComparison()
        }
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expr {
        try parseLeft([(.less, .less), (.lessEqual, .lessEqual), (.greater, .greater), (.greaterEqual, .greaterEqual)]) {
            (parser: inout Parser) throws(ExpressionError) in try parser.parseAdditive()
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Expr {
        try parseLeft([(.plus, .add), (.minus, .subtract)]) { (parser: inout Parser) throws(ExpressionError) in
            try parser.parseMultiplicative()
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Expr {
        try parseLeft([(.star, .multiply), (.slash, .divide), (.percent, .remainder)]) {
            (parser: inout Parser) throws(ExpressionError) in try parser.parseUnary()
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expr {
        let op: UnaryOperator
        switch current.kind {
        case .minus: op = .negate
        case .not: op = .not
        default: return try parsePostfix()
        }
        let token = advance()
        let operand = try parseUnary()
        return Expr(.unary(op, operand), start: token.start, end: operand.end)
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Expr {
        var expression = try parsePrimary()
        while true {
            switch current.kind {
            case .dot:
                _ = advance()
                let nameToken = current
                guard case .identifier(let name) = nameToken.kind else {
                    throw ExpressionError("expected a field name after '.', found \(nameToken.display)", at: nameToken.start)
                }
                _ = advance()
                if current.kind == .leftParen {
                    throw ExpressionError("'\(name)' is not a method; write \(name)(…) with the value as first argument", at: nameToken.start)
                }
                expression = Expr(.member(expression, name), start: expression.start, end: nameToken.end, anchor: nameToken.start)
            case .leftBracket:
                let bracket = advance()
                let index = try parseConditional()
                let close = try expect(.rightBracket, "']'")
                expression = Expr(.index(expression, index), start: expression.start, end: close.end, anchor: bracket.start)
            case .leftParen:
                // Calls are only on plain names: the standard library is all there is to call.
                throw ExpressionError("only functions can be called, like count(x)", at: current.start)
            default:
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expr(.number(value), start: token.start, end: token.end)
        case .string(let text):
            _ = advance()
            return Expr(.string(text), start: token.start, end: token.end)
        case .trueKeyword, .falseKeyword:
            _ = advance()
            return Expr(.bool(token.kind == .trueKeyword), start: token.start, end: token.end)
        case .nullKeyword:
            _ = advance()
            return Expr(.null, start: token.start, end: token.end)
        case .identifier(let name):
            _ = advance()
            guard current.kind == .leftParen else { return Expr(.name(name), start: token.start, end: token.end) }
            _ = advance()
            let arguments = try parseList(closing: .rightParen, "')'")
            return Expr(.call(name, arguments.items), start: token.start, end: arguments.end)
        case .leftParen:
            _ = advance()
            let inner = try parseConditional()
            let close = try expect(.rightParen, "')'")
            // The parentheses belong to the node's range so quoted source reads naturally.
            return Expr(inner.kind, start: token.start, end: close.end, anchor: inner.anchor)
        case .leftBracket:
            _ = advance()
            let elements = try parseList(closing: .rightBracket, "']'")
            return Expr(.list(elements.items), start: token.start, end: elements.end)
        case .end:
            throw ExpressionError("expression ends too early: a value is missing", at: token.start)
        default:
            throw ExpressionError("expected a value, found \(token.display)", at: token.start)
        }
    }

    /// Comma-separated expressions up to `closing` (already past the opening token).
    private mutating func parseList(closing: Token.Kind, _ what: String) throws(ExpressionError) -> (items: [Expr], end: Int) {
        var items: [Expr] = []
        if current.kind == closing { return (items, advance().end) }
        while true {
            items.append(try parseConditional())
            if current.kind == .comma {
                _ = advance()
                continue
            }
            let close = try expect(closing, "',' or \(what)")
            return (items, close.end)
        }
    }
}
