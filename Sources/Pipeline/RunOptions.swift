import Foundation
import RunFolder
import Templates

/// How `inkstream run` lays out its output.
package enum OutputMode: String, Sendable, CaseIterable {
    /// One PDF per document: `OUT/documents/<id>.pdf`.
    case perDocument = "per-doc"
    /// One print stream holding every document: `OUT/print/statements.pdf` plus `OUT/print/index.csv`.
    case stream
}

package struct RunOptions: Sendable {
    package var templatePath: String
    package var inputPath: String
    package var outputDirectory: String
    package var mode: OutputMode
    package var runDate: RunDate
    package var jobs: Int
    /// Name of the print stream file in stream mode.
    package var streamFileName: String
    /// The run journal; nil: `OUT/journal.sqlite`.
    package var journalPath: String?
    /// More rejects than this end the run as a failure (`--max-rejects`).
    package var maxRejects = RejectLimit.default
    /// The output folder and its on-disk contract.
    package var folder: RunFolder { RunFolder(outputDirectory) }
    /// The journal this run records in.
    package var journal: String { folder.journal(journalPath) }
    /// Where report.json, report.html and rejects.jsonl go; nil: the output folder. (`inbound` runs several
    /// templates into one output folder and writes one combined report there.)
    package var reportDirectory: String?
    package var reportFolder: String { reportDirectory ?? outputDirectory }
    /// Sends every record to this channel instead of the template's `channels.choose` rule (fallbacks still
    /// apply); nil: the rule decides.
    package var channelOverride: Channel?
    /// The key pair that signs bundles; nil: the demo pair in `SigningIdentity.defaultDirectory()`.
    package var signingKeyPath: String?
    package var signingCertificatePath: String?
    /// Where the run's notices go ("resuming run … after record N", files quarantined): the library never
    /// prints, the CLI passes a closure that writes to standard error. Nil: nowhere.
    package var notice: (@Sendable (String) -> Void)?
    /// The PDF writer (`--pdf-writer`): it shapes the bytes, so it is part of the run's identity when not the default.
    package var pdfWriter: PDFWriterKind = .direct

    package init(templatePath: String, inputPath: String, outputDirectory: String, mode: OutputMode, runDate: RunDate,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, streamFileName: String = "statements.pdf") {
        self.templatePath = templatePath
        self.inputPath = inputPath
        self.outputDirectory = outputDirectory
        self.mode = mode
        self.runDate = runDate
        self.jobs = max(1, jobs)
        self.streamFileName = streamFileName
    }
}

/// The calendar date a run stamps on everything it makes. Fixing it makes reruns byte-identical.
package struct RunDate: Sendable, Equatable {
    package let year: Int, month: Int, day: Int

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date.
    package init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= RunDate.daysIn(month: m, year: y) else { return nil }
        (year, month, day) = (y, m, d)
    }

    /// Today in UTC.
    package static func today() -> RunDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return RunDate(String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))!
    }

    package var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Days since 1970-01-01 (the template's date values).
    package var daysSinceEpoch: Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
