import Foundation
import Journal
import Records
import Render
import Templates

/// Makes a document of a past run again, from the run's own input line, template and run date, and proves
/// it against what the journal says was sent: the file's SHA-256 (per-document runs) and the digest of the
/// laid-out pages (both modes: a print-stream document has no file of its own). When they differ it says
/// what changed since: the template, the input, the engine.
package enum Reprint {
    package struct Outcome: Sendable {
        package let run: JournalRun
        package let document: DocumentEntry
        package let output: String
        package let sha256: String
        package let contentSHA256: String
        /// Identical to what was sent (file bytes in per-document runs, pages in print streams).
        package let identical: Bool
        /// What differs between the run and now, in words; empty when nothing does.
        package let changes: [String]
        package let bytesCompared: Bool
    }

    /// `pdfWriter`: nil reprints with the writer the run used (its options say); another one makes other bytes
    /// and says so among the changes.
    package static func run(journalPath: String, runID: String, account: String, output: String,
                            pdfWriter: PDFWriterKind? = nil) throws(RunError) -> Outcome {
        let journal = try journalCall { () throws(JournalError) in try Journal.existing(path: journalPath) }
        let runs = try journalCall { () throws(JournalError) in try journal.runs(runID: runID) }
        guard let run = runs.first(where: { $0.status == .complete }) ?? runs.first else {
            let known = (try? journal.history(account: account).map(\.run.description.runID)) ?? []
            throw .notFound("no run \(runID) in the journal \(journalPath)"
                + (known.isEmpty ? "" : "; runs that made a document for \(account): \(Array(Set(known)).sorted().joined(separator: ", "))"))
        }
        guard let document = try journalCall({ () throws(JournalError) in try journal.document(run: run.row, account: account) }) else {
            throw .notFound("run \(runID) made no document for \(account) (see `inkstream history \(account)`)")
        }
        if document.channel == "sms" {
            throw .notFound("\(account) got an SMS in run \(runID) (line in \(run.description.outputDirectory)/\(document.path), sha256 \(document.contentSHA256)); reprint makes print documents")
        }
        let recorded = run.description
        var changes: [String] = []
        if recorded.engine != BatchRun.engineVersion {
            changes.append("engine: the run used \(recorded.engine), this is \(BatchRun.engineVersion)")
        }
        guard FileManager.default.fileExists(atPath: recorded.templateFile) else {
            throw .input("the run's template \(recorded.templateFile) is gone: restore it (template hash \(recorded.templateHash)) and try again")
        }
        let template: CompiledTemplate
        do { template = try TemplateLoader.load(recorded.templateFile) } catch { throw .template(error) }
        let templateHash = try FileHashing.template(template)
        if templateHash != recorded.templateHash {
            changes.append("template: the files of \((recorded.templateFile as NSString).deletingLastPathComponent) changed (hash \(recorded.templateHash.prefix(12)) then, \(templateHash.prefix(12)) now)")
        }
        guard FileManager.default.fileExists(atPath: recorded.inputPath) else {
            throw .input("the run's input \(recorded.inputPath) is gone: restore it (sha256 \(recorded.inputHash)) and try again")
        }
        let (inputHash, _) = try FileHashing.file(recorded.inputPath)
        if inputHash != recorded.inputHash {
            changes.append("input: \(recorded.inputPath) changed (sha256 \(recorded.inputHash.prefix(12)) then, \(inputHash.prefix(12)) now)")
        }
        guard let runDate = RunDate(recorded.runDate) else { throw .input("the journal holds a bad run date: \(recorded.runDate)") }

        let line: RawLine
        do {
            let reader = try JSONLinesReader(path: recorded.inputPath, startingAtLineAt: document.byteOffset, line: document.line)
            guard let read = try reader.nextLine() else {
                throw RunError.input("\(recorded.inputPath) ends before line \(document.line): the input changed since the run")
            }
            line = read
        } catch let error as RunError { throw error } catch {
            throw .input(because: error)
        }
        let used = Self.pdfWriter(ofOptions: recorded.options)
        let writer = pdfWriter ?? used
        if writer != used { changes.append("PDF writer: the run used the \(used.rawValue) writer, this reprint the \(writer.rawValue) one") }
        let processor = RecordProcessor(template: template, runDate: runDate.daysSinceEpoch, pdfWriter: writer)
        guard case .document(let laidOut, _) = processor.process(line) else {
            throw .input("line \(document.line) of \(recorded.inputPath) no longer makes a document: " + changes.joined(separator: "; "))
        }
        guard laidOut.id == account else {
            throw .input("line \(document.line) of \(recorded.inputPath) now holds \(laidOut.id), not \(account): " + changes.joined(separator: "; "))
        }
        let sha256: String
        do { sha256 = try DocumentPDF.write(laidOut, to: output, runDate: runDate, writer: processor.pdf, atomic: true).sha256 } catch {
            throw .output(because: error)
        }
        let content = ContentDigest.sha256(laidOut)
        // An email's file is the message; its PDF attachment is compared by its pages.
        let bytesCompared = document.sha256 != nil && document.channel == "print"
        let identical = (bytesCompared ? document.sha256 == sha256 : true) && content == document.contentSHA256
        try journalCall { () throws(JournalError) in
            try journal.audit(run: run.row, event: "document.reprinted", detail: [
                "account": account, "output": output, "sha256": sha256, "content_sha256": content,
                "identical": identical ? "yes" : "no", "changes": changes.joined(separator: "; "),
            ])
        }
        return Outcome(run: run, document: document, output: output, sha256: sha256, contentSHA256: content,
                       identical: identical, changes: changes, bytesCompared: bytesCompared)
    }

    /// The writer a run's recorded options name (`pdf_writer`; absent: the direct writer, the default).
    static func pdfWriter(ofOptions json: String) -> PDFWriterKind {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = object["pdf_writer"] as? String, let kind = PDFWriterKind(rawValue: name) else { return .direct }
        return kind
    }
}
