import CFileSystem
import Dispatch
import Foundation
import Journal
import Synchronization

/// Makes checkpoints durable off the committing thread: one syncfs (the output folder's file system: the
/// partial files and every document renamed since the last checkpoint), then one journal transaction with
/// the documents, rejects and checkpoint captured when it was submitted. At most one is in flight: a new
/// one waits for the previous, so the journal's checkpoints stay in order.
final class CheckpointWriter: Sendable {
    struct Work: Sendable {
        let run: Int64
        let documents: [DocumentEntry]
        let rejects: [RejectEntry]
        let counts: RunCounts
        let checkpoint: String
    }

    private let journal: Journal
    private let outputDirectory: String
    private let queue = DispatchQueue(label: "inkstream.checkpoint")
    private let inFlight = DispatchGroup()
    private let failure = Mutex<RunError?>(nil)

    init(journal: Journal, outputDirectory: String) {
        self.journal = journal
        self.outputDirectory = outputDirectory
    }

    func submit(_ work: Work) throws(RunError) {
        try drain()
        inFlight.enter()
        queue.async { [self] in
            defer { inFlight.leave() }
            do {
                try FileSystemSync.sync(outputDirectory)
                CrashPoint.reach("files-synced")
                try journalCall { () throws(JournalError) in
                    try journal.commit(run: work.run, documents: work.documents, rejects: work.rejects, counts: work.counts,
                                       checkpoint: work.checkpoint)
                }
                CrashPoint.reach("checkpoint")
            } catch {
                let runError = (error as? RunError) ?? .output(because: error)
                failure.withLock { $0 = runError }
            }
        }
    }

    /// Waits for the checkpoint in flight; rethrows its failure.
    func drain() throws(RunError) {
        inFlight.wait()
        if let failure = failure.withLock({ $0 }) { throw failure }
    }
}

/// syncfs(2) of the file system holding a folder: every file written and renamed there reaches the disk.
enum FileSystemSync {
    static func sync(_ directory: String) throws(RunError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw .output("cannot open \(directory): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard inkstream_syncfs(descriptor) == 0 else {
            throw .output("cannot flush \(directory) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
