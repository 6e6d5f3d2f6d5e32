import XCTest
@testable import Channels

final class EmailAddressTests: XCTestCase {
    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> EmailAddress? {
        switch EmailAddress.parse(text) {
        case .success(let address): return address
        case .failure(let error): XCTFail("\(text): \(error)", file: file, line: line); return nil
        }
    }

    /// Asserts that parsing fails with a description containing `reason`.
    private func assertRejected(_ text: String, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        switch EmailAddress.parse(text) {
        case .success(let address): XCTFail("\(text) was accepted as \(address)", file: file, line: line)
        case .failure(let error):
            XCTAssertTrue(error.description.contains(reason), "\(text): '\(error)' does not mention '\(reason)'", file: file, line: line)
        }
    }

    func testAcceptsTheThreeForms() {
        XCTAssertEqual(parsed("a@b.co"), EmailAddress(displayName: nil, address: "a@b.co"))
        XCTAssertEqual(parsed("  Jane Doe <jane.doe+bills@mail.example.org> "), EmailAddress(displayName: "Jane Doe", address: "jane.doe+bills@mail.example.org"))
        XCTAssertEqual(parsed("\"Doe, Jane\" <jane@example.org>"), EmailAddress(displayName: "Doe, Jane", address: "jane@example.org"))
        XCTAssertEqual(parsed("\"Say \\\"hi\\\"\" <x@example.org>")?.displayName, "Say \"hi\"")
        XCTAssertEqual(parsed("Müller & Söhne <info@mueller-soehne.example>")?.displayName, "Müller & Söhne")
        XCTAssertEqual(parsed("<only@example.org>"), EmailAddress(displayName: nil, address: "only@example.org"))
        XCTAssertNotNil(parsed(String(repeating: "l", count: 64) + "@x-1.example.com"))
        XCTAssertNotNil(parsed("a@" + String(repeating: "d", count: 63) + ".example"))
    }

    func testRejectsWithAReason() {
        assertRejected("", "empty")
        assertRejected("jane.example.org", "no @")
        assertRejected("a@b@example.org", "2 @ signs")
        assertRejected("@example.org", "empty local part")
        assertRejected("jane@", "empty domain")
        assertRejected("jane@localhost", "needs a dot")
        assertRejected("jane@-bad.example", "hyphen")
        assertRejected("jane@bad-.example", "hyphen")
        assertRejected("jane@exa_mple.org", "letters, digits and hyphens")
        assertRejected("jane@example..org", "empty label")
        assertRejected("jane@example.org.", "empty label")
        assertRejected("jane doe@example.org", "space")
        assertRejected("Jane <jane doe@example.org>", "space")
        assertRejected(String(repeating: "l", count: 65) + "@example.org", "limit is 64")
        let longDomain = (1...5).map { _ in String(repeating: "d", count: 60) }.joined(separator: ".")
        assertRejected("a@" + longDomain, "limit is 254")
        assertRejected("jane@" + String(repeating: "d", count: 64) + ".example", "limit is 63")
        assertRejected(".jane@example.org", "dot")
        assertRejected("ja..ne@example.org", "two dots")
        assertRejected("ja(ne@example.org", "quoted local parts are not supported")
        assertRejected("jane@exämple.org", "punycode")
        assertRejected("Jane <jane@example.org", "without a closing '>'")
        assertRejected("jane@example.org>", "without an opening '<'")
        assertRejected("\"Jane <jane@example.org>", "closing one")
        assertRejected("Jane\n <jane@example.org>", "line break")
    }
}
