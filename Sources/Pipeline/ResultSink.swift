import CMemory
import Foundation
import Journal
import Layout
import Records
import Render
import RunFolder
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
    /// What an unfinished run of another identity left here, moved out of the way before this run began.
    var quarantined: Quarantine.Moved?
    private var rejects: OutputFile?
    private var stream: PDFAssembler?
    private var index: OutputFile?
    private var records = 0, documents = 0, pages = 0, rejectCount = 0
    private var firstRejects: [RejectSummary] = []
    private var perChannel: [String: Int] = [:]
    private var fallbackCount = 0
    private var firstFallbacks: [FallbackSummary] = []
    private var smsSanitized = SMSSanitizedCounts()
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
        let out = options.outputDirectory
        let folder = options.folder
        documentsDirectory = folder.documents
        let printDirectory = folder.print
        relativeStreamPath = RunFolder.streamFile(options.streamFileName)
        batches = resume?.batches ?? 0
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: options.reportFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: options.mode == .perDocument ? documentsDirectory : printDirectory,
                                                    withIntermediateDirectories: true)
            if template.email != nil {
                try FileManager.default.createDirectory(atPath: folder.email, withIntermediateDirectories: true)
            }
            if template.sms != nil {
                try FileManager.default.createDirectory(atPath: folder.sms, withIntermediateDirectories: true)
            }
        } catch {
            throw .output("cannot create the output folder \(out): \(error.localizedDescription)")
        }
        let rejectsPath = RunFolder(options.reportFolder).file(RunFolder.rejectsFile)
        let streamPath = folder.file(relativeStreamPath)
        let indexPath = folder.file(RunFolder.printIndexFile)
        let streamInfo = PDFWriter.Info(title: "\(template.name) print stream", creationDate: options.runDate.iso + "T00:00:00Z")
        let smsPath = folder.file(RunFolder.smsFile)
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
            !resume.inputDone || FileManager.default.fileExists(atPath: RunFolder.partial(path))
        }
        if resumable(rejectsPath) { rejects = try OutputFile(path: rejectsPath, resumingAt: resume.rejectsBytes) }
        if template.sms != nil, resumable(smsPath) { sms = try OutputFile(path: smsPath, resumingAt: resume.smsBytes ?? 0) }
        perChannel = resume.channels ?? [:]
        fallbackCount = resume.fallbacks ?? 0
        firstFallbacks = resume.firstFallbacks ?? []
        smsSanitized = resume.smsSanitized ?? SMSSanitizedCounts()
        if options.mode == .stream {
            guard let state = resume.stream, let indexBytes = resume.indexBytes else { throw .output("the checkpoint has no print stream state") }
            if resumable(streamPath) {
                do { stream = try PDFAssembler(path: streamPath, info: streamInfo, resuming: state) } catch { throw .output(error.description) }
            }
            if resumable(indexPath) { index = try OutputFile(path: indexPath, resumingAt: indexBytes) }
        }
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
            case .fault(let message):
                throw .output(message + " (the run stops here; run the same command again once the cause is fixed"
                    + " and it resumes from its last checkpoint)")
            case .document(let made, let provenance):
                switch (made.channel, made.file) {
                case (.sms, _): try commitSMS(made, provenance)
                case (.email, let file?): try commitFile(made, file, relative: RunFolder.emailFile(made.name), provenance)
                case (_, let file?): try commitFile(made, file, relative: RunFolder.documentFile(made.name), provenance)
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

    /// A per-document PDF or an email message: moved into place unless its id was already taken.
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
        count(made, provenance)
    }

    /// An SMS: its line appended to sms/messages.jsonl.
    private func commitSMS(_ made: BatchRun.MadeDocument, _ provenance: Provenance) throws(RunError) {
        guard let line = made.smsLine else { return }
        guard let sms else { throw .output("an SMS was made but the template has no sms variant") }
        try sms.write(line + "\n")
        pendingDocuments.append(DocumentEntry(
            line: provenance.line, documentID: made.id, byteOffset: provenance.byteOffset, channel: "sms",
            path: RunFolder.smsFile, firstPage: nil, pages: 0, size: line.utf8.count, sha256: made.content,
            contentSHA256: made.content, bundle: nil))
        count(made, provenance)
    }

    /// Counts a committed document on its channel, and its fallback.
    private func count(_ made: BatchRun.MadeDocument, _ provenance: Provenance) {
        documents += 1
        pages += made.pages
        perChannel[made.channel.rawValue, default: 0] += 1
        smsSanitized.add(made.smsStripped)
        if let reason = made.fallback {
            fallbackCount += 1
            if firstFallbacks.count < 100 {
                firstFallbacks.append(FallbackSummary(line: provenance.line, document: made.id, channel: made.channel.rawValue, reason: reason))
            }
        }
    }

    /// Stream mode: the document is in the piece just joined, unless it was a duplicate left out of it.
    private func commitInPiece(_ made: BatchRun.MadeDocument, _ provenance: Provenance) throws(RunError) {
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
        state.smsSanitized = smsSanitized
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

    /// Joins a batch's piece onto the print stream (duplicates were left out before it was made).
    private func commitPiece(_ batch: BatchRun.BatchResult) throws(RunError) {
        guard let piece = batch.piece, let stream else { return }
        do { try stream.append(piece.bytes, fonts: piece.fonts, source: "the piece of batch \(batch.sequence)") } catch {
            throw .output(error.description)
        }
    }

    /// After a failure: remove what workers wrote for results that will not be committed.
    func discard(_ batch: BatchRun.BatchResult) {
        for case .document(let made, _) in batch.results { if let file = made.file { unlink(file.path) } }
    }

    private func addReject(_ reject: Reject) throws(RunError) {
        rejectCount += 1
        try rejects?.write(reject.jsonLine + "\n")
        pendingRejects.append(RejectEntry(file: reject.provenance.file, line: reject.provenance.line,
                                          byteOffset: reject.provenance.byteOffset, reason: reject.reason))
        if firstRejects.count < 100 {
            firstRejects.append(RejectSummary(file: reject.provenance.file, line: reject.provenance.line, reason: reject.reason))
        }
        if options.maxRejects.exceededEarly(rejects: rejectCount) { throw .tooManyRejects(tooManyRejects) }
    }

    private var tooManyRejects: String {
        "\(rejectCount) of \(records) records rejected, more than --max-rejects \(options.maxRejects.text) allows: is this the "
            + "right input for template \(template.name)? (see rejects.jsonl; nothing was signed; --max-rejects 100% accepts any number)"
    }

    /// Ends a run with too many rejects as a failure: what was recorded is kept, the report says why, the
    /// journal marks the run failed (no bundle is signed, `deliver` sends nothing of it).
    func fail(started: DispatchTime, resumedAfter: Int?) throws(RunError) -> RunError {
        progress?.finish()
        let reason = tooManyRejects
        try checkpointWriter.drain()
        try checkpoint(background: false)
        try rejects?.commit()
        var report = RunReport(
            engine: BatchRun.engineVersion, template: template.name, templateFile: template.file, input: options.inputPath,
            output: options.outputDirectory, mode: options.mode.rawValue, runDate: options.runDate.iso, jobs: options.jobs,
            recordsRead: records, documents: documents, pages: pages, rejects: rejectCount, wallSeconds: BatchRun.seconds(since: started),
            outputs: [RunFolder.rejectsFile, RunFolder.reportJSON, RunFolder.reportHTML], firstRejects: firstRejects)
        report.journal = journal.path
        report.runID = runID
        report.failed = reason
        report.resumedAfterRecord = resumedAfter
        try Self.writeReport(report, to: options.reportFolder)
        let counts = RunCounts(records: records, documents: documents, pages: pages, rejects: rejectCount)
        let row = runRow
        try journalCall { () throws(JournalError) in try journal.failRun(row: row, counts: counts, reason: reason) }
        try JournalHead.sign(journal, signer: try RunBundles.signer(options: options))
        return .tooManyRejects(reason)
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
            outputs.append(RunFolder.printIndexFile)
        } else {
            outputs.append("documents/")
        }
        if let sms {
            try sms.commit()
            outputs.append(RunFolder.smsFile)
        }
        if template.email != nil { outputs.append("email/") }
        if options.maxRejects.exceeded(rejects: rejectCount, records: records) { throw .tooManyRejects(tooManyRejects) }
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
        full.smsSanitized = template.sms == nil ? nil : smsSanitized
        full.bundles = bundles.map(\.path)
        full.resumedAfterRecord = resumedAfter
        full.quarantine = quarantined?.folder
        full.quarantinedFiles = quarantined?.files
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
    do { return try body() } catch { throw .output(error.description) }
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
