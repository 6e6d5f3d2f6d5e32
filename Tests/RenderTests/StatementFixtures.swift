import Foundation
import Layout
import Records
import Templates

/// The reference statement laid out for the sample accounts, as the stage benchmarks make them.
enum StatementFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let runDate: Int32 = 20_779
    static let template: CompiledTemplate = try! TemplateLoader.load(root + "/Templates/statement")

    /// The first `count` records of Fixtures/accounts.jsonl.
    static func records(_ count: Int) -> [JSONValue] {
        let text = try! String(contentsOfFile: root + "/Fixtures/accounts.jsonl", encoding: .utf8)
        return text.split(separator: "\n").prefix(count).map { try! JSONParser.parse(Array($0.utf8)) }
    }

    static func document(_ record: JSONValue, composer: DocumentComposer) throws -> LaidOutDocument {
        try composer.compose(try template.bind(record), runDate: runDate)
    }

    /// Laid-out statements for the given lines (0-based) of the fixture file.
    static func documents(lines: [Int]) throws -> [LaidOutDocument] {
        let all = records((lines.max() ?? 0) + 1)
        let composer = DocumentComposer(template: template)
        return try lines.map { try document(all[$0], composer: composer) }
    }

    /// One statement for an edited copy of a fixture record (e.g. another name).
    static func document(line: Int, setting key: String, to value: JSONValue) throws -> LaidOutDocument {
        guard case .object(var members) = records(line + 1)[line] else { fatalError("a record is an object") }
        for i in members.indices where members[i].key == key { members[i].value = value }
        return try document(.object(members), composer: DocumentComposer(template: template))
    }
}
