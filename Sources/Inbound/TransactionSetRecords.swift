import Foundation
import Records

/// What a template sees of an inbound transaction set: one JSON object per set, with plain names
/// (po_number, ship_to.email, lines[].unit_price) instead of segment positions. The mapping knows the
/// X12 structure of each set; which template a set becomes is configuration (`InboundRouting`). Records are
/// typed values handed to the pipeline as they are (`JSONValue(fields)` writes members in key order).
public enum TransactionSetRecords {
    public typealias Fields = [String: JSONValue]

    /// The record for `set`, or nil for sets that make no communication themselves.
    public static func record(_ set: X12TransactionSet, interchange: X12Interchange) -> Fields? {
        let partner = (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)
        var record: Fields
        switch set.identifier {
        case "850": record = purchaseOrder(set.segments)
        case "856": record = shipNotice(set.segments)
        case "824": record = applicationAdvice(set.segments)
        case "810": record = invoice(set.segments)
        case "997", "999":
            // An acknowledgement of something we sent: only a rejection makes a communication.
            guard let rejection = acknowledgementRejection(set.segments) else { return nil }
            record = rejection
            record["document_id"] = .string("ACK-\(interchange.controlNumber)-\(set.controlNumber)")
            record["advice_id"] = .string("\(set.identifier) \(interchange.controlNumber)/\(set.controlNumber)")
        default: return nil
        }
        record["partner"] = .string(partner)
        record["set"] = .string(set.identifier)
        record["interchange"] = .string(interchange.controlNumber)
        return record
    }

    // MARK: 850

    static func purchaseOrder(_ segments: [X12Segment]) -> Fields {
        var r: Fields = [:]
        var lines: [Fields] = []
        var parties = PartyReader()
        var dates: [(qualifier: String, date: String)] = []
        for s in segments {
            switch s.id {
            case "BEG":
                r["po_number"] = .string(s[3] ?? "")
                r["po_date"] = .string(isoDate(s[5]))
                r["purpose"] = .string(s[1] ?? "")
            case "DTM":
                if let qualifier = s[1], let date = s[2], !date.isEmpty { dates.append((qualifier, isoDate(date))) }
            case "PO1":
                lines.append(["line": .string(s[1] ?? String(lines.count + 1)), "quantity": number(s[2]), "unit": .string(s[3] ?? "EA"),
                              "unit_price": number(s[4]), "product": .string(productID(s, from: 6))])
            case "PID" where !lines.isEmpty:
                if let text = s[5] { lines[lines.count - 1]["description"] = .string(text) }
            default:
                parties.read(s)
            }
        }
        r["document_id"] = .string("PO-" + (r["po_number"]?.stringValue ?? ""))
        // Every DTM by its qualifier; the date the buyer wants the goods is the first of these that is given.
        r["dates"] = .array(dates.map { ["qualifier": .string($0.qualifier), "meaning": .string(dateMeaning($0.qualifier)), "date": .string($0.date)] })
        if let wanted = requestedDateQualifiers.lazy.compactMap({ q in dates.first { $0.qualifier == q } }).first {
            r["requested_date"] = .string(wanted.date)
            r["requested_date_meaning"] = .string(dateMeaning(wanted.qualifier))
        }
        let buyer = parties.party("BY") ?? parties.party("BT") ?? ["name": "Customer"]
        r["buyer"] = JSONValue(buyer)
        r["ship_to"] = JSONValue(parties.party("ST") ?? buyer)
        r["lines"] = JSONValue(lines)
        return r
    }

    // MARK: 856

    /// The 856 as its HL hierarchy says: shipment → orders (HL O, with PRF) → packs (HL P, with the SSCC
    /// of MAN*GM) → items (HL I: LIN, SN1, PID). Carrier tracking numbers (REF*2I, REF*CN, MAN*CP) are kept
    /// apart from carton marks (SSCC-18, UCC-128 and shipper marks), which are not tracking numbers.
    static func shipNotice(_ segments: [X12Segment]) -> Fields {
        var r: Fields = [:]
        var tracking: [String] = []
        var cartons: [String] = []
        /// Each order's PO number and the indices of its items in `items`.
        var orders: [(po: String, items: [Int])] = []
        var items: [Fields] = []
        var packs = 0
        var ladingQuantity: Double?
        var parties = PartyReader()
        /// HL01 → (HL02 parent, HL03 level), and which order each HL belongs to.
        var levels: [String: (parent: String?, level: String)] = [:]
        var orderOfHL: [String: Int] = [:]
        var currentOrder: Int?
        // The HL being read and the items it holds so far: a PRF at item or shipment level (S/I, no O
        // level) names the order of that HL's items, which came before it (LIN, SN1, then PRF).
        var currentHL = ""
        var itemsOfHL: [Int] = []
        for s in segments {
            switch s.id {
            case "BSN":
                r["shipment_id"] = .string(s[2] ?? "")
                r["ship_date"] = .string(isoDate(s[3]))
            case "HL":
                let id = s[1] ?? "", parent = s[2].flatMap { $0.isEmpty ? nil : $0 }, level = s[3] ?? ""
                levels[id] = (parent, level)
                currentHL = id
                itemsOfHL = []
                if level == "P" { packs += 1 }
                if level == "O" {
                    orders.append((po: "", items: []))
                    currentOrder = orders.count - 1
                } else {
                    // An item or pack belongs to the order above it, however deep (S/O/P/I or S/O/T/P/I).
                    // The walk is bounded: a partner's HL02 can point in a circle (HL*1*1, or 1 → 2 → 1).
                    var ancestor = parent
                    var visited: Set<String> = [id]
                    currentOrder = nil
                    while let a = ancestor, currentOrder == nil, visited.insert(a).inserted {
                        currentOrder = orderOfHL[a]
                        ancestor = levels[a]?.parent
                    }
                }
                if let order = currentOrder { orderOfHL[id] = order }
            case "TD1":
                if let q = s[2] { ladingQuantity = double(q) }
                if let w = s[7] { r["weight"] = number(w) }
            case "TD5":
                if let carrier = s[3] { r["carrier"] = .string(carrier) }
                if let service = s[5] { r["service"] = .string(service) }
            case "REF" where ["2I", "CN"].contains(s[1] ?? ""):
                if let value = s[2], !tracking.contains(value) { tracking.append(value) }
            case "MAN" where s[1] == "CP":
                if let value = s[2], !tracking.contains(value) { tracking.append(value) }
            case "MAN" where ["GM", "UC", "SM", "AA"].contains(s[1] ?? ""):
                if let value = s[2], !cartons.contains(value) { cartons.append(value) }
            case "PRF":
                if let order = currentOrder, orders[order].po.isEmpty || orders[order].po == (s[1] ?? "")
                    || orderOfHL[currentHL] == order && levels[currentHL]?.level == "O" {
                    orders[order].po = s[1] ?? ""
                } else {
                    // Not an order level's own PRF: the PO of this HL (and of the levels under it).
                    orders.append((po: s[1] ?? "", items: itemsOfHL))
                    if let previous = currentOrder { orders[previous].items.removeAll { itemsOfHL.contains($0) } }
                    currentOrder = orders.count - 1
                    orderOfHL[currentHL] = currentOrder
                }
            case "LIN":
                if let order = currentOrder { orders[order].items.append(items.count) }
                itemsOfHL.append(items.count)
                items.append(["product": .string(productID(s, from: 2)), "quantity": 0, "unit": "EA"])
            case "SN1" where !items.isEmpty:
                items[items.count - 1]["quantity"] = number(s[2])
                items[items.count - 1]["unit"] = .string(s[3] ?? "EA")
            case "PID" where !items.isEmpty:
                if let text = s[5] { items[items.count - 1]["description"] = .string(text) }
            default:
                parties.read(s)
            }
        }
        r["document_id"] = .string("ASN-" + (r["shipment_id"]?.stringValue ?? ""))
        r["tracking"] = .array(tracking.map(JSONValue.string))
        r["cartons"] = .array(cartons.map(JSONValue.string))
        r["packages"] = .number(packs > 0 ? Double(packs) : (ladingQuantity ?? 1))
        if r["carrier"] == nil { r["carrier"] = "carrier" }
        let numbers = orders.map(\.po).filter { !$0.isEmpty }
        r["po_number"] = .string(numbers.joined(separator: ", "))
        // A cross-dock shipment carries several orders: each item says which one it belongs to, so the
        // page can list them order by order.
        if Set(numbers).count > 1 {
            for order in orders where !order.po.isEmpty { for i in order.items { items[i]["order"] = .string(order.po) } }
        }
        r["order_count"] = .number(Double(Set(numbers).count))
        r["orders"] = .array(orders.map { ["po_number": .string($0.po), "items": JSONValue($0.items.map { items[$0] })] })
        r["ship_to"] = JSONValue(parties.party("ST") ?? ["name": "Customer"])
        r["items"] = JSONValue(items)
        return r
    }

    // MARK: 810

    static func invoice(_ segments: [X12Segment]) -> Fields {
        var r: Fields = [:]
        var lines: [Fields] = []
        var parties = PartyReader()
        for s in segments {
            switch s.id {
            case "BIG":
                r["invoice_date"] = .string(isoDate(s[1]))
                r["invoice_number"] = .string(s[2] ?? "")
                r["po_number"] = .string(s[4] ?? "")
            case "IT1":
                lines.append(["line": .string(s[1] ?? String(lines.count + 1)), "quantity": number(s[2]), "unit": .string(s[3] ?? "EA"),
                              "unit_price": number(s[4]), "product": .string(productID(s, from: 6))])
            case "PID" where !lines.isEmpty:
                if let text = s[5] { lines[lines.count - 1]["description"] = .string(text) }
            case "TDS": r["total"] = .number(double(s[1]) / 100)  // TDS01 is in cents (implied 2 decimals)
            default: parties.read(s)
            }
        }
        r["document_id"] = .string("INV-" + (r["invoice_number"]?.stringValue ?? ""))
        r["bill_to"] = JSONValue(parties.party("BT") ?? parties.party("BY") ?? ["name": "Customer"])
        r["lines"] = JSONValue(lines)
        return r
    }

    // MARK: 824

    /// A rejected item: what it is, its reference, its status and the errors given for it.
    struct RejectedItem {
        var kind: String, reference: String, status: String
        var errors: [Fields] = []
        var value: JSONValue {
            ["kind": .string(kind), "reference": .string(reference), "status": .string(status), "errors": JSONValue(errors)]
        }
    }

    static func applicationAdvice(_ segments: [X12Segment]) -> Fields {
        var r: Fields = [:]
        var rejected: [RejectedItem] = []
        var contact: Fields = [:]
        for s in segments {
            switch s.id {
            case "BGN":
                r["advice_id"] = .string(s[2] ?? "")
                r["advice_date"] = .string(isoDate(s[3]))
            case "PER" where contact.isEmpty:
                contact["name"] = .string(s[2] ?? "EDI contact")
                contact.merge(communication(s)) { a, _ in a }
            case "OTI":
                rejected.append(RejectedItem(kind: referenceKind(s[2]), reference: s[3] ?? "", status: s[1] ?? ""))
            case "TED" where !rejected.isEmpty:
                rejected[rejected.count - 1].errors.append(["code": .string(s[1] ?? ""), "message": .string(s[2] ?? "(no text)")])
            case "NTE" where !rejected.isEmpty:
                rejected[rejected.count - 1].errors.append(["code": "NTE", "message": .string(s[2] ?? "")])
            default: break
            }
        }
        r["document_id"] = .string("EXC-" + (r["advice_id"]?.stringValue ?? ""))
        r["contact"] = JSONValue(contact.isEmpty ? ["name": "EDI contact"] : contact)
        r["rejected"] = .array(rejected.filter { $0.status != "TA" }.map(\.value))
        return r
    }

    /// An 824's lines as the journal keeps them: the document each OTI is about (its kind in words, its
    /// reference), its status, and the TED/NTE errors under it as "code: message".
    package static func adviceLines(_ set: X12TransactionSet) -> [(kind: String, reference: String, status: String, errors: [String])] {
        var lines: [(kind: String, reference: String, status: String, errors: [String])] = []
        for s in set.segments {
            switch s.id {
            case "OTI": lines.append((referenceKind(s[2]), s[3] ?? "", s[1] ?? "", []))
            case "TED" where !lines.isEmpty: lines[lines.count - 1].errors.append("\(s[1] ?? ""): \(s[2] ?? "(no text)")")
            case "NTE" where !lines.isEmpty: lines[lines.count - 1].errors.append("NTE: \(s[2] ?? "")")
            default: break
            }
        }
        return lines
    }

    // MARK: 997 / 999

    /// What a functional acknowledgement rejected (AK9 or a set's AK5/IK5 not A), or nil when it accepts all.
    static func acknowledgementRejection(_ segments: [X12Segment]) -> Fields? {
        var rejected: [RejectedItem] = []
        var groupStatus = "A"
        var groupCodes: [String] = []
        var groupID = ""
        var date = "1970-01-01"
        func appendError(code: String, message: String) {
            rejected[rejected.count - 1].errors.append(["code": .string(code), "message": .string(message)])
        }
        for s in segments {
            switch s.id {
            case "AK1": groupID = "\(s[1] ?? "") group \(s[2] ?? "")"
            case "AK2": rejected.append(RejectedItem(kind: "Transaction set \(s[1] ?? "")", reference: s[2] ?? "", status: "A"))
            case "AK3" where !rejected.isEmpty, "IK3" where !rejected.isEmpty:
                appendError(code: s[4] ?? "", message: "segment \(s[1] ?? "?") (position \(s[2] ?? "?") in the set): \(X12CodeWords.segmentError(s[4] ?? ""))")
            case "AK4" where !rejected.isEmpty, "IK4" where !rejected.isEmpty:
                appendError(code: s[3] ?? "", message: "element \(s[1] ?? "?") of that segment: \(X12CodeWords.elementError(s[3] ?? ""))\(s[4].map { " ('\($0)')" } ?? "")")
            case "AK5" where !rejected.isEmpty, "IK5" where !rejected.isEmpty:
                rejected[rejected.count - 1].status = s[1] ?? "A"
                for code in s.elements.dropFirst().compactMap({ $0.first?.first }).filter({ !$0.isEmpty }) {
                    appendError(code: code, message: "the transaction set: \(X12CodeWords.setError(code))")
                }
            case "AK9":
                groupStatus = s[1] ?? "A"
                groupCodes = s.elements.dropFirst(4).compactMap { $0.first?.first }.filter { !$0.isEmpty }
            case "DTM": date = isoDate(s[2])
            default: break
            }
        }
        let problems = rejected.filter { $0.status != "A" }
        guard groupStatus != "A" || !problems.isEmpty else { return nil }
        let listed = problems.isEmpty
            ? [RejectedItem(kind: "Functional group", reference: groupID, status: groupStatus,
                            errors: [["code": .string(groupStatus), "message": .string("the whole group was \(X12CodeWords.status(groupStatus)) (AK9 \(groupStatus))")]]
                                + groupCodes.map { ["code": .string($0), "message": .string("the group: \(X12CodeWords.groupError($0))")] })]
            : problems
        return ["advice_date": .string(date), "rejected": .array(listed.map(\.value))]
    }

    /// A 997/999's verdict on one group we sent: AK1 (functional id, group control), AK9 status, and each
    /// set's AK2 id/control with its AK5/IK5 status.
    public static func acknowledgedGroup(_ set: X12TransactionSet) -> (functionalID: String, groupControl: String, status: String,
                                                                       sets: [(id: String, control: String, status: String)])? {
        guard let ak1 = set.segments.first(where: { $0.id == "AK1" }) else { return nil }
        var sets: [(id: String, control: String, status: String)] = []
        var status = "A"
        for s in set.segments {
            switch s.id {
            case "AK2": sets.append((s[1] ?? "", s[2] ?? "", "A"))
            case "AK5" where !sets.isEmpty, "IK5" where !sets.isEmpty: sets[sets.count - 1].status = s[1] ?? "A"
            case "AK9": status = s[1] ?? "A"
            default: break
            }
        }
        return (ak1[1] ?? "", ak1[2] ?? "", status, sets)
    }

    // MARK: Pieces

    /// DTM01 qualifiers that say when a buyer wants the goods, most specific first: delivery requested,
    /// required by, deliver no later than, requested ship, ship no later than, ship not before.
    static let requestedDateQualifiers = ["002", "106", "063", "010", "068", "038", "037"]

    /// DTM01 (element 374) in words, for the qualifiers orders and ship notices use.
    static func dateMeaning(_ qualifier: String) -> String {
        switch qualifier {
        case "001": "cancel after"
        case "002": "delivery requested"
        case "010": "requested ship"
        case "011": "shipped"
        case "017": "estimated delivery"
        case "037": "ship not before"
        case "038": "ship no later than"
        case "063": "do not deliver after"
        case "064": "do not deliver before"
        case "067": "current schedule delivery"
        case "068": "requested ship"
        case "106": "required by"
        case "118": "requested pick-up"
        default: "date (DTM \(qualifier))"
        }
    }

    /// N101 (element 98) in words, for a party that has no N102 name.
    static func entityName(_ code: String) -> String {
        switch code {
        case "BY": "Buyer"
        case "BT": "Bill-to"
        case "ST": "Ship-to"
        case "SF": "Ship-from"
        case "SU": "Supplier"
        case "VN": "Vendor"
        case "OB": "Ordered by"
        case "RI": "Remit-to"
        case "SE": "Seller"
        default: "Party \(code)"
        }
    }

    /// N1 loops (N1 + N3 + N4 + PER) by entity code.
    struct PartyReader {
        private var parties: [String: Fields] = [:]
        private var current: String?

        mutating func read(_ s: X12Segment) {
            switch s.id {
            case "N1":
                guard let code = s[1] else { current = nil; return }
                current = code
                // Without N102, a name from the entity code and the N104 id ("Ship-to 333333"), not a bare code.
                let name = s[2].flatMap { $0.isEmpty ? nil : $0 } ?? ([entityName(code)] + (s[4].map { [$0] } ?? [])).joined(separator: " ")
                parties[code] = ["name": .string(name)]
                if let id = s[4] { parties[code]?["id"] = .string(id) }
            case "N3": current.map { parties[$0]?["street"] = .string([s[1], s[2]].compactMap { $0 }.joined(separator: ", ")) }
            case "N4":
                guard let code = current else { return }
                if let city = s[1] { parties[code]?["city"] = .string(city) }
                if let state = s[2] { parties[code]?["state"] = .string(state) }
                if let zip = s[3] { parties[code]?["zip"] = .string(zip) }
            case "PER":
                guard let code = current else { return }
                parties[code]?.merge(communication(s)) { a, _ in a }
            default: break
            }
        }

        func party(_ code: String) -> Fields? { parties[code] }
    }

    /// PER's qualifier/number pairs (03/04, 05/06, 07/08): EM → email, TE → phone.
    static func communication(_ s: X12Segment) -> Fields {
        var out: Fields = [:]
        for i in stride(from: 3, through: 7, by: 2) {
            guard let qualifier = s[i], let value = s[i + 1] else { continue }
            if qualifier == "EM", out["email"] == nil { out["email"] = .string(value) }
            if qualifier == "TE", out["phone"] == nil { out["phone"] = .string(value) }
        }
        return out
    }

    /// The first product id of qualifier/id pairs starting at `from` (buyer's or vendor's part number).
    static func productID(_ s: X12Segment, from: Int) -> String {
        for i in stride(from: from, through: from + 8, by: 2) { if let id = s[i + 1] { return id } }
        return ""
    }

    static func referenceKind(_ qualifier: String?) -> String {
        switch qualifier {
        case "IV": "Invoice"
        case "PO": "Purchase order"
        case "SI", "BM", "SH": "Ship notice"
        case "TN": "Transaction"
        default: qualifier.map { "Document (\($0))" } ?? "Document"
        }
    }

    /// CCYYMMDD (or YYMMDD) → YYYY-MM-DD.
    static func isoDate(_ text: String?) -> String {
        guard let text, text.allSatisfy(\.isNumber) else { return "1970-01-01" }
        let digits = text.count == 6 ? "20" + text : text
        guard digits.count == 8 else { return "1970-01-01" }
        let d = Array(digits)
        return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
    }

    static func number(_ text: String?) -> JSONValue { .number(double(text)) }

    /// An X12 numeric element; 0 when absent or not a number.
    static func double(_ text: String?) -> Double { text.flatMap { Double($0) } ?? 0 }
}
