/// A small hand-written dictionary of the segments of the 850, 856, 810, 824, 997 and 999 sets: which
/// elements are mandatory, the lengths and types of the ones checked, and a few code lists.
///
/// It is data, not a full X12 dictionary: elements not listed are not checked, segment order and loops
/// are not checked, and sets not listed (e.g. 837) get envelope checks only.
enum X12Dictionary {
    static let segments: [String: X12SegmentRule] = Dictionary(uniqueKeysWithValues: segmentList.map { ($0.id, $0) })
    static let sets: [String: X12SetRule] = Dictionary(uniqueKeysWithValues: setList.map { ($0.id, $0) })

    private static let party = ["N1", "N2", "N3", "N4", "PER", "REF"]

    static let setList: [X12SetRule] = [
        X12SetRule("850", mandatory: ["BEG"], allowed: ["BEG", "CUR", "REF", "PER", "FOB", "ITD", "DTM", "TD5", "N9",
            "MSG", "PO1", "PID", "PO4", "SAC", "AMT", "CTT", "NTE"] + party),
        X12SetRule("856", mandatory: ["BSN", "HL"], allowed: ["BSN", "DTM", "HL", "TD1", "TD5", "TD3", "REF", "PRF",
            "LIN", "SN1", "PID", "MAN", "PO4", "CTT", "PKG"] + party),
        X12SetRule("810", mandatory: ["BIG", "TDS"], allowed: ["BIG", "CUR", "REF", "ITD", "DTM", "FOB", "IT1", "PID",
            "TDS", "SAC", "TXI", "CAD", "ISS", "CTT", "NTE"] + party),
        X12SetRule("824", mandatory: ["BGN", "OTI"], allowed: ["BGN", "OTI", "REF", "DTM", "AMT", "QTY", "TED", "NTE"] + party),
        X12SetRule("997", mandatory: ["AK1", "AK9"], allowed: ["AK1", "AK2", "AK3", "AK4", "AK5", "AK9"]),
        X12SetRule("999", mandatory: ["AK1", "AK9"], allowed: ["AK1", "AK2", "IK3", "IK4", "IK5", "CTX", "AK9"]),
    ]

    static let segmentList: [X12SegmentRule] = [
        // Beginning segments.
        X12SegmentRule("BEG", m(1, .id, 2, 2, ["00", "01", "04", "05", "06", "07", "18", "22"]), m(2, .id, 2, 2),
                       m(3, .an, 1, 22), o(4, .an, 1, 30), m(5, .dt, 8, 8)),
        X12SegmentRule("BSN", m(1, .id, 2, 2, ["00", "01", "05", "06", "07"]), m(2, .an, 2, 30), m(3, .dt, 8, 8), m(4, .tm, 4, 8)),
        X12SegmentRule("BIG", m(1, .dt, 8, 8), m(2, .an, 1, 22), o(3, .dt, 8, 8), o(4, .an, 1, 22)),
        X12SegmentRule("BGN", m(1, .id, 2, 2, ["00", "01", "05", "06", "07", "11", "22"]), m(2, .an, 1, 50), m(3, .dt, 8, 8)),
        // Common.
        X12SegmentRule("REF", m(1, .id, 2, 3), o(2, .an, 1, 50)),
        X12SegmentRule("DTM", m(1, .id, 3, 3), o(2, .dt, 8, 8), o(3, .tm, 4, 8)),
        X12SegmentRule("N1", m(1, .id, 2, 3, ["BT", "ST", "BY", "SE", "VN", "SF", "SU", "RI", "RE", "II", "SO", "SH", "CN"]),
                       o(2, .an, 1, 60), o(3, .id, 1, 2), o(4, .an, 2, 80)),
        X12SegmentRule("N2", m(1, .an, 1, 60)),
        X12SegmentRule("N3", m(1, .an, 1, 55), o(2, .an, 1, 55)),
        X12SegmentRule("N4", o(1, .an, 2, 30), o(2, .id, 2, 2), o(3, .id, 3, 15), o(4, .id, 2, 3)),
        X12SegmentRule("PER", m(1, .id, 2, 2), o(2, .an, 1, 60)),
        X12SegmentRule("CUR", m(1, .id, 2, 3), m(2, .id, 3, 3)),
        X12SegmentRule("FOB", m(1, .id, 2, 2)),
        X12SegmentRule("ITD", o(1, .id, 2, 2)),
        X12SegmentRule("N9", m(1, .id, 2, 3)),
        X12SegmentRule("MSG", m(1, .an, 1, 264)),
        X12SegmentRule("NTE", o(1, .id, 3, 3), m(2, .an, 1, 80)),
        X12SegmentRule("PID", m(1, .id, 1, 1, ["F", "S", "X"]), o(5, .an, 1, 80)),
        X12SegmentRule("SAC", m(1, .id, 1, 1, ["A", "C", "N"]), o(5, .n2, 1, 15)),
        X12SegmentRule("AMT", m(1, .id, 1, 3), m(2, .r, 1, 18)),
        X12SegmentRule("QTY", m(1, .id, 2, 2), o(2, .r, 1, 15)),
        X12SegmentRule("CTT", m(1, .n0, 1, 6), o(2, .r, 1, 10)),
        // Lines.
        X12SegmentRule("PO1", o(1, .an, 1, 20), o(2, .r, 1, 15), o(3, .id, 2, 2), o(4, .r, 1, 17), o(6, .id, 2, 2), o(7, .an, 1, 48)),
        X12SegmentRule("PO4", o(1, .n0, 1, 6)),
        X12SegmentRule("IT1", o(1, .an, 1, 20), o(2, .r, 1, 10), o(3, .id, 2, 2), o(4, .r, 1, 17), o(6, .id, 2, 2), o(7, .an, 1, 48)),
        X12SegmentRule("TDS", m(1, .n2, 1, 15)),
        X12SegmentRule("TXI", m(1, .id, 2, 2), o(2, .r, 1, 18)),
        X12SegmentRule("CAD", o(5, .an, 1, 60)),
        X12SegmentRule("ISS", o(1, .r, 1, 10)),
        // Shipments.
        X12SegmentRule("HL", m(1, .an, 1, 12), o(2, .an, 1, 12), m(3, .id, 1, 2, ["S", "O", "P", "T", "I", "Q"]), o(4, .id, 1, 1, ["0", "1"])),
        X12SegmentRule("TD1", o(1, .an, 3, 5), o(2, .n0, 1, 7), o(6, .id, 1, 2), o(7, .r, 1, 10), o(8, .id, 2, 2)),
        X12SegmentRule("TD5", o(1, .id, 1, 2), o(2, .id, 1, 2), o(3, .an, 2, 80),
                       o(4, .id, 1, 2, ["A", "AE", "D", "H", "L", "LT", "M", "P", "R", "U", "ZZ"]), o(5, .an, 1, 35)),
        X12SegmentRule("TD3", o(1, .id, 2, 2)),
        X12SegmentRule("MAN", m(1, .id, 1, 2, ["AA", "CP", "GM", "SM", "UC", "W", "ZZ"]), m(2, .an, 1, 48)),
        X12SegmentRule("PKG", o(1, .id, 1, 1)),
        X12SegmentRule("LIN", o(1, .an, 1, 20), m(2, .id, 2, 2), m(3, .an, 1, 48)),
        X12SegmentRule("SN1", o(1, .an, 1, 20), m(2, .r, 1, 10), m(3, .id, 2, 2)),
        X12SegmentRule("PRF", m(1, .an, 1, 22), o(4, .dt, 8, 8)),
        // Application advice.
        X12SegmentRule("OTI", m(1, .id, 1, 2, ["GA", "GP", "GR", "IA", "IE", "IP", "IR", "TA", "TE", "TP", "TR"]),
                       m(2, .id, 2, 3), m(3, .an, 1, 50)),
        X12SegmentRule("TED", m(1, .id, 1, 3), o(2, .an, 1, 60)),
        // Acknowledgements.
        X12SegmentRule("AK1", m(1, .id, 2, 2), m(2, .n0, 1, 9), o(3, .an, 1, 12)),
        X12SegmentRule("AK2", m(1, .id, 3, 3), m(2, .an, 4, 9), o(3, .an, 1, 35)),
        X12SegmentRule("AK3", m(1, .id, 2, 3), m(2, .n0, 1, 10), o(4, .id, 1, 3)),
        X12SegmentRule("AK4", m(1, .n0, 1, 2), m(3, .id, 1, 3)),
        X12SegmentRule("AK5", m(1, .id, 1, 1, ["A", "E", "M", "R", "W", "X"]), o(2, .id, 1, 3)),
        X12SegmentRule("AK9", m(1, .id, 1, 1, ["A", "E", "M", "P", "R", "W", "X"]), m(2, .n0, 1, 6), m(3, .n0, 1, 6), m(4, .n0, 1, 6)),
        X12SegmentRule("IK3", m(1, .id, 2, 3), m(2, .n0, 1, 10), o(4, .id, 1, 3)),
        X12SegmentRule("IK4", m(1, .n0, 1, 2), m(3, .id, 1, 3)),
        X12SegmentRule("IK5", m(1, .id, 1, 1, ["A", "E", "M", "R", "W", "X"]), o(2, .id, 1, 3)),
        X12SegmentRule("CTX", m(1, .an, 1, 35)),
    ]

    private static func m(_ position: Int, _ type: X12ElementType, _ min: Int, _ max: Int, _ codes: [String]? = nil) -> X12ElementRule {
        X12ElementRule(position: position, mandatory: true, type: type, minLength: min, maxLength: max, codes: codes)
    }

    private static func o(_ position: Int, _ type: X12ElementType, _ min: Int, _ max: Int, _ codes: [String]? = nil) -> X12ElementRule {
        X12ElementRule(position: position, mandatory: false, type: type, minLength: min, maxLength: max, codes: codes)
    }
}

/// X12 data element types: identifier, alphanumeric, date, time, integer, implied 2 decimals, decimal.
enum X12ElementType: Sendable {
    case id, an, dt, tm, n0, n2, r
}

struct X12ElementRule: Sendable {
    /// 1-based element position in the segment; the first component is the one checked.
    var position: Int
    var mandatory: Bool
    var type: X12ElementType
    var minLength: Int
    var maxLength: Int
    var codes: [String]?
}

struct X12SegmentRule: Sendable {
    var id: String
    var elements: [X12ElementRule]
    init(_ id: String, _ elements: X12ElementRule...) {
        self.id = id
        self.elements = elements
    }
}

struct X12SetRule: Sendable {
    var id: String
    var mandatory: [String]
    var allowed: Set<String>
    init(_ id: String, mandatory: [String], allowed: [String]) {
        self.id = id
        self.mandatory = mandatory
        self.allowed = Set(allowed)
    }
}
