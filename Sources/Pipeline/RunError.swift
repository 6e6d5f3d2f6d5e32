import Templates

/// Why a run could not start or finish (bad records never cause this: they become rejects).
public enum RunError: Error, Sendable, CustomStringConvertible {
    case template(TemplateErrors)
    case input(String)
    case output(String)
    case notFound(String)
    /// The run rejected more records than `--max-rejects` allows: a mistake (wrong input for the template?),
    /// not a result. Nothing was signed; the report says how many and why.
    case tooManyRejects(String)

    public var description: String {
        switch self {
        case .template(let errors): "the template has errors:\n\(errors)"
        case .input(let message), .output(let message), .notFound(let message), .tooManyRejects(let message): message
        }
    }

    /// sysexits-style codes, so scripts can tell a template mistake from a missing file.
    public var exitCode: Int32 {
        switch self {
        case .template: 65
        case .input: 66
        case .output: 73
        case .notFound: 1
        case .tooManyRejects: 3
        }
    }
}
