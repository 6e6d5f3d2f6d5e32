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

/// Digests of what a run recorded, in input order (the whole-run digests of `run.completed`).
enum RunDigest {
    static func documents(_ db: Database, run: Int64) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM documents WHERE run = ? ORDER BY line", arguments: [run])
        while let row = try rows.next() {
            hasher.update(data: Data(BatchVoucher.documentLine(DocumentEntry(row: row)).utf8))
        }
        return hasher.finalize().hex
    }

    static func rejects(_ db: Database, run: Int64) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM rejects WHERE run = ? ORDER BY line", arguments: [run])
        while let row = try rows.next() {
            hasher.update(data: Data(BatchVoucher.rejectLine(RejectEntry(row: row)).utf8))
        }
        return hasher.finalize().hex
    }
}

extension RejectEntry {
    init(row: Row) {
        self.init(file: row["file"], line: row["line"], byteOffset: row["byte_offset"], reason: row["reason"])
    }
}

extension Journal {
    /// Appends an audit entry of the caller's (a reprint, a verification).
    package func audit(run: Int64?, event: String, detail: [String: String]) throws(JournalError) {
        try write("append to the audit log") { db in try AuditLog.append(db, run: run, event: event, detail: detail) }
    }
}

extension Digest {
    /// Lowercase hex, as manifests and the journal write digests (shared by Pipeline).
    package var hex: String {
        var text = ""
        text.reserveCapacity(Self.byteCount * 2)
        for byte in self {
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + (byte >> 4) + (byte >> 4 > 9 ? 39 : 0))))
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + (byte & 15) + (byte & 15 > 9 ? 39 : 0))))
        }
        return text
    }
}
