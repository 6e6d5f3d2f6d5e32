import Records

/// Records made in memory (inbound X12) and the JSON Lines file that records them. The run takes the values
/// as they are; the file is what makes the run provable and repeatable like any other: its hash is in the
/// run's identity, a reprint reads its line back, and each record's provenance is its line and offset there.
/// Each value is written once, from the same value the run lays out, so file and documents cannot differ.
package struct RecordedInput: Sendable {
    package let path: String
    let records: [InputRecord]

    /// Writes `values` to `path`, one line each (atomically), and keeps them with their provenance.
    package static func write(_ values: [JSONValue], to path: String) throws(RunError) -> RecordedInput {
        var text = ""
        var records: [InputRecord] = []
        records.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            let provenance = Provenance(file: path, line: index + 1, byteOffset: text.utf8.count)
            value.write(to: &text)
            text += "\n"
            records.append(.value(value, provenance))
        }
        try OutputFile.write(text, to: path)
        return RecordedInput(path: path, records: records)
    }
}
