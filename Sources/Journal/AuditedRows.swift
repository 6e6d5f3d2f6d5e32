import Crypto
import Foundation
import GRDB

/// The journal tables whose rows prove something, and how an audit entry vouches for one of their rows.
///
/// Tables whose rows change (runs, bundles, deliveries, X12, counters) are vouched for row by row: every
/// write of such a row appends, in the same transaction, an entry whose detail holds `table` and the whole
/// row as canonical JSON (`row`). The latest entry for a row's key is what the row must still be.
/// Documents and rejects are append-only and many, so they are vouched for per batch (`run.checkpoint`).
enum AuditedTable: String, CaseIterable {
    case runs, bundles, deliveries, x12_inbound, x12_outbound, x12_acknowledgements, x12_advice, counters

    /// The columns that name one row.
    var key: [String] {
        switch self {
        case .runs: ["id"]
        case .bundles: ["run", "bundle_id"]
        case .deliveries: ["output_dir", "message"]
        case .x12_inbound: ["partner", "interchange_control", "output_dir"]
        case .x12_outbound: ["partner", "group_control"]
        case .x12_acknowledgements: ["partner", "group_control", "ack_file"]
        case .x12_advice: ["partner", "interchange_control", "set_control", "line"]
        case .counters: ["name"]
        }
    }

    /// A row's columns as text; NULL columns are left out, so NULL and "" differ.
    static func columns(of row: Row) -> [String: String] {
        var columns: [String: String] = [:]
        for (name, value) in row {
            switch value.storage {
            case .null: continue
            case .int64(let n): columns[name] = String(n)
            case .double(let d): columns[name] = String(d)
            case .string(let s): columns[name] = s
            case .blob(let data): columns[name] = "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
            }
        }
        return columns
    }

    /// How problems name a row: `run 3, bundle X` style, from the key columns.
    func describe(_ columns: [String: String]) -> String {
        key.map { "\($0) \(columns[$0].map { "'\($0)'" } ?? "NULL")" }.joined(separator: ", ")
    }

    func keyText(_ columns: [String: String]) -> String {
        key.map { columns[$0] ?? "\u{0}" }.joined(separator: "\u{1}")
    }

    /// Appends an entry vouching for the row of this table whose key columns have `values`, as it is now.
    func vouch(_ db: Database, key values: [any DatabaseValueConvertible], run: Int64?, event: String,
               detail: [String: String] = [:]) throws {
        let condition = key.map { "\($0) = ?" }.joined(separator: " AND ")
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(rawValue) WHERE \(condition)",
                                         arguments: StatementArguments(values)) else {
            throw JournalError("the \(rawValue) row \(values) vanished right after it was written")
        }
        var detail = detail
        detail["table"] = rawValue
        detail["row"] = AuditLog.canonical(Self.columns(of: row))
        try AuditLog.append(db, run: run, event: event, detail: detail)
    }
}

/// How a batch of documents or rejects is vouched for: one digest over the batch's rows (in line order)
/// and, per row, its line and the first 8 hex digits of its own digest, so a check can say which row of
/// the batch changed, was added or is missing. The batch digest is what proves; the short ones only point.
enum BatchVoucher {
    static func documentLine(_ d: DocumentEntry) -> String {
        [String(d.line), d.documentID, String(d.byteOffset), d.channel, d.path, d.firstPage.map(String.init) ?? "",
         String(d.pages), d.size.map(String.init) ?? "", d.sha256 ?? "", d.sha512 ?? "", d.contentSHA256, d.bundle ?? ""]
            .joined(separator: "\t") + "\n"
    }

    static func rejectLine(_ r: RejectEntry) -> String {
        [String(r.line), r.file, String(r.byteOffset), r.reason].joined(separator: "\t") + "\n"
    }

    static func shortDigest(_ line: String) -> String {
        String(SHA256.hash(data: Data(line.utf8)).hex.prefix(8))
    }

    /// `(digest, "line:short,line:short,…")` of rows given as (line, text), sorted by line here.
    static func make(_ rows: [(line: Int, text: String)]) -> (digest: String, rows: String) {
        var hasher = SHA256()
        var list: [String] = []
        list.reserveCapacity(rows.count)
        for row in rows.sorted(by: { $0.line < $1.line }) {
            hasher.update(data: Data(row.text.utf8))
            list.append("\(row.line):\(shortDigest(row.text))")
        }
        return (hasher.finalize().hex, list.joined(separator: ","))
    }

    /// The detail keys of a checkpoint entry for these documents and rejects (none for an empty kind).
    static func detail(documents: [DocumentEntry], rejects: [RejectEntry]) -> [String: String] {
        var detail: [String: String] = [:]
        if !documents.isEmpty {
            let batch = make(documents.map { ($0.line, documentLine($0)) })
            detail["documents_batch_digest"] = batch.digest
            detail["documents_rows"] = batch.rows
        }
        if !rejects.isEmpty {
            let batch = make(rejects.map { ($0.line, rejectLine($0)) })
            detail["rejects_batch_digest"] = batch.digest
            detail["rejects_rows"] = batch.rows
        }
        return detail
    }

    /// Parses `documents_rows` / `rejects_rows` back into (line, short digest) pairs.
    static func parse(_ text: String) -> [(line: Int, short: String)] {
        text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ":")
            guard parts.count == 2, let line = Int(parts[0]) else { return nil }
            return (line, String(parts[1]))
        }
    }
}
