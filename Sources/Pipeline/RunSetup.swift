import Foundation
import Journal
import RunFolder
import Templates

/// Decides how a run starts: afresh, by taking up an interrupted run of the same identity in the same
/// output folder (from its last checkpoint), or not at all when that run already completed.
struct RunSetup {
    let options: RunOptions
    let template: CompiledTemplate
    let identity: RunIdentity
    let journal: Journal
    private(set) var runRow: Int64
    private(set) var resume: Checkpoint?
    /// Set when the same run already completed in this folder: its report, nothing to do.
    private(set) var alreadyComplete: RunReport?
    /// What an unfinished run of another identity left here, moved out of the way (`Quarantine`).
    private(set) var quarantined: Quarantine.Moved?
    private var description: RunDescription

    var inputDone: Bool { resume?.inputDone ?? false }
    var resumedAfter: Int? { resume?.records }

    static func prepare(options: RunOptions, template: CompiledTemplate, engine: String) throws(RunError) -> RunSetup {
        let out = options.outputDirectory
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw .output("cannot create the output folder \(out): \(error.localizedDescription)")
        }
        let identity = try RunIdentity.compute(options: options, template: template, engine: engine,
                                               fonts: try FontIdentity.digest(template))
        let journalPath = options.journal
        let journal = try journalCall { () throws(JournalError) in try Journal(path: journalPath) }
        let description = RunDescription(
            runID: identity.runID, outputDirectory: Self.absolute(out), engine: engine, templateName: template.name,
            templateFile: Self.absolute(template.file), templateHash: identity.templateHash, inputPath: Self.absolute(options.inputPath),
            inputHash: identity.inputHash, inputBytes: identity.inputBytes, runDate: options.runDate.iso, mode: options.mode.rawValue,
            options: identity.options)
        var setup = RunSetup(options: options, template: template, identity: identity, journal: journal, runRow: 0, resume: nil,
                             alreadyComplete: nil, description: description)
        let previous = try journalCall { () throws(JournalError) in
            try journal.latestRun(runID: identity.runID, outputDirectory: description.outputDirectory)
        }
        switch previous?.status {
        case .complete?:
            // Killed after the run completed (while writing its report): what it left half-written is not
            // needed by anything, and a missing report page is made again from the recorded report.
            StaleFiles.remove(in: options.folder, partialsToo: true)
            let report = Self.completedReport(previous!, options: options, journal: journal)
            let page = RunFolder(options.reportFolder).file(RunFolder.reportHTML)
            if !FileManager.default.fileExists(atPath: page) {
                var recorded = report
                recorded.alreadyComplete = nil
                try? OutputFile.write(ReportPage.html(recorded), to: page)
            }
            setup.alreadyComplete = report
            return setup
        case .running?:
            // Killed (or failed without a chance to say so): take it up. Without a checkpoint nothing of it
            // was recorded, so the same journal row starts over.
            setup.runRow = previous!.row
            setup.resume = Checkpoint.decode(previous!.checkpoint)
            if setup.resume == nil { StaleFiles.remove(in: options.folder, partialsToo: true) }
        default:
            StaleFiles.remove(in: options.folder, partialsToo: true)
            let unfinished = try journalCall { () throws(JournalError) in
                try journal.unfinishedRuns(outputDirectory: description.outputDirectory)
            }
            setup.runRow = try journalCall { () throws(JournalError) in try journal.startRun(description) }
            if let last = unfinished.last {
                setup.quarantined = try Quarantine.sweep(options.folder, journal: journal, superseded: last)
                if let moved = setup.quarantined {
                    Self.say(options, "moved \(moved.files) file\(moved.files == 1 ? "" : "s") of the unfinished run \(last.description.runID) to \(options.folder.file(moved.folder))")
                }
            }
        }
        return setup
    }

    /// The committing side, resumed from the checkpoint when there is one; if the files no longer match it,
    /// the run starts over under a new journal row (the old one is marked superseded) and says why.
    mutating func openCommit(progress: ProgressReporter?) throws(RunError) -> RunCommit {
        func open(_ resume: Checkpoint?) throws(RunError) -> RunCommit {
            try RunCommit.open(options: options, template: template, journal: journal, runRow: runRow, identity: identity,
                               quarantined: quarantined, resume: resume, progress: progress)
        }
        guard let checkpoint = resume else { return try open(nil) }
        StaleFiles.remove(in: options.folder, partialsToo: false)
        do {
            let commit = try open(checkpoint)
            let row = runRow
            try journalCall { () throws(JournalError) in try journal.resumeRun(row: row, fromRecord: checkpoint.records) }
            Self.say(options, "resuming run \(identity.runID) after record \(checkpoint.records)"
                + (checkpoint.lastLine.map { " (input line \($0))" } ?? ""))
            return commit
        } catch {
            Self.say(options, "cannot resume run \(identity.runID) (\(error)); starting it over")
            resume = nil
            StaleFiles.remove(in: options.folder, partialsToo: true)
            let description = self.description
            let journal = self.journal
            runRow = try journalCall { () throws(JournalError) in try journal.startRun(description) }
            return try open(nil)
        }
    }

    /// The ids committed before the checkpoint the run resumes from (none for a fresh run), in input order,
    /// so that the resumed batches claim ids exactly as an uninterrupted run would.
    func idClaims() throws(RunError) -> IDClaims {
        // Sized from the input (a record is rarely under 500 bytes): no copies of the set while it grows.
        var ids = CommittedIDs(expected: min(identity.inputBytes / 500, 50_000_000))
        if resume != nil {
            let row = runRow
            try journalCall { () throws(JournalError) in
                try journal.forEachCommittedDocument(run: row) { id, line in _ = ids.claim(id, line: line) }
            }
        }
        return IDClaims(ids: ids, firstSequence: resume?.batches ?? 0)
    }

    private static func completedReport(_ run: JournalRun, options: RunOptions, journal: Journal) -> RunReport {
        let path = RunFolder(options.reportFolder).file(RunFolder.reportJSON)
        var report = FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(RunReport.self, from: $0) }
            ?? RunReport(engine: run.description.engine, template: run.description.templateName, templateFile: run.description.templateFile,
                         input: run.description.inputPath, output: run.description.outputDirectory, mode: run.description.mode,
                         runDate: run.description.runDate, jobs: options.jobs, recordsRead: run.counts.records,
                         documents: run.counts.documents, pages: run.counts.pages, rejects: run.counts.rejects, wallSeconds: 0,
                         outputs: [], firstRejects: [])
        report.alreadyComplete = true
        report.runID = run.description.runID
        report.journal = journal.path
        return report
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    static func say(_ options: RunOptions, _ message: String) {
        options.notice?(message)
    }
}
