/// Reads an X12 file one interchange at a time, in chunks, never holding the whole file.
///
/// Problems never stop the reader: garbage between interchanges, a bad ISA, an empty or unreadable file
/// come back as `.failure`, and envelope and syntax errors ride on the interchange, its groups and sets.
public final class X12Reader {
    public let path: String
    private let source: X12ByteSource
    /// Segments read so far; the next segment's number is `segmentCount + 1`.
    private var segmentCount = 0
    private var sawContent = false
    private var finished = false

    /// `chunkSize` is how many bytes are read at a time (tests use tiny chunks to cross every boundary).
    public init(path: String, chunkSize: Int = 64 * 1024) {
        self.path = path
        source = X12ByteSource(path: path, chunkSize: chunkSize)
    }

    /// The next interchange or problem, or nil when the file is done.
    public func next() -> X12ReadResult? {
        guard !finished else { return nil }
        // A UTF-8 byte order mark before the first ISA (Windows tools write one) is encoding framing, not
        // content: the interchange behind it is read as usual.
        if !sawContent && source.offset == 0 && source.hasPrefix([0xEF, 0xBB, 0xBF]) { source.take(3) }
        skipWhitespace()
        if let failure = source.failure, !sawContent || source.peek() == nil {
            finished = true
            return .failure(X12Error(.unreadable, at: here(), "cannot read: \(failure)"))
        }
        guard source.peek() != nil else {
            finished = true
            return sawContent ? nil : .failure(X12Error(.emptyFile, at: here(), "file has no interchange (empty)"))
        }
        sawContent = true
        return source.hasPrefix(Array("ISA".utf8)) ? readInterchange() : .failure(skipGarbage())
    }

    /// Every result until the end of the file.
    public func readAll() -> [X12ReadResult] {
        var results: [X12ReadResult] = []
        while let result = next() { results.append(result) }
        return results
    }

    private func readInterchange() -> X12ReadResult {
        let start = here()
        let header: X12ISAHeader.Parsed
        switch X12ISAHeader.parse(source) {
        case let .failure(failure):
            source.take(3)
            return .failure(X12Error(failure.code, at: start, "bad ISA: \(failure.message)", segmentID: "ISA"))
        case let .success(parsed):
            header = parsed
        }
        source.take(header.length)
        segmentCount += 1
        let isa = X12SegmentParser.isa(header.values, position: start)
        let problems = header.problems.map { X12Error($0.0, at: start, $0.1, segmentID: "ISA") }
        var builder = X12EnvelopeBuilder(isa: isa, delimiters: header.delimiters, errors: problems)
        let delimiters = header.delimiters
        while true {
            skipLineBreaks(delimiters)
            if source.peek() == nil {
                builder.finishEarly(at: here(), "file ends without IEA for interchange \(isa[13] ?? "")")
                break
            }
            if startsISA() {
                builder.finishEarly(at: here(), "interchange \(isa[13] ?? "") has no IEA before the next ISA")
                break
            }
            let position = here()
            let (bytes, terminated) = source.take(upTo: delimiters.segment)
            segmentCount += 1
            // A file whose last segment is the IEA, without the terminator after it (the terminator is a line
            // break and the file has no final newline: common in real files) ends the interchange as usual.
            if !terminated, bytes.starts(with: Array("IEA".utf8)), bytes.count > 3, bytes[3] == delimiters.element {
                _ = builder.add(X12SegmentParser.parse(bytes, delimiters: delimiters, position: position))
                break
            }
            guard terminated else {
                let preview = X12SegmentParser.text(bytes.prefix(20)[...])
                builder.finishEarly(at: position, "file ends in the middle of a segment (\"\(preview)\" has no terminator)")
                break
            }
            if builder.add(X12SegmentParser.parse(bytes, delimiters: delimiters, position: position)) { break }
        }
        return .interchange(builder.interchange)
    }

    /// Consumes bytes up to the next "ISA" (or the end) and describes them.
    private func skipGarbage() -> X12Error {
        let start = here()
        var preview: [UInt8] = []
        var count = 0
        while let byte = source.peek(), !(byte == 0x49 && source.hasPrefix(Array("ISA".utf8))) {
            if preview.count < 20 { preview.append(byte) }
            source.take(1)
            count += 1
        }
        let text = X12SegmentParser.text(preview[...]).unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined()
        return X12Error(.garbage, at: start, "\(count) bytes outside any interchange (starting \"\(text)\")")
    }

    /// "ISA" followed by a byte that could be an element separator.
    private func startsISA() -> Bool {
        guard source.hasPrefix(Array("ISA".utf8)), let separator = source.peek(3) else { return false }
        return !isAlphanumeric(separator)
    }

    private func skipWhitespace() {
        while let byte = source.peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { source.take(1) }
    }

    /// Line breaks after a segment terminator, and the spaces or tabs some tools indent segments with
    /// ("pretty-printed" files): a segment id never starts with either, so skipping them loses nothing,
    /// unless the interchange uses one of them as a delimiter.
    private func skipLineBreaks(_ delimiters: X12Delimiters) {
        let used = [delimiters.segment, delimiters.element, delimiters.component] + (delimiters.repetition.map { [$0] } ?? [])
        while let byte = source.peek(), byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09, !used.contains(byte) {
            source.take(1)
        }
    }

    /// Where the next segment would start.
    private func here() -> X12Position {
        X12Position(file: path, index: segmentCount + 1, byteOffset: source.offset)
    }
}
