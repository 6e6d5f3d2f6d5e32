import Records

/// One record as it reaches a worker: the bytes of a JSON Lines line (parsed on the worker, since parsing
/// is the costly part), or a value made in memory (inbound X12) with the place it holds in the run's
/// recorded input. Either way the rest of the path (bind, environment, channel, id, layout) is the same.
enum InputRecord: Sendable {
    case line(RawLine)
    case value(JSONValue, Provenance)

    var provenance: Provenance {
        switch self {
        case .line(let line): line.provenance
        case .value(_, let provenance): provenance
        }
    }
}

/// Where a run's records come from; read on the reader thread only.
protocol RecordSource: AnyObject {
    /// The next record; nil at the end. Throws when the input cannot be read (not for a bad record).
    func next() throws -> InputRecord?
}

/// A JSON Lines file, line by line.
final class LineSource: RecordSource {
    private let reader: JSONLinesReader
    init(_ reader: JSONLinesReader) { self.reader = reader }
    func next() throws -> InputRecord? { try reader.nextLine().map(InputRecord.line) }
}

/// Values already in memory, from the first after `line` (a resumed run's last committed line) on.
final class MemorySource: RecordSource {
    private let records: [InputRecord]
    private var index: Int

    init(_ recorded: RecordedInput, after line: Int?) {
        let all = recorded.records
        records = all
        index = line.map { last in all.firstIndex { $0.provenance.line > last } ?? all.count } ?? 0
    }

    func next() throws -> InputRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }
}
