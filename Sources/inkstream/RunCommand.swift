import ArgumentParser
import Foundation
import Pipeline

extension OutputMode: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Merge every record of an input file into a template and write the documents.",
        discussion: """
            per-doc writes OUT/documents/<id>.pdf; stream writes OUT/print/statements.pdf and OUT/print/index.csv \
            (id, first page, page count). Both write OUT/report.json, OUT/report.html and OUT/rejects.jsonl.
            """)

    @Option(help: "Template folder (holding template.yaml) or YAML file.")
    var template: String

    @Option(help: "Input records, JSON Lines (one object per line).")
    var input: String

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "per-doc (one PDF per document) or stream (one print stream PDF).")
    var mode: OutputMode = .perDocument

    @Option(name: .customLong("run-date"), help: "The date the run stamps, YYYY-MM-DD (default: today, UTC). Same input, template and run date give byte-identical output.")
    var runDate: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress line, even on a terminal.")
    var quiet = false

    func run() throws {
        let date = try parseRunDate(runDate)
        let options = RunOptions(templatePath: template, inputPath: input, outputDirectory: out, mode: mode, runDate: date, jobs: jobs)
        do {
            let report = try BatchRun(options: options, progress: ProgressReporter(enabled: !quiet && isatty(STDERR_FILENO) == 1)).execute()
            let where_ = mode == .perDocument ? "\(out)/documents/" : "\(out)/print/statements.pdf"
            print("""
                \(report.recordsRead) records → \(report.documents) documents (\(report.pages) pages), \(report.rejects) rejects \
                in \(String(format: "%.2f", report.wallSeconds)) s (\(String(format: "%.1f", report.documentsPerSecond)) documents/s)
                output: \(where_)
                report: \(out)/report.html\(report.rejects > 0 ? "\nrejects: \(out)/rejects.jsonl" : "")
                """)
        } catch {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

func parseRunDate(_ text: String?) throws -> RunDate {
    guard let text else { return RunDate.today() }
    guard let date = RunDate(text) else {
        throw ValidationError("--run-date '\(text)' is not a date: write YYYY-MM-DD, e.g. 2026-11-22")
    }
    return date
}
