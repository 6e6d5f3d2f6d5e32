import CMemory
import Foundation
import Journal
import Layout
import Records
import Render
import Templates

/// Commits results in input order: renames per-document PDFs into place, appends to the print stream and
/// its page index, records rejects, counts, and reports progress. Runs on one thread.
///
/// Every second or so it takes a checkpoint: the growing files are flushed to disk (one syncfs covers the
/// documents renamed since the last one), then the journal records those documents and rejects together
/// with the checkpoint in one transaction. A killed run resumes from the last checkpoint.
final class ResultSink {
    let options: RunOptions
    let template: CompiledTemplate
    let progress: ProgressReporter?
    let inputSize: Int?
    let journal: Journal
    let runRow: Int64
    var runID = ""
    var templateHash = ""
    private var rejects: OutputFile?
    private var stream: PDFAssembler?
    private var rebuildProcessor: RecordProcessor?
    /// Lines of the batch being committed whose id came earlier, with that earlier line.
    private var pieceDuplicates: [Int: Int] = [:]
    private var index: OutputFile?
    /// Ids already committed (stream mode) and file names already written (per-document mode), with the
    /// line that made them: later ones are duplicates.
    private var seen: CommittedIDs
    /// Per-document mode: the id behind a file name, kept only when the two differ (rare), for messages.
    private var renamedIDs: [String: String] = [:]
    private var records = 0, documents = 0, pages = 0, rejectCount = 0
    private var firstRejects: [RejectSummary] = []
    private var perChannel: [String: Int] = [:]
    private var fallbackCount = 0
    private var firstFallbacks: [FallbackSummary] = []
    private var sms: OutputFile?
    private let documentsDirectory: String
    private let relativeStreamPath: String

    // Checkpointing
    private var batches: Int
    private var lastProvenance: Provenance?
    private var pendingDocuments: [DocumentEntry] = []
    private var pendingRejects: [RejectEntry] = []
    private var batchesSinceCheckpoint = 0
    private var lastCheckpoint = DispatchTime.now()
    private let checkpointEveryBatches: Int?
    private var inputDone = false
    private var timings = ProofTimings(checkpoints: 0, checkpointCount: 0, journal: 0, bundles: 0)
    private let checkpointWriter: CheckpointWriter

    /// `resume` takes up the files and counts a checkpoint recorded; it throws when the files do not
    /// match it (missing or short), and the caller then starts the run over.
    init(options: RunOptions, template: CompiledTemplate, progress: ProgressReporter?, inputSize: Int?, journal: Journal,
         runRow: Int64, resume: Checkpoint?) throws(RunError) {
        self.options = options
        self.template = template
        self.progress = progress
        self.inputSize = inputSize
        self.journal = journal
        self.runRow = runRow
        checkpointWriter = CheckpointWriter(journal: journal, outputDirectory: options.outputDirectory)
        checkpointEveryBatches = ProcessInfo.processInfo.environment["INKSTREAM_CHECKPOINT_EVERY"].flatMap { Int($0) }
        // Sized from the input (a record is rarely under 500 bytes): no copies of the set while it grows.
        seen = CommittedIDs(expected: min((inputSize ?? 0) / 500, 50_000_000))
        let out = options.outputDirectory
        documentsDirectory = (out as NSString).appendingPathComponent("documents")
        let printDirectory = (out as NSString).appendingPathComponent("print")
        relativeStreamPath = "print/" + options.streamFileName
        batches = resume?.batches ?? 0
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: options.reportFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: options.mode == .perDocument ? documentsDirectory : printDirectory,
                                                    withIntermediateDirectories: true)
            if template.email != nil {
                try FileManager.default.createDirectory(atPath: (out as NSString).appendingPathComponent("email"), withIntermediateDirectories: true)
            }
            if template.sms != nil {
                try FileManager.default.createDirectory(atPath: (out as NSString).appendingPathComponent("sms"), withIntermediateDirectories: true)
            }
        } catch {
            throw .output("cannot create the output folder \(out): \(error.localizedDescription)")
        }
        let rejectsPath = (options.reportFolder as NSString).appendingPathComponent("rejects.jsonl")
        let streamPath = (printDirectory as NSString).appendingPathComponent(options.streamFileName)
        let indexPath = (printDirectory as NSString).appendingPathComponent("index.csv")
        let streamInfo = PDFWriter.Info(title: "\(template.name) print stream", creationDate: options.runDate.iso + "T00:00:00Z")
        let smsPath = (out as NSString).appendingPathComponent("sms/messages.jsonl")
        guard let resume else {
            rejects = try OutputFile(path: rejectsPath)
            if template.sms != nil { sms = try OutputFile(path: smsPath) }
            if options.mode == .stream {
                do { stream = try PDFAssembler(path: streamPath, info: streamInfo) } catch { throw .output(error.description) }
                index = try OutputFile(path: indexPath)
                try index?.write("\(template.document.indexLabel),first_page,page_count\n")
            }
            return
        }
        (records, documents, pages, rejectCount) = (resume.records, resume.documents, resume.pages, resume.rejects)
        inputDone = resume.inputDone
        if let line = resume.lastLine, let offset = resume.lastOffset {
            lastProvenance = Provenance(file: options.inputPath, line: line, byteOffset: offset)
        }
        // Once the input is done, a file whose partial is gone was already moved into place.
        func resumable(_ path: String) -> Bool {
            !resume.inputDone || FileManager.default.fileExists(atPath: PDFAssembler.partialPath(path, "partial"))
        }
        if resumable(rejectsPath) { rejects = try OutputFile(path: rejectsPath, resumingAt: resume.rejectsBytes) }
        if template.sms != nil, resumable(smsPath) { sms = try OutputFile(path: smsPath, resumingAt: resume.smsBytes ?? 0) }
        perChannel = resume.channels ?? [:]
        fallbackCount = resume.fallbacks ?? 0
        firstFallbacks = resume.firstFallbacks ?? []
        if options.mode == .stream {
            guard let state = resume.stream, let indexBytes = resume.indexBytes else { throw .output("the checkpoint has no print stream state") }
            if resumable(streamPath) {
                do { stream = try PDFAssembler(path: streamPath, info: streamInfo, resuming: state) } catch { throw .output(error.description) }
            }
            if resumable(indexPath) { index = try OutputFile(path: indexPath, resumingAt: indexBytes) }
        }
        let perDocument = options.mode == .perDocument
        var seen = self.seen
        var renamed: [String: String] = [:]
        try journalCall { () throws(JournalError) in
            try journal.forEachCommittedDocument(run: runRow) { id, line in
                let key = perDocument ? DocumentFileName.make(id) : id
                _ = seen.insert(key, line: line)
                if key != id { renamed[key] = id }
            }
        }
        self.seen = seen
        renamedIDs = renamed
        firstRejects = try journalCall { () throws(JournalError) in try journal.rejects(run: runRow, limit: 100) }
            .map { RejectSummary(file: $0.file, line: $0.line, reason: $0.reason) }
    }

    /// The counts the run resumed with, for messages.
    var committedRecords: Int { records }

    func commit(_ batch: BatchRun.BatchResult) throws(RunError) {
        if options.mode == .stream { try commitPiece(batch) }
        for result in batch.results {
            records += 1
            switch result {
            case .reject(let reject):
                try addReject(reject)
            case .document(let made, let provenance):
                switch (made.channel, made.file) {
                case (.sms, _): try commitSMS(made, provenance)
                case (.email, let file?): try commitFile(made, file, folder: "email", ext: "eml", provenance)
                case (_, let file?): try commitFile(made, file, folder: "documents", ext: "pdf", provenance)
                case (_, nil): try commitInPiece(made, provenance)
                }
            }
            if let last = result.provenance {
                lastProvenance = last
                progress?.update(records: records, documents: documents, byteOffset: last.byteOffset, inputSize: inputSize)
            }
        }
        batches += 1
        batchesSinceCheckpoint += 1
        CrashPoint.reach("batch")
        if let every = checkpointEveryBatches {
            if batchesSinceCheckpoint >= every { try checkpoint() }
        } else if DispatchTime.now().uptimeNanoseconds - lastCheckpoint.uptimeNanoseconds >= 1_000_000_000 {
            try checkpoint()
        }
    }

    /// Whether `made` is the first document with its id (per-document mode: its file name, so that two ids
    /// differing only in characters a file name cannot hold, "A/B" and "A_B", cannot overwrite each other).
    /// A later one becomes a reject naming the line that came first.
    private func claim(_ made: BatchRun.MadeDocument, _ provenance: Provenance, ext: String) throws(RunError) -> Bool {
        let id = made.id
        let key = options.mode == .perDocument ? DocumentFileName.make(id) : id
        guard let firstLine = seen.insert(key, line: provenance.line) else {
            if key != id { renamedIDs[key] = id }
            return true
        }
        let firstID = renamedIDs[key] ?? key
        try addReject(firstID == id
            ? duplicate(id, firstLine: firstLine, provenance)
            : Reject(provenance: provenance, reason: "document id '\(id)' gives the file name \(key).\(ext), which line \(firstLine) already produced for id '\(firstID)'"))
        return false
    }

    /// A per-document PDF or an email message: moved into place unless its id was already taken.
    private func commitFile(_ made: BatchRun.MadeDocument, _ file: BatchRun.PendingFile, folder: String, ext: String,
                            _ provenance: Provenance) throws(RunError) {
        guard try claim(made, provenance, ext: ext) else {
            unlink(file.path)
            return
        }
        let relative = "\(folder)/\(DocumentFileName.make(made.id)).\(ext)"
        let final = (options.outputDirectory as NSString).appendingPathComponent(relative)
        guard rename(file.path, final) == 0 else {
            throw .output("cannot move \(file.path) to \(final): \(String(cString: strerror(errno)))")
        }
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: made.channel.rawValue,
            path: relative, firstPage: nil, pages: made.pages, size: file.size, sha256: file.sha256,
            sha512: file.sha512, contentSHA256: made.content,
            bundle: made.channel == .print ? RunBundles.bundleID(runID: runID, partner: made.bundle) : nil))
        count(made, provenance)
    }

    /// An SMS: its line appended to sms/messages.jsonl.
    private func commitSMS(_ made: BatchRun.MadeDocument, _ provenance: Provenance) throws(RunError) {
        guard let line = made.smsLine, try claim(made, provenance, ext: "sms") else { return }
        guard let sms else { throw .output("an SMS was made but the template has no sms variant") }
        try sms.write(line + "\n")
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: "sms",
            path: "sms/messages.jsonl", firstPage: nil, pages: 0, size: line.utf8.count, sha256: made.content,
            contentSHA256: made.content, bundle: nil))
        count(made, provenance)
    }

    /// Counts a committed document on its channel, and its fallback.
    private func count(_ made: BatchRun.MadeDocument, _ provenance: Provenance) {
        documents += 1
        pages += made.pages
        perChannel[made.channel.rawValue, default: 0] += 1
        if let reason = made.fallback {
            fallbackCount += 1
            if firstFallbacks.count < 100 {
                firstFallbacks.append(FallbackSummary(line: provenance.line, document: made.id, channel: made.channel.rawValue, reason: reason))
            }
        }
    }

    /// Stream mode: the document is in the piece just joined, unless it was a duplicate left out of it.
    private func commitInPiece(_ made: BatchRun.MadeDocument, _ provenance: Provenance) throws(RunError) {
        if let firstLine = pieceDuplicates[provenance.line] {
            try addReject(duplicate(made.id, firstLine: firstLine, provenance))
            return
        }
        try index?.write("\(CSV.field(made.id)),\(pages + 1),\(made.pages)\n")
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: "print",
            path: relativeStreamPath, firstPage: pages + 1, pages: made.pages, size: nil, sha256: nil, sha512: nil,
            contentSHA256: made.content, bundle: runID))
        count(made, provenance)
    }

    /// Files first (flushed, then synced to disk), then the journal: a checkpoint never covers bytes that a
    /// power cut could lose. During the run this happens in the background (`CheckpointWriter`): the state
    /// is captured here, the sync and the journal transaction run on another thread while commits go on.
    private func checkpoint(background: Bool = true) throws(RunError) {
        let started = DispatchTime.now()
        defer {
            timings.checkpoints += BatchRun.seconds(since: started)
            timings.checkpointCount += 1
        }
        var state = Checkpoint(batches: batches, lastLine: lastProvenance?.line, lastOffset: lastProvenance?.byteOffset,
                               records: records, documents: documents, pages: pages, rejects: rejectCount,
                               rejectsBytes: 0, indexBytes: nil, stream: nil, inputDone: inputDone)
        // Written to the kernel only: the writer's syncfs covers these files and the renamed documents alike.
        state.rejectsBytes = try rejects?.sync(durable: false) ?? 0
        state.smsBytes = try sms?.sync(durable: false)
        state.channels = perChannel
        state.fallbacks = fallbackCount
        state.firstFallbacks = firstFallbacks
        state.indexBytes = try index?.sync(durable: false)
        do { state.stream = try stream?.checkpoint(durable: false) } catch { throw .output(error.description) }
        let counts = RunCounts(records: records, documents: documents, pages: pages, rejects: rejectCount)
        try checkpointWriter.submit(CheckpointWriter.Work(
            run: runRow, documents: pendingDocuments, rejects: pendingRejects, counts: counts, checkpoint: state.json))
        if !background { try checkpointWriter.drain() }
        pendingDocuments.removeAll(keepingCapacity: true)
        pendingRejects.removeAll(keepingCapacity: true)
        batchesSinceCheckpoint = 0
        lastCheckpoint = DispatchTime.now()
    }

    /// Joins a batch's piece onto the print stream. A document whose id came earlier is left out: the piece
    /// is then rendered again here without it (rare: duplicate ids are an upstream mistake).
    private func commitPiece(_ batch: BatchRun.BatchResult) throws(RunError) {
        pieceDuplicates.removeAll(keepingCapacity: true)
        guard let piece = batch.piece, let stream else { return }
        var inPiece: Set<Int> = []
        for case .document(let made, let provenance) in batch.results where made.channel == .print && made.file == nil {
            inPiece.insert(provenance.line)
            if let firstLine = seen.insert(made.id, line: provenance.line) { pieceDuplicates[provenance.line] = firstLine }
        }
        let duplicates = Set(pieceDuplicates.keys)
        var joined = piece
        if !duplicates.isEmpty {
            let processor = rebuildProcessor ?? RecordProcessor(template: template, runDate: options.runDate.daysSinceEpoch)
            rebuildProcessor = processor
            var kept: [LaidOutDocument] = []
            for line in batch.lines where inPiece.contains(line.provenance.line) && !duplicates.contains(line.provenance.line) {
                if case .document(let document, _) = processor.process(line) { kept.append(document) }
            }
            guard !kept.isEmpty else { return }
            do { joined = try StreamPiece(kept, creationDate: options.runDate.iso + "T00:00:00Z", writer: processor.pdf) } catch {
                throw .output(error.description)
            }
        }
        do { try stream.append(joined.bytes, fonts: joined.fonts, source: "the piece of batch \(batch.sequence)") } catch {
            throw .output(error.description)
        }
    }

    /// After a failure: remove what workers wrote for results that will not be committed.
    func discard(_ batch: BatchRun.BatchResult) {
        for case .document(let made, _) in batch.results { if let file = made.file { unlink(file.path) } }
    }

    private func duplicate(_ id: String, firstLine: Int, _ provenance: Provenance) -> Reject {
        Reject(provenance: provenance, reason: "duplicate document id '\(id)': line \(firstLine) already produced it")
    }

    private func addReject(_ reject: Reject) throws(RunError) {
        rejectCount += 1
        try rejects?.write(reject.jsonLine + "\n")
        pendingRejects.append(RejectEntry(file: reject.provenance.file, line: reject.provenance.line,
                                          byteOffset: reject.provenance.byteOffset, reason: reject.reason))
        if firstRejects.count < 100 {
            firstRejects.append(RejectSummary(file: reject.provenance.file, line: reject.provenance.line, reason: reject.reason))
        }
    }

    /// Closes the growing files (each one is moved into place), then writes the report and marks the run
    /// complete. Each step can be redone by a resumed run.
    /// `started`: when the run began, so the report's wall time covers closing files and making bundles.
    func finish(started: DispatchTime, resumedAfter: Int?) throws(RunError) -> RunReport {
        progress?.finish()
        if !inputDone {
            inputDone = true
            try checkpointWriter.drain()
            try checkpoint(background: false)
            CrashPoint.reach("input-done")
        }
        var outputs: [String] = []
        if options.mode == .stream {
            do { try stream?.finish() } catch { throw .output(error.description) }
            CrashPoint.reach("stream-finished")
            try index?.commit()
            outputs.append(relativeStreamPath)
            outputs.append("print/index.csv")
        } else {
            outputs.append("documents/")
        }
        if let sms {
            try sms.commit()
            outputs.append("sms/messages.jsonl")
        }
        if template.email != nil { outputs.append("email/") }
        try rejects?.commit()
        CrashPoint.reach("rejects-committed")
        outputs.append("rejects.jsonl")
        // The workers are gone: hand their freed caches and display lists back to the system before the
        // bundles need memory of their own, so the end of a run does not raise its peak.
        inkstream_release_free_memory()
        let bundlesStarted = DispatchTime.now()
        let signer = try RunBundles.signer(options: options)
        let bundles = try RunBundles(options: options, template: template, runID: runID, templateHash: templateHash,
                                     signer: signer, journal: journal, runRow: runRow).make()
        timings.bundles = BatchRun.seconds(since: bundlesStarted)
        CrashPoint.reach("bundles")
        for bundle in bundles { outputs += [bundle.path, bundle.signaturePath] }
        let report = RunReport(
            engine: BatchRun.engineVersion, template: template.name, templateFile: template.file, input: options.inputPath,
            output: options.outputDirectory, mode: options.mode.rawValue, runDate: options.runDate.iso, jobs: options.jobs,
            recordsRead: records, documents: documents, pages: pages, rejects: rejectCount, wallSeconds: BatchRun.seconds(since: started),
            outputs: outputs + ["report.json", "report.html"], firstRejects: firstRejects)
        var full = report
        full.journal = journal.path
        full.runID = runID
        full.channels = ChannelCounts(print: perChannel["print"] ?? 0, email: perChannel["email"] ?? 0, sms: perChannel["sms"] ?? 0)
        full.fallbacks = fallbackCount
        full.firstFallbacks = firstFallbacks
        full.bundles = bundles.map(\.path)
        full.resumedAfterRecord = resumedAfter
        try Self.writeReport(full, to: options.reportFolder)
        CrashPoint.reach("report")
        let counts = RunCounts(records: records, documents: documents, pages: pages, rejects: rejectCount)
        let journalStarted = DispatchTime.now()
        // The renames of the final files and the bundles reach the disk before the journal says "complete".
        try FileSystemSync.sync(options.outputDirectory)
        try journalCall { () throws(JournalError) in try journal.completeRun(row: runRow, counts: counts, bundles: bundles) }
        try JournalHead.sign(journal, signer: signer)
        timings.journal = BatchRun.seconds(since: journalStarted)
        full.proofSeconds = timings
        try Self.writeReport(full, to: options.reportFolder)
        return full
    }

    static func writeReport(_ report: RunReport, to directory: String) throws(RunError) {
        let out = directory as NSString
        try OutputFile.write(try reportJSON(report), to: out.appendingPathComponent("report.json"))
        try OutputFile.write(ReportPage.html(report), to: out.appendingPathComponent("report.html"))
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
    do { return try body() } catch { throw .output(error.description) }
}

extension BatchRun.Result {
    var provenance: Provenance? {
        switch self {
        case .reject(let reject): reject.provenance
        case .document(_, let provenance): provenance
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
