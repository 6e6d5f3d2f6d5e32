import GRDB

/// Where a message file of an output folder stands with the mail server.
package enum DeliveryStatus: String, Sendable, CaseIterable {
    /// Known, not tried yet.
    case queued
    /// The body went out and the final "." is about to (or did) follow: the server may have taken it.
    case sending
    case sent
    /// A temporary failure (4xx, a dropped connection): try again later.
    case deferred
    /// A permanent failure (5xx): not tried again.
    case failed
    /// Interrupted while `sending`: the server may or may not have it, so it is never sent again.
    case uncertain

    /// Settled: delivery never touches the message again.
    package var isFinal: Bool { self == .sent || self == .failed || self == .uncertain }
}

/// One message file's delivery, as the journal holds it.
package struct DeliveryEntry: Sendable, Equatable {
    package var outputDirectory: String
    /// The file name inside OUT/email, e.g. `100000175.eml`.
    package var message: String
    /// The file's stem: the document (account) id.
    package var documentID: String
    package var messageID: String
    package var messageSHA256: String
    /// Envelope recipients, comma-separated.
    package var recipients: String
    package var status: DeliveryStatus
    package var attempts: Int
    /// The server's last reply, verbatim (lines joined with "\n"), or what went wrong.
    package var lastReply: String?
    package var firstAttemptAt: String?
    package var updatedAt: String

    package init(outputDirectory: String, message: String, documentID: String, messageID: String, messageSHA256: String,
                recipients: String, status: DeliveryStatus, attempts: Int, lastReply: String?, firstAttemptAt: String?,
                updatedAt: String) {
        self.outputDirectory = outputDirectory
        self.message = message
        self.documentID = documentID
        self.messageID = messageID
        self.messageSHA256 = messageSHA256
        self.recipients = recipients
        self.status = status
        self.attempts = attempts
        self.lastReply = lastReply
        self.firstAttemptAt = firstAttemptAt
        self.updatedAt = updatedAt
    }
}

extension Journal {
    /// The delivery of one message file, if the journal knows it.
    package func delivery(outputDirectory: String, message: String) throws(JournalError) -> DeliveryEntry? {
        try read("look up the delivery of \(message)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE output_dir = ? AND message = ?",
                             arguments: [outputDirectory, message]).map(DeliveryEntry.init(row:))
        }
    }

    /// Every delivery of an output folder, by message file name.
    package func deliveries(outputDirectory: String) throws(JournalError) -> [DeliveryEntry] {
        try read("read the deliveries of \(outputDirectory)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE output_dir = ? ORDER BY message",
                             arguments: [outputDirectory]).map(DeliveryEntry.init(row:))
        }
    }

    /// Every delivery of one document (account), oldest first: for `inkstream history`.
    package func deliveries(documentID: String) throws(JournalError) -> [DeliveryEntry] {
        try read("read the deliveries of \(documentID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE document_id = ? ORDER BY id",
                             arguments: [documentID]).map(DeliveryEntry.init(row:))
        }
    }

    /// Makes sure the message has a row and returns it. A new message is `queued`; one not yet settled nor
    /// in flight takes the file's current identity (a re-run may have rewritten it); a settled or `sending`
    /// one is returned as it is.
    package func enqueueDelivery(outputDirectory: String, message: String, documentID: String, messageID: String,
                                messageSHA256: String, recipients: String) throws(JournalError) -> DeliveryEntry {
        try write("queue the delivery of \(message)") { db in
            let now = Clock.now()
            try db.execute(sql: """
                INSERT INTO deliveries (output_dir, message, document_id, message_id, message_sha256, recipients, status,
                                        attempts, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?)
                ON CONFLICT (output_dir, message) DO UPDATE SET
                    document_id = excluded.document_id, message_id = excluded.message_id,
                    message_sha256 = excluded.message_sha256, recipients = excluded.recipients
                WHERE deliveries.status IN ('queued', 'deferred')
                    AND (deliveries.message_sha256 != excluded.message_sha256 OR deliveries.recipients != excluded.recipients)
                """, arguments: [outputDirectory, message, documentID, messageID, messageSHA256, recipients, now])
            if db.changesCount > 0 { try Self.vouchDelivery(db, outputDirectory, message, event: "delivery.queued") }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE output_dir = ? AND message = ?",
                                             arguments: [outputDirectory, message]) else {
                throw JournalError("the delivery of \(message) vanished right after it was written")
            }
            return DeliveryEntry(row: row)
        }
    }

    /// Marks the message `sending`: called just before the final "." of DATA.
    package func markSending(outputDirectory: String, message: String, attemptStartedAt: String) throws(JournalError) {
        try write("mark \(message) sending") { db in
            try db.execute(sql: """
                UPDATE deliveries SET status = 'sending', first_attempt_at = COALESCE(first_attempt_at, ?), updated_at = ?
                WHERE output_dir = ? AND message = ?
                """, arguments: [attemptStartedAt, Clock.now(), outputDirectory, message])
            if db.changesCount > 0 { try Self.vouchDelivery(db, outputDirectory, message, event: "delivery.sending") }
        }
    }

    /// Records how one attempt ended (`sent`, `deferred`, `failed` or `uncertain`), counting it; `sent` and
    /// `failed` also go into the audit log, in the same transaction.
    @discardableResult
    package func recordDeliveryAttempt(outputDirectory: String, message: String, status: DeliveryStatus, reply: String,
                                      attemptStartedAt: String) throws(JournalError) -> DeliveryEntry? {
        try write("record the delivery of \(message) as \(status.rawValue)") { db in
            try db.execute(sql: """
                UPDATE deliveries SET status = ?, attempts = attempts + 1, last_reply = ?,
                    first_attempt_at = COALESCE(first_attempt_at, ?), updated_at = ?
                WHERE output_dir = ? AND message = ?
                """, arguments: [status.rawValue, reply, attemptStartedAt, Clock.now(), outputDirectory, message])
            let entry = try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE output_dir = ? AND message = ?",
                                         arguments: [outputDirectory, message]).map(DeliveryEntry.init(row:))
            if let entry {
                if status == .sent || status == .failed {
                    try Self.auditDelivery(db, entry)
                } else {
                    try Self.vouchDelivery(db, outputDirectory, message, event: "delivery.\(status.rawValue)")
                }
            }
            return entry
        }
    }

    /// Settles a message found `sending` when delivery starts: the process died between the final "." and
    /// recording the server's answer, so the message becomes `uncertain` and is never sent again.
    package func markUncertain(outputDirectory: String, message: String, reason: String) throws(JournalError) {
        try write("mark \(message) uncertain") { db in
            try db.execute(sql: """
                UPDATE deliveries SET status = 'uncertain', attempts = attempts + 1, last_reply = ?, updated_at = ?
                WHERE output_dir = ? AND message = ? AND status = 'sending'
                """, arguments: [reason, Clock.now(), outputDirectory, message])
            if db.changesCount > 0 { try Self.vouchDelivery(db, outputDirectory, message, event: "delivery.uncertain") }
        }
    }

    /// Every change of a delivery row is vouched for by an audit entry in the same transaction.
    private static func vouchDelivery(_ db: Database, _ outputDirectory: String, _ message: String, event: String,
                                      detail: [String: String] = [:]) throws {
        let run: Int64? = try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE output_dir = ? ORDER BY id DESC LIMIT 1",
                                             arguments: [outputDirectory])
        try AuditedTable.deliveries.vouch(db, key: [outputDirectory, message], run: run, event: event, detail: detail)
    }

    private static func auditDelivery(_ db: Database, _ entry: DeliveryEntry) throws {
        try vouchDelivery(db, entry.outputDirectory, entry.message, event: entry.status == .sent ? "email.sent" : "email.failed", detail: [
            "output": entry.outputDirectory, "message": entry.message, "document_id": entry.documentID,
            "message_id": entry.messageID, "message_sha256": entry.messageSHA256, "recipients": entry.recipients,
            "reply": entry.lastReply ?? "", "attempts": "\(entry.attempts)",
        ])
    }
}

extension DeliveryEntry {
    init(row: Row) {
        self.init(outputDirectory: row["output_dir"], message: row["message"], documentID: row["document_id"],
                  messageID: row["message_id"], messageSHA256: row["message_sha256"], recipients: row["recipients"],
                  status: DeliveryStatus(rawValue: row["status"]) ?? .uncertain, attempts: row["attempts"],
                  lastReply: row["last_reply"], firstAttemptAt: row["first_attempt_at"], updatedAt: row["updated_at"])
    }
}
