import Records
import XCTest
@testable import Templates

/// Shared fixtures for the expression, formatting and binding tests: a statement-like schema, a
/// sample record, and helpers that compile and evaluate in one step.
enum Fixture {
    static let location = SourceLocation(file: "statement.yaml", line: 4, column: 10)

    static let transaction = RecordSchema(fields: [
        Field(name: "amount", type: .number),
        Field(name: "date", type: .date),
        Field(name: "description", type: .string),
    ])

    static let geo = RecordSchema(fields: [Field(name: "lat", type: .number)])

    static let address = RecordSchema(fields: [
        Field(name: "city", type: .string),
        Field(name: "zip", type: .string, optional: true),
        Field(name: "geo", type: .record(geo), optional: true),
    ])

    static let schema = RecordSchema(fields: [
        Field(name: "account_id", type: .string),
        Field(name: "name", type: .string),
        Field(name: "nickname", type: .string, optional: true),
        Field(name: "email", type: .string, optional: true),
        Field(name: "amount_due", type: .number),
        Field(name: "balance", type: .number, optional: true),
        Field(name: "overdue", type: .bool),
        Field(name: "due_date", type: .date),
        Field(name: "statement_date", type: .date),
        Field(name: "currency", type: .string, optional: true),
        Field(name: "usage", type: .list(.number)),
        Field(name: "tags", type: .list(.string)),
        Field(name: "address", type: .record(address)),
        Field(name: "transactions", type: .list(.record(transaction))),
    ])

    static let json: JSONValue = .object([
        ("account_id", .string("100000175")),
        ("name", .string("Ada Lovelace")),
        ("email", .null),
        ("amount_due", .number(-156.08)),
        ("overdue", .bool(true)),
        ("due_date", .string("2026-11-21")),
        ("statement_date", .string("2026-10-31")),
        ("usage", .array([.number(120), .number(98.5), .number(143)])),
        ("tags", .array([.string("paperless"), .string("vip")])),
        ("address", .object([("city", .string("London")), ("geo", .object([("lat", .number(51.5))]))])),
        ("transactions", .array([
            .object([("amount", .number(100.1)), ("date", .string("2026-10-02")), ("description", .string("Payment"))]),
            .object([("amount", .number(327.32)), ("date", .string("2026-10-15")), ("description", .string("Energy"))]),
        ])),
    ])

    static var scope: CompileScope { CompileScope(root: schema) }

    static func environment(_ json: JSONValue = json, slotCount: Int = 0) throws -> Environment {
        Environment(root: try schema.bind(json), slotCount: slotCount)
    }

    static func compile(_ source: String, scope: CompileScope = scope, expecting: ValueType? = nil) throws -> CompiledExpression {
        try ExpressionCompiler.compile(source, at: location, element: "text", scope: scope, expecting: expecting)
    }

    /// Compiles and evaluates against the sample record (or `json`).
    static func evaluate(_ source: String, _ json: JSONValue = json, scope: CompileScope = scope) throws -> Value {
        try compile(source, scope: scope).evaluate(try environment(json, slotCount: scope.slotCount))
    }

    /// The compile error of `source`, failing the test when it compiles.
    static func compileError(
        _ source: String, scope: CompileScope = scope, expecting: ValueType? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> TemplateError? {
        do {
            _ = try compile(source, scope: scope, expecting: expecting)
            XCTFail("expected a compile error for `\(source)`", file: file, line: line)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    /// The evaluation error of `source` against the sample record.
    static func evaluationError(
        _ source: String, _ json: JSONValue = json, file: StaticString = #filePath, line: UInt = #line
    ) throws -> EvaluationError? {
        let compiled = try compile(source)
        XCTAssertNil(compiled.constantValue, "`\(source)` should not fold", file: file, line: line)
        let environment = try environment(json)
        do {
            let value = try compiled.evaluate(environment)
            XCTFail("expected an evaluation error for `\(source)`, got \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// Column of the expression offset `offset` in the fixture location.
    static func column(_ offset: Int) -> Int { location.column + offset }

    /// A record like the sample with some members replaced (or added).
    static func json(replacing replacements: [(String, JSONValue)]) -> JSONValue {
        guard case .object(var members) = json else { return json }
        for (key, value) in replacements {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = value
            } else {
                members.append((key, value))
            }
        }
        return .object(members)
    }
}

/// Shorthand for values in assertions.
func num(_ x: Double) -> Value { .number(x) }
func str(_ text: String) -> Value { .string(text) }
func day(_ iso: String) -> Value {
    guard case .success(let days) = CivilDate.parseISO(iso) else { fatalError("bad test date \(iso)") }
    return .date(Int32(days))
}
