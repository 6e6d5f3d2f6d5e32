import ArgumentParser
import Foundation
import Pipeline

struct InboundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound",
        abstract: "Read X12 files from trading partners, acknowledge them and make their communications.",
        discussion: """
            Writes one acknowledgement per inbound interchange to OUT/acks/ (997 for 004010 groups, 999 for 005010, \
            TA1 when the envelope is bad), the communications as `run` does (OUT/documents, OUT/email, OUT/sms), \
            OUT/report.json and OUT/rejects.jsonl. The routing configuration names the template of each set.
            """)

    @Option(parsing: .upToNextOption, help: "X12 files.")
    var input: [String]

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "The run journal (default: OUT/journal.sqlite); acknowledgement control numbers are kept there.")
    var journal: String?

    @Option(help: "Routing configuration (default: Templates/inbound/routing.yaml).")
    var routing = "Templates/inbound/routing.yaml"

    @Option(name: .customLong("run-date"), help: "The date stamped on acknowledgements and documents, YYYY-MM-DD (default: today, UTC).")
    var runDate: String?

    @Option(help: ArgumentHelp("Process a held or failed interchange again (rejected, refused, a duplicate, a test), named by sender and control number; repeatable.",
                               valueName: "ISA06:ISA13"))
    var reprocess: [String] = []

    @Option(help: "Why it is reprocessed (kept in the journal's audit log; required with --reprocess).")
    var reason: String?

    func validate() throws {
        if !reprocess.isEmpty && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--reprocess needs --reason \"…\": the audit log says who asked for it again and why")
        }
    }

    func run() throws {
        let date: RunDate
        if let runDate {
            guard let parsed = RunDate(runDate) else { throw ValidationError("--run-date '\(runDate)' is not a date: write YYYY-MM-DD") }
            date = parsed
        } else {
            date = RunDate.today()
        }
        do {
            var options = InboundRun.Options(inputs: input, outputDirectory: out, routingPath: routing, journalPath: journal, runDate: date)
            options.notice = StandardError.notice
            let who = ProcessInfo.processInfo.environment["USER"] ?? "unknown user"
            options.reprocess = Dictionary(reprocess.map { ($0, "\(reason ?? "") (asked by \(who))") }, uniquingKeysWith: { a, _ in a })
            let report = try InboundRun(options: options).execute()
            print("""
                \(report.interchanges) interchanges, \(report.sets) transaction sets (\(report.rejectedSets) rejected, \(report.x12Errors) X12 errors) \
                → \(report.documents) communications (\(report.channels.print) print, \(report.channels.email) email, \(report.channels.sms) SMS), \
                \(report.rejects) rejects
                acknowledgements: \(out)/acks/ (\(report.acks.count))\(report.reprocessed > 0 ? "; \(report.reprocessed) reprocessed" : "")
                report: \(out)/report.json
                """)
        } catch {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus(error).exit
        }
    }
}
