/// A lexical token of the expression language, with its position in the expression source as an
/// offset in Unicode scalars (the unit YAML columns count in).
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case trueKeyword, falseKeyword, nullKeyword
        case and, or, not
        case leftParen, rightParen, leftBracket, rightBracket
        case comma, dot, question, colon, coalesce
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case plus, minus, star, slash, percent
        case end
    }

    let kind: Kind
    /// Offset of the first scalar.
    let start: Int
    /// Offset just past the last scalar.
    let end: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .number(let value): ValueText.number(value)
        case .string: "string"
        case .identifier(let name): "'\(name)'"
        case .trueKeyword: "'true'"
        case .falseKeyword: "'false'"
        case .nullKeyword: "'null'"
        case .and: "'and'"
        case .or: "'or'"
        case .not: "'not'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .dot: "'.'"
        case .question: "'?'"
        case .colon: "':'"
        case .coalesce: "'??'"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .percent: "'%'"
        case .end: "end of expression"
        }
    }
}

/// A syntax or type error at an offset inside the expression source; converted to a `TemplateError`
/// with `location.advanced(by: offset)` by the compiler entry points.
struct ExpressionError: Error {
    let message: String
    let offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
