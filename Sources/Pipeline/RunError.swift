import Templates

/// Why a run could not start or finish (bad records never cause this: they become rejects).
package enum RunError: Error, Sendable, CustomStringConvertible {
    case template(TemplateErrors)
    /// The input (records, key, journal to read) is missing or unreadable. `cause`: the error underneath.
    case input(String, cause: (any Error)? = nil)
    /// An output or the journal cannot be written. `cause`: the error underneath (an `AtomicWrite.Failure`,
    /// a `JournalError`, a `RenderError`), for callers that act on what went wrong.
    case output(String, cause: (any Error)? = nil)
    case notFound(String)
    /// The run rejected more records than `--max-rejects` allows: a mistake (wrong input for the template?),
    /// not a result. Nothing was signed; the report says how many and why.
    case tooManyRejects(String)

    package var description: String {
        switch self {
        case .template(let errors): "the template has errors:\n\(errors)"
        case .input(let message, _), .output(let message, _), .notFound(let message), .tooManyRejects(let message): message
        }
    }

    /// The error underneath, when there is one.
    package var cause: (any Error)? {
        switch self {
        case .input(_, let cause), .output(_, let cause): cause
        case .template(let errors): errors
        case .notFound, .tooManyRejects: nil
        }
    }

    /// The input could not be read because of `error`; the message is the error's own.
    static func input(because error: any Error) -> RunError { .input("\(error)", cause: error) }

    /// An output could not be written because of `error`; the message is the error's own.
    static func output(because error: any Error) -> RunError { .output("\(error)", cause: error) }
}
