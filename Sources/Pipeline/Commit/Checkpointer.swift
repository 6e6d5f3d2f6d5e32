import Foundation
import Journal

/// Decides when the committed batches become a checkpoint and takes it: about once a second (or every
/// `INKSTREAM_CHECKPOINT_EVERY` batches, for tests that kill a run at a chosen point), the growing files are
/// handed to the kernel, and the documents and rejects committed since the last one go to the journal
/// together with the checkpoint, in one transaction after one syncfs (`CheckpointWriter`, in the background).
/// A killed run resumes from the last checkpoint.
final class Checkpointer {
    private let committer: OrderedCommitter
    private let writer: CheckpointWriter
    private let runRow: Int64
    private let everyBatches: Int?
    private var batchesSinceCheckpoint = 0
    private var lastCheckpoint = DispatchTime.now()
    /// Set once every record is committed: the checkpoint that says so lets a resumed run go straight to closing.
    private(set) var inputDone: Bool
    private(set) var seconds = 0.0
    private(set) var count = 0

    init(committer: OrderedCommitter, journal: Journal, runRow: Int64, outputDirectory: String, resume: Checkpoint?) {
        self.committer = committer
        self.runRow = runRow
        writer = CheckpointWriter(journal: journal, outputDirectory: outputDirectory)
        everyBatches = ProcessInfo.processInfo.environment["INKSTREAM_CHECKPOINT_EVERY"].flatMap { Int($0) }
        inputDone = resume?.inputDone ?? false
    }

    /// After each committed batch: a checkpoint when one is due.
    func batchCommitted() throws(RunError) {
        batchesSinceCheckpoint += 1
        if let everyBatches {
            if batchesSinceCheckpoint >= everyBatches { try take() }
        } else if DispatchTime.now().uptimeNanoseconds - lastCheckpoint.uptimeNanoseconds >= 1_000_000_000 {
            try take()
        }
    }

    /// The last checkpoint of the input: waited for, so closing starts from a durable state.
    func inputFinished() throws(RunError) {
        guard !inputDone else { return }
        inputDone = true
        try writer.drain()
        try take(background: false)
        CrashPoint.reach("input-done")
    }

    /// A checkpoint now, waited for (a run that fails keeps what it committed).
    func takeNow() throws(RunError) {
        try writer.drain()
        try take(background: false)
    }

    /// Files first (flushed, then synced to disk), then the journal: a checkpoint never covers bytes that a
    /// power cut could lose. The state is captured here; the sync and the transaction run on the writer's
    /// thread while commits go on, unless `background` is false.
    private func take(background: Bool = true) throws(RunError) {
        let started = DispatchTime.now()
        defer {
            seconds += BatchRun.seconds(since: started)
            count += 1
        }
        let last = committer.lastProvenance
        var state = Checkpoint(batches: committer.batches, lastLine: last?.line, lastOffset: last?.byteOffset,
                               records: 0, documents: 0, pages: 0, rejects: 0, rejectsBytes: 0, indexBytes: nil, stream: nil,
                               inputDone: inputDone)
        committer.tally.record(in: &state)
        try committer.outputs.capture(into: &state)
        let pending = committer.takePending()
        try writer.submit(CheckpointWriter.Work(run: runRow, documents: pending.documents, rejects: pending.rejects,
                                                counts: committer.tally.counts, checkpoint: state.json))
        if !background { try writer.drain() }
        batchesSinceCheckpoint = 0
        lastCheckpoint = DispatchTime.now()
    }
}
