/// The parsed, untyped expression tree. Each node keeps its source range (scalar offsets) so type
/// errors can point at the exact column and quote the designer's own text back.
struct Expr: Sendable {
    let kind: Kind
    /// Offset of the node's first scalar.
    let start: Int
    /// Offset just past the node's last scalar.
    let end: Int
    /// Where an error about this node should point: the operator of a binary node, the name of a
    /// member access, otherwise `start`.
    let anchor: Int

    init(_ kind: Kind, start: Int, end: Int, anchor: Int? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.anchor = anchor ?? start
    }

    indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case list([Expr])
        case name(String)
        case member(Expr, String)
        case index(Expr, Expr)
        case call(String, [Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case conditional(Expr, Expr, Expr)
    }
}

enum UnaryOperator: Sendable {
    case negate
    case not

    var symbol: String {
        switch self {
        case .negate: "-"
        case .not: "not"
        }
    }
}

enum BinaryOperator: Sendable {
    case coalesce
    case or, and
    case equal, notEqual
    case less, lessEqual, greater, greaterEqual
    case add, subtract
    case multiply, divide, remainder

    var symbol: String {
        switch self {
        case .coalesce: "??"
        case .or: "or"
        case .and: "and"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        }
    }
}
