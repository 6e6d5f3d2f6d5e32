import ArgumentParser
import Foundation
import Layout
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
            // A family fontconfig does not have is replaced silently by another: say so, with where it is named.
            let config = FontConfiguration.config(fontsIn: compiled.fontsDirectory)
            for use in compiled.fontFamilies where !FontResolution.isInstalled(use.family, config: config) {
                let instead = FontResolution.substitute(for: use.family, config: config).map { ", so text in it is set in \($0)" } ?? ""
                let warning = "\(use.location): warning: the font '\(use.family)' is not installed\(instead); "
                    + "install it, put it in the template's fonts/ folder, or name an installed family (fc-list : family)\n"
                FileHandle.standardError.write(Data(warning.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.templateError.exit
        }
    }
}
