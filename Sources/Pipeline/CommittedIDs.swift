import RunFolder

/// The ids a run has committed, each with the input line that made it, so a later record with the same id
/// can be rejected, and the file name each id gets (`OutputName`: an id that differs from an earlier one
/// only in ASCII case gets the hashed form, so no two names clash on a case-insensitive file system). Exact, and compact because a run may hold millions: the keys' bytes
/// sit end to end in one array and the hash table holds 4-byte indexes into it (~13 bytes a key for
/// account numbers, against ~60 for a `[String: Int]`).
struct CommittedIDs {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    private var lines: [UInt32] = []
    private var table = [Int32](repeating: -1, count: 1024)

    var count: Int { ends.count }

    init() {}

    /// Room for up to `expected` keys of `keyLength` bytes reserved up front, so the arrays are not copied
    /// while they grow (each doubling briefly holds old and new storage). Reserving too much costs address
    /// space only: pages never written are not resident. The hash table still grows as keys arrive.
    init(expected: Int, keyLength: Int = 12) {
        guard expected > 0 else { return }
        bytes.reserveCapacity(expected * keyLength)
        ends.reserveCapacity(expected)
        lines.reserveCapacity(expected)
    }

    enum Claim: Equatable {
        /// First time: the file name the id gets.
        case new(name: String)
        /// Already committed from this line.
        case duplicate(firstLine: Int)
    }

    /// Records `id` from `line`, or says which line had it first.
    mutating func claim(_ id: String, line: Int) -> Claim {
        var caseVariant = false
        if let first = insert(id, line: line, caseVariant: &caseVariant) { return .duplicate(firstLine: first) }
        return .new(name: OutputName.make(id, hashed: caseVariant && OutputName.isPlain(id)))
    }

    /// Records `key` from `line`; if it was already there, returns the line that recorded it first.
    mutating func insert(_ key: String, line: Int) -> Int? {
        var caseVariant = false
        return insert(key, line: line, caseVariant: &caseVariant)
    }

    /// Keys that differ only in ASCII case hash alike, so they share a probe chain: an exact match is a
    /// duplicate, a match ignoring case sets `caseVariant`.
    private mutating func insert(_ key: String, line: Int, caseVariant: inout Bool) -> Int? {
        var key = key
        return key.withUTF8 { utf8 -> Int? in
            var slot = Self.hash(utf8) & (table.count - 1)
            while true {
                let entry = table[slot]
                if entry < 0 { break }
                switch compare(Int(entry), utf8) {
                case .same: return Int(lines[Int(entry)])
                case .sameIgnoringCase: caseVariant = true
                case .different: break
                }
                slot = (slot + 1) & (table.count - 1)
            }
            table[slot] = Int32(ends.count)
            bytes.append(contentsOf: utf8)
            ends.append(UInt32(bytes.count))
            lines.append(UInt32(clamping: line))
            if ends.count * 4 >= table.count * 3 { grow() }
            return nil
        }
    }

    private func range(_ entry: Int) -> Range<Int> {
        (entry == 0 ? 0 : Int(ends[entry - 1]))..<Int(ends[entry])
    }

    private enum Comparison { case same, sameIgnoringCase, different }

    private func compare(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Comparison {
        let r = range(entry)
        guard r.count == key.count else { return .different }
        var result = Comparison.same
        for i in 0..<key.count {
            let a = bytes[r.lowerBound + i], b = key[i]
            if a == b { continue }
            guard Self.lower(a) == Self.lower(b) else { return .different }
            result = .sameIgnoringCase
        }
        return result
    }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for entry in 0..<ends.count {
            let r = range(entry)
            var slot = bytes[r].withUnsafeBufferPointer { Self.hash($0) } & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(entry)
        }
    }

    /// FNV-1a of the ASCII-lowercased bytes with a final mix (splitmix64), so sequential account numbers
    /// spread over the table and case variants meet in one probe chain.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(lower(b))) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }
}
