/// The standard's rules for HL segments (hierarchical levels, as in the 856): HL01 is unique within the
/// set, and HL02, when used, names the HL01 of a level that came before (its parent). AK4 code 7 on the
/// element that breaks them, so the partner's analyst sees which number is wrong.
enum X12Hierarchy {
    /// Errors per segment index in `set.segments`.
    static func check(_ set: X12TransactionSet) -> [Int: [X12Error]] {
        var seen: Set<String> = []
        var errors: [Int: [X12Error]] = [:]
        for (i, segment) in set.segments.enumerated() where segment.id == "HL" {
            func fail(_ element: Int, _ value: String, _ message: String) {
                errors[i, default: []].append(X12Error(.invalidCodeValue, at: segment.position, message, segmentID: "HL",
                                                      positionInSet: i + 2, element: element, value: value))
            }
            let id = segment[1] ?? ""
            if let parent = segment[2], !parent.isEmpty, !seen.contains(parent) {
                fail(2, parent, "HL02 \"\(parent)\" names no earlier HL01: a level's parent must come before it")
            }
            if !id.isEmpty, !seen.insert(id).inserted {
                fail(1, id, "HL01 \"\(id)\" is used twice: each hierarchical level needs its own id")
            }
        }
        return errors
    }
}
