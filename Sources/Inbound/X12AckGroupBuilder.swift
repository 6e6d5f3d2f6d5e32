/// Builds one 997 (004010) or 999 (005010) functional group acknowledging one inbound group.
enum X12AckGroupBuilder {
    static func group(for inbound: X12FunctionalGroup, date: X12AckDate, control: Int, is999: Bool) -> X12FunctionalGroup {
        let setID = is999 ? "999" : "997"
        let gs = X12Segment("GS", ["FA", inbound.gs[3] ?? "", inbound.gs[2] ?? "", date.ccyymmdd, date.hhmm, "\(control)", "X",
                                   is999 ? "005010X231A1" : "004010"])
        var body: [X12Segment] = [X12Segment("AK1", [inbound.functionalIdentifier, inbound.gs[6] ?? ""] + (is999 ? [inbound.version] : []))]
        for set in inbound.sets { body += setResponse(set, is999: is999) }
        let groupCodes = inbound.errors.map(\.code.code)
        let (status, accepted) = X12Decision.group(inbound)
        let included = inbound.ge.flatMap { Int($0[1] ?? "") } ?? inbound.sets.count
        body.append(X12Segment("AK9", [status, "\(included)", "\(inbound.sets.count)", "\(accepted)"] + groupCodes.prefix(5)))
        let st = X12Segment("ST", [setID, "0001"] + (is999 ? ["005010X231A1"] : []))
        let se = X12Segment("SE", ["\(body.count + 2)", "0001"])
        let set = X12TransactionSet(st: st, segments: body, se: se)
        return X12FunctionalGroup(gs: gs, sets: [set], ge: X12Segment("GE", ["1", "\(control)"]))
    }

    /// AK2, the AK3/AK4 (IK3/IK4) of each segment in error, and AK5 (IK5) as X12Decision says.
    static func setResponse(_ set: X12TransactionSet, is999: Bool) -> [X12Segment] {
        var segments = [X12Segment("AK2", [set.identifier, set.controlNumber] + (is999 && set.st[3] != nil ? [set.st[3]!] : []))]
        for error in set.errors {
            switch error.code.level {
            case .segment:
                segments.append(X12Segment(is999 ? "IK3" : "AK3", [error.segmentID ?? "", "\(error.positionInSet ?? 0)", error.loopID ?? "", error.code.code]))
            case .element:
                let position = [String(error.element ?? 0)] + (error.component.map { [String($0)] } ?? [])
                let copy = String((error.value ?? "").prefix(99))
                segments.append(X12Segment(id: is999 ? "IK4" : "AK4",
                                           elements: [[position], [[""]], [[error.code.code]]] + (copy.isEmpty ? [] : [[[copy]]]),
                                           position: X12Position(file: "", index: 0, byteOffset: 0)))
            default:
                break
            }
        }
        let (status, codes) = X12Decision.set(set)
        segments.append(X12Segment(is999 ? "IK5" : "AK5", [status] + codes))
        return segments
    }
}
