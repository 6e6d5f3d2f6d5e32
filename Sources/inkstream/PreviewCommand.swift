import ArgumentParser
import Foundation
import Pipeline

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render one document's pages to PNG (page 1 to --png, page n to NAME-n.png).")

    @OptionGroup var source: SourceOptions

    @Option(help: "The document id to render (what the template's document.id gives, e.g. the account number).")
    var account: String

    @Option(help: "PNG file for page 1.")
    var png: String

    @Option(help: "Resolution in dots per inch.")
    var dpi: Double = 96

    @Option(help: "Also write the document as PDF here.")
    var pdf: String?

    @OptionGroup var writer: PDFWriterOption

    func run() throws {
        let pdfWriter = try writer.kind() ?? .direct
        do {
            let result = try Preview.render(templatePath: source.template, inputPath: source.input, documentID: account,
                                            pngPath: png, dpi: dpi, runDate: try source.parsedRunDate(), pdfPath: pdf,
                                            pdfWriter: pdfWriter)
            print("\(result.id) (\(result.provenance)): \(result.files.joined(separator: ", "))")
        } catch let error as RunError {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus(error).exit
        }
    }
}
