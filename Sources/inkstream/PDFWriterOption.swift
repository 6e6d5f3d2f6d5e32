import ArgumentParser
import Pipeline

/// `--pdf-writer direct|cairo`, shared by run, preview and reprint.
struct PDFWriterOption: ParsableArguments {
    @Option(name: .customLong("pdf-writer"),
            help: "direct (the default: Inkstream's own PDF writer) or cairo (cairo's PDF surface, the reference it is tested against).")
    var name: String?

    /// nil when not given.
    func kind() throws -> PDFWriterKind? {
        guard let name else { return nil }
        guard let kind = PDFWriterKind(rawValue: name) else {
            throw ValidationError("--pdf-writer is direct or cairo, not \(name)")
        }
        return kind
    }
}
