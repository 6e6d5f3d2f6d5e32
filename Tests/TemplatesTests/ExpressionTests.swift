import Records
import XCTest
@testable import Templates

final class ExpressionTests: XCTestCase {
    private func assertValue(_ source: String, _ expected: Value, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try Fixture.evaluate(source), expected, source, file: file, line: line)
    }

    private func assertError(
        _ source: String, _ message: String, offset: Int, expecting: ValueType? = nil,
        scope: CompileScope = Fixture.scope, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let error = Fixture.compileError(source, scope: scope, expecting: expecting, file: file, line: line) else { return }
        XCTAssertEqual(error.message, message, source, file: file, line: line)
        XCTAssertEqual(error.location, Fixture.location.advanced(by: offset), "column of: \(source)", file: file, line: line)
        XCTAssertEqual(error.element, "text", file: file, line: line)
    }

    // MARK: Literals

    func testLiterals() {
        assertValue("12", num(12))
        assertValue("1.5", num(1.5))
        assertValue("'x'", str("x"))
        assertValue("\"x\"", str("x"))
        assertValue(#"'a\'b\"c\\d\ne'"#, str("a'b\"c\\d\ne"))
        assertValue(#""it's""#, str("it's"))
        assertValue("true", .bool(true))
        assertValue("false", .bool(false))
        assertValue("null", .null)
        assertValue("[1, 2, 3]", .list([num(1), num(2), num(3)]))
        assertValue("[]", .list([]))
        assertValue("  42  ", num(42))
    }

    func testLiteralTypes() throws {
        XCTAssertEqual(try Fixture.compile("[1, 2]").type, .list(.number))
        XCTAssertEqual(try Fixture.compile("[]").type, .list(.any))
        XCTAssertEqual(try Fixture.compile("null").type, .any)
        XCTAssertEqual(try Fixture.compile("[null, 'a']").type, .list(.string))
    }

    // MARK: Precedence and associativity

    func testArithmeticPrecedence() {
        assertValue("1 + 2 * 3", num(7))
        assertValue("(1 + 2) * 3", num(9))
        assertValue("10 - 4 - 3", num(3))          // left-associative
        assertValue("100 / 10 / 5", num(2))
        assertValue("2 * 3 % 4", num(2))            // (2*3)%4
        assertValue("7 - 2 * 3 + 1", num(2))
        assertValue("-2 * 3", num(-6))
        assertValue("- -2", num(2))
        assertValue("-(1 + 2)", num(-3))
        assertValue("10 % 4 * 2", num(4))
    }

    func testLogicalPrecedence() {
        assertValue("true or false and false", .bool(true))     // and binds tighter
        assertValue("(true or false) and false", .bool(false))
        assertValue("not true or true", .bool(true))             // not binds tightest
        assertValue("not (true or true)", .bool(false))
        assertValue("!false && !false", .bool(true))
        assertValue("false || true && true", .bool(true))
        assertValue("1 < 2 == true", .bool(true))                // comparison before equality
        assertValue("1 + 1 == 2 and 3 > 2", .bool(true))
        assertValue("1 < 2 and 2 < 3 or false", .bool(true))
    }

    func testConditionalAndCoalescePrecedence() {
        assertValue("true ? 1 : 2", num(1))
        assertValue("false ? 1 : 2", num(2))
        assertValue("true ? 1 : false ? 2 : 3", num(1))          // right-associative
        assertValue("false ? 1 : false ? 2 : 3", num(3))
        assertValue("false ? 1 : true ? 2 : 3", num(2))
        assertValue("null ?? 1 + 2", num(3))                     // ?? is below +
        assertValue("null ?? null ?? 'c'", str("c"))
        assertValue("'a' ?? null ?? 'c'", str("a"))
        assertValue("nickname ?? name", str("Ada Lovelace"))
        assertValue("null ?? false ? 'yes' : 'no'", str("no"))   // ?: is below ??
        assertValue("null ?? true or false", .bool(true))        // ?? is below or: null ?? (true or false)
        assertValue("amount_due < 0 ? 'credit' : 'due'", str("credit"))
    }

    // MARK: Operators

    func testAddition() {
        assertValue("1.5 + 2", num(3.5))
        assertValue("'a' + 'b'", str("ab"))
        assertValue("'n=' + 5", str("n=5"))
        assertValue("2.5 + 'x'", str("2.5x"))
        assertValue("'due ' + due_date", str("due 11/21/2026"))
        assertValue("'x' + null", str("x"))
        assertValue("'x' + true", str("xtrue"))
        assertValue("'tags: ' + tags", str("tags: paperless, vip"))
        assertValue("due_date + 10", day("2026-12-01"))
        assertValue("10 + due_date", day("2026-12-01"))
        assertValue("due_date + -21", day("2026-10-31"))
    }

    func testSubtractionMultiplicationDivisionRemainder() {
        assertValue("5 - 7", num(-2))
        assertValue("due_date - 21", day("2026-10-31"))
        assertValue("due_date - statement_date", num(21))
        assertValue("statement_date - due_date", num(-21))
        assertValue("3 * 1.5", num(4.5))
        assertValue("7 / 2", num(3.5))
        assertValue("7 % 3", num(1))
        assertValue("-7 % 3", num(-1))
        assertValue("7.5 % 2", num(1.5))
    }

    func testComparisons() {
        assertValue("1 < 2", .bool(true))
        assertValue("2 <= 2", .bool(true))
        assertValue("3 > 2", .bool(true))
        assertValue("2 >= 3", .bool(false))
        assertValue("'abc' < 'abd'", .bool(true))
        assertValue("'b' > 'a'", .bool(true))
        assertValue("due_date > statement_date", .bool(true))
        assertValue("due_date <= statement_date", .bool(false))
        assertValue("amount_due < 0", .bool(true))
        assertValue("0 > amount_due", .bool(true))
    }

    func testEquality() {
        assertValue("1 == 1", .bool(true))
        assertValue("1 != 1", .bool(false))
        assertValue("'a' == 'a'", .bool(true))
        assertValue("'a' != 'b'", .bool(true))
        assertValue("true == false", .bool(false))
        assertValue("due_date == due_date", .bool(true))
        assertValue("due_date != statement_date", .bool(true))
        assertValue("[1, 2] == [1, 2]", .bool(true))
        assertValue("usage == [120, 98.5, 143]", .bool(true))
        assertValue("null == null", .bool(true))
        assertValue("email == null", .bool(true))
        assertValue("email != null", .bool(false))
        assertValue("name != null", .bool(true))
        assertValue("transactions != null", .bool(true))
        assertValue("address.zip == null", .bool(true))
    }

    func testLogicalOperatorsShortCircuit() throws {
        // The right side would fail with division by zero if it were evaluated.
        assertValue("false and 1 / (amount_due - amount_due) > 0", .bool(false))
        assertValue("overdue or 1 / (amount_due - amount_due) > 0", .bool(true))
        assertValue("overdue and amount_due < 0", .bool(true))
        assertValue("not overdue", .bool(false))
        assertValue("!overdue", .bool(false))
    }

    // MARK: Names, members, projection, index

    func testFieldsAndMembers() {
        assertValue("account_id", str("100000175"))
        assertValue("address.city", str("London"))
        assertValue("address.geo.lat", num(51.5))
        assertValue("address.zip", .null)
        assertValue("transactions[1].description", str("Energy"))
        assertValue("(transactions[0]).amount", num(100.1))
    }

    func testMemberOfNullRecordIsNull() {
        let json = Fixture.json(replacing: [("address", .object([("city", .string("Paris"))]))])
        XCTAssertEqual(try Fixture.evaluate("address.geo.lat", json), .null)
        XCTAssertEqual(try Fixture.evaluate("address.geo.lat ?? 0", json), num(0))
    }

    func testProjection() throws {
        assertValue("transactions.amount", .list([num(100.1), num(327.32)]))
        assertValue("transactions.description", .list([str("Payment"), str("Energy")]))
        assertValue("transactions.date[1]", day("2026-10-15"))
        assertValue("count(transactions.amount)", num(2))
        XCTAssertEqual(try Fixture.compile("transactions.amount").type, .list(.number))
        XCTAssertEqual(try Fixture.compile("transactions[0]").type, .record(Fixture.transaction))
    }

    func testIndex() {
        assertValue("usage[0]", num(120))
        assertValue("usage[2]", num(143))
        assertValue("usage[3]", .null)
        assertValue("usage[-1]", .null)
        assertValue("usage[0.5]", .null)
        assertValue("usage[1 + 1]", num(143))
        assertValue("[10, 20, 30][1]", num(20))
        assertValue("usage[null]", .null)
        assertValue("tags[5] ?? 'none'", str("none"))
        assertValue("transactions[9].amount", .null)
    }

    func testLocals() throws {
        let (withItem, itemSlot) = Fixture.scope.adding("tx", type: .record(Fixture.transaction))
        let (scope, pageSlot) = withItem.adding("page", type: .number)
        XCTAssertEqual(itemSlot, 0)
        XCTAssertEqual(pageSlot, 1)
        XCTAssertEqual(scope.slotCount, 2)
        XCTAssertEqual(Fixture.scope.slotCount, 0)

        let compiled = try Fixture.compile("tx.description + ' p' + page + ' ' + name", scope: scope)
        var environment = try Fixture.environment(slotCount: scope.slotCount)
        environment.locals[itemSlot] = try Fixture.transaction.bind(.object([
            ("amount", .number(5)), ("date", .string("2026-01-01")), ("description", .string("Fee")),
        ]))
        environment.locals[pageSlot] = num(3)
        XCTAssertEqual(try compiled.evaluate(environment), str("Fee p3 Ada Lovelace"))
    }

    func testLocalShadowsFieldAndInnerShadowsOuter() throws {
        let (outer, _) = Fixture.scope.adding("name", type: .number)
        let (inner, innerSlot) = outer.adding("name", type: .string)
        var environment = try Fixture.environment(slotCount: inner.slotCount)
        environment.locals[innerSlot] = str("inner")
        XCTAssertEqual(try Fixture.compile("name", scope: inner).evaluate(environment), str("inner"))
        XCTAssertEqual(try Fixture.compile("name", scope: outer).type, .number)
    }

    // MARK: Null handling

    func testNullHandling() {
        assertValue("balance + 1", .null)
        assertValue("balance * 2", .null)
        assertValue("-balance", .null)
        assertValue("balance > 0", .bool(false))
        assertValue("balance < 0", .bool(false))
        assertValue("balance == null", .bool(true))
        assertValue("balance ?? 0", num(0))
        assertValue("(balance ?? 0) + 1", num(1))
        assertValue("email ?? 'no email'", str("no email"))
        assertValue("null and true", .bool(false))
        assertValue("not null", .bool(true))
        assertValue("null ? 1 : 2", num(2))
        assertValue("money(balance)", str(""))
        assertValue("date(null)", str(""))
        assertValue("exists(email)", .bool(false))
        assertValue("exists(name)", .bool(true))
    }

    func testConditionEvaluation() throws {
        let condition = try Fixture.compile("overdue and amount_due < 0", expecting: .bool)
        XCTAssertTrue(try condition.evaluateCondition(try Fixture.environment()))
        let nullCondition = try Fixture.compile("null", expecting: .bool)
        XCTAssertFalse(try nullCondition.evaluateCondition(try Fixture.environment()))
    }

    func testEvaluateText() throws {
        let environment = try Fixture.environment()
        XCTAssertEqual(try Fixture.compile("amount_due").evaluateText(environment), "-156.08")
        XCTAssertEqual(try Fixture.compile("due_date").evaluateText(environment), "11/21/2026")
        XCTAssertEqual(try Fixture.compile("email").evaluateText(environment), "")
    }

    // MARK: Runtime errors

    func testDivisionByZeroAtRuntime() throws {
        let source = "1 / (amount_due + 156.08)"
        let error = try XCTUnwrap(try Fixture.evaluationError(source))
        XCTAssertEqual(error.message, "division by zero")
        XCTAssertEqual(error.location, Fixture.location.advanced(by: 2))
        XCTAssertEqual(error.description, "statement.yaml:4:12: division by zero")
        let remainder = try XCTUnwrap(try Fixture.evaluationError("5 % (amount_due - amount_due)"))
        XCTAssertEqual(remainder.message, "division by zero (in '%')")
    }

    func testConstantDivisionByZeroIsACompileError() {
        assertError("2 * (1 / 0)", "division by zero", offset: 7)
    }

    func testDateArithmeticNeedsWholeDays() throws {
        let error = try XCTUnwrap(try Fixture.evaluationError("due_date + usage[1]"))
        XCTAssertEqual(error.message, "a date can only move by a whole number of days, got 98.5")
    }

    // MARK: Constant folding

    func testConstantFolding() throws {
        XCTAssertEqual(try Fixture.compile("1 + 2 * 3").constantValue, num(7))
        XCTAssertEqual(try Fixture.compile("'a' + 'b'").constantValue, str("ab"))
        XCTAssertEqual(try Fixture.compile("upper('x') + lower('Y')").constantValue, str("Xy"))
        XCTAssertEqual(try Fixture.compile("money(1234.5)").constantValue, str("$1,234.50"))
        XCTAssertEqual(try Fixture.compile("[1, 2][0]").constantValue, num(1))
        XCTAssertEqual(try Fixture.compile("sum([1, 2])").constantValue, num(3))
        XCTAssertEqual(try Fixture.compile("null ?? 'x'").constantValue, str("x"))
        XCTAssertEqual(try Fixture.compile("true ? 'a' : name").constantValue, str("a"))
        XCTAssertEqual(try Fixture.compile("false and overdue").constantValue, .bool(false))
        XCTAssertEqual(try Fixture.compile("true or overdue").constantValue, .bool(true))
        XCTAssertEqual(try Fixture.compile("null").constantValue, .null)
        XCTAssertEqual(try Fixture.compile("date(add_days('x' == 'x' ? null : null, 1))").constantValue, str(""))
    }

    func testNoFoldingOfRecordDependentExpressions() throws {
        XCTAssertNil(try Fixture.compile("account_id").constantValue)
        XCTAssertNil(try Fixture.compile("true and overdue").constantValue)
        XCTAssertNil(try Fixture.compile("false ? 'a' : name").constantValue)
        XCTAssertNil(try Fixture.compile("money(amount_due)").constantValue)
        // A partly folded expression still evaluates correctly.
        XCTAssertEqual(try Fixture.evaluate("true and overdue"), .bool(true))
        XCTAssertEqual(try Fixture.evaluate("false ? 'a' : name"), str("Ada Lovelace"))
    }

    func testCompiledExpressionMetadata() throws {
        let compiled = try Fixture.compile("amount_due * 2")
        XCTAssertEqual(compiled.type, .number)
        XCTAssertEqual(compiled.source, "amount_due * 2")
        XCTAssertEqual(compiled.location, Fixture.location)
    }

    // MARK: Type errors with columns

    func testTypeErrors() {
        assertError("amount_due + true", "operator '+' cannot add number and bool", offset: 11)
        assertError("overdue - 1", "operator '-' cannot subtract number from bool", offset: 8)
        assertError("name * 2", "operator '*' cannot multiply string and number", offset: 5)
        assertError("1 / 'x'", "operator '/' cannot divide number by string", offset: 2)
        assertError("name < 3", "operator '<' cannot compare string and number", offset: 5)
        assertError("overdue < true", "operator '<' cannot compare bool and bool", offset: 8)
        assertError("name == 3", "operator '==' cannot compare string and number", offset: 5)
        assertError("-name", "operator '-' cannot negate string", offset: 0)
        assertError("amount_due ?? 'none'",
                    "operator '??' cannot choose between number and string: both sides need the same type", offset: 11)
        assertError("overdue ? 1 : 'x'",
                    "the two branches of '?:' have different types: number and string (convert with string() to mix them)",
                    offset: 8)
        assertError("[1, 'a']", "list elements must have one type: number and string are mixed", offset: 4)
        assertError("usage['a']", "a list index must be a number, got string", offset: 6)
        assertError("name[0]", "'name' is a string; only lists can be indexed (use substr() for part of a string)", offset: 4)
        assertError("amount_due.value", "'amount_due' is a number; it has no field 'value'", offset: 11)
    }

    func testConditionMustBeBool() {
        assertError("email", "expected bool, got string; write `email != null`", offset: 0, expecting: .bool)
        assertError("amount_due", "expected bool, got number; write `amount_due != 0`", offset: 0, expecting: .bool)
        assertError("usage", "expected bool, got [number]; write `count(usage) > 0`", offset: 0, expecting: .bool)
        assertError("overdue and email", "expected bool, got string; write `email != null`", offset: 12)
        assertError("not name", "expected bool, got string; write `name != null`", offset: 4)
        assertError("email ? 1 : 2", "expected bool, got string; write `email != null`", offset: 0)
        assertError("true || 1", "expected bool, got number; write `1 != 0`", offset: 8)
    }

    func testExpectedTypes() throws {
        assertError("name", "expected number, got string", offset: 0, expecting: .number)
        assertError("transactions", "'transactions' is a list of records; use a table `rows:` or a function like count()",
                    offset: 0, expecting: .string)
        XCTAssertEqual(try Fixture.compile("transactions", expecting: .list(.record(Fixture.transaction))).type,
                       .list(.record(Fixture.transaction)))
        XCTAssertEqual(try Fixture.compile("null", expecting: .number).type, .any)
        XCTAssertEqual(try Fixture.compile("usage", expecting: .list(.any)).type, .list(.number))
    }

    func testListOfRecordsMisuse() {
        let message = "'transactions' is a list of records; use a table `rows:` or a function like count()"
        assertError("transactions + 1", message, offset: 0)
        assertError("1 + transactions", message, offset: 4)
        assertError("'Total: ' + transactions", message, offset: 12)
    }

    func testUnknownFieldSuggestions() {
        assertError("acount_id",
                    "unknown field 'acount_id' — did you mean 'account_id'? (fields: account_id, name, nickname, email, "
                    + "amount_due, balance, overdue, due_date, …)", offset: 0)
        assertError("overdue and ammount_due > 0",
                    "unknown field 'ammount_due' — did you mean 'amount_due'? (fields: account_id, name, nickname, email, "
                    + "amount_due, balance, overdue, due_date, …)", offset: 12)
        assertError("zzz",
                    "unknown field 'zzz' (fields: account_id, name, nickname, email, amount_due, balance, overdue, due_date, …)",
                    offset: 0)
        assertError("address.ctiy", "unknown field 'ctiy' in 'address' — did you mean 'city'? (fields: city, zip, geo)", offset: 8)
        assertError("transactions.amont",
                    "unknown field 'amont' in 'transactions' — did you mean 'amount'? (fields: amount, date, description)",
                    offset: 13)
        let (scope, _) = Fixture.scope.adding("item", type: .number)
        assertError("iten", "unknown field 'iten' — did you mean 'item'? (fields: account_id, name, nickname, email, "
                    + "amount_due, balance, overdue, due_date, …; variables: item)", offset: 0, scope: scope)
    }

    func testUnknownFunctionSuggestions() {
        assertError("mony(amount_due)", "unknown function or formatter 'mony' — did you mean 'money'?", offset: 0)
        assertError("'x' + uper(name)", "unknown function or formatter 'uper' — did you mean 'upper'?", offset: 6)
        assertError("frobnicate(1)", "unknown function or formatter 'frobnicate'", offset: 0)
        assertError("today()", "there is no today(): output must not depend on the day of the run; "
                    + "use a date the run declares, such as run_date", offset: 0)
        assertError("name(1)", "'name' is a field, not a function", offset: 0)
        assertError("money", "'money' is a function: call it with parentheses, like money(…)", offset: 0)
    }

    func testFunctionArgumentErrors() {
        assertError("money(name)", "money() argument 1 expects a number, got string", offset: 6)
        assertError("money(amount_due, 3)", "money() argument 2 expects a string, got number", offset: 18)
        assertError("money()", "money() takes 1 to 3 arguments (money(amount, [currency], [locale])), got 0", offset: 0)
        assertError("abs(1, 2)", "abs() takes 1 argument (abs(value)), got 2", offset: 0)
        assertError("replace('a')", "replace() takes 3 arguments (replace(text, search, replacement)), got 1", offset: 0)
        assertError("sum(tags)", "sum() argument 1 expects a list of numbers, got [string]", offset: 4)
        assertError("count(name)", "count() argument 1 expects a list, got string", offset: 6)
        assertError("string(transactions)", "string() argument 1 expects a value that reads as text (not a record), "
                    + "got a list of records", offset: 7)
        assertError("add_days(name, 1)", "add_days() argument 1 expects a date, got string", offset: 9)
        assertError("round(1.234, 1.5)", "round() argument 2 must be a whole number from 0 to 12, got 1.5", offset: 13)
    }

    func testSyntaxErrors() {
        assertError("'abc", "unterminated string: add the closing '", offset: 0)
        assertError("name = 'x'", "'=' is not an operator; write '==' to compare", offset: 5)
        assertError("a & b", "'&' is not an operator; write 'and' (or '&&')", offset: 2)
        assertError("1 2", "unexpected 2 after a complete expression", offset: 2)
        assertError("", "empty expression", offset: 0)
        assertError("1 +", "expression ends too early: a value is missing", offset: 3)
        assertError("(1 + 2", "expected ')', found end of expression", offset: 6)
        assertError("[1, 2", "expected ',' or ']', found end of expression", offset: 5)
        assertError("'a\\q'", "unknown escape '\\q' (use \\\\, \\', \\\" or \\n)", offset: 2)
        assertError("name.upper()", "'upper' is not a method; write upper(…) with the value as first argument", offset: 5)
        assertError("true ? 1", "expected ':' of 'condition ? value : otherwise', found end of expression", offset: 8)
        assertError("1 # 2", "unexpected character '#'", offset: 2)
        assertError("usage.", "expected a field name after '.', found end of expression", offset: 6)
    }

    func testErrorLocationUsesTheElement() throws {
        do {
            _ = try ExpressionCompiler.compile("amount_due + true", at: SourceLocation(file: "t.yaml", line: 7, column: 3),
                                               element: "table.columns[2].value", scope: Fixture.scope)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "t.yaml:7:14: error in table.columns[2].value: operator '+' cannot add number and bool")
        }
    }

    func testDefaultLocaleOfTheScope() throws {
        var scope = Fixture.scope
        scope.defaultLocale = "de_DE"
        XCTAssertEqual(try Fixture.evaluate("money(amount_due)", scope: scope), str("-156,08\u{00A0}€"))
        XCTAssertEqual(try Fixture.evaluate("date(due_date)", scope: scope), str("21.11.2026"))
        XCTAssertEqual(try Fixture.evaluate("'Fällig: ' + due_date", scope: scope), str("Fällig: 21.11.2026"))
        scope.defaultLocale = "xx_XX"
        let error = Fixture.compileError("1", scope: scope)
        XCTAssertEqual(error?.message, "unknown locale 'xx_XX' (known: en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL, ja_JP, zh_CN, zh_TW, ko_KR, ar_SA, he_IL, ru_RU, uk_UA, pl_PL, cs_CZ, hu_HU, ro_RO, el_GR, tr_TR, pt_BR, pt_PT, it_IT, sv_SE, da_DK, nb_NO, fi_FI, de_AT, de_CH, fr_CA, fr_CH, en_CA, en_AU, en_IE, es_MX, hi_IN)")
    }

    func testTypeCheckedPureFunctionsOfAny() throws {
        // `first([])` is typed any: operations on it are checked again at run time.
        assertValue("first([]) + 1", .null)
        assertValue("first([]) ?? 'none'", str("none"))
        XCTAssertEqual(try Fixture.compile("first(usage)").type, .number)
        XCTAssertEqual(try Fixture.compile("first(transactions)").type, .record(Fixture.transaction))
        assertValue("first(transactions).description", str("Payment"))
        assertValue("last(transactions).amount", num(327.32))
    }
}
