import GRDB

/// A file a run recorded in an output folder, with the run that made it: what `deliver` may send.
package struct RecordedFile: Sendable {
    package let run: Int64
    package let runID: String
    package let runStatus: RunStatus
    package let document: DocumentEntry
}

extension Journal {
    /// For each path of `channel` recorded under `outputDirectory`, the newest complete run's record of it,
    /// or, where no complete run made it, the newest run's (so a refusal can say which run that was).
    package func recordedFiles(outputDirectory: String, channel: String) throws(JournalError) -> [String: RecordedFile] {
        try read("read the files recorded in \(outputDirectory)") { db in
            var files: [String: RecordedFile] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.*, r.run_id AS run_identity, r.status AS run_status FROM documents d JOIN runs r ON d.run = r.id
                WHERE r.output_dir = ? AND d.channel = ? ORDER BY r.id
                """, arguments: [outputDirectory, channel])
            while let row = try rows.next() {
                let status = RunStatus(rawValue: row["run_status"]) ?? .failed
                let file = RecordedFile(run: row["run"], runID: row["run_identity"], runStatus: status, document: DocumentEntry(row: row))
                if let earlier = files[file.document.path], earlier.runStatus == .complete, status != .complete { continue }
                files[file.document.path] = file
            }
            return files
        }
    }
}

extension Journal {
    /// Runs in `outputDirectory` still marked running: killed, or failed without a chance to say so.
    package func unfinishedRuns(outputDirectory: String) throws(JournalError) -> [JournalRun] {
        try read("look up the unfinished runs in \(outputDirectory)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE output_dir = ? AND status = 'running' ORDER BY id",
                             arguments: [outputDirectory]).map(JournalRun.init(row:))
        }
    }

    /// Every path a completed run recorded in `outputDirectory`: the files that belong there.
    package func completedPaths(outputDirectory: String) throws(JournalError) -> Set<String> {
        try read("read the files of the completed runs in \(outputDirectory)") { db in
            var paths: Set<String> = []
            let rows = try String.fetchCursor(db, sql: """
                SELECT DISTINCT d.path FROM documents d JOIN runs r ON d.run = r.id WHERE r.output_dir = ? AND r.status = 'complete'
                """, arguments: [outputDirectory])
            while let path = try rows.next() { paths.insert(path) }
            return paths
        }
    }
}
