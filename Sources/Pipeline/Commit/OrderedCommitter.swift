import Foundation
import Journal
import Records
import RunFolder
import Templates

/// Commits results in input order, on one thread: renames per-document PDFs and emails into place, joins
/// print-stream pieces, appends SMS lines and rejects, keeps the tally, and collects the journal entries the
/// next checkpoint records. Duplicates were refused before anything was rendered (`IDClaims`), so nothing
/// here renders or decides about ids.
final class OrderedCommitter {
    let options: RunOptions
    let template: CompiledTemplate
    let outputs: RunOutputs
    let runID: String
    private let progress: ProgressReporter?
    private let inputSize: Int?
    private(set) var tally: CommitTally
    /// Batches committed; the next batch's sequence number.
    private(set) var batches: Int
    /// The last input line committed: a resumed run reads on after it.
    private(set) var lastProvenance: Provenance?
    /// Committed since the last checkpoint, recorded by the next one.
    private var pendingDocuments: [DocumentEntry] = []
    private var pendingRejects: [RejectEntry] = []

    init(options: RunOptions, template: CompiledTemplate, outputs: RunOutputs, runID: String, tally: CommitTally,
         resume: Checkpoint?, progress: ProgressReporter?, inputSize: Int?) {
        self.options = options
        self.template = template
        self.outputs = outputs
        self.runID = runID
        self.tally = tally
        self.progress = progress
        self.inputSize = inputSize
        batches = resume?.batches ?? 0
        if let line = resume?.lastLine, let offset = resume?.lastOffset {
            lastProvenance = Provenance(file: options.inputPath, line: line, byteOffset: offset)
        }
    }

    func commit(_ batch: BatchRun.BatchResult) throws(RunError) {
        // Pages of the print stream before this batch's piece: a document's first page counts only the pages
        // in the stream, not those of documents that went to email or SMS files.
        var streamPage = outputs.streamPageCount
        if options.mode == .stream, let piece = batch.piece { try outputs.append(piece, batch: batch.sequence) }
        for result in batch.results {
            tally.records += 1
            switch result {
            case .reject(let reject):
                try addReject(reject)
            case .fault(let message):
                throw .output(message + " (the run stops here; run the same command again once the cause is fixed"
                    + " and it resumes from its last checkpoint)")
            case .document(let made, let provenance):
                switch (made.channel, made.file) {
                case (.sms, _): try commitSMS(made, provenance)
                case (.email, let file?): try commitFile(made, file, relative: RunFolder.emailFile(made.name), provenance)
                case (_, let file?): try commitFile(made, file, relative: RunFolder.documentFile(made.name), provenance)
                case (_, nil):
                    try commitInPiece(made, provenance, firstPage: streamPage + 1)
                    streamPage += made.pages
                }
            }
            if let last = result.provenance {
                lastProvenance = last
                progress?.update(records: tally.records, documents: tally.documents, byteOffset: last.byteOffset, inputSize: inputSize)
            }
        }
        batches += 1
        CrashPoint.reach("batch")
    }

    /// The journal entries committed since the last call, for a checkpoint.
    func takePending() -> (documents: [DocumentEntry], rejects: [RejectEntry]) {
        defer {
            pendingDocuments.removeAll(keepingCapacity: true)
            pendingRejects.removeAll(keepingCapacity: true)
        }
        return (pendingDocuments, pendingRejects)
    }

    /// After a failure: removes what workers wrote for results that will not be committed.
    func discard(_ batch: BatchRun.BatchResult) {
        for case .document(let made, _) in batch.results { if let file = made.file { unlink(file.path) } }
    }

    /// A per-document PDF or an email message: moved from its pending name into place.
    private func commitFile(_ made: BatchRun.MadeDocument, _ file: BatchRun.PendingFile, relative: String,
                            _ provenance: Provenance) throws(RunError) {
        let final = options.folder.file(relative)
        guard rename(file.path, final) == 0 else {
            throw .output("cannot move \(file.path) to \(final): \(String(cString: strerror(errno)))")
        }
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: made.channel.rawValue,
            path: relative, firstPage: nil, pages: made.pages, size: file.size, sha256: file.sha256,
            sha512: file.sha512, contentSHA256: made.content,
            bundle: made.channel == .print ? RunBundles.bundleID(runID: runID, partner: made.bundle) : nil))
        tally.addDocument(made, line: provenance.line)
    }

    /// An SMS: its line appended to sms/messages.jsonl.
    private func commitSMS(_ made: BatchRun.MadeDocument, _ provenance: Provenance) throws(RunError) {
        guard let line = made.smsLine else { return }
        guard let sms = outputs.sms else { throw .output("an SMS was made but the template has no sms variant") }
        try sms.write(line + "\n")
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: "sms",
            path: RunFolder.smsFile, firstPage: nil, pages: 0, size: line.utf8.count, sha256: made.content,
            contentSHA256: made.content, bundle: nil))
        tally.addDocument(made, line: provenance.line)
    }

    /// Stream mode: the document is in the piece just joined.
    private func commitInPiece(_ made: BatchRun.MadeDocument, _ provenance: Provenance, firstPage: Int) throws(RunError) {
        try outputs.index?.write("\(CSV.field(made.id)),\(firstPage),\(made.pages)\n")
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: "print",
            path: outputs.relativeStreamPath, firstPage: firstPage, pages: made.pages, size: nil, sha256: nil, sha512: nil,
            contentSHA256: made.content, bundle: runID))
        tally.addDocument(made, line: provenance.line)
    }

    private func addReject(_ reject: Reject) throws(RunError) {
        tally.addReject(reject)
        try outputs.rejects?.write(reject.jsonLine + "\n")
        pendingRejects.append(RejectEntry(file: reject.provenance.file, line: reject.provenance.line,
                                          byteOffset: reject.provenance.byteOffset, reason: reject.reason))
        if options.maxRejects.exceededEarly(rejects: tally.rejects) { throw .tooManyRejects(tooManyRejects) }
    }

    /// Why a run with too many rejects stops.
    var tooManyRejects: String {
        "\(tally.rejects) of \(tally.records) records rejected, more than --max-rejects \(options.maxRejects.text) allows: is this the "
            + "right input for template \(template.name)? (see rejects.jsonl; nothing was signed; --max-rejects 100% accepts any number)"
    }
}

extension BatchRun.Result {
    var provenance: Provenance? {
        switch self {
        case .reject(let reject): reject.provenance
        case .document(_, let provenance): provenance
        case .fault: nil
        }
    }
}

enum CSV {
    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
