/// The checked expression tree: names resolved to slots, functions to library entries, every node
/// typed. The compiler turns it into closures.
struct TypedExpr: Sendable {
    let kind: Kind
    let type: ValueType
    /// Offset in the expression source where a runtime error of this node points.
    let offset: Int

    init(_ kind: Kind, _ type: ValueType, at offset: Int) {
        self.kind = kind
        self.type = type
        self.offset = offset
    }

    indirect enum Kind: Sendable {
        case constant(Value)
        /// A field of the root record, by slot.
        case rootField(Int)
        /// A local variable, by slot.
        case local(Int)
        /// A field of a record value.
        case member(TypedExpr, Int)
        /// A field of every record of a list: `transactions.amount`.
        case projection(TypedExpr, Int)
        case index(TypedExpr, TypedExpr)
        case list([TypedExpr])
        case negate(TypedExpr)
        case not(TypedExpr)
        case binary(BinaryOperator, TypedExpr, TypedExpr)
        case conditional(TypedExpr, TypedExpr, TypedExpr)
        case call(LibraryFunction, [TypedExpr])
    }
}
