/// Streams the records of a JSON Lines file (one JSON object per line) with the provenance of each.
///
/// Blank and whitespace-only lines are skipped but still counted, so line numbers match an editor's.
/// `\r\n` endings, a missing final newline and a leading UTF-8 byte order mark are accepted.
/// A line that is not a JSON object does not stop reading: it comes back as `.malformed` with the reason.
///
/// Not thread-safe: use one reader per thread. To parse on several threads, read with `nextLine()` on one
/// thread and call `RawLine.parse()` (or `JSONLinesReader.parseLine`) on the others.
public final class JSONLinesReader {
    /// The path as given, used as `Provenance.file`.
    public let path: String
    private let splitter: LineSplitter

    /// Opens `path` for reading; fails with the system's reason if it cannot be opened.
    public convenience init(path: String) throws(RecordsError) {
        try self.init(path: path, bufferSize: 1 << 20)
    }

    /// Opens `path` to go on after a line already handled: `offset` and `line` are that line's provenance
    /// (`byteOffset` and `line`). The next line returned is the one after it, numbered as in a full read.
    public convenience init(path: String, continuingAfterLineAt offset: Int, line: Int) throws(RecordsError) {
        try self.init(path: path, bufferSize: 1 << 20)
        try splitter.seek(toLineAt: offset, lineNumber: line)
        _ = try splitter.nextLine()
    }

    /// Opens `path` at a line start known from a provenance (a reprint reads just that line).
    public convenience init(path: String, startingAtLineAt offset: Int, line: Int) throws(RecordsError) {
        try self.init(path: path, bufferSize: 1 << 16)
        try splitter.seek(toLineAt: offset, lineNumber: line)
    }

    /// `bufferSize` is the read chunk size; tests make it tiny to exercise lines longer than the buffer.
    init(path: String, bufferSize: Int) throws(RecordsError) {
        self.path = path
        self.splitter = try LineSplitter(path: path, bufferSize: bufferSize)
    }

    /// Bytes read from the file so far, for progress reporting (reading runs ahead of the records returned).
    public var bytesRead: Int { splitter.bytesRead }

    /// Lines longer than this come back cut to their first `maxLineBytes + 1` bytes, with their whole
    /// `RawLine.length`: the caller rejects them without the reader ever holding them (default: no limit).
    public var maxLineBytes: Int {
        get { splitter.maxLineBytes }
        set { splitter.maxLineBytes = max(0, newValue) }
    }

    /// The file's size, or nil when it is not a regular file (a pipe, a device).
    public var fileSize: Int? { splitter.fileSize }

    /// The next record or malformed line, or nil at end of file. Throws only when the file cannot be read.
    public func next() throws(RecordsError) -> RecordResult? {
        guard let line = try nextNonBlankLine() else { return nil }
        // Parse in place from the read buffer: no copy of the line.
        return RecordResult.parse(line.bytes, provenance: provenance(of: line))
    }

    /// The next non-blank line, unparsed and copied out of the read buffer so it can go to another thread.
    public func nextLine() throws(RecordsError) -> RawLine? {
        guard let line = try nextNonBlankLine() else { return nil }
        return RawLine(provenance: provenance(of: line), bytes: Array(line.bytes), length: line.length)
    }

    /// Parses a line read with `nextLine()`; safe to call from any thread.
    public static func parseLine(_ line: RawLine) -> RecordResult {
        line.parse()
    }

    private func nextNonBlankLine() throws(RecordsError) -> LineSplitter.Line? {
        while let line = try splitter.nextLine() {
            if !isBlank(line.bytes) { return line }
        }
        return nil
    }

    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == .space || $0 == .tab || $0 == .carriageReturn }
    }

    private func provenance(of line: LineSplitter.Line) -> Provenance {
        Provenance(file: path, line: line.number, byteOffset: line.byteOffset)
    }
}

/// Readers hold a file descriptor and a buffer with no locking: keep each on one thread.
@available(*, unavailable)
extension JSONLinesReader: Sendable {}
