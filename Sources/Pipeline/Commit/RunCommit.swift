import Foundation
import Journal
import Templates

/// The committing side of a run, as `BatchRun` drives it: the ordered committer, the checkpointer that
/// follows it and the finisher that ends the run.
struct RunCommit {
    let committer: OrderedCommitter
    let checkpointer: Checkpointer
    let finisher: RunFinisher

    /// A batch, in input order, then a checkpoint if one is due.
    func commit(_ batch: BatchRun.BatchResult) throws(RunError) {
        try committer.commit(batch)
        try checkpointer.batchCommitted()
    }

    func discard(_ batch: BatchRun.BatchResult) { committer.discard(batch) }

    /// Opens (or takes up at `resume`) the run's growing files and restores the tally the checkpoint
    /// recorded; throws when the files do not match the checkpoint.
    static func open(options: RunOptions, template: CompiledTemplate, journal: Journal, runRow: Int64, identity: RunIdentity,
                     quarantined: Quarantine.Moved?, resume: Checkpoint?, progress: ProgressReporter?) throws(RunError) -> RunCommit {
        try OutputFolders.create(options: options, template: template)
        let outputs = try RunOutputs(options: options, template: template, resume: resume)
        var tally = CommitTally()
        if let resume {
            let firstRejects = try journalCall { () throws(JournalError) in try journal.rejects(run: runRow, limit: CommitTally.listed) }
                .map { RejectSummary(file: $0.file, line: $0.line, reason: $0.reason) }
            tally = CommitTally(resume, firstRejects: firstRejects)
        }
        let committer = OrderedCommitter(options: options, template: template, outputs: outputs, runID: identity.runID, tally: tally,
                                         resume: resume, progress: progress, inputSize: identity.inputBytes)
        let checkpointer = Checkpointer(committer: committer, journal: journal, runRow: runRow,
                                        outputDirectory: options.outputDirectory, resume: resume)
        let finisher = RunFinisher(options: options, template: template, journal: journal, runRow: runRow, identity: identity,
                                   quarantined: quarantined, committer: committer, checkpointer: checkpointer, progress: progress)
        return RunCommit(committer: committer, checkpointer: checkpointer, finisher: finisher)
    }
}

/// The folders a run writes into, made before anything is written.
enum OutputFolders {
    static func create(options: RunOptions, template: CompiledTemplate) throws(RunError) {
        let folder = options.folder
        var folders = [options.outputDirectory, options.reportFolder, options.mode == .perDocument ? folder.documents : folder.print]
        if template.email != nil { folders.append(folder.email) }
        if template.sms != nil { folders.append(folder.sms) }
        for path in folders {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .output("cannot create the output folder \(path): \(error.localizedDescription)")
            }
        }
    }
}
