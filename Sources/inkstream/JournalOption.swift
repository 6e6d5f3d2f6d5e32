import ArgumentParser
import Foundation

/// `--journal PATH` for the commands that read a journal.
struct JournalOption: ParsableArguments {
    @Option(help: "The run journal (default: $INKSTREAM_JOURNAL, else out/journal.sqlite).")
    var journal: String?

    var path: String {
        journal ?? ProcessInfo.processInfo.environment["INKSTREAM_JOURNAL"] ?? "out/journal.sqlite"
    }
}

func fail(_ message: String, code: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("inkstream: \(message)\n".utf8))
    return ExitCode(code)
}
