import Crypto
import Foundation
import GRDB

/// The journal's append-only audit log. Each entry's hash covers the previous entry's hash, so changing,
/// inserting or removing an entry breaks the chain from there on; a completed run's entry also carries
/// digests of the run's documents and rejects, so editing those rows is detected too.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    static func append(_ db: Database, run: Int64?, event: String, detail: [String: String]) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["hash"] ?? genesis
        let at = Clock.now()
        let text = canonical(detail)
        let hash = entryHash(previous: previous, seq: seq, at: at, run: run, event: event, detail: text)
        try db.execute(sql: "INSERT INTO audit (seq, at, run, event, detail, previous, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [seq, at, run, event, text, previous, hash])
    }

    static func entryHash(previous: String, seq: Int64, at: String, run: Int64?, event: String, detail: String) -> String {
        let text = [previous, String(seq), at, run.map(String.init) ?? "", event, detail].joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).hex
    }

    /// JSON with sorted keys: the same detail always hashes the same.
    static func canonical(_ detail: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(detail), as: UTF8.self)) ?? "{}"
    }
}

/// Digests of what a run recorded, in input order.
enum RunDigest {
    static func documents(_ db: Database, run: Int64) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM documents WHERE run = ? ORDER BY line", arguments: [run])
        while let row = try rows.next() {
            let d = DocumentEntry(row: row)
            let fields: [String] = [String(d.line), d.documentID, String(d.byteOffset), d.channel, d.path,
                                    d.firstPage.map(String.init) ?? "", String(d.pages), d.size.map(String.init) ?? "",
                                    d.sha256 ?? "", d.sha512 ?? "", d.contentSHA256, d.bundle ?? ""]
            hasher.update(data: Data((fields.joined(separator: "\t") + "\n").utf8))
        }
        return hasher.finalize().hex
    }

    static func rejects(_ db: Database, run: Int64) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM rejects WHERE run = ? ORDER BY line", arguments: [run])
        while let row = try rows.next() {
            let fields: [String] = [String(row["line"] as Int), row["file"], String(row["byte_offset"] as Int), row["reason"]]
            hasher.update(data: Data((fields.joined(separator: "\t") + "\n").utf8))
        }
        return hasher.finalize().hex
    }
}

/// What `verifyAudit()` found.
public struct AuditVerification: Sendable {
    public let entries: Int
    /// Empty when the log and the rows it vouches for are intact; otherwise each problem, first first.
    public let problems: [String]
    public var intact: Bool { problems.isEmpty }
}

extension Journal {
    /// Appends an audit entry of the caller's (a reprint, a verification).
    public func audit(run: Int64?, event: String, detail: [String: String]) throws(JournalError) {
        try write("append to the audit log") { db in try AuditLog.append(db, run: run, event: event, detail: detail) }
    }

    /// Walks the chain from the first entry and checks every completed run's rows against its digests.
    public func verifyAudit() throws(JournalError) -> AuditVerification {
        try read("verify the audit log") { db in
            var problems: [String] = []
            var previous = AuditLog.genesis
            var expectedSeq: Int64 = 1
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
            var completed: [(seq: Int64, run: Int64, detail: [String: String])] = []
            while let row = try rows.next() {
                count += 1
                let seq: Int64 = row["seq"]
                let run: Int64? = row["run"]
                let event: String = row["event"]
                let detail: String = row["detail"]
                if seq != expectedSeq { problems.append("audit entry \(expectedSeq) is missing (the next one is \(seq))") }
                if row["previous"] != previous {
                    problems.append("audit entry \(seq) (\(event)) does not follow the entry before it: the chain was cut or reordered")
                }
                let hash = AuditLog.entryHash(previous: row["previous"], seq: seq, at: row["at"], run: run, event: event, detail: detail)
                if hash != row["hash"] as String {
                    problems.append("audit entry \(seq) (\(event)) was changed after it was written: its hash does not match its content")
                }
                if event == "run.completed", let run,
                   let fields = try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8)) {
                    completed.append((seq, run, fields))
                }
                previous = row["hash"]
                expectedSeq = seq + 1
            }
            for entry in completed {
                if try RunDigest.documents(db, run: entry.run) != entry.detail["documents_digest"] {
                    problems.append("the documents of run \(entry.run) differ from what audit entry \(entry.seq) recorded when the run completed")
                }
                if try RunDigest.rejects(db, run: entry.run) != entry.detail["rejects_digest"] {
                    problems.append("the rejects of run \(entry.run) differ from what audit entry \(entry.seq) recorded when the run completed")
                }
            }
            return AuditVerification(entries: count, problems: problems)
        }
    }
}

extension Digest {
    /// Lowercase hex, as manifests and the journal write digests (shared by Pipeline).
    public var hex: String {
        var text = ""
        text.reserveCapacity(Self.byteCount * 2)
        for byte in self {
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + (byte >> 4) + (byte >> 4 > 9 ? 39 : 0))))
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + (byte & 15) + (byte & 15 > 9 ? 39 : 0))))
        }
        return text
    }
}
