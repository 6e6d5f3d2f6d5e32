import ArgumentParser
import Foundation
import Templates

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile a template and report every mistake with file, line and element (exit 65 if any).")

    @Option(help: "Template folder (holding template.yaml) or YAML file.")
    var template: String

    func run() throws {
        do {
            let compiled = try TemplateLoader.load(template)
            print("\(compiled.file): ok (\(compiled.schema.fields.count) data fields, \(compiled.body.flow.count) flow items)")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.templateError.exit
        }
    }
}
