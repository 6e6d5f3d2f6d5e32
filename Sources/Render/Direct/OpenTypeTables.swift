import CHarfBuzzSubset

/// Big-endian reads from one table of a font face (head, hhea, OS/2, post), for the PDF font descriptor.
struct OpenTypeTable {
    private let bytes: [UInt8]

    init(_ face: OpaquePointer, _ tag: String) {
        let blob = hb_face_reference_table(face, Self.tag(tag))
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        if let data = hb_blob_get_data(blob, &length), length > 0 {
            bytes = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
        } else {
            bytes = []
        }
    }

    /// A table from its bytes (tests).
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A four-character table tag as HarfBuzz takes it.
    static func tag(_ name: String) -> UInt32 {
        var t: UInt32 = 0
        for c in name.utf8 { t = t << 8 | UInt32(c) }
        return t
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// For a `CFF ` table: whether its (first) Top DICT has the ROS operator (12 30), which makes the font
    /// CID-keyed.
    var isCIDKeyedCFF: Bool { cffTopDict()?.cidKeyed ?? false }

    /// For a CID-keyed `CFF ` table: whether every glyph's CID is its glyph number (the charset maps glyph g
    /// to CID g), as in Adobe's and Google's CJK fonts (Source Han, Noto Sans CJK: Adobe-Identity-0). Then a
    /// PDF can show such a font's glyphs by their original numbers, which are their CIDs.
    func cffCharsetIsIdentity(glyphCount: Int) -> Bool {
        guard let top = cffTopDict(), top.cidKeyed, let charset = top.charset, charset > 2, charset < bytes.count else { return false }
        var gid = 1, i = charset + 1
        switch bytes[charset] {
        case 0:
            while gid < glyphCount {
                guard i + 2 <= bytes.count, uint16(i) == gid else { return false }
                gid += 1
                i += 2
            }
        case 1, 2:
            let wide = bytes[charset] == 2
            while gid < glyphCount {
                guard i + (wide ? 4 : 3) <= bytes.count else { return false }
                let first = uint16(i), left = wide ? uint16(i + 2) : Int(bytes[i + 2])
                guard first == gid else { return false }
                gid += left + 1
                i += wide ? 4 : 3
            }
        default:
            return false
        }
        return true
    }

    /// The first Top DICT of a `CFF ` table: whether it has ROS, and its charset offset (operator 15).
    private func cffTopDict() -> (cidKeyed: Bool, charset: Int?)? {
        guard bytes.count >= 4 else { return nil }
        // An INDEX: count (2 bytes), offSize, count + 1 offsets (1-based, from the byte before the data), data.
        func index(at start: Int) -> (first: Range<Int>?, end: Int)? {
            let count = uint16(start)
            if count == 0 { return (nil, start + 2) }
            guard start + 3 <= bytes.count else { return nil }
            let offSize = Int(bytes[start + 2])
            guard (1...4).contains(offSize) else { return nil }
            func offset(_ i: Int) -> Int? {
                let at = start + 3 + i * offSize
                guard at + offSize <= bytes.count else { return nil }
                return bytes[at..<(at + offSize)].reduce(0) { $0 << 8 | Int($1) }
            }
            let dataStart = start + 3 + (count + 1) * offSize - 1
            guard let first = offset(0), let second = offset(1), let last = offset(count), first <= second,
                  dataStart + last <= bytes.count else { return nil }
            return (dataStart + first..<dataStart + second, dataStart + last)
        }
        guard let names = index(at: Int(bytes[2])), let top = index(at: names.end), let dict = top.first else { return nil }
        var cidKeyed = false
        var charset: Int?
        var operands: [Int] = []
        var i = dict.lowerBound
        func byte(_ k: Int) -> Int { k < dict.upperBound ? Int(bytes[k]) : 0 }
        while i < dict.upperBound {
            let b0 = Int(bytes[i])
            switch b0 {
            case 12:
                if byte(i + 1) == 30 { cidKeyed = true }
                operands = []
                i += 2
            case 0...21:
                if b0 == 15 { charset = operands.last }
                operands = []
                i += 1
            case 28:
                operands.append(Int(Int16(truncatingIfNeeded: byte(i + 1) << 8 | byte(i + 2))))
                i += 3
            case 29:
                operands.append(Int(Int32(truncatingIfNeeded: byte(i + 1) << 24 | byte(i + 2) << 16 | byte(i + 3) << 8 | byte(i + 4))))
                i += 5
            case 30:  // a real number: nibbles up to an 0xf
                i += 1
                while i < dict.upperBound, bytes[i] & 0x0f != 0x0f, bytes[i] >> 4 != 0x0f { i += 1 }
                i += 1
                operands.append(0)
            case 32...246:
                operands.append(b0 - 139)
                i += 1
            case 247...250:
                operands.append((b0 - 247) * 256 + byte(i + 1) + 108)
                i += 2
            case 251...254:
                operands.append(-(b0 - 251) * 256 - byte(i + 1) - 108)
                i += 2
            default: i += 1
            }
        }
        return (cidKeyed, charset)
    }

    func uint16(_ offset: Int) -> Int {
        guard offset + 2 <= bytes.count else { return 0 }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    func int16(_ offset: Int) -> Int { Int(Int16(truncatingIfNeeded: uint16(offset))) }

    func uint32(_ offset: Int) -> UInt32 { UInt32(uint16(offset)) << 16 | UInt32(uint16(offset + 2)) }

    /// A 16.16 fixed-point number.
    func fixed(_ offset: Int) -> Double { Double(Int32(bitPattern: uint32(offset))) / 65536 }
}

/// What a PDF font descriptor says about a face, in 1/1000 em.
struct FontMetrics {
    var ascent = 0, descent = 0, capHeight = 0
    var bbox = (0, 0, 0, 0)
    var italicAngle = 0.0
    var flags = 0
    var stemV = 0

    init(face: OpaquePointer, unitsPerEm: Int) {
        func em(_ v: Int) -> Int { Int((Double(v) * 1000 / Double(unitsPerEm)).rounded()) }
        let head = OpenTypeTable(face, "head"), hhea = OpenTypeTable(face, "hhea")
        let os2 = OpenTypeTable(face, "OS/2"), post = OpenTypeTable(face, "post")
        ascent = em(hhea.int16(4))
        descent = em(hhea.int16(6))
        bbox = (em(head.int16(36)), em(head.int16(38)), em(head.int16(40)), em(head.int16(42)))
        // OS/2 version 2 and later carry the cap height; before that, the ascender stands in for it.
        capHeight = !os2.isEmpty && os2.uint16(0) >= 2 ? em(os2.int16(88)) : ascent
        italicAngle = post.fixed(4)
        let fixedPitch = post.uint32(12) != 0
        let italic = head.uint16(44) & 2 != 0 || italicAngle != 0
        // Symbolic: glyphs are addressed by CID, not through a standard encoding.
        flags = 4 | (fixedPitch ? 1 : 0) | (italic ? 64 : 0)
        // No stem width in TrueType; the usual estimate from the weight class (400 → 88, 700 → 166).
        let weight = os2.isEmpty ? 400 : os2.uint16(4)
        stemV = 50 + Int((Double(weight) / 65) * (Double(weight) / 65))
    }
}
