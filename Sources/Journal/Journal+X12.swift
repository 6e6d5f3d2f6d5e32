import GRDB

/// One recorded answer to an inbound interchange.
package struct X12InboundAnswer: Sendable, Equatable {
    /// "<ISA13>#<content hash>".
    package var key: String
    package var ackFile: String
    package var communicated: Bool
    /// "orders/po.x12#2": the file and the interchange's number in it, as first read (nil before journal v7).
    package var source: String? = nil
    /// How it ended (`X12Outcome` raw values: accepted, rejected, partly-rejected, refused, duplicate, test).
    package var outcome: String? = nil
}

/// A functional group we sent to a partner.
package struct X12OutboundGroup: Sendable, Equatable {
    package var partner: String, groupControl: String, functionalID: String, interchangeControl: String
    /// "855:0001:PO-45001,855:0002:4500077001": set id, control number and the business document it is about.
    package var sets: String
    package var file: String
    package init(partner: String, groupControl: String, functionalID: String, interchangeControl: String, sets: String, file: String) {
        (self.partner, self.groupControl, self.functionalID, self.interchangeControl, self.sets, self.file) =
            (partner, groupControl, functionalID, interchangeControl, sets, file)
    }
}

extension X12OutboundGroup {
    /// `sets` read back: each set's id, control number and the business document it is about (nil when
    /// none was recorded, e.g. a 997 of ours).
    package var entries: [(setID: String, control: String, about: String?)] {
        sets.split(separator: ",").map { entry in
            let parts = entry.split(separator: ":", maxSplits: 2).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : nil)
        }
    }
}

/// A partner's 997/999 about one of our groups: its AK9 status and each set's AK5/IK5 status.
package struct X12ReceivedAcknowledgement: Sendable, Equatable {
    package var partner: String, groupControl: String, functionalID: String
    /// A accepted, E accepted with errors, P partially accepted, R rejected.
    package var status: String
    /// "855:0001:A,855:0002:R".
    package var sets: String
    package var ackFile: String
    package init(partner: String, groupControl: String, functionalID: String, status: String, sets: String, ackFile: String) {
        (self.partner, self.groupControl, self.functionalID, self.status, self.sets, self.ackFile) =
            (partner, groupControl, functionalID, status, sets, ackFile)
    }
}

extension Journal {
    package func recordOutbound(_ group: X12OutboundGroup) throws(JournalError) {
        try write("record the X12 group \(group.groupControl) sent to \(group.partner)") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO x12_outbound (partner, group_control, functional_id, interchange_control, sets, file, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [group.partner, group.groupControl, group.functionalID, group.interchangeControl, group.sets,
                                 group.file, Clock.now()])
            try AuditedTable.x12_outbound.vouch(db, key: [group.partner, group.groupControl], run: nil, event: "x12.sent")
        }
    }

    /// The group we sent to `partner` with this control number and functional id, if we did.
    package func outboundGroup(partner: String, groupControl: String, functionalID: String) throws(JournalError) -> X12OutboundGroup? {
        try read("look up the X12 group \(groupControl) sent to \(partner)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM x12_outbound WHERE partner = ? AND group_control = ? AND functional_id = ?",
                             arguments: [partner, groupControl, functionalID]).map { row in
                X12OutboundGroup(partner: row["partner"], groupControl: row["group_control"], functionalID: row["functional_id"],
                                 interchangeControl: row["interchange_control"], sets: row["sets"], file: row["file"])
            }
        }
    }

    /// Groups we sent before `cutoff` (ISO 8601, as the journal writes times) that no partner's 997/999 has
    /// acknowledged yet, oldest first. Our own 997/999 groups (FA) are left out: acknowledgements are not
    /// acknowledged.
    /// With each, when operations were told it is overdue (`x12 overdue --notices`), or nil.
    package func unacknowledgedGroups(sentBefore cutoff: String) throws(JournalError)
        -> [(group: X12OutboundGroup, sentAt: String, noticedAt: String?)] {
        try read("list the X12 groups awaiting a 997/999") { db in
            try Row.fetchAll(db, sql: """
                SELECT o.* FROM x12_outbound o
                WHERE o.functional_id != 'FA' AND o.sent_at < ?
                  AND NOT EXISTS (SELECT 1 FROM x12_acknowledgements a
                                  WHERE a.partner = o.partner AND a.group_control = o.group_control AND a.functional_id = o.functional_id)
                ORDER BY o.sent_at, o.partner, o.group_control
                """, arguments: [cutoff]).map { row in
                (X12OutboundGroup(partner: row["partner"], groupControl: row["group_control"], functionalID: row["functional_id"],
                                  interchangeControl: row["interchange_control"], sets: row["sets"], file: row["file"]),
                 row["sent_at"] as String, row["overdue_notice_at"] as String?)
            }
        }
    }

    /// Records a received acknowledgement against the group it acknowledges; false when we never sent that group.
    @discardableResult
    package func recordAcknowledgement(_ ack: X12ReceivedAcknowledgement) throws(JournalError) -> Bool {
        try write("record the acknowledgement of group \(ack.groupControl) from \(ack.partner)") { db in
            let matched = try Row.fetchOne(db, sql: "SELECT 1 FROM x12_outbound WHERE partner = ? AND group_control = ? AND functional_id = ?",
                                           arguments: [ack.partner, ack.groupControl, ack.functionalID]) != nil
            try db.execute(sql: """
                INSERT OR REPLACE INTO x12_acknowledgements (partner, group_control, functional_id, status, sets, ack_file, matched, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [ack.partner, ack.groupControl, ack.functionalID, ack.status, ack.sets, ack.ackFile, matched, Clock.now()])
            try AuditedTable.x12_acknowledgements.vouch(db, key: [ack.partner, ack.groupControl, ack.ackFile], run: nil,
                                                        event: "x12.acknowledged", detail: [
                "partner": ack.partner, "group": ack.groupControl, "functional_id": ack.functionalID, "status": ack.status,
                "sets": ack.sets, "matched": matched ? "yes" : "no",
            ])
            return matched
        }
    }
}

extension Journal {
    /// The acknowledgement file (relative to `outputDirectory`) that already answers this inbound interchange.
    package func answeredInterchange(partner: String, control: String, outputDirectory: String) throws(JournalError) -> String? {
        try read("look up interchange \(control) from \(partner)") { db in
            try String.fetchOne(db, sql: "SELECT ack_file FROM x12_inbound WHERE partner = ? AND interchange_control = ? AND output_dir = ?",
                                arguments: [partner, control, outputDirectory])
        }
    }

    /// Every answer recorded for interchange control number `control` (ISA13) from `partner` into this
    /// output folder: the key each was recorded under (control number and content hash), its ack file, and
    /// whether its communications were made. Files on disk are not consulted: the journal says what was sent.
    package func answers(partner: String, control: String, outputDirectory: String) throws(JournalError) -> [X12InboundAnswer] {
        try read("look up interchange \(control) from \(partner)") { db in
            let prefix = control + "#"
            return try Row.fetchAll(db, sql: """
                SELECT interchange_control, ack_file, communicated_at, source, outcome FROM x12_inbound
                WHERE partner = ? AND output_dir = ? AND substr(interchange_control, 1, ?) = ? ORDER BY answered_at
                """, arguments: [partner, outputDirectory, prefix.utf8.count, prefix]).map {
                X12InboundAnswer(key: $0["interchange_control"], ackFile: $0["ack_file"], communicated: ($0["communicated_at"] as String?) != nil,
                                 source: $0["source"], outcome: $0["outcome"])
            }
        }
    }

    /// Whether an answer recorded for this output folder already has this ack file name (the file may have
    /// been picked up since: the name still belongs to that answer).
    package func ackFileRecorded(_ ackFile: String, outputDirectory: String) throws(JournalError) -> Bool {
        try read("look up ack file \(ackFile)") { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM x12_inbound WHERE output_dir = ? AND ack_file = ?",
                             arguments: [outputDirectory, ackFile]) != nil
        }
    }

    /// The communications of these answered interchanges are made (their runs completed).
    package func recordCommunicated(partner: String, key: String, outputDirectory: String) throws(JournalError) {
        try write("record the communications of interchange \(key) from \(partner)") { db in
            try db.execute(sql: "UPDATE x12_inbound SET communicated_at = ? WHERE partner = ? AND interchange_control = ? AND output_dir = ?",
                           arguments: [Clock.now(), partner, key, outputDirectory])
            try AuditedTable.x12_inbound.vouch(db, key: [partner, key, outputDirectory], run: nil, event: "x12.communicated")
        }
    }

    package func recordAnswered(partner: String, control: String, outputDirectory: String, ackFile: String,
                                source: String? = nil, outcome: String? = nil) throws(JournalError) {
        try write("record the answer to interchange \(control) from \(partner)") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO x12_inbound (partner, interchange_control, output_dir, ack_file, answered_at, source, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [partner, control, outputDirectory, ackFile, Clock.now(), source, outcome])
            try AuditedTable.x12_inbound.vouch(db, key: [partner, control, outputDirectory], run: nil, event: "x12.answered")
        }
    }
}
