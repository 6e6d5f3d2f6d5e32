/// Nests an interchange's segments into groups and sets as they arrive, checking each envelope as it
/// closes: control numbers and counts of ST/SE, GS/GE and ISA/IEA.
struct X12EnvelopeBuilder {
    private(set) var interchange: X12Interchange
    private var group: X12FunctionalGroup?
    private var set: X12TransactionSet?
    /// Whether the previous segment was outside any set (stray segments in a row are reported once).
    private var straying = false

    init(isa: X12Segment, delimiters: X12Delimiters, errors: [X12Error]) {
        interchange = X12Interchange(isa: isa, delimiters: delimiters, errors: errors)
    }

    /// Adds the next segment; true when it was the IEA that closes the interchange.
    mutating func add(_ segment: X12Segment) -> Bool {
        let wasStraying = straying
        straying = false
        switch segment.id {
        case "GS":
            closeGroup(unterminatedAt: segment.position)
            group = X12FunctionalGroup(gs: segment)
        case "ST":
            closeSet(unterminatedAt: segment.position)
            if group == nil {
                stray(segment, wasStraying: wasStraying, "ST outside a functional group (no GS before it)")
            } else {
                set = X12TransactionSet(st: segment)
            }
        case "SE":
            guard var current = set else {
                stray(segment, wasStraying: wasStraying, "SE without an ST")
                break
            }
            current.se = segment
            set = current
            closeSet(unterminatedAt: segment.position)
        case "GE":
            closeSet(unterminatedAt: segment.position)
            guard var current = group else {
                stray(segment, wasStraying: wasStraying, "GE without a GS")
                break
            }
            current.ge = segment
            group = current
            closeGroup(unterminatedAt: segment.position)
        case "TA1" where group == nil:
            interchange.ta1.append(segment)
        case "IEA":
            closeGroup(unterminatedAt: segment.position)
            interchange.iea = segment
            checkInterchange(segment)
            return true
        default:
            if set != nil {
                set?.segments.append(segment)
            } else {
                stray(segment, wasStraying: wasStraying, "segment \(segment.id) outside a transaction set")
            }
        }
        return false
    }

    /// Ends an interchange that has no IEA (the file ended, or another ISA began).
    mutating func finishEarly(at position: X12Position, _ message: String) {
        closeGroup(unterminatedAt: position)
        interchange.errors.append(X12Error(.prematureEnd, at: position, message))
    }

    private mutating func stray(_ segment: X12Segment, wasStraying: Bool, _ message: String) {
        straying = true
        if !wasStraying {
            interchange.errors.append(X12Error(.invalidContent, at: segment.position, message, segmentID: segment.id))
        }
    }

    /// Closes the open set, if any: counts and control number when it has its SE, otherwise "trailer missing".
    private mutating func closeSet(unterminatedAt position: X12Position) {
        guard var current = set else { return }
        set = nil
        if let se = current.se {
            let count = current.segments.count + 2
            if Int(se[1] ?? "") != count {
                current.errors.append(X12Error(.setSegmentCountMismatch, at: se.position,
                    "SE01 says \(se[1] ?? "nothing") segments, set \(current.controlNumber) has \(count) (ST to SE)", segmentID: "SE"))
            }
            if se[2] != current.st[2] {
                current.errors.append(X12Error(.setControlMismatch, at: se.position,
                    "SE02 \(se[2] ?? "(empty)") does not match ST02 \(current.controlNumber)", segmentID: "SE"))
            }
        } else {
            current.errors.append(X12Error(.setTrailerMissing, at: position,
                "transaction set \(current.identifier) \(current.controlNumber) has no SE"))
        }
        if let earlier = group?.sets.first(where: { $0.st[2] == current.st[2] }) {
            current.errors.append(X12Error(.setControlNotUnique, at: current.st.position,
                "ST02 \(current.controlNumber) is used twice in group \(group?.gs[6] ?? "") (first at segment \(earlier.st.position.index))",
                segmentID: "ST"))
        }
        current.errors += X12SyntaxChecker.check(current, version: group?.version ?? "")
        group?.sets.append(current)
    }

    /// Closes the open group, if any: set count and control number when it has its GE, otherwise "trailer missing".
    private mutating func closeGroup(unterminatedAt position: X12Position) {
        closeSet(unterminatedAt: position)
        guard var current = group else { return }
        group = nil
        if let ge = current.ge {
            if Int(ge[1] ?? "") != current.sets.count {
                current.errors.append(X12Error(.groupSetCountMismatch, at: ge.position,
                    "GE01 says \(ge[1] ?? "nothing") transaction sets, group \(current.gs[6] ?? "") has \(current.sets.count)", segmentID: "GE"))
            }
            if ge[2] != current.gs[6] {
                current.errors.append(X12Error(.groupControlMismatch, at: ge.position,
                    "GE02 \(ge[2] ?? "(empty)") does not match GS06 \(current.gs[6] ?? "(empty)")", segmentID: "GE"))
            }
        } else {
            current.errors.append(X12Error(.groupTrailerMissing, at: position,
                "functional group \(current.gs[6] ?? "") has no GE"))
        }
        if let earlier = interchange.groups.first(where: { $0.gs[6] == current.gs[6] }) {
            current.errors.append(X12Error(.groupControlNotUnique, at: current.gs.position,
                "GS06 \(current.gs[6] ?? "") is used twice in interchange \(interchange.controlNumber) (first at segment \(earlier.gs.position.index))",
                segmentID: "GS"))
        }
        interchange.groups.append(current)
    }

    private mutating func checkInterchange(_ iea: X12Segment) {
        if Int(iea[1] ?? "") != interchange.groups.count {
            interchange.errors.append(X12Error(.invalidGroupCount, at: iea.position,
                "IEA01 says \(iea[1] ?? "nothing") functional groups, the interchange has \(interchange.groups.count)", segmentID: "IEA"))
        }
        if iea[2] != interchange.isa[13] {
            interchange.errors.append(X12Error(.interchangeControlMismatch, at: iea.position,
                "IEA02 \(iea[2] ?? "(empty)") does not match ISA13 \(interchange.controlNumber)", segmentID: "IEA"))
        }
    }
}
