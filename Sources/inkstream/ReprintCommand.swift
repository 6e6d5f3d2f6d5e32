import ArgumentParser
import Foundation
import Pipeline

struct ReprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprint",
        abstract: "Make one document of a past run again and prove it identical to what was sent.",
        discussion: """
            Reads the account's line from the run's input, with the run's template and run date, writes the PDF to \
            --out and compares it with the journal: the file's SHA-256 (per-document runs) and the digest of its \
            pages (print-stream runs too). Exit 0 when identical; 1 when not, saying what changed (template, input, \
            engine).
            """)

    @OptionGroup var journal: JournalOption

    @Option(name: .customLong("run"), help: "The run id (as `inkstream run` and `inkstream history` print it).")
    var runID: String

    @Option(help: "The document id (account number).")
    var account: String

    @Option(help: "Where to write the PDF.")
    var out: String

    @OptionGroup var signing: SigningOptions

    @OptionGroup var writer: PDFWriterOption

    func run() throws {
        let outcome: Reprint.Outcome
        let pdfWriter = try writer.kind()
        do {
            outcome = try Reprint.run(journalPath: journal.path, runID: runID, account: account, output: out,
                                      pdfWriter: pdfWriter)
        } catch {
            throw fail("\(error)", ExitStatus(error))
        }
        try signing.signHead(journal: journal.path)
        let d = outcome.document
        print("wrote \(out) (sha256 \(outcome.sha256))")
        if outcome.identical {
            if outcome.bytesCompared {
                print("identical: byte for byte the document run \(runID) sent as \(d.path) (sha256 \(d.sha256 ?? ""))")
            } else if d.channel == "email" {
                print("identical: the same pages (digest \(d.contentSHA256)) as the PDF attached to \(d.path) in run \(runID)")
            } else {
                print("identical: the same pages (digest \(d.contentSHA256)) as pages \(d.firstPage ?? 1)–\((d.firstPage ?? 1) + d.pages - 1) of \(d.path) in run \(runID)")
            }
            if !outcome.changes.isEmpty { print("note: " + outcome.changes.joined(separator: "; ")) }
            return
        }
        var lines = ["NOT identical to what run \(runID) sent:"]
        if let sent = d.sha256, sent != outcome.sha256 { lines.append("  file sha256 then \(sent), now \(outcome.sha256)") }
        if d.contentSHA256 != outcome.contentSHA256 { lines.append("  pages digest then \(d.contentSHA256), now \(outcome.contentSHA256)") }
        lines.append(outcome.changes.isEmpty
            ? "  changed: nothing Inkstream records (template, input and engine are the same); fonts or system libraries (cairo, pango) must differ"
            : "  changed: " + outcome.changes.joined(separator: "; "))
        print(lines.joined(separator: "\n"))
        throw ExitStatus.difference.exit
    }
}
