/// Walks a transaction set's segments through its dictionary's body (X12StandardDictionary.TransactionSet):
/// the order segments come in, the loops they open and close, how often each segment and loop repeats, and
/// which mandatory segments and loops never came. AK304/IK304 codes 3 (mandatory missing), 4 (loop over its
/// maximum), 5 (segment over its maximum) and 7 (not in proper sequence).
///
/// X12 is built to be read forward without backtracking: a segment belongs to the first place after the
/// current one, in the current loop or in a loop around it, where its id may come; a loop is entered by its
/// first segment (its trigger), and the trigger again starts the loop's next iteration. That is the walk.
struct X12SegmentSequence {
    typealias Entry = X12StandardDictionary.BodyEntry

    /// One open level: the set's body or one iteration of a loop.
    private struct Level {
        var body: [Entry]
        var loop: String?
        /// The body entry the last segment matched.
        var position: Int
        /// Uses of each entry in this iteration (segments) or iterations (loops).
        var counts: [Int]
    }

    private var levels: [Level]
    private(set) var errors: [X12Error] = []

    init(_ set: X12StandardDictionary.TransactionSet) {
        var top = Level(body: set.body, loop: nil, position: 0, counts: Array(repeating: 0, count: set.body.count))
        if set.body.first?.segment == "ST" { top.counts[0] = 1 }
        levels = [top]
    }

    /// Takes the next segment; false when it has no place here (out of sequence, error 7 recorded): the
    /// walk stays where it was, and the segment's elements are best not checked against a place it is not in.
    mutating func take(_ segment: X12Segment, positionInSet: Int) -> Bool {
        for depth in stride(from: levels.count - 1, through: 0, by: -1) {
            guard let j = place(of: segment.id, in: levels[depth]) else { continue }
            // Loops inside this level end here: what they still required is missing.
            while levels.count > depth + 1 {
                let closed = levels.removeLast()
                missing(in: closed, from: closed.position + 1, to: closed.body.count, before: segment, positionInSet)
            }
            missing(in: levels[depth], from: levels[depth].position + (levels[depth].counts[levels[depth].position] > 0 ? 1 : 0),
                    to: j, before: segment, positionInSet)
            levels[depth].position = j
            levels[depth].counts[j] += 1
            let entry = levels[depth].body[j]
            let uses = levels[depth].counts[j]
            if let loop = entry.loop, let body = entry.body {
                if let max = entry.max, uses > max {
                    fail(.loopOverMaximum, segment, positionInSet, loop: loop,
                         "loop \(loop) occurs \(uses) times here, at most \(max) allowed")
                }
                var level = Level(body: body, loop: loop, position: 0, counts: Array(repeating: 0, count: body.count))
                level.counts[0] = 1
                levels.append(level)
            } else if let max = entry.max, uses > max {
                fail(.segmentOverMaximum, segment, positionInSet, loop: levels[depth].loop,
                     "segment \(segment.id) is used \(uses) times here, at most \(max) allowed")
            }
            return true
        }
        fail(.segmentOutOfSequence, segment, positionInSet, loop: levels.last?.loop,
             "segment \(segment.id) is not in its proper place: after \(lastSegmentName) the standard does not allow it")
        return false
    }

    /// The set ended (its SE, or its last segment): every open level's remaining mandatory entries are missing.
    mutating func finish(at trailer: X12Segment, positionInSet: Int) {
        while let level = levels.popLast() {
            let remaining = level.body.count - (levels.isEmpty && level.body.last?.segment == "SE" ? 1 : 0)
            missing(in: level, from: level.position + (level.counts[level.position] > 0 ? 1 : 0), to: remaining,
                    before: trailer, positionInSet)
        }
    }

    /// Where in `level` a segment with this id goes: the first entry from the current one on whose
    /// segment it is or whose loop it starts. A loop's own trigger never repeats inside its iteration.
    private func place(of id: String, in level: Level) -> Int? {
        let first = level.loop == nil ? level.position : max(level.position, 1)
        guard first < level.body.count else { return nil }
        return (first..<level.body.count).first { j in
            let entry = level.body[j]
            return entry.segment == id || (entry.loop != nil && entry.body?.first?.segment == id)
        }
    }

    private mutating func missing(in level: Level, from start: Int, to end: Int, before segment: X12Segment, _ positionInSet: Int) {
        guard start < end else { return }
        for k in start..<end where level.counts[k] == 0 && level.body[k].usage == "M" {
            let entry = level.body[k]
            let id = entry.segment ?? entry.body?.first?.segment ?? "?"
            let what = entry.loop.map { "loop \($0) (segment \(id))" } ?? "segment \(id)"
            let inside = level.loop.map { " in loop \($0)" } ?? ""
            errors.append(X12Error(.mandatorySegmentMissing, at: segment.position,
                "mandatory \(what) missing\(inside) before \(segment.id)", segmentID: id, positionInSet: positionInSet,
                loopID: entry.loop ?? level.loop))
        }
    }

    private mutating func fail(_ code: X12ErrorCode, _ segment: X12Segment, _ positionInSet: Int, loop: String?, _ message: String) {
        errors.append(X12Error(code, at: segment.position, message, segmentID: segment.id, positionInSet: positionInSet, loopID: loop))
    }

    private var lastSegmentName: String {
        guard let level = levels.last else { return "the start" }
        let entry = level.body[level.position]
        return entry.segment ?? entry.body?.first?.segment ?? "the start"
    }
}
