/// Runtime state for one evaluation: the bound root record (a `.record` in schema field order, see
/// `RecordSchema.bind`) and the local variable slots allocated by `CompileScope.adding`.
///
/// Expressions take the environment as a plain parameter, which Swift passes borrowed (+0): no copy
/// and no retain of `locals` per evaluation. Callers mutate `locals[slot]` between evaluations (the
/// current loop item, `page`).
public struct Environment: Sendable {
    package var root: Value
    package var locals: [Value]

    /// An environment whose locals are all `.null`.
    package init(root: Value, slotCount: Int) {
        self.root = root
        self.locals = Array(repeating: .null, count: slotCount)
    }
}

/// A failure while evaluating an expression against one record (division by zero, a value a
/// formatter cannot print). The caller rejects the record with this message.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    package let message: String
    /// The location of the failing part of the expression in the template.
    package let location: SourceLocation

    package init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

/// A failure without a location, thrown by operator and library implementations; the closure that
/// calls them knows where it sits in the template and turns it into an `EvaluationError`.
struct EvaluationFailure: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// A compiled expression node: evaluates against an environment. Closures over resolved slot
/// indexes and precomputed formats; no name lookups at evaluation time.
typealias Evaluator = @Sendable (Environment) throws(EvaluationError) -> Value

/// The environment used to evaluate constant subexpressions at compile time.
let constantEnvironment = Environment(root: .null, slotCount: 0)
