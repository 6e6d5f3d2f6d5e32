import Foundation

/// What a template sees of an inbound transaction set: one JSON object per set, with plain names
/// (po_number, ship_to.email, lines[].unit_price) instead of segment positions. The mapping knows the
/// X12 structure of each set; which template a set becomes is configuration (`InboundRouting`).
public enum TransactionSetRecords {
    /// The record for `set`, or nil for sets that make no communication themselves.
    public static func record(_ set: X12TransactionSet, interchange: X12Interchange) -> [String: Any]? {
        let partner = (interchange.isa[6] ?? "").trimmingCharacters(in: .whitespaces)
        var record: [String: Any]
        switch set.identifier {
        case "850": record = purchaseOrder(set.segments)
        case "856": record = shipNotice(set.segments)
        case "824": record = applicationAdvice(set.segments)
        case "810": record = invoice(set.segments)
        case "997", "999":
            // An acknowledgement of something we sent: only a rejection makes a communication.
            guard let rejection = acknowledgementRejection(set.segments) else { return nil }
            record = rejection
            record["document_id"] = "ACK-\(interchange.controlNumber)-\(set.controlNumber)"
            record["advice_id"] = "\(set.identifier) \(interchange.controlNumber)/\(set.controlNumber)"
        default: return nil
        }
        record["partner"] = partner
        record["set"] = set.identifier
        record["interchange"] = interchange.controlNumber
        return record
    }

    // MARK: 850

    static func purchaseOrder(_ segments: [X12Segment]) -> [String: Any] {
        var r: [String: Any] = [:]
        var lines: [[String: Any]] = []
        var parties = PartyReader()
        for s in segments {
            switch s.id {
            case "BEG":
                r["po_number"] = s[3] ?? ""
                r["po_date"] = isoDate(s[5])
                r["purpose"] = s[1] ?? ""
            case "DTM" where s[1] == "002": r["requested_date"] = isoDate(s[2])
            case "PO1":
                var line: [String: Any] = ["line": s[1] ?? String(lines.count + 1), "quantity": number(s[2]), "unit": s[3] ?? "EA",
                                           "unit_price": number(s[4]), "product": productID(s, from: 6)]
                line["description"] = nil
                lines.append(line)
            case "PID" where !lines.isEmpty:
                if let text = s[5] { lines[lines.count - 1]["description"] = text }
            default:
                parties.read(s)
            }
        }
        r["document_id"] = "PO-" + ((r["po_number"] as? String) ?? "")
        r["buyer"] = parties.party("BY") ?? parties.party("BT") ?? ["name": "Customer"]
        r["ship_to"] = parties.party("ST") ?? r["buyer"]
        r["lines"] = lines
        return r
    }

    // MARK: 856

    static func shipNotice(_ segments: [X12Segment]) -> [String: Any] {
        var r: [String: Any] = [:]
        var tracking: [String] = []
        var items: [[String: Any]] = []
        var packs = 0
        var level = ""
        var parties = PartyReader()
        for s in segments {
            switch s.id {
            case "BSN":
                r["shipment_id"] = s[2] ?? ""
                r["ship_date"] = isoDate(s[3])
            case "HL":
                level = s[3] ?? ""
                if level == "P" { packs += 1 }
            case "TD1":
                if let q = s[2] { r["lading_quantity"] = number(q) }
                if let w = s[7] { r["weight"] = number(w) }
            case "TD5":
                if let carrier = s[3] { r["carrier"] = carrier }
                if let service = s[5] { r["service"] = service }
            case "REF" where ["2I", "CN"].contains(s[1] ?? ""):
                if let value = s[2], !tracking.contains(value) { tracking.append(value) }
            case "MAN" where ["CP", "GM", "SM"].contains(s[1] ?? ""):
                if let value = s[2], !tracking.contains(value) { tracking.append(value) }
            case "PRF": r["po_number"] = s[1] ?? ""
            case "LIN": items.append(["product": productID(s, from: 2), "quantity": 0.0, "unit": "EA"])
            case "SN1" where !items.isEmpty:
                items[items.count - 1]["quantity"] = number(s[2])
                items[items.count - 1]["unit"] = s[3] ?? "EA"
            case "PID" where !items.isEmpty:
                if let text = s[5] { items[items.count - 1]["description"] = text }
            default:
                parties.read(s)
            }
        }
        r["document_id"] = "ASN-" + ((r["shipment_id"] as? String) ?? "")
        r["tracking"] = tracking
        r["packages"] = packs > 0 ? Double(packs) : (r["lading_quantity"] as? Double ?? 1)
        r.removeValue(forKey: "lading_quantity")
        if r["carrier"] == nil { r["carrier"] = "carrier" }
        if r["po_number"] == nil { r["po_number"] = "" }
        r["ship_to"] = parties.party("ST") ?? ["name": "Customer"]
        r["items"] = items
        return r
    }

    // MARK: 810

    static func invoice(_ segments: [X12Segment]) -> [String: Any] {
        var r: [String: Any] = [:]
        var lines: [[String: Any]] = []
        var parties = PartyReader()
        for s in segments {
            switch s.id {
            case "BIG":
                r["invoice_date"] = isoDate(s[1])
                r["invoice_number"] = s[2] ?? ""
                r["po_number"] = s[4] ?? ""
            case "IT1":
                lines.append(["line": s[1] ?? String(lines.count + 1), "quantity": number(s[2]), "unit": s[3] ?? "EA",
                              "unit_price": number(s[4]), "product": productID(s, from: 6)])
            case "PID" where !lines.isEmpty:
                if let text = s[5] { lines[lines.count - 1]["description"] = text }
            case "TDS": r["total"] = number(s[1]) / 100  // TDS01 is in cents (implied 2 decimals)
            default: parties.read(s)
            }
        }
        r["document_id"] = "INV-" + ((r["invoice_number"] as? String) ?? "")
        r["bill_to"] = parties.party("BT") ?? parties.party("BY") ?? ["name": "Customer"]
        r["lines"] = lines
        return r
    }

    // MARK: 824

    static func applicationAdvice(_ segments: [X12Segment]) -> [String: Any] {
        var r: [String: Any] = [:]
        var rejected: [[String: Any]] = []
        var contact: [String: Any] = [:]
        for s in segments {
            switch s.id {
            case "BGN":
                r["advice_id"] = s[2] ?? ""
                r["advice_date"] = isoDate(s[3])
            case "PER" where contact.isEmpty:
                contact["name"] = s[2] ?? "EDI contact"
                contact.merge(communication(s)) { a, _ in a }
            case "OTI":
                rejected.append(["kind": referenceKind(s[2]), "reference": s[3] ?? "", "status": s[1] ?? "", "errors": [[String: Any]]()])
            case "TED" where !rejected.isEmpty:
                var errors = rejected[rejected.count - 1]["errors"] as? [[String: Any]] ?? []
                errors.append(["code": s[1] ?? "", "message": s[2] ?? "(no text)"])
                rejected[rejected.count - 1]["errors"] = errors
            case "NTE" where !rejected.isEmpty:
                var errors = rejected[rejected.count - 1]["errors"] as? [[String: Any]] ?? []
                errors.append(["code": "NTE", "message": s[2] ?? ""])
                rejected[rejected.count - 1]["errors"] = errors
            default: break
            }
        }
        r["document_id"] = "EXC-" + ((r["advice_id"] as? String) ?? "")
        r["contact"] = contact.isEmpty ? ["name": "EDI contact"] : contact
        r["rejected"] = rejected.filter { ($0["status"] as? String) != "TA" }
        return r
    }

    // MARK: 997 / 999

    /// What a functional acknowledgement rejected (AK9 or a set's AK5/IK5 not A), or nil when it accepts all.
    static func acknowledgementRejection(_ segments: [X12Segment]) -> [String: Any]? {
        var rejected: [[String: Any]] = []
        var groupStatus = "A"
        var groupID = ""
        var date = "1970-01-01"
        for s in segments {
            switch s.id {
            case "AK1": groupID = "\(s[1] ?? "") group \(s[2] ?? "")"
            case "AK2": rejected.append(["kind": "Transaction set \(s[1] ?? "")", "reference": s[2] ?? "", "status": "A", "errors": [[String: Any]]()])
            case "AK3" where !rejected.isEmpty, "IK3" where !rejected.isEmpty:
                appendError(&rejected, code: s[4] ?? "", message: "segment \(s[1] ?? "?") (position \(s[2] ?? "?")) has an error, code \(s[4] ?? "?")")
            case "AK4" where !rejected.isEmpty, "IK4" where !rejected.isEmpty:
                appendError(&rejected, code: s[3] ?? "", message: "element \(s[1] ?? "?") has an error, code \(s[3] ?? "?")\(s[4].map { ": '\($0)'" } ?? "")")
            case "AK5" where !rejected.isEmpty, "IK5" where !rejected.isEmpty:
                rejected[rejected.count - 1]["status"] = s[1] ?? "A"
            case "AK9": groupStatus = s[1] ?? "A"
            case "DTM": date = isoDate(s[2])
            default: break
            }
        }
        let problems = rejected.filter { ($0["status"] as? String) != "A" }
        guard groupStatus != "A" || !problems.isEmpty else { return nil }
        let listed = problems.isEmpty
            ? [["kind": "Functional group", "reference": groupID, "status": groupStatus, "errors": [["code": groupStatus, "message": "the whole group was not accepted (AK9 \(groupStatus))"]]]]
            : problems
        return ["advice_date": date, "rejected": listed]
    }

    private static func appendError(_ rejected: inout [[String: Any]], code: String, message: String) {
        var errors = rejected[rejected.count - 1]["errors"] as? [[String: Any]] ?? []
        errors.append(["code": code, "message": message])
        rejected[rejected.count - 1]["errors"] = errors
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

    /// N1 loops (N1 + N3 + N4 + PER) by entity code.
    struct PartyReader {
        private var parties: [String: [String: Any]] = [:]
        private var current: String?

        mutating func read(_ s: X12Segment) {
            switch s.id {
            case "N1":
                guard let code = s[1] else { current = nil; return }
                current = code
                parties[code] = ["name": s[2] ?? code]
            case "N3": current.map { parties[$0]?["street"] = [s[1], s[2]].compactMap { $0 }.joined(separator: ", ") }
            case "N4":
                guard let code = current else { return }
                if let city = s[1] { parties[code]?["city"] = city }
                if let state = s[2] { parties[code]?["state"] = state }
                if let zip = s[3] { parties[code]?["zip"] = zip }
            case "PER":
                guard let code = current else { return }
                parties[code]?.merge(communication(s)) { a, _ in a }
            default: break
            }
        }

        func party(_ code: String) -> [String: Any]? { parties[code] }
    }

    /// PER's qualifier/number pairs (03/04, 05/06, 07/08): EM → email, TE → phone.
    static func communication(_ s: X12Segment) -> [String: Any] {
        var out: [String: Any] = [:]
        for i in stride(from: 3, through: 7, by: 2) {
            guard let qualifier = s[i], let value = s[i + 1] else { continue }
            if qualifier == "EM", out["email"] == nil { out["email"] = value }
            if qualifier == "TE", out["phone"] == nil { out["phone"] = value }
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

    static func number(_ text: String?) -> Double { text.flatMap { Double($0) } ?? 0 }
}
