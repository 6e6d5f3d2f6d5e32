import ArgumentParser
import Delivery
import Foundation
import Pipeline

/// Every exit status of every command, in one table (README.md, "Exit codes", lists the same and a test
/// holds the two together). The numbers above 63 are sysexits(3), so scripts can tell a template mistake
/// from a missing file from a full disk. Cases are in numeric order (the help lists them so).
enum ExitStatus: Int32, CaseIterable {
    /// Done. Rejects are data, not failures; a run that had already completed also exits 0.
    case done = 0
    /// `verify`, `reprint` or `audit verify` found a difference; a run or account does not exist; email
    /// delivery left messages failed, uncertain or refused; a key or certificate could not be made.
    case difference = 1
    /// More rejects than `--max-rejects` allows: nothing was signed.
    case tooManyRejects = 3
    /// EX_USAGE: the command line is wrong (unknown option, missing argument); ArgumentParser's own code.
    case usage = 64
    /// EX_DATAERR: the template has errors.
    case templateError = 65
    /// EX_NOINPUT: input, journal or the messages to deliver are missing or unreadable.
    case noInput = 66
    /// EX_CANTCREAT: an output or the journal cannot be written (disk full, I/O error, read-only): the run
    /// stopped at its last checkpoint; the same command resumes it once the cause is fixed.
    case cannotWrite = 73
    /// EX_TEMPFAIL: some messages were deferred (the server said later, or `--deadline` passed): run again.
    case tryAgain = 75

    init(_ error: RunError) {
        switch error {
        case .template: self = .templateError
        case .input: self = .noInput
        case .output: self = .cannotWrite
        case .notFound: self = .difference
        case .tooManyRejects: self = .tooManyRejects
        }
    }

    init(_ report: EmailDeliveryReport) {
        let counts = report.counts
        if report.error != nil || counts.failed > 0 || counts.uncertain > 0 || counts.refused > 0 {
            self = .difference
        } else if counts.deferred > 0 || counts.notAttempted > 0 {
            self = .tryAgain
        } else {
            self = .done
        }
    }

    init(_ error: DeliveryError) {
        self = error.kind == .noInput ? .noInput : .difference
    }

    var exit: ExitCode { ExitCode(rawValue) }

    /// What the code means, in one line of `inkstream --help`.
    var meaning: String {
        switch self {
        case .done: "done (rejects are data; also \"already completed\")"
        case .difference: "verify/reprint/audit verify found a difference; run or account not found; email failed, uncertain or refused"
        case .usage: "wrong command line"
        case .tooManyRejects: "too many rejects (--max-rejects): nothing signed"
        case .templateError: "template errors"
        case .noInput: "input, journal or messages missing or unreadable"
        case .cannotWrite: "output or journal cannot be written: rerun the same command once fixed"
        case .tryAgain: "email deferred: deliver again later"
        }
    }

    static var helpTable: String {
        allCases.map { "  \($0.rawValue)\t\($0.meaning)" }.joined(separator: "\n")
    }
}

/// Says `message` on standard error and gives the exit to throw.
func fail(_ message: String, _ status: ExitStatus) -> ExitCode {
    StandardError.write("inkstream: \(message)\n")
    return status.exit
}
