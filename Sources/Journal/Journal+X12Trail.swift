import GRDB

/// One line of a partner's 824 application advice: the document it is about (OTI02/OTI03), its status
/// (OTI01: TA accepted, TE accepted with errors, TR rejected…) and the errors given (TED, NTE).
package struct X12AdviceLine: Sendable, Equatable {
    package var partner: String, interchangeControl: String, setControl: String
    package var line: Int
    package var referenceKind: String, reference: String, status: String
    /// "code: message" lines joined by "\n".
    package var errors: String
    package var file: String
    package var receivedAt = ""
    package init(partner: String, interchangeControl: String, setControl: String, line: Int, referenceKind: String,
                 reference: String, status: String, errors: String, file: String) {
        (self.partner, self.interchangeControl, self.setControl, self.line, self.referenceKind, self.reference, self.status,
         self.errors, self.file) = (partner, interchangeControl, setControl, line, referenceKind, reference, status, errors, file)
    }
}

/// One set we sent about a business document, and the partner's 997/999 verdict on it if one came.
package struct X12SentSet: Sendable, Equatable {
    package var group: X12OutboundGroup
    package var setID: String, setControl: String, about: String
    package var sentAt: String
    /// The partner's verdict: the set's AK5/IK5 status, its group's AK9 status, when and in which file.
    package var setStatus: String?, groupStatus: String?, acknowledgedAt: String?, acknowledgement: String?
    /// When operations were told no 997/999 came in time (`inkstream x12 overdue --notices`).
    package var overdueNoticeAt: String?
}

/// What went over the network about one business document (a PO number, an invoice number).
package struct X12Trail: Sendable, Equatable {
    package var sent: [X12SentSet] = []
    package var advice: [X12AdviceLine] = []
    package var isEmpty: Bool { sent.isEmpty && advice.isEmpty }
    package init() {}
}

extension Journal {
    /// Records a partner's 824 lines (replacing lines of the same set recorded before: the same advice read again).
    package func recordAdvice(_ lines: [X12AdviceLine]) throws(JournalError) {
        guard let first = lines.first else { return }
        try write("record the 824 \(first.setControl) from \(first.partner)") { db in
            for line in lines {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO x12_advice (partner, interchange_control, set_control, line, reference_kind, reference, status, errors, file, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [line.partner, line.interchangeControl, line.setControl, line.line, line.referenceKind, line.reference,
                                     line.status, line.errors, line.file, Clock.now()])
                try AuditedTable.x12_advice.vouch(db, key: [line.partner, line.interchangeControl, line.setControl, line.line], run: nil,
                                                  event: "x12.advice", detail: ["reference": line.reference, "status": line.status])
            }
        }
    }

    /// Everything sent and received about the documents named `references` (e.g. "PO-45001" and "45001"):
    /// our sets whose business reference is one of them with the partners' 997/999 verdicts, and partners'
    /// 824 lines about them. Oldest first.
    package func x12Trail(references: [String]) throws(JournalError) -> X12Trail {
        guard !references.isEmpty else { return X12Trail() }
        return try read("read the EDI trail of \(references[0])") { db in
            var trail = X12Trail()
            let wanted = Set(references)
            let marks = references.map { _ in "?" }.joined(separator: ", ")
            let likes = references.map { _ in "o.sets LIKE ?" }.joined(separator: " OR ")
            let rows = try Row.fetchAll(db, sql: "SELECT o.* FROM x12_outbound o WHERE \(likes) ORDER BY o.sent_at, o.group_control",
                                        arguments: StatementArguments(references.map { "%:\($0)%" }))
            for row in rows {
                let group = X12OutboundGroup(partner: row["partner"], groupControl: row["group_control"], functionalID: row["functional_id"],
                                             interchangeControl: row["interchange_control"], sets: row["sets"], file: row["file"])
                let ack = try Row.fetchOne(db, sql: """
                    SELECT * FROM x12_acknowledgements WHERE partner = ? AND group_control = ? AND functional_id = ?
                    ORDER BY received_at DESC LIMIT 1
                    """, arguments: [group.partner, group.groupControl, group.functionalID])
                let verdicts = Dictionary((ack?["sets"] as String? ?? "").split(separator: ",").compactMap { entry -> (String, String)? in
                    let parts = entry.split(separator: ":").map(String.init)
                    return parts.count == 3 ? ("\(parts[0]):\(parts[1])", parts[2]) : nil
                }, uniquingKeysWith: { a, _ in a })
                for entry in group.entries {
                    guard let about = entry.about, wanted.contains(about) else { continue }
                    let groupStatus: String? = ack?["status"]
                    trail.sent.append(X12SentSet(
                        group: group, setID: entry.setID, setControl: entry.control, about: about, sentAt: row["sent_at"],
                        setStatus: verdicts["\(entry.setID):\(entry.control)"] ?? groupStatus, groupStatus: groupStatus,
                        acknowledgedAt: ack?["received_at"], acknowledgement: ack?["ack_file"], overdueNoticeAt: row["overdue_notice_at"]))
                }
            }
            trail.advice = try Row.fetchAll(db, sql: "SELECT * FROM x12_advice WHERE reference IN (\(marks)) ORDER BY received_at, line",
                                            arguments: StatementArguments(references)).map { row in
                var line = X12AdviceLine(partner: row["partner"], interchangeControl: row["interchange_control"], setControl: row["set_control"],
                                         line: row["line"], referenceKind: row["reference_kind"], reference: row["reference"],
                                         status: row["status"], errors: row["errors"], file: row["file"])
                line.receivedAt = row["received_at"]
                return line
            }
            return trail
        }
    }

    /// Operations were told that this group of ours has no 997/999 yet: `x12 overdue --notices` tells them once.
    package func recordOverdueNotice(partner: String, groupControl: String) throws(JournalError) {
        try write("record the overdue notice for group \(groupControl) sent to \(partner)") { db in
            try db.execute(sql: "UPDATE x12_outbound SET overdue_notice_at = ? WHERE partner = ? AND group_control = ?",
                           arguments: [Clock.now(), partner, groupControl])
            try AuditedTable.x12_outbound.vouch(db, key: [partner, groupControl], run: nil, event: "x12.overdue-notice")
        }
    }

    /// An operator asked to process a held or failed interchange again: its recorded answer stays (its
    /// control number and content still name it) but is marked as being reprocessed, with who asked and why,
    /// in the audit log; the new answer then replaces it, vouched for in its turn.
    package func recordReprocess(partner: String, key: String, outputDirectory: String, reason: String) throws(JournalError) {
        try write("record the reprocessing of interchange \(key) from \(partner)") { db in
            let previous = try Row.fetchOne(db, sql: "SELECT ack_file, outcome FROM x12_inbound WHERE partner = ? AND interchange_control = ? AND output_dir = ?",
                                            arguments: [partner, key, outputDirectory])
            try db.execute(sql: "UPDATE x12_inbound SET communicated_at = NULL, outcome = 'reprocessing' WHERE partner = ? AND interchange_control = ? AND output_dir = ?",
                           arguments: [partner, key, outputDirectory])
            try AuditedTable.x12_inbound.vouch(db, key: [partner, key, outputDirectory], run: nil, event: "x12.reprocess", detail: [
                "reason": reason, "previous_ack_file": previous?["ack_file"] ?? "", "previous_outcome": previous?["outcome"] ?? "",
            ])
        }
    }
}
