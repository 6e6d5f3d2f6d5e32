import CMemory
import Coordination
import Crypto
import Foundation
import Journal
import Layout
import Records
import Render
import Synchronization
import Templates

/// A nightly run: reads records on one thread, lays them out on `jobs` workers, and hands results to this
/// thread in input order, which writes the print stream, the page index, rejects and the report. Output
/// is identical whatever the job count: documents are made independently and committed in input order.
package final class BatchRun {
    package static let engineVersion = "inkstream 0.2.0"

    let options: RunOptions
    let template: CompiledTemplate
    let progress: ProgressReporter?
    /// Records made in memory (`inbound`), handed to the workers as values; nil: read `options.inputPath`.
    let recorded: RecordedInput?

    package convenience init(options: RunOptions, progress: ProgressReporter? = nil) throws(RunError) {
        try self.init(options: options, recorded: nil, progress: progress)
    }

    /// A run of values already in memory, recorded in `recorded.path` (which must be `options.inputPath`).
    package init(options: RunOptions, recorded: RecordedInput?, progress: ProgressReporter? = nil) throws(RunError) {
        precondition(recorded.map { $0.path == options.inputPath } ?? true, "the recorded input is the run's input")
        self.options = options
        do { template = try TemplateLoader.load(options.templatePath) } catch { throw .template(error) }
        self.progress = progress
        self.recorded = recorded
    }

    struct Batch: Sendable {
        let sequence: Int
        let records: [InputRecord]
    }

    /// What a worker made of one line. Per-document mode: the PDF was written under a pending name that
    /// the committing thread renames (so a duplicate id can never overwrite the first document). Stream
    /// mode: the document is in its batch's piece of the print stream.
    enum Result: Sendable {
        case document(MadeDocument, Provenance)
        case reject(Reject)
        /// A file could not be written (disk full, I/O error, read-only file system): not the record's
        /// fault, so the run stops at its last checkpoint and a rerun makes the record.
        case fault(String)
    }

    struct MadeDocument: Sendable {
        let id: String
        /// The file name the id got (`OutputName`, decided in input order by `IDClaims`).
        let name: String
        let pages: Int
        /// Digest of the laid-out pages (`ContentDigest`); of the message text for an SMS.
        let content: String
        let bundle: String?
        var channel: Channel = .print
        /// Why the record is not on the channel the template's rule chose.
        var fallback: String? = nil
        /// An SMS: its line of sms/messages.jsonl.
        var smsLine: String? = nil
        /// Unsafe characters stripped from the data's values in the SMS text.
        var smsStripped = 0
        /// The PDF (per-document mode) or the email message under its pending name, with size and hashes.
        var file: PendingFile? = nil
        /// What did not fit (the template's overflow: warn), in words.
        var warnings: [String] = []
    }

    struct PendingFile: Sendable {
        let path: String, size: Int, sha256: String, sha512: String
    }

    /// Stream mode renders each batch into a PDF piece of its own (in parallel); the committing thread
    /// joins the pieces in input order. Pieces depend on input lines only, never on timing or job count.
    static let streamPieceSize = 50
    static let perDocumentBatchSize = 4

    struct BatchResult: Sendable {
        let sequence: Int
        let results: [Result]
        /// Stream mode: the batch's piece of the print stream (in memory, with what it uses of each font).
        /// Duplicates were left out before it was made.
        var piece: StreamPiece?
    }

    package func execute() throws(RunError) -> RunReport {
        let start = DispatchTime.now()
        var setup = try RunSetup.prepare(options: options, template: template, engine: Self.engineVersion)
        if let done = setup.alreadyComplete { return done }
        // Opening the committing side decides for good whether the run resumes (its files may not match the checkpoint).
        let commit = try setup.openCommit(progress: progress)
        let finisher = commit.finisher
        if setup.inputDone { return try finisher.finish(started: start, resumedAfter: setup.resumedAfter) }
        let resume = setup.resume
        let source = try openSource(resume: resume)

        inkstream_fix_large_allocations()
        let input = BoundedQueue<Batch>(capacity: options.jobs * 2)
        let output = BoundedQueue<BatchResult>(capacity: .max)
        // Batches between the reader and the commit: a slow writer (the print stream) holds the reader back
        // instead of letting laid-out documents pile up, so memory does not grow with the input.
        let inFlight = Permits(options.jobs * 4)
        let workers = DispatchGroup()
        let mode = options.mode
        let template = self.template
        let options = self.options
        let batchSize = mode == .stream ? Self.streamPieceSize : Self.perDocumentBatchSize

        let runID = setup.identity.runID
        let claims = try setup.idClaims()
        for _ in 0..<options.jobs {
            let thread = Thread {
                let worker = BatchWorker(template: template, options: options, runID: runID, claims: claims)
                while let batch = input.pop() { output.push(worker.run(batch)) }
                workers.leave()
            }
            thread.stackSize = 8 << 20
            workers.enter()
            thread.start()
        }

        // Read on a thread of its own so this thread can commit results while input is still arriving.
        let readerBox = ReaderBox(source)
        let readFailure = ReadFailure()
        let firstSequence = resume?.batches ?? 0
        let readerThread = Thread {
            var sequence = firstSequence
            var records: [InputRecord] = []
            records.reserveCapacity(batchSize)
            do {
                while let record = try readerBox.source.next() {
                    records.append(record)
                    if records.count == batchSize {
                        inFlight.acquire()
                        input.push(Batch(sequence: sequence, records: records))
                        sequence += 1
                        records.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                readFailure.set(error)
            }
            if !records.isEmpty {
                inFlight.acquire()
                input.push(Batch(sequence: sequence, records: records))
            }
            input.close()
        }
        readerThread.start()
        let closer = Thread {
            workers.wait()
            output.close()
        }
        closer.start()

        var pending: [Int: BatchResult] = [:]
        var next = firstSequence
        var commitError: RunError? = nil
        while let batch = output.pop() {
            pending[batch.sequence] = batch
            while let ready = pending.removeValue(forKey: next) {
                if commitError == nil {
                    do { try commit.commit(ready) } catch { commitError = error }
                } else {
                    commit.discard(ready)
                }
                inFlight.release()
                next += 1
            }
        }
        if case .tooManyRejects? = commitError { throw try finisher.fail(started: start, resumedAfter: setup.resumedAfter) }
        if let commitError { throw commitError }
        if let failure = readFailure.error { throw .input(because: failure) }
        do { return try finisher.finish(started: start, resumedAfter: setup.resumedAfter) } catch .tooManyRejects {
            throw try finisher.fail(started: start, resumedAfter: setup.resumedAfter)
        }
    }

    /// The input file from the start or after a resumed run's last committed line, or the values in memory.
    private func openSource(resume: Checkpoint?) throws(RunError) -> any RecordSource {
        if let recorded { return MemorySource(recorded, after: resume?.lastLine) }
        let reader: JSONLinesReader
        do {
            if let line = resume?.lastLine, let offset = resume?.lastOffset {
                reader = try JSONLinesReader(path: options.inputPath, continuingAfterLineAt: offset, line: line)
            } else {
                reader = try JSONLinesReader(path: options.inputPath)
            }
        } catch { throw .input(because: error) }
        // An over-long line is rejected (RecordLimitCheck) without ever being held whole.
        reader.maxLineBytes = template.limits.maxLineBytes
        return LineSource(reader)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Hands the record source to the reader thread. `@unchecked Sendable`: the source is a class with mutable
/// state, safe here because only the reader thread uses it once this box is handed over.
private final class ReaderBox: @unchecked Sendable {
    let source: any RecordSource
    init(_ source: any RecordSource) { self.source = source }
}

private final class ReadFailure: Sendable {
    private let failure = Mutex<(any Error)?>(nil)
    func set(_ error: any Error) { failure.withLock { $0 = error } }
    var error: (any Error)? { failure.withLock { $0 } }
}
