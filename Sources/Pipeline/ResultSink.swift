import Foundation
import Layout
import Records
import Render
import Templates

/// Commits results in input order: renames per-document PDFs into place, appends to the print stream and
/// its page index, records rejects, counts, and reports progress. Runs on one thread.
final class ResultSink {
    let options: RunOptions
    let template: CompiledTemplate
    let progress: ProgressReporter?
    let inputSize: Int?
    private let rejects: OutputFile
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
    private var outputs: [String] = []
    private let documentsDirectory: String
    private let start = DispatchTime.now()

    init(options: RunOptions, template: CompiledTemplate, progress: ProgressReporter?, inputSize: Int?) throws(RunError) {
        self.options = options
        self.template = template
        self.progress = progress
        self.inputSize = inputSize
        // Sized from the input (a record is rarely under 500 bytes): no copies of the set while it grows.
        seen = CommittedIDs(expected: min((inputSize ?? 0) / 500, 50_000_000))
        let out = options.outputDirectory
        documentsDirectory = (out as NSString).appendingPathComponent("documents")
        let printDirectory = (out as NSString).appendingPathComponent("print")
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: options.mode == .perDocument ? documentsDirectory : printDirectory,
                                                    withIntermediateDirectories: true)
        } catch {
            throw .output("cannot create the output folder \(out): \(error.localizedDescription)")
        }
        rejects = try OutputFile(path: (out as NSString).appendingPathComponent("rejects.jsonl"))
        if options.mode == .stream {
            let path = (printDirectory as NSString).appendingPathComponent(options.streamFileName)
            do {
                stream = try PDFAssembler(path: path, info: PDFWriter.Info(
                    title: "\(template.name) print stream", creationDate: options.runDate.iso + "T00:00:00Z"))
            } catch {
                throw .output(error.description)
            }
            index = try OutputFile(path: (printDirectory as NSString).appendingPathComponent("index.csv"))
            try index?.write("\(template.document.indexLabel),first_page,page_count\n")
        }
    }

    func commit(_ batch: BatchRun.BatchResult) throws(RunError) {
        if options.mode == .stream { try commitPiece(batch) }
        for result in batch.results {
            records += 1
            switch result {
            case .reject(let reject):
                try addReject(reject)
            case .pendingFile(let id, let path, let pageCount, let provenance):
                // Keyed by file name: two ids that differ only in characters a file name cannot hold
                // ("A/B", "A_B") would otherwise overwrite each other.
                let name = DocumentFileName.make(id)
                if let firstLine = seen.insert(name, line: provenance.line) {
                    unlink(path)
                    let firstID = renamedIDs[name] ?? name
                    try addReject(firstID == id
                        ? duplicate(id, firstLine: firstLine, provenance)
                        : Reject(provenance: provenance, reason: "document id '\(id)' gives the file name \(name).pdf, which line \(firstLine) already produced for id '\(firstID)'"))
                    continue
                }
                if name != id { renamedIDs[name] = id }
                let final = (documentsDirectory as NSString).appendingPathComponent(name + ".pdf")
                guard rename(path, final) == 0 else {
                    throw .output("cannot move \(path) to \(final): \(String(cString: strerror(errno)))")
                }
                documents += 1
                pages += pageCount
            case .inPiece(let id, let pageCount, let provenance):
                if let firstLine = pieceDuplicates[provenance.line] {
                    try addReject(duplicate(id, firstLine: firstLine, provenance))
                    continue
                }
                try index?.write("\(CSV.field(id)),\(pages + 1),\(pageCount)\n")
                documents += 1
                pages += pageCount
            }
            if let last = result.provenance { progress?.update(records: records, documents: documents, byteOffset: last.byteOffset, inputSize: inputSize) }
        }
    }

    /// Joins a batch's piece onto the print stream. A document whose id came earlier is left out: the piece
    /// is then rendered again here without it (rare: duplicate ids are an upstream mistake).
    private func commitPiece(_ batch: BatchRun.BatchResult) throws(RunError) {
        pieceDuplicates.removeAll(keepingCapacity: true)
        guard let piece = batch.piece, let stream else { return }
        for case .inPiece(let id, _, let provenance) in batch.results {
            if let firstLine = seen.insert(id, line: provenance.line) { pieceDuplicates[provenance.line] = firstLine }
        }
        let duplicates = Set(pieceDuplicates.keys)
        var path = piece
        if !duplicates.isEmpty {
            unlink(piece)
            let processor = rebuildProcessor ?? RecordProcessor(template: template, runDate: options.runDate.daysSinceEpoch)
            rebuildProcessor = processor
            var kept: [LaidOutDocument] = []
            for line in batch.lines where !duplicates.contains(line.provenance.line) {
                if case .document(let document, _) = processor.process(line) { kept.append(document) }
            }
            guard !kept.isEmpty else { return }
            path = piece + ".rebuilt"
            do {
                try StreamPiece.write(kept, to: path, creationDate: options.runDate.iso + "T00:00:00Z", painter: processor.painter)
            } catch { throw .output(error.description) }
        }
        do { try stream.append(contentsOf: path) } catch { throw .output(error.description) }
        unlink(path)
    }

    /// After a failure: remove what workers wrote for results that will not be committed.
    func discard(_ batch: BatchRun.BatchResult) {
        for case .pendingFile(_, let path, _, _) in batch.results { unlink(path) }
        if let piece = batch.piece { unlink(piece) }
    }

    private func duplicate(_ id: String, firstLine: Int, _ provenance: Provenance) -> Reject {
        Reject(provenance: provenance, reason: "duplicate document id '\(id)': line \(firstLine) already produced it")
    }

    private func addReject(_ reject: Reject) throws(RunError) {
        rejectCount += 1
        try rejects.write(reject.jsonLine + "\n")
        if firstRejects.count < 100 {
            firstRejects.append(RejectSummary(file: reject.provenance.file, line: reject.provenance.line, reason: reject.reason))
        }
    }

    func finish(wallSeconds: Double) throws(RunError) -> RunReport {
        progress?.finish()
        try rejects.commit()
        outputs.append("rejects.jsonl")
        if let stream {
            do { try stream.finish() } catch { throw .output(error.description) }
            try index?.commit()
            outputs.append("print/\(options.streamFileName)")
            outputs.append("print/index.csv")
        } else {
            outputs.append("documents/")
        }
        let report = RunReport(
            engine: BatchRun.engineVersion, template: template.name, templateFile: template.file, input: options.inputPath,
            output: options.outputDirectory, mode: options.mode.rawValue, runDate: options.runDate.iso, jobs: options.jobs,
            recordsRead: records, documents: documents, pages: pages, rejects: rejectCount, wallSeconds: wallSeconds,
            outputs: outputs + ["report.json", "report.html"], firstRejects: firstRejects)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: String
        do { json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n" } catch {
            throw .output("cannot encode the report: \(error)")
        }
        let out = options.outputDirectory as NSString
        try OutputFile.write(json, to: out.appendingPathComponent("report.json"))
        try OutputFile.write(ReportPage.html(report), to: out.appendingPathComponent("report.html"))
        return report
    }
}

extension BatchRun.Result {
    var provenance: Provenance? {
        switch self {
        case .reject(let reject): reject.provenance
        case .pendingFile(_, _, _, let provenance), .inPiece(_, _, let provenance): provenance
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
