/// A failure to read a records file at all (as opposed to a malformed line, which is reported per line as
/// `RecordResult.malformed` so one bad record does not stop a nightly run).
public enum RecordsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened (missing, unreadable, a directory); `reason` is the system's text.
    case cannotOpen(path: String, reason: String)
    /// Reading failed part way through, e.g. an I/O error.
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        case let .readFailed(path, reason): "cannot read \(path): \(reason)"
        }
    }
}
