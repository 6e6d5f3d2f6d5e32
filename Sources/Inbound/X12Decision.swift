/// The one place that decides what an inbound interchange, group and set are: the status the TA1, AK9 and
/// AK5 / IK5 carry, and whether the business content may be acted on. The acknowledgement and the customer
/// communication both ask here, so a document can never say the opposite of the answer (issue 13: an
/// interchange rejected with a TA1 still got an order confirmation; sets in a group answered AK9 R were
/// processed; a set accepted with errors, AK5 E, was treated as rejected).
package enum X12Decision {
    /// AK5 / IK5 status of a set, and its AK502… codes.
    static func set(_ set: X12TransactionSet) -> (status: String, codes: [String]) {
        let setCodes = set.errors.filter { $0.code.level == .transactionSet }.map(\.code.code)
        let syntax = set.errors.filter { $0.code.level == .segment || $0.code.level == .element }
        if !setCodes.isEmpty { return ("R", Array(setCodes.prefix(5))) }
        if syntax.isEmpty { return ("A", []) }
        // Only unrecognized segments can be skipped: accepted with errors; anything else rejects the set.
        return (syntax.allSatisfy { $0.code == .unrecognizedSegment } ? "E" : "R", ["5"])
    }

    /// AK9 status of a group (A, E, P or R) and how many of its sets are accepted (with or without errors).
    static func group(_ group: X12FunctionalGroup) -> (status: String, accepted: Int) {
        let statuses = group.sets.map { set($0).status }
        let accepted = statuses.filter { $0 != "R" }.count
        if !group.errors.isEmpty || (accepted == 0 && !group.sets.isEmpty) { return ("R", accepted) }
        if accepted < group.sets.count { return ("P", accepted) }
        return (statuses.contains("E") ? "E" : "A", accepted)
    }

    /// Why the content of `set` must not be acted on (no customer communication, no 855), or nil when it
    /// may: its interchange's envelope was accepted (no TA1 R), its group was not rejected (AK9 R) and the
    /// set itself was accepted, with or without errors (AK5 A or E).
    package static func refusal(of set: X12TransactionSet, in group: X12FunctionalGroup,
                                of interchange: X12Interchange) -> [X12Error]? {
        if !interchange.errors.isEmpty { return interchange.errors }
        if Self.group(group).status == "R" { return group.errors.isEmpty ? set.errors : group.errors }
        return Self.set(set).status == "R" ? set.errors : nil
    }
}
