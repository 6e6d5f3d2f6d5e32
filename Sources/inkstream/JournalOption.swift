import ArgumentParser
import Foundation
import RunFolder

/// `--journal PATH` for the commands that read a journal.
struct JournalOption: ParsableArguments {
    @Option(help: "The run journal (default: $INKSTREAM_JOURNAL, else out/journal.sqlite).")
    var journal: String?

    var path: String {
        RunFolder.conventional.journal(journal, environment: true)
    }
}
