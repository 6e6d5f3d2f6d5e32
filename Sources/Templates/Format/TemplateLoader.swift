import Foundation
import Yams

/// All mistakes found in a template, each with file, line, column and element.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [TemplateError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads a template (a folder holding `template.yaml`, or the YAML file itself) and compiles it: every
/// expression is parsed and type-checked against the `data:` schema before any record is read.
public enum TemplateLoader {
    public static let fileName = "template.yaml"

    public static func load(_ path: String) throws(TemplateErrors) -> CompiledTemplate {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw single("template not found: \(path) (give a folder holding \(fileName), or the YAML file)", file: path)
        }
        let file = isDirectory.boolValue ? (path as NSString).appendingPathComponent(fileName) : path
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw single("cannot read \(file) as UTF-8 text", file: file)
        }
        return try compile(yaml: text, file: file)
    }

    public static func compile(yaml: String, file: String) throws(TemplateErrors) -> CompiledTemplate {
        let root = try parse(yaml: yaml, file: file)
        let directory = ((file as NSString).deletingLastPathComponent as NSString).standardizingPath
        let compiler = TemplateCompiler(file: file, directory: directory.isEmpty ? "." : directory)
        return try compiler.compile(TemplateNode(node: root, file: file, element: ""))
    }

    /// The YAML of a template, component or style sheet, with the file's name in every error.
    static func parse(yaml: String, file: String) throws(TemplateErrors) -> Node {
        let root: Node
        do {
            // The basic resolver leaves every scalar as text (we type values ourselves): no regex per scalar.
            guard let node = try Yams.compose(yaml: yaml, .basic) else { throw single("the template is empty", file: file) }
            if NodeBudget.isExceeded(by: node) {
                throw single("the template expands to more than \(NodeBudget.limit) YAML nodes: its aliases (*name) repeat "
                             + "anchored parts (&name) too many times; write the repeated parts out or reuse them less", file: file)
            }
            root = node
        } catch let error as TemplateErrors {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw single("cannot parse YAML: \(error)", file: file)
        }
        return root
    }

    /// The YAML file at `path`, parsed.
    static func parse(file path: String) throws(TemplateErrors) -> Node {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw single("cannot read \(path) as UTF-8 text", file: path)
        }
        return try parse(yaml: text, file: path)
    }

    static func single(_ message: String, file: String, line: Int = 1, column: Int = 1) -> TemplateErrors {
        TemplateErrors(errors: [TemplateError(message, at: SourceLocation(file: file, line: line, column: column), element: "template")])
    }

    private static func yamlError(_ error: YamlError, file: String) -> TemplateErrors {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return single("YAML syntax: \(problem)", file: file, line: mark.line, column: mark.column)
        default:
            return single("YAML: \(error)", file: file)
        }
    }
}
