/// One ST…SE transaction set: the segments between its header and trailer, and what was wrong with it.
public struct X12TransactionSet: Hashable, Sendable {
    public var st: X12Segment
    /// The segments between ST and SE (neither included).
    public var segments: [X12Segment]
    /// nil when the set ended without its SE.
    public var se: X12Segment?
    /// Envelope (AK5/IK5), segment (AK3/IK3) and element (AK4/IK4) errors of this set.
    public var errors: [X12Error]

    public init(st: X12Segment, segments: [X12Segment] = [], se: X12Segment? = nil, errors: [X12Error] = []) {
        self.st = st
        self.segments = segments
        self.se = se
        self.errors = errors
    }

    /// ST01, e.g. "850".
    public var identifier: String { st[1] ?? "" }
    /// ST02.
    public var controlNumber: String { st[2] ?? "" }
}

/// One GS…GE functional group.
public struct X12FunctionalGroup: Hashable, Sendable {
    public var gs: X12Segment
    public var sets: [X12TransactionSet]
    /// nil when the group ended without its GE.
    public var ge: X12Segment?
    /// Group envelope errors (AK9/IK9 codes: AK905…).
    public var errors: [X12Error]

    public init(gs: X12Segment, sets: [X12TransactionSet] = [], ge: X12Segment? = nil, errors: [X12Error] = []) {
        self.gs = gs
        self.sets = sets
        self.ge = ge
        self.errors = errors
    }

    /// GS01, e.g. "PO", "SH", "IN", "FA".
    public var functionalIdentifier: String { gs[1] ?? "" }
    /// GS08, e.g. "004010" or "005010X222A1".
    public var version: String { gs[8] ?? "" }
}

/// One ISA…IEA interchange as read, with the interchange-level errors (TA1 note codes).
public struct X12Interchange: Hashable, Sendable {
    public var isa: X12Segment
    public var delimiters: X12Delimiters
    /// TA1 segments (interchange acknowledgements) between the ISA and the first GS.
    public var ta1: [X12Segment] = []
    public var groups: [X12FunctionalGroup]
    /// nil when the interchange ended without its IEA.
    public var iea: X12Segment?
    /// Interchange-level errors (TA1); group and set errors are on the groups and sets.
    public var errors: [X12Error]

    public init(isa: X12Segment, delimiters: X12Delimiters, groups: [X12FunctionalGroup] = [],
                iea: X12Segment? = nil, errors: [X12Error] = []) {
        self.isa = isa
        self.delimiters = delimiters
        self.groups = groups
        self.iea = iea
        self.errors = errors
    }

    /// ISA13.
    public var controlNumber: String { isa[13] ?? "" }
    /// ISA12, e.g. "00401" or "00501".
    public var version: String { isa[12] ?? "" }

    /// Every error: the interchange's, then each group's and set's, in file order within each level.
    public var allErrors: [X12Error] {
        errors + groups.flatMap { group in group.errors + group.sets.flatMap(\.errors) }
    }
}

/// What the reader yields: an interchange, or a problem found outside any interchange (garbage, a bad
/// ISA, an empty or unreadable file).
public enum X12ReadResult: Hashable, Sendable {
    case interchange(X12Interchange)
    case failure(X12Error)
}
