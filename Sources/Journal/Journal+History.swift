import GRDB

/// One document an account received, as `inkstream history` shows it.
package struct HistoryEntry: Sendable {
    package let run: JournalRun
    package let document: DocumentEntry
    /// The bundle that carried it, when the run made bundles.
    package let bundle: BundleEntry?
    /// Where an email document went and what the server answered (`deliver email`).
    package let deliveries: [DeliveryEntry]
}

extension Journal {
    /// Every document `account` received, oldest run first.
    package func history(account: String) throws(JournalError) -> [HistoryEntry] {
        try read("read the history of \(account)") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.*, r.id AS run_row FROM documents d JOIN runs r ON r.id = d.run
                WHERE d.document_id = ? ORDER BY r.run_date, r.id, d.line
                """, arguments: [account])
            return try rows.map { row in
                let runRow: Int64 = row["run_row"]
                let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [runRow]).map(JournalRun.init(row:))!
                let document = DocumentEntry(row: row)
                let bundle = try document.bundle.flatMap { id in
                    try Row.fetchOne(db, sql: "SELECT * FROM bundles WHERE run = ? AND bundle_id = ?", arguments: [runRow, id])
                        .map(BundleEntry.init(row:))
                }
                let deliveries = try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE output_dir = ? AND document_id = ?",
                                                  arguments: [run.description.outputDirectory, document.documentID])
                    .map(DeliveryEntry.init(row:))
                return HistoryEntry(run: run, document: document, bundle: bundle, deliveries: document.channel == "email" ? deliveries : [])
            }
        }
    }

    /// Who signed the journal's bundles (subject and certificate fingerprint, as `bundles.signer` holds them).
    package func bundleSigners() throws(JournalError) -> [String] {
        try read("read the bundle signers") { db in try String.fetchAll(db, sql: "SELECT DISTINCT signer FROM bundles ORDER BY signer") }
    }

    /// The document a run made for `account`, if any.
    package func document(run row: Int64, account: String) throws(JournalError) -> DocumentEntry? {
        try read("look up \(account) in run \(row)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE run = ? AND document_id = ? ORDER BY line LIMIT 1",
                             arguments: [row, account]).map(DocumentEntry.init(row:))
        }
    }
}
