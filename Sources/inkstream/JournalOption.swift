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
