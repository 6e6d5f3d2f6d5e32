import GRDB

extension Journal {
    /// The latest run with this identity in this output folder, if any.
    package func latestRun(runID: String, outputDirectory: String) throws(JournalError) -> JournalRun? {
        try read("look up run \(runID)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ? AND output_dir = ? ORDER BY id DESC LIMIT 1",
                             arguments: [runID, outputDirectory]).map(JournalRun.init(row:))
        }
    }

    package func run(row: Int64) throws(JournalError) -> JournalRun? {
        try read("look up run \(row)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [row]).map(JournalRun.init(row:))
        }
    }

    /// Runs by their id (several when the same run was made into several folders), newest first.
    package func runs(runID: String) throws(JournalError) -> [JournalRun] {
        try read("look up run \(runID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE run_id = ? ORDER BY id DESC", arguments: [runID])
                .map(JournalRun.init(row:))
        }
    }

    /// Starts a run. Unfinished runs of other identities in the same folder are marked superseded: their
    /// partial output is about to be overwritten.
    public func startRun(_ run: RunDescription) throws(JournalError) -> Int64 {
        try write("start run \(run.runID)") { db in
            let unfinished = try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE output_dir = ? AND status = 'running' ORDER BY id",
                                                arguments: [run.outputDirectory])
            for id in unfinished {
                try db.execute(sql: "UPDATE runs SET status = 'superseded' WHERE id = ?", arguments: [id])
                try AuditedTable.runs.vouch(db, key: [id], run: id, event: "run.superseded")
            }
            try db.execute(sql: """
                INSERT INTO runs (run_id, output_dir, status, engine, template_name, template_file, template_hash,
                                  input_path, input_hash, input_bytes, run_date, mode, options, started_at)
                VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.runID, run.outputDirectory, run.engine, run.templateName, run.templateFile,
                                 run.templateHash, run.inputPath, run.inputHash, run.inputBytes, run.runDate, run.mode,
                                 run.options, Clock.now()])
            let row = db.lastInsertedRowID
            try AuditedTable.runs.vouch(db, key: [row], run: row, event: "run.started", detail: [
                "run_id": run.runID, "output": run.outputDirectory, "template": run.templateName,
                "template_hash": run.templateHash, "input": run.inputPath, "input_hash": run.inputHash,
                "run_date": run.runDate, "mode": run.mode, "engine": run.engine,
            ])
            return row
        }
    }

    /// Records that an interrupted run goes on from its last checkpoint.
    package func resumeRun(row: Int64, fromRecord records: Int) throws(JournalError) {
        try write("resume run \(row)") { db in
            try db.execute(sql: "UPDATE runs SET resumes = resumes + 1 WHERE id = ?", arguments: [row])
            try AuditedTable.runs.vouch(db, key: [row], run: row, event: "run.resumed",
                                        detail: ["records_already_committed": "\(records)"])
        }
    }

    /// Documents and rejects committed since the last checkpoint, the counts so far and the new
    /// checkpoint, in one transaction, with the audit entry that vouches for them.
    public func commit(run row: Int64, documents: [DocumentEntry], rejects: [RejectEntry], counts: RunCounts,
                       checkpoint: String) throws(JournalError) {
        try write("record progress of run \(row)") { db in
            let insertDocument = try db.cachedStatement(sql: """
                INSERT INTO documents (run, line, document_id, byte_offset, channel, path, first_page, pages, size, sha256,
                                       sha512, content_sha256, bundle)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for d in documents {
                try insertDocument.execute(arguments: [row, d.line, d.documentID, d.byteOffset, d.channel, d.path,
                                                       d.firstPage, d.pages, d.size, d.sha256, d.sha512,
                                                       d.contentSHA256, d.bundle])
            }
            let insertReject = try db.cachedStatement(sql: "INSERT INTO rejects (run, line, file, byte_offset, reason) VALUES (?, ?, ?, ?, ?)")
            for r in rejects {
                try insertReject.execute(arguments: [row, r.line, r.file, r.byteOffset, r.reason])
            }
            try db.execute(sql: "UPDATE runs SET records = ?, documents = ?, pages = ?, rejects = ?, checkpoint = ? WHERE id = ?",
                           arguments: [counts.records, counts.documents, counts.pages, counts.rejects, checkpoint, row])
            // The batch's rows are vouched for in the transaction that adds them: a digest per batch, not per row.
            try AuditedTable.runs.vouch(db, key: [row], run: row, event: "run.checkpoint",
                                        detail: BatchVoucher.detail(documents: documents, rejects: rejects))
        }
    }

    /// Marks the run complete with its bundles; the audit entry carries digests of the run's documents and
    /// rejects, so editing them later is detected by `verifyAudit()`.
    package func completeRun(row: Int64, counts: RunCounts, bundles: [BundleEntry]) throws(JournalError) {
        try write("complete run \(row)") { db in
            let now = Clock.now()
            for b in bundles {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO bundles (run, bundle_id, path, sha256, bytes, signature_path, signature_sha256, signer, documents, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row, b.bundleID, b.path, b.sha256, b.bytes, b.signaturePath, b.signatureSHA256,
                                     b.signer, b.documents, now])
                try AuditedTable.bundles.vouch(db, key: [row, b.bundleID], run: row, event: "bundle.signed", detail: [
                    "bundle": b.bundleID, "path": b.path, "sha256": b.sha256, "signature_sha256": b.signatureSHA256,
                    "signer": b.signer, "documents": "\(b.documents)",
                ])
            }
            try db.execute(sql: """
                UPDATE runs SET status = 'complete', finished_at = ?, records = ?, documents = ?, pages = ?, rejects = ?
                WHERE id = ?
                """, arguments: [now, counts.records, counts.documents, counts.pages, counts.rejects, row])
            try AuditedTable.runs.vouch(db, key: [row], run: row, event: "run.completed", detail: [
                "records": "\(counts.records)", "documents": "\(counts.documents)", "pages": "\(counts.pages)",
                "rejects": "\(counts.rejects)", "documents_digest": try RunDigest.documents(db, run: row),
                "rejects_digest": try RunDigest.rejects(db, run: row),
            ])
        }
    }

    /// Ends a run that must not count as done (too many rejects): no bundle, status `failed`, and why.
    package func failRun(row: Int64, counts: RunCounts, reason: String) throws(JournalError) {
        try write("mark run \(row) failed") { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'failed', finished_at = ?, records = ?, documents = ?, pages = ?, rejects = ?
                WHERE id = ?
                """, arguments: [Clock.now(), counts.records, counts.documents, counts.pages, counts.rejects, row])
            try AuditedTable.runs.vouch(db, key: [row], run: row, event: "run.failed", detail: ["reason": reason])
        }
    }

    /// Every document id the run committed, with its line (what a resumed run must treat as already made),
    /// one at a time: a run may hold millions.
    package func forEachCommittedDocument(run row: Int64, _ body: (_ id: String, _ line: Int) -> Void) throws(JournalError) {
        try read("read the documents of run \(row)") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT document_id, line FROM documents WHERE run = ? ORDER BY line", arguments: [row])
            while let row = try rows.next() { body(row["document_id"], row["line"]) }
        }
    }

    package enum DocumentOrder: Sendable { case line, path }

    /// The run's documents in one bundle (nil: all), one at a time, in input order or by output path;
    /// `body` returns false to stop early.
    package func forEachDocument(run row: Int64, bundle: String?, orderedBy order: DocumentOrder,
                                _ body: (DocumentEntry) -> Bool) throws(JournalError) {
        try read("read the documents of run \(row)") { db in
            let orderBy = order == .line ? "line" : "path"
            let rows = bundle == nil
                ? try Row.fetchCursor(db, sql: "SELECT * FROM documents WHERE run = ? ORDER BY \(orderBy)", arguments: [row])
                : try Row.fetchCursor(db, sql: "SELECT * FROM documents WHERE run = ? AND bundle = ? ORDER BY \(orderBy)",
                                      arguments: [row, bundle])
            while let row = try rows.next() {
                if !body(DocumentEntry(row: row)) { return }
            }
        }
    }

    /// The bundles the run's documents were routed to, with how many documents each holds.
    package func documentBundles(run row: Int64) throws(JournalError) -> [(bundle: String, documents: Int)] {
        try read("read the bundles of run \(row)") { db in
            try Row.fetchAll(db, sql: "SELECT bundle, count(*) AS n FROM documents WHERE run = ? AND bundle IS NOT NULL GROUP BY bundle ORDER BY bundle",
                             arguments: [row]).map { (bundle: $0["bundle"], documents: $0["n"]) }
        }
    }

    package func rejects(run row: Int64, limit: Int = .max) throws(JournalError) -> [RejectEntry] {
        try read("read the rejects of run \(row)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rejects WHERE run = ? ORDER BY line LIMIT ?", arguments: [row, limit])
                .map { RejectEntry(file: $0["file"], line: $0["line"], byteOffset: $0["byte_offset"], reason: $0["reason"]) }
        }
    }

}

extension JournalRun {
    init(row: Row) {
        self.row = row["id"]
        description = RunDescription(
            runID: row["run_id"], outputDirectory: row["output_dir"], engine: row["engine"],
            templateName: row["template_name"], templateFile: row["template_file"], templateHash: row["template_hash"],
            inputPath: row["input_path"], inputHash: row["input_hash"], inputBytes: row["input_bytes"],
            runDate: row["run_date"], mode: row["mode"], options: row["options"])
        status = RunStatus(rawValue: row["status"]) ?? .failed
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        resumes = row["resumes"]
        counts = RunCounts(records: row["records"], documents: row["documents"], pages: row["pages"], rejects: row["rejects"])
        checkpoint = row["checkpoint"]
    }
}

extension DocumentEntry {
    init(row: Row) {
        self.init(line: row["line"], documentID: row["document_id"], byteOffset: row["byte_offset"], channel: row["channel"],
                  path: row["path"], firstPage: row["first_page"], pages: row["pages"], size: row["size"],
                  sha256: row["sha256"], sha512: row["sha512"], contentSHA256: row["content_sha256"], bundle: row["bundle"])
    }
}

extension BundleEntry {
    init(row: Row) {
        self.init(bundleID: row["bundle_id"], path: row["path"], sha256: row["sha256"], bytes: row["bytes"],
                  signaturePath: row["signature_path"], signatureSHA256: row["signature_sha256"], signer: row["signer"],
                  documents: row["documents"])
    }
}
