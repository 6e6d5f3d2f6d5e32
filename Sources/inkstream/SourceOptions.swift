import ArgumentParser
import Pipeline

/// What every command that merges records needs: the template, the input and the run date.
struct SourceOptions: ParsableArguments {
    @Option(help: "Template folder (holding template.yaml) or YAML file.")
    var template: String

    @Option(help: "Input records, JSON Lines (one object per line).")
    var input: String

    @Option(name: .customLong("run-date"), help: "The date the run stamps, YYYY-MM-DD (default: today, UTC). Same input, template and run date give byte-identical output.")
    var runDate: String?

    func parsedRunDate() throws -> RunDate {
        guard let runDate else { return RunDate.today() }
        guard let date = RunDate(runDate) else {
            throw ValidationError("--run-date '\(runDate)' is not a date: write YYYY-MM-DD, e.g. 2026-11-22")
        }
        return date
    }
}
