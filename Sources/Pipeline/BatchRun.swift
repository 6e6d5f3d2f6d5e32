import Crypto
import Foundation
import Journal
import Layout
import Records
import Render
import Templates

/// A nightly run: reads records on one thread, lays them out on `jobs` workers, and hands results to this
/// thread in input order, which writes the print stream, the page index, rejects and the report. Output
/// is identical whatever the job count: documents are made independently and committed in input order.
public final class BatchRun {
    public static let engineVersion = "inkstream 0.1.0"

    let options: RunOptions
    let template: CompiledTemplate
    let progress: ProgressReporter?

    public init(options: RunOptions, progress: ProgressReporter? = nil) throws(RunError) {
        self.options = options
        do { template = try TemplateLoader.load(options.templatePath) } catch { throw .template(error) }
        self.progress = progress
    }

    struct Batch: Sendable {
        let sequence: Int
        let lines: [RawLine]
    }

    /// What a worker made of one line. Per-document mode: the PDF was written under a pending name that
    /// the committing thread renames (so a duplicate id can never overwrite the first document). Stream
    /// mode: the document is in its batch's piece of the print stream.
    enum Result: Sendable {
        case document(MadeDocument, Provenance)
        case reject(Reject)
    }

    struct MadeDocument: Sendable {
        let id: String
        let pages: Int
        /// Digest of the laid-out pages (`ContentDigest`).
        let content: String
        let bundle: String?
        /// Per-document mode: the PDF under its pending name, with its size and SHA-256.
        var file: PendingFile?
    }

    struct PendingFile: Sendable {
        let path: String, size: Int, sha256: String, sha512: String
    }

    /// Stream mode renders each batch into a PDF piece of its own (in parallel); the committing thread
    /// joins the pieces in input order. Pieces depend on input lines only, never on timing or job count.
    static let streamPieceSize = 100
    static let perDocumentBatchSize = 4

    struct BatchResult: Sendable {
        let sequence: Int
        let results: [Result]
        /// Stream mode: the batch's piece of the print stream, and its lines (to rebuild the piece without
        /// a document the committing thread finds to be a duplicate).
        var piece: String?
        var lines: [RawLine] = []
    }

    public func execute() throws(RunError) -> RunReport {
        let start = DispatchTime.now()
        let out = options.outputDirectory
        var setup = try RunSetup.prepare(options: options, template: template, engine: Self.engineVersion)
        if let done = setup.alreadyComplete { return done }
        // The sink decides for good whether the run resumes (its files may not match the checkpoint).
        let sink = try setup.makeSink(progress: progress, inputSize: setup.identity.inputBytes)
        if setup.inputDone { return try sink.finish(started: start, resumedAfter: setup.resumedAfter) }
        let resume = setup.resume
        let reader: JSONLinesReader
        do {
            if let line = resume?.lastLine, let offset = resume?.lastOffset {
                reader = try JSONLinesReader(path: options.inputPath, continuingAfterLineAt: offset, line: line)
            } else {
                reader = try JSONLinesReader(path: options.inputPath)
            }
        } catch { throw .input(error.description) }

        let input = BoundedQueue<Batch>(capacity: options.jobs * 2)
        let output = BoundedQueue<BatchResult>(capacity: .max)
        // Batches between the reader and the commit: a slow writer (the print stream) holds the reader back
        // instead of letting laid-out documents pile up, so memory does not grow with the input.
        let inFlight = DispatchSemaphore(value: options.jobs * 4)
        let workers = DispatchGroup()
        let runDate = options.runDate
        let runDay = options.runDate.daysSinceEpoch
        let mode = options.mode
        let template = self.template
        let documentsDirectory = (out as NSString).appendingPathComponent("documents")
        let creationDate = options.runDate.iso + "T00:00:00Z"
        let printDirectory = (out as NSString).appendingPathComponent("print")
        let batchSize = mode == .stream ? Self.streamPieceSize : Self.perDocumentBatchSize

        for _ in 0..<options.jobs {
            let thread = Thread {
                let processor = RecordProcessor(template: template, runDate: runDay)
                while let batch = input.pop() {
                    var results: [Result] = []
                    results.reserveCapacity(batch.lines.count)
                    var pieceDocuments: [LaidOutDocument] = []
                    for (i, line) in batch.lines.enumerated() {
                        switch processor.process(line) {
                        case .reject(let reject):
                            results.append(.reject(reject))
                        case .document(let document, let provenance):
                            var made = MadeDocument(id: document.id, pages: document.pages.count,
                                                    content: ContentDigest.sha256(document), bundle: document.metadata.bundle)
                            guard mode == .perDocument else {
                                results.append(.document(made, provenance))
                                pieceDocuments.append(document)
                                continue
                            }
                            let name = DocumentFileName.make(document.id)
                            let pending = (documentsDirectory as NSString).appendingPathComponent(".\(name).pdf.pending-\(batch.sequence)-\(i)")
                            do {
                                try DocumentPDF.write(document, to: pending, runDate: runDate, painter: processor.painter, atomic: false)
                                // Hashed here, in parallel, while the file is still in the page cache.
                                let (sha256, sha512, size) = try FileHashing.digests(pending)
                                made.file = PendingFile(path: pending, size: size, sha256: sha256, sha512: sha512)
                                results.append(.document(made, provenance))
                            } catch {
                                results.append(.reject(Reject(provenance: provenance, reason: "cannot write the PDF: \(error)")))
                            }
                        }
                    }
                    var result = BatchResult(sequence: batch.sequence, results: results)
                    if mode == .stream, !pieceDocuments.isEmpty {
                        let piece = (printDirectory as NSString).appendingPathComponent(".piece-\(batch.sequence).pdf")
                        do {
                            try StreamPiece.write(pieceDocuments, to: piece, creationDate: creationDate, painter: processor.painter)
                            result.piece = piece
                            result.lines = batch.lines
                        } catch {
                            result = BatchResult(sequence: batch.sequence, results: results.map { r in
                                guard case .document(_, let provenance) = r else { return r }
                                return .reject(Reject(provenance: provenance, reason: "cannot write the print stream: \(error)"))
                            })
                        }
                    }
                    output.push(result)
                }
                workers.leave()
            }
            thread.stackSize = 8 << 20
            workers.enter()
            thread.start()
        }

        // Read on a thread of its own so this thread can commit results while input is still arriving.
        let readerBox = ReaderBox(reader)
        let readFailure = ReadFailure()
        let firstSequence = resume?.batches ?? 0
        let readerThread = Thread {
            var sequence = firstSequence
            var lines: [RawLine] = []
            lines.reserveCapacity(batchSize)
            do {
                while let line = try readerBox.reader.nextLine() {
                    lines.append(line)
                    if lines.count == batchSize {
                        inFlight.wait()
                        input.push(Batch(sequence: sequence, lines: lines))
                        sequence += 1
                        lines.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                readFailure.set("\(error)")
            }
            if !lines.isEmpty {
                inFlight.wait()
                input.push(Batch(sequence: sequence, lines: lines))
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
        var sinkError: RunError? = nil
        while let batch = output.pop() {
            pending[batch.sequence] = batch
            while let ready = pending.removeValue(forKey: next) {
                if sinkError == nil {
                    do { try sink.commit(ready) } catch { sinkError = error }
                } else {
                    sink.discard(ready)
                }
                inFlight.signal()
                next += 1
            }
        }
        if let sinkError { throw sinkError }
        if let failure = readFailure.message { throw .input(failure) }
        return try sink.finish(started: start, resumedAfter: setup.resumedAfter)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Hands the reader to its thread (it is used by that thread only).
private final class ReaderBox: @unchecked Sendable {
    let reader: JSONLinesReader
    init(_ reader: JSONLinesReader) { self.reader = reader }
}

private final class ReadFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    func set(_ message: String) { lock.withLock { text = message } }
    var message: String? { lock.withLock { text } }
}
