/// One non-blank line of a JSON Lines file: either a record (a JSON object) or the reason it is not one.
public enum RecordResult: Sendable, Equatable {
    case record(JSONValue, Provenance)
    case malformed(Provenance, reason: String)

    /// Where the line came from, whichever the outcome.
    public var provenance: Provenance {
        switch self {
        case let .record(_, provenance), let .malformed(provenance, _): provenance
        }
    }

    /// Parses one line's bytes into a record. Never throws: a bad line is data to report, not a failure.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, provenance: Provenance) -> RecordResult {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .malformed(provenance, reason: "invalid JSON: \(error.message)")
        }
        guard case .object = value else {
            return .malformed(provenance, reason: "expected a JSON object, found \(value.kindDescription)")
        }
        return .record(value, provenance)
    }
}

/// The bytes of one non-blank line (without its line ending) and where it came from: what a reading
/// thread hands to parsing threads, since parsing is the costly part.
public struct RawLine: Sendable, Equatable {
    public let provenance: Provenance
    public let bytes: [UInt8]
    /// The line's length in the file: more than `bytes.count` when the reader cut it (`maxLineBytes`).
    public let length: Int

    public init(provenance: Provenance, bytes: [UInt8], length: Int? = nil) {
        self.provenance = provenance
        self.bytes = bytes
        self.length = length ?? bytes.count
    }

    /// Parses the line into a record or a malformed-line report.
    public func parse() -> RecordResult {
        bytes.withUnsafeBufferPointer { RecordResult.parse($0, provenance: provenance) }
    }
}
