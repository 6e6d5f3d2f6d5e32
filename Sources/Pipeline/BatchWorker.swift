import Foundation
import Layout
import Render
import Templates

/// One worker thread's job: turns a batch of input lines into results on their channels. Print documents
/// become per-document PDFs (under pending names the committing thread renames) or the batch's piece of the
/// print stream; emails become messages under pending names; SMS become lines the committing thread appends.
/// Everything is hashed here, in parallel, while it is still in the page cache.
final class BatchWorker {
    let processor: RecordProcessor
    let mode: OutputMode
    let runID: String
    let runDate: RunDate
    let outputDirectory: String

    init(template: CompiledTemplate, options: RunOptions, runID: String) {
        processor = RecordProcessor(template: template, runDate: options.runDate.daysSinceEpoch, channel: options.channelOverride)
        mode = options.mode
        runDate = options.runDate
        outputDirectory = options.outputDirectory
        self.runID = runID
    }

    func run(_ batch: BatchRun.Batch) -> BatchRun.BatchResult {
        var results: [BatchRun.Result] = []
        results.reserveCapacity(batch.lines.count)
        var pieceDocuments: [LaidOutDocument] = []
        var pieceResults: [Int] = []  // where each piece document's result is
        for (i, line) in batch.lines.enumerated() {
            let (made, provenance) = processor.make(line)
            func failed(_ what: String, _ error: Error) -> BatchRun.Result {
                .reject(Reject(provenance: provenance, reason: "cannot write the \(what): \(error)"))
            }
            switch made {
            case .reject(let reject):
                results.append(.reject(reject))
            case .print(let document, let fallback):
                var result = describe(document, channel: .print, fallback: fallback)
                if mode == .stream {
                    pieceDocuments.append(document)
                    pieceResults.append(results.count)
                    results.append(.document(result, provenance))
                    continue
                }
                let pending = pendingPath("documents", DocumentFileName.make(document.id), "pdf", batch.sequence, i)
                do {
                    let (sha256, sha512, size) = try DocumentPDF.write(document, to: pending, runDate: runDate,
                                                                       writer: processor.pdf, atomic: false)
                    result.file = BatchRun.PendingFile(path: pending, size: size, sha256: sha256, sha512: sha512)
                    results.append(.document(result, provenance))
                } catch {
                    results.append(failed("PDF", error))
                }
            case .email(let document, let draft, let fallback):
                var result = describe(document, channel: .email, fallback: fallback)
                let name = DocumentFileName.make(document.id)
                let pending = pendingPath("email", name, "eml", batch.sequence, i)
                do {
                    guard let settings = processor.template.email else { throw RunError.output("no email variant") }
                    result.file = try EmailOutput.write(draft, document: document, fileName: name, runID: runID, runDate: runDate,
                                                       template: settings, writer: processor.pdf, to: pending)
                    results.append(.document(result, provenance))
                } catch {
                    results.append(failed("email", error))
                }
            case .sms(let id, let draft, let fallback):
                let line = SMSOutput.line(draft, account: id)
                let digest = FileHashing.sha256(line)
                results.append(.document(BatchRun.MadeDocument(
                    id: id, pages: 0, content: digest, bundle: nil, channel: .sms, fallback: fallback, smsLine: line,
                    smsStripped: draft.strippedCharacters), provenance))
            }
        }
        if mode == .stream, !pieceDocuments.isEmpty {
            let creationDate = runDate.iso + "T00:00:00Z"
            do {
                var result = BatchRun.BatchResult(sequence: batch.sequence, results: results)
                result.piece = try StreamPiece(pieceDocuments, creationDate: creationDate, writer: processor.pdf)
                result.lines = batch.lines
                return result
            } catch {
                return isolate(batch, results, pieceDocuments, pieceResults, creationDate: creationDate)
            }
        }
        return BatchRun.BatchResult(sequence: batch.sequence, results: results)
    }

    /// A piece that cannot be written (an image that fails to load, say) is one record's fault: each document
    /// is tried alone, the ones that fail become rejects with their reason, and the piece is made of the rest.
    /// The piece is then what the batch would have made without those records, as the committing thread's
    /// rebuild for duplicates expects.
    private func isolate(_ batch: BatchRun.Batch, _ results: [BatchRun.Result], _ documents: [LaidOutDocument],
                         _ indices: [Int], creationDate: String) -> BatchRun.BatchResult {
        var results = results
        var kept: [LaidOutDocument] = []
        for (document, index) in zip(documents, indices) {
            do {
                _ = try StreamPiece([document], creationDate: creationDate, writer: processor.pdf)
                kept.append(document)
            } catch {
                guard case .document(_, let provenance) = results[index] else { continue }
                results[index] = .reject(Reject(provenance: provenance, reason: "cannot write the print stream: \(error)"))
            }
        }
        var result = BatchRun.BatchResult(sequence: batch.sequence, results: results)
        guard !kept.isEmpty else { return result }
        do {
            result.piece = try StreamPiece(kept, creationDate: creationDate, writer: processor.pdf)
            result.lines = batch.lines
        } catch {
            // Each alone was fine but not together: reject them all, naming why.
            result = BatchRun.BatchResult(sequence: batch.sequence, results: results.map { r in
                guard case .document(let made, let provenance) = r, made.channel == .print, made.file == nil else { return r }
                return .reject(Reject(provenance: provenance, reason: "cannot write the print stream: \(error)"))
            })
        }
        return result
    }

    private func describe(_ document: LaidOutDocument, channel: Channel, fallback: String?) -> BatchRun.MadeDocument {
        BatchRun.MadeDocument(id: document.id, pages: document.pages.count, content: ContentDigest.sha256(document),
                              bundle: channel == .print ? document.metadata.bundle : nil, channel: channel, fallback: fallback)
    }

    /// A hidden name in the channel's folder; the committing thread renames it (so a duplicate id can never
    /// overwrite the first document).
    private func pendingPath(_ folder: String, _ name: String, _ ext: String, _ sequence: Int, _ index: Int) -> String {
        (outputDirectory as NSString).appendingPathComponent("\(folder)/.\(name).\(ext).pending-\(sequence)-\(index)")
    }
}
