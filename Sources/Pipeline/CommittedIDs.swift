/// The ids (or file names) a run has committed, each with the input line that made it, so a later record
/// with the same id can be rejected. Exact, and compact because a run may hold millions: the keys' bytes
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

    /// Records `key` from `line`; if it was already there, returns the line that recorded it first.
    mutating func insert(_ key: String, line: Int) -> Int? {
        var key = key
        return key.withUTF8 { utf8 -> Int? in
            var slot = Self.hash(utf8) & (table.count - 1)
            while true {
                let entry = table[slot]
                if entry < 0 { break }
                if equals(Int(entry), utf8) { return Int(lines[Int(entry)]) }
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

    private func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let r = range(entry)
        guard r.count == key.count else { return false }
        for i in 0..<key.count where bytes[r.lowerBound + i] != key[i] { return false }
        return true
    }

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

    /// FNV-1a with a final mix (splitmix64), so sequential account numbers spread over the table.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }
}
