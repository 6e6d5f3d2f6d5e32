import Records
import XCTest
@testable import Templates

/// Binding parsed JSON records to the template's data schema, and schema type names.
final class BindingTests: XCTestCase {
    private func bindingError(_ json: JSONValue, schema: RecordSchema = Fixture.schema,
                              file: StaticString = #filePath, line: UInt = #line) -> BindingError? {
        do {
            let value = try schema.bind(json)
            XCTFail("expected a binding error, got \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertBindingError(
        _ json: JSONValue, path: String, reason: String, schema: RecordSchema = Fixture.schema,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let error = bindingError(json, schema: schema, file: file, line: line) else { return }
        XCTAssertEqual(error.path, path, file: file, line: line)
        XCTAssertEqual(error.reason, reason, file: file, line: line)
    }

    func testSlotsFollowFieldOrder() throws {
        let schema = RecordSchema(fields: [
            Field(name: "a", type: .string),
            Field(name: "b", type: .number),
            Field(name: "c", type: .bool, optional: true),
        ])
        let bound = try schema.bind(.object([("extra", .string("ignored")), ("b", .number(2)), ("a", .string("x"))]))
        XCTAssertEqual(bound, .record([str("x"), num(2), .null]))
    }

    func testSampleRecord() throws {
        guard case .record(let slots) = try Fixture.schema.bind(Fixture.json) else { return XCTFail("not a record") }
        XCTAssertEqual(slots.count, Fixture.schema.fields.count)
        XCTAssertEqual(slots[Fixture.schema.index(of: "due_date")!], day("2026-11-21"))
        XCTAssertEqual(slots[Fixture.schema.index(of: "nickname")!], .null)   // missing optional
        XCTAssertEqual(slots[Fixture.schema.index(of: "email")!], .null)      // null optional
        XCTAssertEqual(slots[Fixture.schema.index(of: "tags")!], .list([str("paperless"), str("vip")]))
        guard case .list(let transactions) = slots[Fixture.schema.index(of: "transactions")!] else { return XCTFail("no list") }
        XCTAssertEqual(transactions.first, .record([num(100.1), day("2026-10-02"), str("Payment")]))
    }

    func testDuplicateKeysKeepTheFirst() throws {
        let schema = RecordSchema(fields: [Field(name: "a", type: .number)])
        XCTAssertEqual(try schema.bind(.object([("a", .number(1)), ("a", .string("second"))])), .record([num(1)]))
    }

    func testTypeMismatchInNestedListOfRecords() {
        var transactions: [JSONValue] = (0..<3).map { index in
            .object([("amount", .number(Double(index))), ("date", .string("2026-10-0\(index + 1)")), ("description", .string("t"))])
        }
        transactions.append(.object([("amount", .string("12,00")), ("date", .string("2026-10-09")), ("description", .string("x"))]))
        let json = Fixture.json(replacing: [("transactions", .array(transactions))])
        assertBindingError(json, path: "transactions[3].amount", reason: "expected a number, found a string (\"12,00\")")
        XCTAssertEqual(bindingError(json)?.description, "transactions[3].amount: expected a number, found a string (\"12,00\")")
    }

    func testMissingFields() {
        let json = Fixture.json(replacing: [("address", .object([("zip", .string("N1"))]))])
        assertBindingError(json, path: "address", reason: "missing field 'city'")
        guard case .object(let members) = Fixture.json else { return XCTFail("fixture") }
        let withoutName = JSONValue.object(members.filter { $0.key != "name" })
        assertBindingError(withoutName, path: "", reason: "missing field 'name'")
        XCTAssertEqual(bindingError(withoutName)?.description, "missing field 'name'")
        let transactions = JSONValue.array([.object([("amount", .number(1)), ("description", .string("x"))])])
        assertBindingError(Fixture.json(replacing: [("transactions", transactions)]),
                           path: "transactions[0]", reason: "missing field 'date'")
    }

    func testNullForRequiredField() {
        assertBindingError(Fixture.json(replacing: [("name", .null)]), path: "name", reason: "expected a string, found null")
        assertBindingError(Fixture.json(replacing: [("tags", .array([.string("a"), .null]))]),
                           path: "tags[1]", reason: "expected a string, found null")
    }

    func testNoSilentCoercion() {
        assertBindingError(Fixture.json(replacing: [("account_id", .number(100000175))]),
                           path: "account_id", reason: "expected a string, found a number (100000175)")
        assertBindingError(Fixture.json(replacing: [("overdue", .string("yes"))]),
                           path: "overdue", reason: "expected true or false, found a string (\"yes\")")
        assertBindingError(Fixture.json(replacing: [("usage", .string("1,2"))]),
                           path: "usage", reason: "expected an array, found a string (\"1,2\")")
        assertBindingError(Fixture.json(replacing: [("address", .array([]))]),
                           path: "address", reason: "expected an object, found an array")
        assertBindingError(Fixture.json(replacing: [("amount_due", .bool(true))]),
                           path: "amount_due", reason: "expected a number, found a boolean (true)")
        assertBindingError(.array([]), path: "", reason: "expected an object, found an array")
        assertBindingError(Fixture.json(replacing: [("address", .object([("city", .string("X")), ("geo", .object([("lat", .string("n"))]))]))]),
                           path: "address.geo.lat", reason: "expected a number, found a string (\"n\")")
    }

    func testDates() throws {
        let schema = RecordSchema(fields: [Field(name: "d", type: .date)])
        XCTAssertEqual(try schema.bind(.object([("d", .string("1970-01-01"))])), .record([.date(0)]))
        XCTAssertEqual(try schema.bind(.object([("d", .string("1969-12-31"))])), .record([.date(-1)]))
        XCTAssertEqual(try schema.bind(.object([("d", .string("2024-02-29"))])), .record([day("2024-02-29")]))
        XCTAssertEqual(try schema.bind(.object([("d", .string("2000-02-29"))])), .record([day("2000-02-29")]))

        func reason(_ text: String) -> String? { bindingError(.object([("d", .string(text))]), schema: schema)?.reason }
        XCTAssertEqual(reason("2026-02-30"), "invalid date \"2026-02-30\": day 30 does not exist in 2026-02 (it has 28 days)")
        XCTAssertEqual(reason("2026-02-29"), "invalid date \"2026-02-29\": day 29 does not exist in 2026-02 (it has 28 days)")
        XCTAssertEqual(reason("1900-02-29"), "invalid date \"1900-02-29\": day 29 does not exist in 1900-02 (it has 28 days)")
        XCTAssertEqual(reason("2026-04-31"), "invalid date \"2026-04-31\": day 31 does not exist in 2026-04 (it has 30 days)")
        XCTAssertEqual(reason("2026-11-00"), "invalid date \"2026-11-00\": day 0 does not exist in 2026-11 (it has 30 days)")
        XCTAssertEqual(reason("2026-13-01"), "invalid date \"2026-13-01\": month 13 does not exist")
        XCTAssertEqual(reason("2026-00-10"), "invalid date \"2026-00-10\": month 0 does not exist")
        XCTAssertEqual(reason("2026-1-05"), "invalid date \"2026-1-05\": expected the form YYYY-MM-DD")
        XCTAssertEqual(reason("20261121"), "invalid date \"20261121\": expected the form YYYY-MM-DD")
        XCTAssertEqual(reason("2026-11-21T00:00"), "invalid date \"2026-11-21T00:00\": expected the form YYYY-MM-DD")
        XCTAssertEqual(reason("2026/11/21"), "invalid date \"2026/11/21\": expected the form YYYY-MM-DD")
        XCTAssertEqual(reason(""), "invalid date \"\": expected the form YYYY-MM-DD")
        XCTAssertEqual(bindingError(.object([("d", .number(20261121))]), schema: schema)?.reason,
                       "expected a date (\"YYYY-MM-DD\"), found a number (20261121)")
    }

    func testOptionalNestedValues() throws {
        let schema = RecordSchema(fields: [
            Field(name: "items", type: .list(.number), optional: true),
            Field(name: "owner", type: .record(Fixture.geo), optional: true),
        ])
        XCTAssertEqual(try schema.bind(.object([])), .record([.null, .null]))
        XCTAssertEqual(try schema.bind(.object([("items", .null), ("owner", .null)])), .record([.null, .null]))
        XCTAssertEqual(try schema.bind(.object([("items", .array([])), ("owner", .object([("lat", .number(1))]))])),
                       .record([.list([]), .record([num(1)])]))
    }

    func testUntypedValues() throws {
        let schema = RecordSchema(fields: [Field(name: "extra", type: .any)])
        XCTAssertEqual(try schema.bind(.object([("extra", .array([.number(1), .string("a"), .null]))])),
                       .record([.list([num(1), str("a"), .null])]))
        XCTAssertEqual(try schema.bind(.object([("extra", .null)])), .record([.null]))
    }

    func testLongStringsAreShortenedInMessages() {
        let long = String(repeating: "x", count: 60)
        assertBindingError(Fixture.json(replacing: [("amount_due", .string(long))]), path: "amount_due",
                           reason: "expected a number, found a string (\"\(String(repeating: "x", count: 40))…\")")
    }

    func testBoundRecordsEvaluate() throws {
        // Binding and evaluation together: the sample statement's totals.
        XCTAssertEqual(try Fixture.evaluate("money(sum(transactions.amount))"), str("$427.42"))
        XCTAssertEqual(try Fixture.evaluate("count(transactions) > 1 and address.city == 'London'"), .bool(true))
    }

    // MARK: Type names

    func testTypeNames() {
        func parse(_ text: String) -> String? {
            TypeName.parse(text).map { "\($0.type)\($0.optional ? "?" : "")" }
        }
        XCTAssertEqual(parse("string"), "string")
        XCTAssertEqual(parse("number"), "number")
        XCTAssertEqual(parse("bool"), "bool")
        XCTAssertEqual(parse("date"), "date")
        XCTAssertEqual(parse("string?"), "string?")
        XCTAssertEqual(parse(" date? "), "date?")
        XCTAssertEqual(parse("[string]"), "[string]")
        XCTAssertEqual(parse("[number]?"), "[number]?")
        XCTAssertEqual(parse("[ date ]"), "[date]")
        XCTAssertEqual(parse("[[number]]"), "[[number]]")
        XCTAssertNil(parse("[string?]"))
        XCTAssertNil(parse("integer"))
        XCTAssertNil(parse("String"))
        XCTAssertNil(parse("[string"))
        XCTAssertNil(parse(""))
        XCTAssertNil(parse("?"))
        XCTAssertNil(parse("string??"))
        XCTAssertEqual(TypeName.parse("string?")?.type, .string)
        XCTAssertEqual(TypeName.parse("string?")?.optional, true)
    }

    func testSupportedLocales() {
        XCTAssertEqual(SupportedLocales.names, [
            "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "nl_NL",
            "ja_JP", "zh_CN", "zh_TW", "ko_KR", "ar_SA", "he_IL", "ru_RU", "uk_UA", "pl_PL", "cs_CZ",
            "hu_HU", "ro_RO", "el_GR", "tr_TR", "pt_BR", "pt_PT", "it_IT", "sv_SE", "da_DK", "nb_NO",
            "fi_FI", "de_AT", "de_CH", "fr_CA", "fr_CH", "en_CA", "en_AU", "en_IE", "es_MX", "hi_IN",
        ])
        XCTAssertTrue(SupportedLocales.isSupported("ja-JP"))
        XCTAssertTrue(SupportedLocales.isSupported("fr_FR"))
        XCTAssertTrue(SupportedLocales.isSupported("fr-FR"))
        XCTAssertFalse(SupportedLocales.isSupported("fr"))
    }
}
