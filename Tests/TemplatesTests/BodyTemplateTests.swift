import Foundation
import Records
import XCTest
@testable import Templates

/// Email bodies: the template's expressions in {{ }}, loops, conditions, escaping, errors with file:line:col.
final class BodyTemplateTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "body-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private func template(html: String, text: String = "Hello {{ name }}\n") throws -> CompiledTemplate {
        try html.write(toFile: directory + "/email.html", atomically: true, encoding: .utf8)
        try text.write(toFile: directory + "/email.txt", atomically: true, encoding: .utf8)
        let yaml = """
            name: t
            data:
              name: string
              amount: number
              overdue: bool
              items:
                - label: string
                  price: number
            let:
              total: sum(items.price)
            document:
              id: "{name}"
            email:
              from: "Billing <billing@example.com>"
              to: "{name} <x@example.com>"
              subject: "Your bill: {money(amount)}"
              html: email.html
              text: email.txt
            """
        return try TemplateLoader.compile(yaml: yaml, file: directory + "/template.yaml")
    }

    private func render(_ body: CompiledBody, _ template: CompiledTemplate, _ json: String) throws -> String {
        let value = try template.bind(try JSONParser.parse(json))
        return try body.render(try template.environment(for: value, runDate: 20_000))
    }

    private let record = #"{"name":"Ann <A&B>","amount":1234.5,"overdue":true,"items":[{"label":"Gas","price":10},{"label":"<b>Power</b>","price":2.5}]}"#

    func testValuesLoopsConditionsAndEscaping() throws {
        let t = try template(html: """
            <style>p{margin:0}</style>
            <p>Dear {{ name }}, you owe {{ money(amount) }} (total {{ total }}).</p>
            <table>
            {{#each items as item}}
            <tr><td>{{ item.label }}</td><td>{{{ item.label }}}</td><td>{{ money(item.price) }}</td></tr>
            {{/each}}
            </table>
            {{#if overdue}}
            <p class=late>Overdue</p>
            {{else}}
            <p>On time</p>
            {{/if}}
            {{! a comment }}
            """)
        XCTAssertEqual(try render(t.email!.html, t, record), """
            <style>p{margin:0}</style>
            <p>Dear Ann &lt;A&amp;B&gt;, you owe $1,234.50 (total 12.5).</p>
            <table>
            <tr><td>Gas</td><td>Gas</td><td>$10.00</td></tr>
            <tr><td>&lt;b&gt;Power&lt;/b&gt;</td><td><b>Power</b></td><td>$2.50</td></tr>
            </table>
            <p class=late>Overdue</p>

            """)
        XCTAssertEqual(try render(t.email!.text, t, record), "Hello Ann <A&B>\n", "text bodies are not escaped")
    }

    func testErrorsNameTheFileLineAndColumn() throws {
        XCTAssertThrowsError(try template(html: "<p>\n  {{ nmae }}</p>\n{{#each amount as x}}{{/each}}\n{{#if name}}x")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("email.html:2:6: error in email.html"), text)
            XCTAssertTrue(text.contains("name"), "suggests the field: \(text)")
            XCTAssertTrue(text.contains("email.html:3:9") && text.contains("needs a list"), text)
            XCTAssertTrue(text.contains("{{/if}}"), text)
        }
    }

    func testUnclosedTagAndStrayBlockEnd() throws {
        XCTAssertThrowsError(try template(html: "{{/each}} and {{ name")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("no block is open"), text)
            XCTAssertTrue(text.contains("never closed"), text)
        }
    }
}
