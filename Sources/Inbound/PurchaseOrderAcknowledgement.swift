/// What an 855 says about each line of a purchase order. Rules are configuration (routing.yaml).
package struct PurchaseOrderRules: Sendable, Equatable {
    /// Products we sell; a line for another product is rejected (ACK IR). nil: every product.
    package var products: Set<String>?
    /// The most one line may order; more is accepted with a change down to it (ACK IC). nil: no limit.
    package var maxQuantity: Double?

    package init(products: Set<String>? = nil, maxQuantity: Double? = nil) {
        self.products = products
        self.maxQuantity = maxQuantity
    }
}

/// The 855 purchase order acknowledgement answering an accepted 850: BAK (AD accepted, AC accepted with
/// changes, RJ rejected), each PO1 line echoed with an ACK (IA accepted, IC changed, IR rejected), CTT.
package enum PurchaseOrderAcknowledgement {
    package struct LineStatus: Sendable, Equatable {
        package let line: String
        package let status: String  // IA, IC or IR
        package let quantity: String
        package let unit: String
    }

    /// The lines' statuses by the rules.
    package static func statuses(_ po: X12TransactionSet, rules: PurchaseOrderRules) -> [LineStatus] {
        po.segments.filter { $0.id == "PO1" }.enumerated().map { i, line in
            let quantity = Double(line[2] ?? "") ?? 0
            let product = TransactionSetRecords.productID(line, from: 6)
            let unit = line[3] ?? "EA"
            if let products = rules.products, !products.contains(product) {
                return LineStatus(line: line[1] ?? String(i + 1), status: "IR", quantity: "0", unit: unit)
            }
            if let limit = rules.maxQuantity, quantity > limit {
                return LineStatus(line: line[1] ?? String(i + 1), status: "IC", quantity: number(limit), unit: unit)
            }
            return LineStatus(line: line[1] ?? String(i + 1), status: "IA", quantity: line[2] ?? "0", unit: unit)
        }
    }

    /// The 855 set (control number `setControl` in its group).
    package static func transactionSet(for po: X12TransactionSet, rules: PurchaseOrderRules, setControl: Int) -> X12TransactionSet {
        let control = pad(setControl, 4)
        let beg = po.segments.first { $0.id == "BEG" }
        let lines = statuses(po, rules: rules)
        let kind = lines.allSatisfy { $0.status == "IA" } ? "AD" : lines.allSatisfy { $0.status == "IR" } ? "RJ" : "AC"
        var body = [X12Segment("BAK", ["00", kind, beg?[3] ?? "", beg?[5] ?? ""])]
        let poLines = po.segments.filter { $0.id == "PO1" }
        for (segment, status) in zip(poLines, lines) {
            body.append(X12Segment(id: "PO1", elements: segment.elements, position: X12Position(file: "", index: 0, byteOffset: 0)))
            body.append(X12Segment("ACK", [status.status, status.quantity, status.unit]))
        }
        body.append(X12Segment("CTT", ["\(poLines.count)"]))
        return X12TransactionSet(st: X12Segment("ST", ["855", control]), segments: body,
                                 se: X12Segment("SE", ["\(body.count + 2)", control]))
    }

    /// A PR functional group holding the 855s answering one inbound PO group, from us to the partner.
    package static func group(_ sets: [X12TransactionSet], answering inbound: X12FunctionalGroup, date: X12AckDate,
                             control: Int) -> X12FunctionalGroup {
        let gs = X12Segment("GS", ["PR", inbound.gs[3] ?? "", inbound.gs[2] ?? "", date.ccyymmdd, date.hhmm, "\(control)", "X",
                                   inbound.version])
        return X12FunctionalGroup(gs: gs, sets: sets, ge: X12Segment("GE", ["\(sets.count)", "\(control)"]))
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
