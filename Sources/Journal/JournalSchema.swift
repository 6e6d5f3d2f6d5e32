import GRDB

/// Tables of the journal. Migrations only ever add: journals outlive engine versions.
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL,
                    output_dir TEXT NOT NULL,
                    status TEXT NOT NULL,
                    engine TEXT NOT NULL,
                    template_name TEXT NOT NULL,
                    template_file TEXT NOT NULL,
                    template_hash TEXT NOT NULL,
                    input_path TEXT NOT NULL,
                    input_hash TEXT NOT NULL,
                    input_bytes INTEGER NOT NULL,
                    run_date TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    options TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    resumes INTEGER NOT NULL DEFAULT 0,
                    records INTEGER NOT NULL DEFAULT 0,
                    documents INTEGER NOT NULL DEFAULT 0,
                    pages INTEGER NOT NULL DEFAULT 0,
                    rejects INTEGER NOT NULL DEFAULT 0,
                    checkpoint TEXT
                );
                CREATE INDEX runs_by_identity ON runs(run_id, output_dir);
                CREATE TABLE documents (
                    run INTEGER NOT NULL REFERENCES runs(id),
                    line INTEGER NOT NULL,
                    document_id TEXT NOT NULL,
                    byte_offset INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    path TEXT NOT NULL,
                    first_page INTEGER,
                    pages INTEGER NOT NULL,
                    size INTEGER,
                    sha256 TEXT,
                    sha512 TEXT,
                    content_sha256 TEXT NOT NULL,
                    bundle TEXT,
                    PRIMARY KEY (run, line)
                );
                CREATE INDEX documents_by_account ON documents(document_id);
                CREATE INDEX documents_by_bundle ON documents(run, bundle, path);
                CREATE TABLE rejects (
                    run INTEGER NOT NULL REFERENCES runs(id),
                    line INTEGER NOT NULL,
                    file TEXT NOT NULL,
                    byte_offset INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    PRIMARY KEY (run, line)
                );
                CREATE TABLE bundles (
                    run INTEGER NOT NULL REFERENCES runs(id),
                    bundle_id TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    signature_path TEXT NOT NULL,
                    signature_sha256 TEXT NOT NULL,
                    signer TEXT NOT NULL,
                    documents INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (run, bundle_id)
                );
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    run INTEGER,
                    event TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    previous TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        // Email delivery: one row per message file of an output folder, whatever run made it.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    output_dir TEXT NOT NULL,
                    message TEXT NOT NULL,
                    document_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    message_sha256 TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_reply TEXT,
                    first_attempt_at TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (output_dir, message)
                );
                CREATE INDEX deliveries_by_document ON deliveries(document_id);
                """)
        }
        migrator.registerMigration("v3") { db in
            // Counters that must never repeat across runs, e.g. the interchange control numbers of the
            // acknowledgements sent back to trading partners.
            try db.execute(sql: "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
        }
        migrator.registerMigration("v4") { db in
            // X12 groups we sent (997/999, 855) and the functional acknowledgements partners sent back for them.
            try db.execute(sql: """
                CREATE TABLE x12_outbound (
                    partner TEXT NOT NULL,
                    group_control TEXT NOT NULL,
                    functional_id TEXT NOT NULL,
                    interchange_control TEXT NOT NULL,
                    sets TEXT NOT NULL,
                    file TEXT NOT NULL,
                    sent_at TEXT NOT NULL,
                    PRIMARY KEY (partner, group_control)
                );
                CREATE TABLE x12_acknowledgements (
                    partner TEXT NOT NULL,
                    group_control TEXT NOT NULL,
                    functional_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    sets TEXT NOT NULL,
                    ack_file TEXT NOT NULL,
                    matched INTEGER NOT NULL,
                    received_at TEXT NOT NULL,
                    PRIMARY KEY (partner, group_control, ack_file)
                );
                """)
        }
        migrator.registerMigration("v5") { db in
            // Inbound interchanges already answered, so a rerun does not answer them twice.
            try db.execute(sql: """
                CREATE TABLE x12_inbound (
                    partner TEXT NOT NULL,
                    interchange_control TEXT NOT NULL,
                    output_dir TEXT NOT NULL,
                    ack_file TEXT NOT NULL,
                    answered_at TEXT NOT NULL,
                    PRIMARY KEY (partner, interchange_control, output_dir)
                )
                """)
        }
        migrator.registerMigration("v6") { db in
            // When an answered interchange's communications were made (NULL: not yet, e.g. killed before): a
            // repeat of it then makes none, whatever the run date, while one never finished is finished.
            try db.execute(sql: "ALTER TABLE x12_inbound ADD COLUMN communicated_at TEXT")
        }
        migrator.registerMigration("v7") { db in
            // Where an answered interchange came from and how it ended, so `inkstream inbound --reprocess`
            // can find a held or failed one; when operations were told a group of ours went unacknowledged;
            // and partners' 824 application advice, line by line, against the document it is about.
            try db.execute(sql: """
                ALTER TABLE x12_inbound ADD COLUMN source TEXT;
                ALTER TABLE x12_inbound ADD COLUMN outcome TEXT;
                ALTER TABLE x12_outbound ADD COLUMN overdue_notice_at TEXT;
                CREATE TABLE x12_advice (
                    partner TEXT NOT NULL,
                    interchange_control TEXT NOT NULL,
                    set_control TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    reference_kind TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    status TEXT NOT NULL,
                    errors TEXT NOT NULL,
                    file TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    PRIMARY KEY (partner, interchange_control, set_control, line)
                );
                CREATE INDEX x12_advice_by_reference ON x12_advice(reference);
                """)
        }
        return migrator
    }
}
