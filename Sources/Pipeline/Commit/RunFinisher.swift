import CMemory
import Foundation
import Journal
import RunFolder
import Templates

/// Ends a run once every record is committed: closes the growing files (each moved into place), checks the
/// reject limit, makes and signs the bundles, writes the report and marks the run complete in the journal.
/// Each step can be redone by a resumed run. Or, for a run with too many rejects, ends it as a failure.
struct RunFinisher {
    let options: RunOptions
    let template: CompiledTemplate
    let journal: Journal
    let runRow: Int64
    let identity: RunIdentity
    /// What an unfinished run of another identity left here, moved out of the way before this run began.
    let quarantined: Quarantine.Moved?
    let committer: OrderedCommitter
    let checkpointer: Checkpointer
    let progress: ProgressReporter?

    /// `started`: when the run began, so the report's wall time covers closing files and making bundles.
    func finish(started: DispatchTime, resumedAfter: Int?) throws(RunError) -> RunReport {
        progress?.finish()
        try checkpointer.inputFinished()
        let outputs = committer.outputs
        var written = try outputs.closeChannels(mode: options.mode)
        if options.mode == .perDocument { written.insert("documents/", at: 0) }
        if template.email != nil { written.append("email/") }
        let tally = committer.tally
        if options.maxRejects.exceeded(rejects: tally.rejects, records: tally.records) { throw .tooManyRejects(committer.tooManyRejects) }
        try outputs.closeRejects()
        CrashPoint.reach("rejects-committed")
        written.append(RunFolder.rejectsFile)
        // The workers are gone: hand their freed caches and display lists back to the system before the
        // bundles need memory of their own, so the end of a run does not raise its peak.
        inkstream_release_free_memory()
        let bundlesStarted = DispatchTime.now()
        let signer = try RunBundles.signer(options: options)
        let bundles = try RunBundles(options: options, template: template, runID: identity.runID, templateHash: identity.templateHash,
                                     signer: signer, journal: journal, runRow: runRow).make()
        let bundleSeconds = BatchRun.seconds(since: bundlesStarted)
        CrashPoint.reach("bundles")
        for bundle in bundles { written += [bundle.path, bundle.signaturePath] }
        var report = self.report(tally, started: started, resumedAfter: resumedAfter,
                                 outputs: written + [RunFolder.reportJSON, RunFolder.reportHTML])
        report.channels = tally.channels
        report.fallbacks = tally.fallbacks
        report.firstFallbacks = tally.firstFallbacks
        report.smsSanitized = template.sms == nil ? nil : tally.smsSanitized
        if template.overflow == .warn {
            report.warnings = tally.warned
            report.firstWarnings = tally.firstWarnings
        }
        report.bundles = bundles.map(\.path)
        report.quarantine = quarantined?.folder
        report.quarantinedFiles = quarantined?.files
        report.proofSeconds = ProofTimings(checkpoints: checkpointer.seconds, checkpointCount: checkpointer.count, journal: 0,
                                           bundles: bundleSeconds)
        try Self.writeReport(report, to: options.reportFolder)
        CrashPoint.reach("report")
        let journalStarted = DispatchTime.now()
        // The renames of the final files and the bundles reach the disk before the journal says "complete".
        try FileSystemSync.sync(options.outputDirectory)
        let counts = tally.counts
        let row = runRow
        try journalCall { () throws(JournalError) in try journal.completeRun(row: row, counts: counts, bundles: bundles) }
        try JournalHead.sign(journal, signer: signer)
        // The report is rewritten once the journal holds the run, with how long that took: a kill between
        // the two leaves a complete run whose report lacks only this timing.
        report.proofSeconds?.journal = BatchRun.seconds(since: journalStarted)
        try Self.writeReport(report, to: options.reportFolder)
        return report
    }

    /// A run with too many rejects: what was recorded is kept, the report says why, the journal marks the
    /// run failed (no bundle is signed, `deliver` sends nothing of it).
    func fail(started: DispatchTime, resumedAfter: Int?) throws(RunError) -> RunError {
        progress?.finish()
        let reason = committer.tooManyRejects
        try checkpointer.takeNow()
        try committer.outputs.closeRejects()
        let tally = committer.tally
        var report = self.report(tally, started: started, resumedAfter: resumedAfter,
                                 outputs: [RunFolder.rejectsFile, RunFolder.reportJSON, RunFolder.reportHTML])
        report.failed = reason
        try Self.writeReport(report, to: options.reportFolder)
        let counts = tally.counts
        let row = runRow
        try journalCall { () throws(JournalError) in try journal.failRun(row: row, counts: counts, reason: reason) }
        try JournalHead.sign(journal, signer: try RunBundles.signer(options: options))
        return .tooManyRejects(reason)
    }

    private func report(_ tally: CommitTally, started: DispatchTime, resumedAfter: Int?, outputs: [String]) -> RunReport {
        var report = RunReport(
            engine: BatchRun.engineVersion, template: template.name, templateFile: template.file, input: options.inputPath,
            output: options.outputDirectory, mode: options.mode.rawValue, runDate: options.runDate.iso, jobs: options.jobs,
            recordsRead: tally.records, documents: tally.documents, pages: tally.pages, rejects: tally.rejects,
            wallSeconds: BatchRun.seconds(since: started), outputs: outputs, firstRejects: tally.firstRejects)
        report.journal = journal.path
        report.runID = identity.runID
        report.resumedAfterRecord = resumedAfter
        return report
    }

    static func writeReport(_ report: RunReport, to directory: String) throws(RunError) {
        let folder = RunFolder(directory)
        try OutputFile.write(try reportJSON(report), to: folder.file(RunFolder.reportJSON))
        try OutputFile.write(ReportPage.html(report), to: folder.file(RunFolder.reportHTML))
    }
}

/// report.json text: pretty, sorted keys (runs and `inbound` write their reports the same way).
func reportJSON(_ report: some Encodable) throws(RunError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do { return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n" } catch {
        throw .output("cannot encode the report: \(error)")
    }
}

/// Journal failures end the run as output errors (the journal is part of what a run writes).
func journalCall<T>(_ body: () throws(JournalError) -> T) throws(RunError) -> T {
    do { return try body() } catch { throw .output(because: error) }
}
