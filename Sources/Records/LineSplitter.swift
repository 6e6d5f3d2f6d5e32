#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file through one reusable buffer and cuts it into lines, without ever holding the whole file.
///
/// Lines are handed out as borrowed slices of the buffer (valid until the next call) so the caller can parse
/// them in place. The buffer only grows when a single line is longer than it.
final class LineSplitter {
    /// One line without its `\n` / `\r\n`, its 1-based number and the file offset of its first byte.
    struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        let number: Int
        let byteOffset: Int
        /// The line's length in the file; more than `bytes.count` when it was cut at `maxLineBytes`.
        var length: Int
    }

    /// A line longer than this is not held whole: its first `maxLineBytes + 1` bytes are kept (enough to say
    /// it is too long) and the rest is read and dropped, so one hostile line cannot exhaust memory.
    var maxLineBytes = Int.max

    /// While a line over `maxLineBytes` is being skipped: where its kept head ends in the buffer, the file
    /// offset of its first byte, and the bytes dropped so far.
    private struct Skipping {
        var headEnd: Int
        let byteOffset: Int
        var dropped: Int
        /// The last byte dropped: a `\r` of a `\r\n` ending is not part of the length.
        var lastDropped: UInt8 = 0
    }
    private var skipping: Skipping?

    let path: String
    private let descriptor: Int32
    let fileSize: Int?
    private(set) var bytesRead = 0

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Unconsumed data is `buffer[start ..< end]`; `buffer[start ..< scanned]` is known to hold no newline.
    private var start = 0
    private var scanned = 0
    private var end = 0
    /// The file offset of `buffer[0]`.
    private var bufferFileOffset = 0
    private var reachedEndOfFile = false
    private var lineNumber = 0

    init(path: String, bufferSize: Int) throws(RecordsError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: systemErrorText(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = systemErrorText(errno)
            close(descriptor)
            throw .cannotOpen(path: path, reason: reason)
        }
        // open(2) succeeds on a directory; catch it here rather than as a confusing read error later.
        if status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw .cannotOpen(path: path, reason: systemErrorText(EISDIR))
        }
        self.path = path
        self.descriptor = descriptor
        self.fileSize = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        self.capacity = max(bufferSize, 1)
        self.buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// Moves to a line start before anything is read, for a run resuming part-way through its input:
    /// the next line returned is the one at `offset`, numbered `lineNumber`.
    func seek(toLineAt offset: Int, lineNumber: Int) throws(RecordsError) {
        precondition(start == 0 && end == 0 && bytesRead == 0, "seek before reading")
        guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
            throw .readFailed(path: path, reason: systemErrorText(errno))
        }
        bufferFileOffset = offset
        bytesRead = offset
        self.lineNumber = lineNumber - 1
    }

    /// The next line, blank or not, or nil at end of file. The bytes are valid until the next call.
    func nextLine() throws(RecordsError) -> Line? {
        while true {
            if let newline = memchr(buffer + scanned, Int32(UInt8.lineFeed), end - scanned) {
                let newlineIndex = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                let line = skipping == nil ? makeLine(upTo: newlineIndex) : finishSkipping(upTo: newlineIndex)
                start = newlineIndex + 1
                scanned = start
                return line
            }
            scanned = end
            if reachedEndOfFile {
                guard start < end || skipping != nil else { return nil }
                // a last line without a newline
                let line = skipping == nil ? makeLine(upTo: end) : finishSkipping(upTo: end)
                start = end
                scanned = end
                return line
            }
            dropOverlongTail()
            try refill()
        }
    }

    /// Starts skipping when the pending line (no newline in it yet) is over the limit, and drops what was read
    /// past its kept head. Buffer positions after the head keep mapping to file offsets through
    /// `bufferFileOffset`, which grows by what is dropped.
    private func dropOverlongTail() {
        if skipping == nil, end - start > maxLineBytes {
            skipping = Skipping(headEnd: start + maxLineBytes + 1, byteOffset: bufferFileOffset + start, dropped: 0)
        }
        guard var skip = skipping, end > skip.headEnd else { return }
        skip.lastDropped = buffer[end - 1]
        skip.dropped += end - skip.headEnd
        bufferFileOffset += end - skip.headEnd
        end = skip.headEnd
        scanned = end
        skipping = skip
    }

    /// The over-long line ending at `lineEnd` (its newline, or the end of the file): the kept head, with the
    /// whole length.
    private func finishSkipping(upTo lineEnd: Int) -> Line {
        let skip = skipping!
        skipping = nil
        lineNumber += 1
        let head = skip.headEnd - start
        let lastByte = lineEnd > skip.headEnd || skip.dropped == 0 ? buffer[lineEnd - 1] : skip.lastDropped
        let ending = lastByte == .carriageReturn ? 1 : 0
        return Line(bytes: UnsafeBufferPointer(start: buffer + start, count: head), number: lineNumber,
                    byteOffset: skip.byteOffset, length: head + skip.dropped + (lineEnd - skip.headEnd) - ending)
    }

    private func makeLine(upTo lineEnd: Int) -> Line {
        var first = start
        var last = lineEnd
        if last > first, buffer[last - 1] == .carriageReturn { last -= 1 }
        lineNumber += 1
        // A UTF-8 byte order mark is not part of the first record.
        if lineNumber == 1, bufferFileOffset + first == 0, last - first >= 3,
           buffer[first] == 0xEF, buffer[first + 1] == 0xBB, buffer[first + 2] == 0xBF {
            first += 3
        }
        return Line(bytes: UnsafeBufferPointer(start: buffer + first, count: last - first),
                    number: lineNumber, byteOffset: bufferFileOffset + first, length: last - first)
    }

    /// Makes room (moving the partial line to the front, growing if it fills the buffer) and reads more.
    private func refill() throws(RecordsError) {
        if start > 0 {
            let pending = end - start
            memmove(buffer, buffer + start, pending)
            bufferFileOffset += start
            skipping?.headEnd -= start
            scanned -= start
            end = pending
            start = 0
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        while true {
            let count = read(descriptor, buffer + end, capacity - end)
            if count > 0 {
                end += count
                bytesRead += count
                return
            }
            if count == 0 {
                reachedEndOfFile = true
                return
            }
            if errno != EINTR { throw .readFailed(path: path, reason: systemErrorText(errno)) }
        }
    }
}

/// The C library's text for an errno value, e.g. "No such file or directory".
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
