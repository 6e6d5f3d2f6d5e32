import Templates

/// Why one record could not become a document (its line in the input is reported beside it).
public struct ComposeError: Error, Sendable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    public var description: String { message }

    init(_ error: EvaluationError) {
        self.message = "\(error.message) (template \(error.location))"
    }
}
