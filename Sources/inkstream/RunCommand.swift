import ArgumentParser
import Foundation
import Pipeline
import Templates

extension OutputMode: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Merge every record of an input file into a template and write the documents.",
        discussion: """
            per-doc writes OUT/documents/<id>.pdf; stream writes OUT/print/statements.pdf and OUT/print/index.csv \
            (id, first page, page count). Both write OUT/report.json, OUT/report.html and OUT/rejects.jsonl.
            """)

    @OptionGroup var source: SourceOptions

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "per-doc (one PDF per document) or stream (one print stream PDF).")
    var mode: OutputMode = .perDocument

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Send every record to this channel (print, email or sms) instead of the template's channel rule; fallbacks still apply.")
    var channel: Channel?

    @Option(help: "The run journal (SQLite), shared by many runs if you like (default: OUT/journal.sqlite).")
    var journal: String?

    @Flag(help: """
        Take up an interrupted run from its last checkpoint. The same command does this anyway when the journal         holds an unfinished run with the same template, input, run date and options in OUT.
        """)
    var resume = false

    @Option(name: .customLong("signing-key"), help: "PEM private key that signs the bundles (with --signing-cert; default: the demo pair `inkstream keys` shows).")
    var signingKey: String?

    @Option(name: .customLong("signing-cert"), help: "PEM X.509 certificate of --signing-key.")
    var signingCert: String?

    @Option(name: .customLong("max-rejects"), help: """
        More rejects than this (a number, or a share like 5%) make the run a failure: nothing signed, exit 3.         Default 90% (of at least 10 records): a template run against the wrong input.
        """)
    var maxRejects: String = RejectLimit.default.text

    @OptionGroup var writer: PDFWriterOption

    @Flag(help: "No progress line, even on a terminal.")
    var quiet = false

    func run() throws {
        var options = RunOptions(templatePath: source.template, inputPath: source.input, outputDirectory: out, mode: mode,
                                 runDate: try source.parsedRunDate(), jobs: jobs)
        options.journalPath = journal
        options.channelOverride = channel
        options.pdfWriter = try writer.kind() ?? .direct
        guard let limit = RejectLimit(maxRejects) else {
            throw ValidationError("--max-rejects wants a number of rejects (50) or a share of the records (5%), not \(maxRejects)")
        }
        options.maxRejects = limit
        guard (signingKey == nil) == (signingCert == nil) else {
            throw ValidationError("give --signing-key and --signing-cert together (the key and its certificate)")
        }
        options.signingKeyPath = signingKey
        options.signingCertificatePath = signingCert
        options.notice = StandardError.notice
        do {
            let report = try BatchRun(options: options, progress: ProgressReporter(enabled: !quiet && isatty(STDERR_FILENO) == 1, write: StandardError.write)).execute()
            if report.alreadyComplete == true {
                print("run \(report.runID ?? "") already completed in \(out) (journal \(report.journal ?? "")): nothing to do")
                return
            }
            let where_ = mode == .perDocument ? "\(out)/documents/" : "\(out)/print/statements.pdf"
            print("""
                \(report.recordsRead) records → \(report.documents) documents (\(report.pages) pages), \(report.rejects) rejects \
                in \(String(format: "%.2f", report.wallSeconds)) s (\(String(format: "%.1f", report.documentsPerSecond)) documents/s)
                output: \(where_)
                report: \(out)/report.html\(report.rejects > 0 ? "\nrejects: \(out)/rejects.jsonl" : "")
                bundles: \(report.bundles.map { "\(out)/\($0)" }.joined(separator: ", "))
                run: \(report.runID ?? "") (journal \(report.journal ?? ""))
                """)
        } catch {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus(error).exit
        }
    }
}
