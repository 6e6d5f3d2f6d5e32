import Foundation
import Layout
import Records
import Render
import RunFolder
import Templates

/// One worker thread's job: turns a batch of input lines into results on their channels. Print documents
/// become per-document PDFs (under pending names the committing thread renames) or the batch's piece of the
/// print stream; emails become messages under pending names; SMS become lines the committing thread appends.
/// Everything is hashed here, in parallel, while it is still in the page cache.
///
/// A batch goes through two steps: every record is prepared (parsed, bound, its id evaluated) and the ids
/// are claimed in input order (`IDClaims`), then only the first record with each id is laid out and written.
/// A failure to write a file is a fault of the machine, not of the record: it stops the run (resumably)
/// instead of becoming a reject.
final class BatchWorker {
    let processor: RecordProcessor
    let mode: OutputMode
    let runID: String
    let runDate: RunDate
    let folder: RunFolder
    let claims: IDClaims

    init(template: CompiledTemplate, options: RunOptions, runID: String, claims: IDClaims) {
        processor = RecordProcessor(template: template, runDate: options.runDate.daysSinceEpoch, channel: options.channelOverride,
                                    pdfWriter: options.pdfWriter)
        mode = options.mode
        runDate = options.runDate
        folder = options.folder
        self.runID = runID
        self.claims = claims
    }

    func run(_ batch: BatchRun.Batch) -> BatchRun.BatchResult {
        let prepared = batch.records.map { processor.prepare($0) }
        let claimed = claims.claim(sequence: batch.sequence, prepared.map { record in
            guard case .success(let r) = record else { return nil }
            return (r.id, r.provenance.line)
        })
        var results: [BatchRun.Result] = []
        results.reserveCapacity(batch.records.count)
        var pieceDocuments: [LaidOutDocument] = []
        var pieceResults: [Int] = []  // where each piece document's result is
        for i in prepared.indices {
            let record: RecordProcessor.Prepared
            switch prepared[i] {
            case .failure(let reject):
                results.append(.reject(reject))
                continue
            case .success(let r): record = r
            }
            let name: String
            switch claimed[i] ?? .new(name: OutputName.make(record.id)) {
            case .duplicate(let firstLine):
                results.append(.reject(Reject(provenance: record.provenance,
                                              reason: "duplicate document id '\(record.id)': line \(firstLine) already produced it")))
                continue
            case .new(let n): name = n
            }
            let provenance = record.provenance
            switch processor.make(record) {
            case .reject(let reject):
                results.append(.reject(reject))
            case .print(let document, let fallback):
                var result = describe(document, name: name, channel: .print, fallback: fallback)
                if mode == .stream {
                    pieceDocuments.append(document)
                    pieceResults.append(results.count)
                    results.append(.document(result, provenance))
                    continue
                }
                let bytes: [UInt8]
                do { bytes = try DocumentPDF.make(document, runDate: runDate, writer: processor.pdf) } catch {
                    results.append(.reject(Reject(provenance: provenance, reason: "cannot make the PDF: \(error)")))
                    continue
                }
                let pending = folder.pending(RunFolder.documentsFolder, sequence: batch.sequence, index: i, ext: "pdf")
                do {
                    result.file = try BatchRun.PendingFile.write(bytes, to: pending)
                    results.append(.document(result, provenance))
                } catch {
                    results.append(.fault(error.description))
                }
            case .email(let document, let draft, let fallback):
                var result = describe(document, name: name, channel: .email, fallback: fallback)
                let pending = folder.pending(RunFolder.emailFolder, sequence: batch.sequence, index: i, ext: "eml")
                guard let settings = processor.template.email else {
                    results.append(.reject(Reject(provenance: provenance, reason: "the template has no email variant")))
                    continue
                }
                let message: [UInt8]
                do {
                    message = try EmailOutput.make(draft, document: document, fileName: name, runID: runID, runDate: runDate,
                                                   template: settings, writer: processor.pdf)
                } catch {
                    results.append(.reject(Reject(provenance: provenance, reason: "cannot make the email: \(error)")))
                    continue
                }
                do {
                    result.file = try BatchRun.PendingFile.write(message, to: pending)
                    results.append(.document(result, provenance))
                } catch {
                    results.append(.fault(error.description))
                }
            case .sms(let id, let draft, let fallback):
                let line = SMSOutput.line(draft, account: id)
                let digest = FileHashing.sha256(line)
                results.append(.document(BatchRun.MadeDocument(
                    id: id, name: name, pages: 0, content: digest, bundle: nil, channel: .sms, fallback: fallback, smsLine: line,
                    smsStripped: draft.strippedCharacters), provenance))
            }
        }
        if mode == .stream, !pieceDocuments.isEmpty {
            let creationDate = runDate.iso + "T00:00:00Z"
            do {
                var result = BatchRun.BatchResult(sequence: batch.sequence, results: results)
                result.piece = try StreamPiece(pieceDocuments, creationDate: creationDate, writer: processor.pdf)
                return result
            } catch {
                return isolate(batch, results, pieceDocuments, pieceResults, creationDate: creationDate)
            }
        }
        return BatchRun.BatchResult(sequence: batch.sequence, results: results)
    }

    /// A piece that cannot be written (an image that fails to load, say) is one record's fault: each document
    /// is tried alone, the ones that fail become rejects with their reason, and the piece is made of the rest.
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
        } catch {
            // Each alone was fine but not together: reject them all, naming why.
            result = BatchRun.BatchResult(sequence: batch.sequence, results: results.map { r in
                guard case .document(let made, let provenance) = r, made.channel == .print, made.file == nil else { return r }
                return .reject(Reject(provenance: provenance, reason: "cannot write the print stream: \(error)"))
            })
        }
        return result
    }

    private func describe(_ document: LaidOutDocument, name: String, channel: Channel, fallback: String?) -> BatchRun.MadeDocument {
        var made = BatchRun.MadeDocument(id: document.id, name: name, pages: document.pages.count, content: ContentDigest.sha256(document),
                                         bundle: channel == .print ? document.metadata.bundle : nil, channel: channel, fallback: fallback)
        made.warnings = document.warnings
        return made
    }
}
