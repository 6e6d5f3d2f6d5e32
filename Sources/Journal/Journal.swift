import Foundation
import GRDB

/// The run journal: one SQLite database (through GRDB) that records runs, their documents, rejects and
/// bundles, each run's last checkpoint, and a hash-chained audit log. Many runs may share one journal
/// (`--journal PATH`); each process holds one connection, and WAL mode lets them take turns.
///
/// Writes are grouped: a run hands over the documents and rejects committed since its last checkpoint
/// together with the checkpoint itself, in one transaction, so the journal never holds a document the
/// checkpoint does not cover (resuming can neither duplicate nor skip one).
public final class Journal: @unchecked Sendable {  // GRDB's queue serializes every access.
    public let path: String
    let database: DatabaseQueue

    public init(path: String) throws(JournalError) {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(30)
        configuration.label = "inkstream-journal"
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            // NORMAL in WAL mode: a power cut may lose the last transactions but never corrupts; a run then
            // resumes from an earlier checkpoint, which is safe because output files are fsynced first.
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // 512 KiB of page cache instead of 2 MiB: rows are appended and read back once, by cursor; a
            // small cache is full early in a run, so the journal does not make memory grow with the run.
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -512") }
            try JournalSchema.migrator.migrate(database)
        } catch {
            throw JournalError("cannot open the journal \(path): \(error)")
        }
    }

    /// Opens an existing journal for reading; fails with an actionable message when there is none.
    public static func existing(path: String) throws(JournalError) -> Journal {
        guard FileManager.default.fileExists(atPath: path) else {
            throw JournalError("no journal at \(path): give the one a run wrote with --journal PATH (a run writes OUT/journal.sqlite unless told otherwise)")
        }
        return try Journal(path: path)
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try database.write(body) } catch {
            throw JournalError("journal \(path): cannot \(what): \(error)")
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try database.read(body) } catch {
            throw JournalError("journal \(path): cannot \(what): \(error)")
        }
    }
}

public struct JournalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Wall-clock timestamps for the journal (when something happened; never part of an output file).
enum Clock {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
