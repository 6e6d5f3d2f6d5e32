import Records
import XCTest
@testable import Templates

/// Interpolated text: `"Account {account_id} · due {date(due_date)}"`.
final class ExpressionTextTests: XCTestCase {
    private func text(_ source: String, scope: CompileScope = Fixture.scope) throws(TemplateError) -> CompiledText {
        try ExpressionCompiler.compileText(source, at: Fixture.location, element: "text", scope: scope)
    }

    private func render(_ source: String, _ json: JSONValue = Fixture.json) throws -> String {
        try text(source).evaluate(try Fixture.environment(json))
    }

    private func assertError(_ source: String, _ message: String, offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        do throws(TemplateError) {
            _ = try text(source)
            XCTFail("expected an error for \(source)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.message, message, file: file, line: line)
            XCTAssertEqual(error.location, Fixture.location.advanced(by: offset), "column", file: file, line: line)
        }
    }

    func testInterpolation() throws {
        XCTAssertEqual(try render("Account {account_id} · due {date(due_date)}"), "Account 100000175 · due 11/21/2026")
        XCTAssertEqual(try render("{name}"), "Ada Lovelace")
        XCTAssertEqual(try render("{ name }!"), "Ada Lovelace!")
        XCTAssertEqual(try render("Due: {money(amount_due)}{overdue ? ' (overdue)' : ''}"), "Due: -$156.08 (overdue)")
        XCTAssertEqual(try render("{account_id}{name}"), "100000175Ada Lovelace")
    }

    func testValueConversion() throws {
        XCTAssertEqual(try render("{amount_due}"), "-156.08")
        XCTAssertEqual(try render("{usage[0]}"), "120")
        XCTAssertEqual(try render("{0.1 + 0.2}"), "0.30000000000000004")   // shortest round-trip
        XCTAssertEqual(try render("{due_date}"), "11/21/2026")
        XCTAssertEqual(try render("[{email}]"), "[]")
        XCTAssertEqual(try render("{overdue}"), "true")
        XCTAssertEqual(try render("{tags}"), "paperless, vip")
        XCTAssertEqual(try render("{-0}"), "0")
    }

    func testBraceEscapes() throws {
        XCTAssertEqual(try render("{{literal}} {name}"), "{literal} Ada Lovelace")
        XCTAssertEqual(try render("a }} b {{"), "a } b {")
        XCTAssertEqual(try render("{'{' + name + '}'}"), "{Ada Lovelace}")
        XCTAssertEqual(try render("{\"}\"}"), "}")
        XCTAssertEqual(try render("{{{name}}}"), "{Ada Lovelace}")
    }

    func testConstantText() throws {
        XCTAssertEqual(try text("Plain text").constantValue, "Plain text")
        XCTAssertEqual(try text("").constantValue, "")
        XCTAssertEqual(try text("Total {1 + 2} items {{x}}").constantValue, "Total 3 items {x}")
        XCTAssertEqual(try text("{money(12)}").constantValue, "$12.00")
        XCTAssertNil(try text("Hi {name}").constantValue)
        let compiled = try text("Hi {name}")
        XCTAssertEqual(compiled.source, "Hi {name}")
        XCTAssertEqual(compiled.location, Fixture.location)
    }

    func testTextErrors() {
        assertError("Hi {nmae}", "unknown field 'nmae' — did you mean 'name'? (fields: account_id, name, nickname, email, "
                    + "amount_due, balance, overdue, due_date, …)", offset: 4)
        assertError("Total: {amount_due + true}", "operator '+' cannot add number and bool", offset: 19)
        assertError("a } b", "unmatched '}': write '}}' for a literal brace", offset: 2)
        assertError("Hi {name", "unclosed '{': add '}' or write '{{' for a literal brace", offset: 3)
        assertError("Hi {} there", "empty '{}': put an expression inside, or write '{{' for a literal brace", offset: 3)
        assertError("{transactions}", "'transactions' is a list of records; use a table `rows:` or a function like count()", offset: 1)
        assertError("{address}", "'address' is a record; print one of its fields like address.city", offset: 1)
        assertError("x {1 / 0}", "division by zero", offset: 5)
        assertError("x {mod10('12a')}", "mod10() expects only digits 0-9, got '12a' (use digits() to strip other characters)",
                    offset: 3)
        assertError("{'abc}", "unclosed '{': add '}' or write '{{' for a literal brace", offset: 0)
    }

    func testRuntimeErrorInText() throws {
        let compiled = try text("Ratio {1 / (amount_due - amount_due)}")
        XCTAssertThrowsError(try compiled.evaluate(try Fixture.environment())) { error in
            let evaluationError = error as? EvaluationError
            XCTAssertEqual(evaluationError?.message, "division by zero")
            XCTAssertEqual(evaluationError?.location, Fixture.location.advanced(by: 9))
        }
    }

    func testPageLocals() throws {
        let (withPage, pageSlot) = Fixture.scope.adding("page", type: .number)
        let (scope, pagesSlot) = withPage.adding("pages", type: .number)
        let compiled = try text("Page {page} of {pages}", scope: scope)
        var environment = try Fixture.environment(slotCount: scope.slotCount)
        environment.locals[pageSlot] = num(2)
        environment.locals[pagesSlot] = num(5)
        XCTAssertEqual(try compiled.evaluate(environment), "Page 2 of 5")
    }
}
