import Foundation

/// The on-disk contract of one run's output folder (OUT): every path a run, `deliver`, `inbound`,
/// `reprint` and the CLI read or write under it, the default journal, and the names of files that are not
/// finished yet. Scripts outside the project rely on these paths (see README), so they live here and
/// nowhere else.
///
/// Files are made in two steps: written under a hidden name (`.NAME.pending-…`, `.NAME.partial`,
/// `.NAME.tmp-PID`) and renamed into place. A folder listing never shows a half-written file, and what a
/// killed process leaves behind is recognisable (`StaleFiles`).
package struct RunFolder: Sendable, Equatable {
    /// The folder as given (relative paths stay relative, as messages show them).
    package let path: String

    package init(_ path: String) { self.path = path }

    /// The folder as an absolute, standardized path: how the journal names it.
    package var absolute: String { Self.absolute(path) }

    // MARK: Folders and files under OUT

    /// Per-document PDFs: `documents/<name>.pdf`.
    package static let documentsFolder = "documents"
    /// Email messages: `email/<name>.eml`.
    package static let emailFolder = "email"
    /// SMS: one JSON object a line in `sms/messages.jsonl`.
    package static let smsFolder = "sms"
    package static let smsFile = "sms/messages.jsonl"
    /// The print stream and its page index (stream mode).
    package static let printFolder = "print"
    package static let printIndexFile = "print/index.csv"
    /// Signed bundles: `bundles/<bundle id>.tar.zst` and `.p7s`.
    package static let bundlesFolder = "bundles"
    /// Delivery reports: `delivery/email.json` and `.html`.
    package static let deliveryFolder = "delivery"
    /// Inbound X12: acknowledgements we send, and each template's run report.
    package static let acksFolder = "acks"
    package static let inboundFolder = "inbound"
    /// Files of a superseded run, moved out of the way before a new run in the same folder completes.
    package static let quarantineFolder = "quarantine"
    package static let reportJSON = "report.json"
    package static let reportHTML = "report.html"
    package static let rejectsFile = "rejects.jsonl"
    package static let journalFile = "journal.sqlite"
    /// Inbound sets recorded without a communication (accepted 997/999, 810).
    package static let inboundRecordedFile = "inbound/recorded.jsonl"

    /// The folders whose hidden files a killed run may have left.
    package static let outputFolders = ["", documentsFolder, printFolder, bundlesFolder, emailFolder, smsFolder]

    /// `OUT/<relative>`.
    package func file(_ relative: String) -> String {
        relative.isEmpty ? path : (path as NSString).appendingPathComponent(relative)
    }

    package var documents: String { file(Self.documentsFolder) }
    package var email: String { file(Self.emailFolder) }
    package var sms: String { file(Self.smsFolder) }
    package var print: String { file(Self.printFolder) }
    package var bundles: String { file(Self.bundlesFolder) }
    package var delivery: String { file(Self.deliveryFolder) }
    package var acks: String { file(Self.acksFolder) }
    package var inbound: String { file(Self.inboundFolder) }
    package var quarantine: String { file(Self.quarantineFolder) }

    /// The journal a command uses when none is given: `OUT/journal.sqlite`.
    package var defaultJournal: String { file(Self.journalFile) }

    /// `--journal` if given, else `$INKSTREAM_JOURNAL` (for the commands that read a journal without an
    /// output folder), else this folder's journal.
    package func journal(_ given: String?, environment: Bool = false) -> String {
        if let given { return given }
        if environment, let fromEnvironment = ProcessInfo.processInfo.environment["INKSTREAM_JOURNAL"] { return fromEnvironment }
        return defaultJournal
    }

    /// The folder a command that only reads a journal assumes: `out/`.
    package static let conventional = RunFolder("out")

    // MARK: Relative paths of a document's files

    /// `documents/<name>.pdf`, `email/<name>.eml`: the name from `OutputName`.
    package static func documentFile(_ name: String) -> String { "\(documentsFolder)/\(name).pdf" }
    package static func emailFile(_ name: String) -> String { "\(emailFolder)/\(name).eml" }
    package static func streamFile(_ fileName: String) -> String { "\(printFolder)/\(fileName)" }

    // MARK: Names of unfinished files

    /// A worker's file for the `index`-th result of batch `sequence`, renamed into place by the committing
    /// thread (so that a duplicate or a fault never overwrites a committed file). The id plays no part in
    /// it, so no id can make it too long or clash.
    package func pending(_ folder: String, sequence: Int, index: Int, ext: String) -> String {
        file("\(folder)/.doc.\(ext).pending-\(sequence)-\(index)")
    }

    /// A file that grows through a run and is taken up again on resume: `.NAME.partial` (and the print
    /// stream's `.NAME.xref` and `.NAME.kids` spools).
    package static func partial(_ path: String, _ suffix: String = "partial") -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = "." + (path as NSString).lastPathComponent + "." + suffix
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// A file written in one go and renamed into place: `.NAME.tmp-PID`.
    package static func temporary(_ path: String) -> String { partial(path, "tmp-\(getpid())") }

    package static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}
