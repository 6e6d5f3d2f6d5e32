import Foundation
import XCTest
@testable import Templates

/// Templates built to exhaust the compiler (found by trying classic hostile YAML by hand while writing Fuzz/): they must fail fast with a
/// message, never hang or fill memory.
final class HostileTemplateTests: XCTestCase {
    /// "Billion laughs": each anchored flow repeats the previous one nine times through aliases, so a
    /// template of a few hundred bytes expands to 9^7 (4.8 million) flow items. Compiling it took minutes and
    /// gigabytes; a deeper one never finished.
    func testAliasExpansionIsRefusedQuickly() {
        var flow = "  flow:\n    - group:\n        flow: &l0 [\(Array(repeating: "{spacer: 1}", count: 9).joined(separator: ", "))]\n"
        for level in 1...6 {
            let repeats = Array(repeating: "{group: {flow: *l\(level - 1)}}", count: 9).joined(separator: ", ")
            flow += "    - group:\n        flow: &l\(level) [\(repeats)]\n"
        }
        let yaml = "name: laughs\ndata:\n  id: string\ndocument:\n  id: \"{id}\"\nbody:\n  top: 72\n  bottom: 720\n" + flow
        let started = Date()
        XCTAssertThrowsError(try TemplateLoader.compile(yaml: yaml, file: "/tmp/laughs/template.yaml")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("more than 100000 YAML nodes"), message)
            XCTAssertTrue(message.contains("alias"), message)
            XCTAssertTrue(message.contains("/tmp/laughs/template.yaml"), message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refusing the template should take well under a second")
    }

    /// Aliases that reuse a part a few times are ordinary YAML and still compile.
    func testModestAliasesStillCompile() throws {
        let yaml = """
            name: reuse
            data:
              id: string
            document:
              id: "{id}"
            body:
              top: 72
              bottom: 720
              flow:
                - group:
                    flow: &gap [{spacer: 4}, {spacer: 4}]
                - group:
                    flow: *gap
            """
        let template = try TemplateLoader.compile(yaml: yaml, file: "/tmp/reuse/template.yaml")
        XCTAssertEqual(template.body.flow.count, 2)
    }
}
