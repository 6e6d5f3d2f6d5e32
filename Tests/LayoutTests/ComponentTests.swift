import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Components from a library folder several templates share: typed parameters checked when the template
/// compiles, mistakes reported in the component's own file, style sheets, and the files in the template's
/// dependencies.
final class ComponentTests: XCTestCase {
    private var root: String!

    override func setUpWithError() throws {
        root = AssetPath.resolved(NSTemporaryDirectory()) + "/components-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/library", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/notice", withIntermediateDirectories: true)
        try write("library/letterhead.yaml", """
            component: letterhead
            params:
              title: string
              customer:
                name: string
                city: string
              note: string?
            elements:
              - text: { value: "{title}", x: 0, y: 0, style: heading }
              - text: { value: "{customer.name}, {customer.city}", x: 0, y: 20 }
              - text: { value: "{note}", x: 0, y: 40, when: "note != null" }
            """)
        try write("library/legal_footer.yaml", """
            params:
              lines: [string]
              company: string
            flow:
              - repeat:
                  over: lines
                  item: line
                  flow:
                    - paragraph: { value: "{loop.number}. {line} ({company})" }
            """)
        try write("library/broken.yaml", """
            params: { title: string }
            elements:
              - text: { value: "{titel}", x: 0, y: 0 }
            """)
        try write("library/loop.yaml", """
            elements:
              - component: { use: loop }
            """)
        try write("library/house.yaml", """
            colors: { brand: "#123456" }
            styles:
              heading: { size: 18, weight: bold, color: brand }
            """)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
    }

    private func compile(_ regions: String, flow: String = "- spacer: 1", extra: String = "") throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            page: { size: [400, 300] }
            components: ../library
            stylesheets: [../library/house.yaml]
            \(extra)
            data:
              id: string
              customer: { name: string, street: string, city: string }
              terms: [string]
            let:
              shout: upper(id)
            document: { id: "{id}" }
            regions:
              first:
            \(regions.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            body:
              top: 100
              flow:
            \(flow.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: root + "/notice/template.yaml")
    }

    private static let record = #"{"id": "n1", "customer": {"name": "Ada", "street": "1 Main St", "city": "Leeds"}, "terms": ["Pay on time", "Keep this notice"]}"#

    private func texts(_ template: CompiledTemplate) throws -> [(String, Point, Color)] {
        let document = try DocumentComposer(template: template).compose(template.bind(JSONParser.parse(Self.record)), runDate: 0)
        return document.pages.flatMap(\.operations).compactMap { op in
            guard case .text(let origin, let runs, let color) = op else { return nil }
            return (runs.map(\.text).joined(), origin, color)
        }
    }

    private func errors(_ regions: String, flow: String = "- spacer: 1") -> String {
        do {
            _ = try compile(regions, flow: flow)
            return "compiled"
        } catch { return "\(error)" }
    }

    func testAComponentDrawsItsElementsWithItsArgumentsWhereItIsPlaced() throws {
        let template = try compile("""
            - component: { use: letterhead, x: 40, y: 30, with: { title: "Renewal for {shout}", customer: customer } }
            - component: { use: letterhead, x: 200, y: 30, with: { title: "Copy", customer: "{customer}", note: "kept" } }
            - text: { value: "after {shout}", x: 0, y: 250 }
            """)
        let drawn = try texts(template)
        XCTAssertEqual(drawn.map(\.0), ["Renewal for N1", "Ada, Leeds", "Copy", "Ada, Leeds", "kept", "after N1"])
        XCTAssertEqual(drawn[0].1.x, 40)
        XCTAssertEqual(drawn[2].1.x, 200)
        XCTAssertEqual(drawn[0].2, Color(hex: "#123456"), "the heading style comes from the shared style sheet")
        XCTAssertEqual(template.dependencies, [root + "/library/house.yaml", root + "/library/letterhead.yaml"])
    }

    func testAFlowComponentRepeatsWithoutDisturbingTheCallersValues() throws {
        let template = try compile("- text: { value: \"head\", x: 0, y: 0 }", flow: """
            - paragraph: { value: "{shout} before" }
            - component: { use: legal_footer, with: { lines: terms, company: "ACME {shout}" } }
            - paragraph: { value: "{shout} after" }
            """)
        XCTAssertEqual(try texts(template).map(\.0), ["head", "N1 before", "1. Pay on time (ACME N1)", "2. Keep this notice (ACME N1)", "N1 after"])
    }

    func testAMistakeInsideAComponentIsReportedInTheComponentsFile() {
        let message = errors("- component: { use: broken, with: { title: x } }")
        XCTAssertTrue(message.contains(root + "/library/broken.yaml:3:22:"), message)
        XCTAssertTrue(message.contains("titel") && message.contains("title"), message)
    }

    func testArgumentsAreCheckedAgainstTheParameters() {
        let missing = errors("- component: { use: letterhead, with: { title: x } }")
        XCTAssertTrue(missing.contains("needs 'customer'") && missing.contains("template.yaml:"), missing)
        let unknown = errors("- component: { use: letterhead, with: { titel: x, customer: customer } }")
        XCTAssertTrue(unknown.contains("no parameter 'titel'") && unknown.contains("title"), unknown)
        let wrongType = errors("- component: { use: letterhead, with: { title: x, customer: id } }")
        XCTAssertTrue(wrongType.contains("'customer' of the component 'letterhead'") && wrongType.contains("is string"), wrongType)
    }

    func testAComponentSeesOnlyItsParameters() throws {
        try write("library/nosy.yaml", "elements:\n  - text: { value: \"{id}\", x: 0, y: 0 }\n")
        let message = errors("- component: { use: nosy }")
        XCTAssertTrue(message.contains("nosy.yaml:2:22:") && message.contains("unknown field 'id'"), message)
    }

    func testUnknownMisplacedAndSelfUsingComponentsAreErrors() {
        let unknown = errors("- component: { use: letterheed }")
        XCTAssertTrue(unknown.contains("no component 'letterheed'") && unknown.contains("letterhead"), unknown)
        let misplaced = errors("- component: { use: legal_footer, with: { lines: terms, company: x } }")
        XCTAssertTrue(misplaced.contains("use it in the body's flow"), misplaced)
        let loop = errors("- component: { use: loop }")
        XCTAssertTrue(loop.contains("uses itself"), loop)
        let escape = errors("- component: { use: ../notice/template }")
        XCTAssertTrue(escape.contains("steps out"), escape)
    }

    func testTheTemplatesOwnStylesOverrideTheSheet() throws {
        let template = try compile("- component: { use: letterhead, with: { title: x, customer: customer } }",
                                   extra: "styles: { heading: { size: 9, color: \"#AA0000\" } }")
        XCTAssertEqual(try texts(template)[0].2, Color(hex: "#AA0000"))
    }
}
