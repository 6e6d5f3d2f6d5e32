/// Splits expression source into tokens. Works on Unicode scalars so offsets match the columns a
/// YAML parser reports.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    static func tokenize(_ scalars: [Unicode.Scalar]) throws(ExpressionError) -> [Token] {
        var lexer = Lexer(scalars)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while let scalar = peek(), scalar.properties.isWhitespace { position += 1 }
        let start = position
        guard let scalar = peek() else { return Token(kind: .end, start: start, end: start) }

        if Self.isDigit(scalar) { return lexNumber() }
        if Self.isIdentifierStart(scalar) { return lexWord() }
        if scalar == "'" || scalar == "\"" { return try lexString(quote: scalar) }

        func single(_ kind: Token.Kind) -> Token {
            position += 1
            return Token(kind: kind, start: start, end: position)
        }
        func pair(_ kind: Token.Kind) -> Token {
            position += 2
            return Token(kind: kind, start: start, end: position)
        }
        let following = peek(1)
        switch scalar {
        case "(": return single(.leftParen)
        case ")": return single(.rightParen)
        case "[": return single(.leftBracket)
        case "]": return single(.rightBracket)
        case ",": return single(.comma)
        case ".": return single(.dot)
        case ":": return single(.colon)
        case "+": return single(.plus)
        case "-": return single(.minus)
        case "*": return single(.star)
        case "/": return single(.slash)
        case "%": return single(.percent)
        case "?": return following == "?" ? pair(.coalesce) : single(.question)
        case "<": return following == "=" ? pair(.lessEqual) : single(.less)
        case ">": return following == "=" ? pair(.greaterEqual) : single(.greater)
        case "!": return following == "=" ? pair(.notEqual) : single(.not)
        case "=":
            if following == "=" { return pair(.equal) }
            throw ExpressionError("'=' is not an operator; write '==' to compare", at: start)
        case "&":
            if following == "&" { return pair(.and) }
            throw ExpressionError("'&' is not an operator; write 'and' (or '&&')", at: start)
        case "|":
            if following == "|" { return pair(.or) }
            throw ExpressionError("'|' is not an operator; write 'or' (or '||')", at: start)
        case "{", "}":
            throw ExpressionError("unexpected '\(scalar)' inside an expression", at: start)
        default:
            throw ExpressionError("unexpected character '\(scalar)'", at: start)
        }
    }

    private mutating func lexNumber() -> Token {
        let start = position
        while let scalar = peek(), Self.isDigit(scalar) { position += 1 }
        // A fraction needs a digit after the dot, so `items.0` style mistakes are not numbers.
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            position += 1
            while let scalar = peek(), Self.isDigit(scalar) { position += 1 }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<position])
        // Only ASCII digits and one dot: always a valid Double literal.
        return Token(kind: .number(Double(text) ?? 0), start: start, end: position)
    }

    private mutating func lexWord() -> Token {
        let start = position
        while let scalar = peek(), Self.isIdentifierStart(scalar) || Self.isDigit(scalar) { position += 1 }
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[start..<position])
        let kind: Token.Kind = switch word {
        case "true": .trueKeyword
        case "false": .falseKeyword
        case "null": .nullKeyword
        case "and": .and
        case "or": .or
        case "not": .not
        default: .identifier(word)
        }
        return Token(kind: kind, start: start, end: position)
    }

    private mutating func lexString(quote: Unicode.Scalar) throws(ExpressionError) -> Token {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw ExpressionError("unterminated string: add the closing \(quote)", at: start)
            }
            position += 1
            if scalar == quote { break }
            if scalar == "\\" {
                guard let escaped = peek() else {
                    throw ExpressionError("unterminated string: add the closing \(quote)", at: start)
                }
                switch escaped {
                case "\\", "'", "\"": text.append(escaped)
                case "n": text.append("\n")
                default:
                    throw ExpressionError("unknown escape '\\\(escaped)' (use \\\\, \\', \\\" or \\n)", at: position - 1)
                }
                position += 1
                continue
            }
            text.append(scalar)
        }
        return Token(kind: .string(String(text)), start: start, end: position)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == "_"
    }
}
