import Crypto
import Foundation
import GRDB

/// The last entry of the audit chain: what a signed head file anchors.
package struct AuditHead: Sendable, Equatable {
    package let seq: Int64
    package let hash: String
    package init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// What `verifyAudit()` found.
package struct AuditVerification: Sendable {
    package let entries: Int
    /// Empty when the log and the rows it vouches for are intact; otherwise each problem, first first.
    package let problems: [String]
    /// The chain's last entry as it is now.
    package let last: AuditHead?
    /// Entries after the anchor (appended by a command still running, or killed before it signed the head).
    package let unanchored: Int
    package var intact: Bool { problems.isEmpty }
}

extension Journal {
    /// Walks the chain from the first entry, checks it against `anchor` (the head a signed head file vouches
    /// for) and checks every vouched table against the entries: changed, added and missing rows.
    package func verifyAudit(anchor: AuditHead? = nil) throws(JournalError) -> AuditVerification {
        try read("verify the audit log") { db in
            var verifier = AuditVerifier(db: db)
            return try verifier.verify(anchor: anchor)
        }
    }

    /// Runs `body` with the chain's last entry inside a write transaction, so no other process appends
    /// while the head is being signed and written: the head file never goes back to an older entry.
    package func withLockedHead(_ body: (AuditHead?) throws -> Void) throws(JournalError) {
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
                    try body(last.map { AuditHead(seq: $0["seq"], hash: $0["hash"]) })
                    return .commit
                }
            }
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError("journal \(path): cannot sign the head of the audit log: \(error)")
        }
    }
}

/// One walk over the audit log and the tables it vouches for.
private struct AuditVerifier {
    let db: Database
    var problems: [String] = []

    init(db: Database) { self.db = db }

    /// A row of a table as the latest entry about it recorded it.
    struct Vouched { let seq: Int64, event: String, columns: [String: String] }
    /// A document or reject line as a checkpoint entry recorded it.
    struct VouchedLine { let seq: Int64, short: String }

    mutating func verify(anchor: AuditHead?) throws -> AuditVerification {
        var previous = AuditLog.genesis
        var expectedSeq: Int64 = 1
        var count = 0
        var last: AuditHead?
        var anchoredHash: String?
        var unanchored = 0
        var rows: [AuditedTable: [String: Vouched]] = [:]
        var lines: [String: [Int64: [Int: VouchedLine]]] = ["documents": [:], "rejects": [:]]
        var batchDigests: [String: String] = [:]
        var completed: [(seq: Int64, run: Int64, detail: [String: String])] = []
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
        while let entry = try entries.next() {
            count += 1
            let seq: Int64 = entry["seq"]
            let run: Int64? = entry["run"]
            let event: String = entry["event"]
            let text: String = entry["detail"]
            if seq != expectedSeq { problems.append("audit entry \(expectedSeq) is missing (the next one is \(seq))") }
            if entry["previous"] != previous {
                problems.append("audit entry \(seq) (\(event)) does not follow the entry before it: the chain was cut or reordered")
            }
            let hash = AuditLog.entryHash(previous: entry["previous"], seq: seq, at: entry["at"], run: run, event: event, detail: text)
            if hash != entry["hash"] as String {
                problems.append("audit entry \(seq) (\(event)) was changed after it was written: its hash does not match its content")
            }
            previous = entry["hash"]
            expectedSeq = seq + 1
            last = AuditHead(seq: seq, hash: entry["hash"])
            if let anchor {
                if seq == anchor.seq { anchoredHash = entry["hash"] }
                if seq > anchor.seq { unanchored += 1 }
            }
            guard let detail = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { continue }
            if let name = detail["table"], let table = AuditedTable(rawValue: name), let rowText = detail["row"],
               let columns = try? JSONDecoder().decode([String: String].self, from: Data(rowText.utf8)) {
                rows[table, default: [:]][table.keyText(columns)] = Vouched(seq: seq, event: event, columns: columns)
            }
            if event == "run.checkpoint", let run {
                for kind in ["documents", "rejects"] {
                    guard let list = detail["\(kind)_rows"], let digest = detail["\(kind)_batch_digest"] else { continue }
                    batchDigests["\(kind):\(run):\(seq)"] = digest
                    for item in BatchVoucher.parse(list) {
                        lines[kind]![run, default: [:]][item.line] = VouchedLine(seq: seq, short: item.short)
                    }
                }
            }
            if event == "run.completed", let run { completed.append((seq, run, detail)) }
        }
        if let anchor { checkAnchor(anchor, last: last, anchoredHash: anchoredHash) }
        let runIDs = Dictionary(try Row.fetchAll(db, sql: "SELECT id, run_id FROM runs").map { ($0["id"] as Int64, $0["run_id"] as String) },
                                uniquingKeysWith: { a, _ in a })
        for table in AuditedTable.allCases { try checkTable(table, vouched: rows[table] ?? [:]) }
        // Runs written before rows were vouched for per batch (their run.completed entry vouches for no runs row):
        // their completion digests still prove their documents and rejects.
        let legacy = Set(completed.filter { $0.detail["table"] == nil }.map(\.run))
        try checkLines("documents", vouched: lines["documents"]!, digests: batchDigests, runIDs: runIDs, legacy: legacy) { row in
            let d = DocumentEntry(row: row)
            return (BatchVoucher.documentLine(d), "document \(d.documentID)")
        }
        try checkLines("rejects", vouched: lines["rejects"]!, digests: batchDigests, runIDs: runIDs, legacy: legacy) { row in
            (BatchVoucher.rejectLine(RejectEntry(row: row)), "reject")
        }
        for entry in completed where legacy.contains(entry.run) {
            if try RunDigest.documents(db, run: entry.run) != entry.detail["documents_digest"] {
                problems.append("the documents of run \(entry.run) differ from what audit entry \(entry.seq) recorded when the run completed")
            }
            if try RunDigest.rejects(db, run: entry.run) != entry.detail["rejects_digest"] {
                problems.append("the rejects of run \(entry.run) differ from what audit entry \(entry.seq) recorded when the run completed")
            }
        }
        return AuditVerification(entries: count, problems: problems, last: last, unanchored: unanchored)
    }

    private mutating func checkAnchor(_ anchor: AuditHead, last: AuditHead?, anchoredHash: String?) {
        let lastSeq = last?.seq ?? 0
        if lastSeq < anchor.seq {
            let missing = anchor.seq == lastSeq + 1 ? "entry \(anchor.seq) is" : "entries \(lastSeq + 1)…\(anchor.seq) are"
            problems.insert("the audit log was truncated after entry \(lastSeq): the signed head vouches for \(anchor.seq) entries, so \(missing) missing; rows only they vouched for are listed below as not vouched for or changed", at: 0)
        } else if anchoredHash != anchor.hash {
            problems.insert("audit entry \(anchor.seq) is not the entry the signed head vouches for: the log was rewritten up to there", at: 0)
        }
    }

    /// Every row of `table` against the latest entry about it.
    private mutating func checkTable(_ table: AuditedTable, vouched: [String: Vouched]) throws {
        var remaining = vouched
        var found = Capped(table.rawValue)
        let order = table.key.joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(order)")
        while let row = try cursor.next() {
            let columns = AuditedTable.columns(of: row)
            guard let v = remaining.removeValue(forKey: table.keyText(columns)) else {
                found.add("\(table.rawValue): the row \(table.describe(columns)) is not vouched for by any audit entry: it was added outside inkstream (or its entry was removed)")
                continue
            }
            let changed = Set(columns.keys).union(v.columns.keys).sorted().filter { columns[$0] != v.columns[$0] }
            guard !changed.isEmpty else { continue }
            let what = changed.map { "column \($0) is \(Self.show(columns[$0])), the entry recorded \(Self.show(v.columns[$0]))" }
            found.add("\(table.rawValue): the row \(table.describe(columns)) was changed after audit entry \(v.seq) (\(v.event)) vouched for it: " + what.joined(separator: "; "))
        }
        for v in remaining.values.sorted(by: { $0.seq < $1.seq }) {
            found.add("\(table.rawValue): the row \(table.describe(v.columns)), vouched for by audit entry \(v.seq) (\(v.event)), is missing: it was deleted")
        }
        problems += found.all
    }

    /// Documents or rejects, row by row, against the checkpoint entries that vouched for their batches.
    private mutating func checkLines(_ kind: String, vouched: [Int64: [Int: VouchedLine]], digests: [String: String],
                                     runIDs: [Int64: String], legacy: Set<Int64>,
                                     text: (Row) -> (line: String, name: String)) throws {
        var remaining = vouched
        var hashers: [String: SHA256] = [:]
        var batchesWithProblems: Set<String> = []
        var found = Capped(kind)
        func runName(_ run: Int64) -> String { "\(kind) of run \(run)" + (runIDs[run].map { " (\($0))" } ?? "") }
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(kind) ORDER BY run, line")
        while let row = try cursor.next() {
            let run: Int64 = row["run"]
            let line: Int = row["line"]
            let (rowText, name) = text(row)
            if legacy.contains(run) && vouched[run] == nil { continue }
            guard let v = remaining[run]?.removeValue(forKey: line) else {
                found.add("\(runName(run)): line \(line) (\(name)) is not vouched for by any audit entry: it was added outside inkstream (or its entry was removed)")
                continue
            }
            let batch = "\(kind):\(run):\(v.seq)"
            hashers[batch, default: SHA256()].update(data: Data(rowText.utf8))
            if BatchVoucher.shortDigest(rowText) != v.short {
                batchesWithProblems.insert(batch)
                found.add("\(runName(run)): line \(line) (\(name)) was changed after audit entry \(v.seq) (run.checkpoint) vouched for it")
            }
        }
        for (run, left) in remaining.sorted(by: { $0.key < $1.key }) {
            for (line, v) in left.sorted(by: { $0.key < $1.key }) {
                batchesWithProblems.insert("\(kind):\(run):\(v.seq)")
                found.add("\(runName(run)): line \(line), vouched for by audit entry \(v.seq) (run.checkpoint), is missing: the row was deleted")
            }
        }
        for (batch, digest) in digests.sorted(by: { $0.key < $1.key }) where batch.hasPrefix(kind + ":") && !batchesWithProblems.contains(batch) {
            let hasher = hashers[batch] ?? SHA256()
            if hasher.finalize().hex != digest {
                let parts = batch.split(separator: ":")
                found.add("\(runName(Int64(parts[1]) ?? 0)): the rows vouched for by audit entry \(parts[2]) were changed")
            }
        }
        problems += found.all
    }

    static func show(_ value: String?) -> String {
        guard let value else { return "NULL" }
        return "'" + (value.count > 80 ? value.prefix(77) + "…" : value) + "'"
    }
}

/// Problems of one kind, the first 20 in full: a journal rewritten wholesale should not print a million lines.
private struct Capped {
    let kind: String
    var lines: [String] = []
    var more = 0
    init(_ kind: String) { self.kind = kind }

    mutating func add(_ line: String) {
        if lines.count < 20 { lines.append(line) } else { more += 1 }
    }
}

extension Capped {
    var all: [String] { more == 0 ? lines : lines + ["\(kind): … and \(more) more rows like these"] }
}
