import Foundation
import Journal
import Render
import RunFolder
import Templates

/// The files a run grows under hidden partial names while it commits: rejects.jsonl, sms/messages.jsonl
/// and, in stream mode, the print stream and its page index. Opened afresh or taken up where a checkpoint
/// left them; their lengths go into each checkpoint; closing moves each into place.
final class RunOutputs {
    private(set) var rejects: OutputFile?
    private(set) var sms: OutputFile?
    private(set) var stream: PDFAssembler?
    private(set) var index: OutputFile?
    /// The print stream's path relative to OUT (`print/<name>.pdf`).
    let relativeStreamPath: String

    /// Opens the files a fresh run writes (`resume` nil) or takes them up at a checkpoint's lengths; throws
    /// when a partial file is missing or short, and the caller then starts the run over.
    init(options: RunOptions, template: CompiledTemplate, resume: Checkpoint?) throws(RunError) {
        let folder = options.folder
        relativeStreamPath = RunFolder.streamFile(options.streamFileName)
        let rejectsPath = RunFolder(options.reportFolder).file(RunFolder.rejectsFile)
        let streamPath = folder.file(relativeStreamPath)
        let indexPath = folder.file(RunFolder.printIndexFile)
        let smsPath = folder.file(RunFolder.smsFile)
        var streamInfo = PDFWriter.Info(title: "\(template.name) print stream", creationDate: options.runDate.iso + "T00:00:00Z")
        streamInfo.language = template.languageTag
        guard let resume else {
            rejects = try OutputFile(path: rejectsPath)
            if template.sms != nil { sms = try OutputFile(path: smsPath) }
            if options.mode == .stream {
                do { stream = try PDFAssembler(path: streamPath, info: streamInfo) } catch { throw .output(because: error) }
                index = try OutputFile(path: indexPath)
                try index?.write("\(template.document.indexLabel),first_page,page_count\n")
            }
            return
        }
        // Once the input is done, a file whose partial is gone was already moved into place.
        func resumable(_ path: String) -> Bool {
            !resume.inputDone || FileManager.default.fileExists(atPath: RunFolder.partial(path))
        }
        if resumable(rejectsPath) { rejects = try OutputFile(path: rejectsPath, resumingAt: resume.rejectsBytes) }
        if template.sms != nil, resumable(smsPath) { sms = try OutputFile(path: smsPath, resumingAt: resume.smsBytes ?? 0) }
        if options.mode == .stream {
            guard let state = resume.stream, let indexBytes = resume.indexBytes else { throw .output("the checkpoint has no print stream state") }
            if resumable(streamPath) {
                do { stream = try PDFAssembler(path: streamPath, info: streamInfo, resuming: state) } catch { throw .output(because: error) }
            }
            if resumable(indexPath) { index = try OutputFile(path: indexPath, resumingAt: indexBytes) }
        }
    }

    /// Hands everything written to the kernel and records each file's length in the checkpoint. The
    /// checkpoint writer's syncfs then makes these bytes and the renamed documents durable together.
    func capture(into checkpoint: inout Checkpoint) throws(RunError) {
        checkpoint.rejectsBytes = try rejects?.sync(durable: false) ?? 0
        checkpoint.smsBytes = try sms?.sync(durable: false)
        checkpoint.indexBytes = try index?.sync(durable: false)
        do { checkpoint.stream = try stream?.checkpoint(durable: false) } catch { throw .output(because: error) }
    }

    /// Pages in the print stream so far (0 without one).
    var streamPageCount: Int { stream?.pageCount ?? 0 }

    /// Joins a batch's piece onto the print stream.
    func append(_ piece: StreamPiece, batch: Int) throws(RunError) {
        guard let stream else { return }
        do { try stream.append(piece.bytes, fonts: piece.fonts, source: "the piece of batch \(batch)", documents: piece.outline) } catch {
            throw .output(because: error)
        }
    }

    /// Closes the print stream, its index and the SMS file (moved into place); the rejects file stays open
    /// until the reject limit is checked (`closeRejects`). Returns the outputs closed, relative to OUT.
    func closeChannels(mode: OutputMode) throws(RunError) -> [String] {
        var closed: [String] = []
        if mode == .stream {
            do { try stream?.finish() } catch { throw .output(because: error) }
            CrashPoint.reach("stream-finished")
            try index?.commit()
            closed += [relativeStreamPath, RunFolder.printIndexFile]
        }
        if let sms {
            try sms.commit()
            closed.append(RunFolder.smsFile)
        }
        return closed
    }

    func closeRejects() throws(RunError) { try rejects?.commit() }
}
