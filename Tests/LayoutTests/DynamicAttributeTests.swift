import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Positions, sizes and colours computed from the data, and images the data names inside the assets folder:
/// what is drawn, and the reject (naming the element) when a value cannot be drawn.
final class DynamicAttributeTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "dynamic-attributes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/assets/logos", withIntermediateDirectories: true)
        let png = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Templates/statement/logo.png").standardized.path
        try FileManager.default.copyItem(atPath: png, toPath: folder + "/assets/logos/acme.png")
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: folder + "/assets/logos/broken.png"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: folder + "/outside.png"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/assets/logos/escape.png", withDestinationPath: folder + "/outside.png")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func compile(_ elements: String, assets: String = "assets") throws -> CompiledTemplate {
        try TemplateLoader.compile(yaml: """
            page: { size: [300, 200] }
            assets: \(assets)
            data: { id: string, usage: number, peak: number, tone: string, logo: string }
            colors: { alert: "#C62828" }
            document: { id: "{id}" }
            regions:
              first:
            \(elements.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: folder + "/template.yaml")
    }

    private func ops(_ elements: String, _ json: String) throws -> [DrawOperation] {
        let template = try compile(elements)
        let record = try template.bind(JSONParser.parse(json))
        return try DocumentComposer(template: template).compose(record, runDate: 0).pages[0].operations
    }

    private func record(usage: Double = 30, peak: Double = 60, tone: String = "alert", logo: String = "logos/acme.png") -> String {
        "{\"id\": \"a\", \"usage\": \(usage), \"peak\": \(peak), \"tone\": \"\(tone)\", \"logo\": \"\(logo)\"}"
    }

    private func rejection(_ elements: String, _ json: String) -> String {
        do {
            _ = try ops(elements, json)
            return "drawn"
        } catch { return "\(error)" }
    }

    func testAMeterBarTakesItsWidthAndColourFromTheData() throws {
        let drawn = try ops(#"- rect: { x: 10, y: "{20 + 5}", width: "{usage / peak * 200}", height: 8, fill: "{tone}" }"#, record())
        guard case .fillRects(let rects, let color) = drawn.first else { return XCTFail("\(drawn)") }
        XCTAssertEqual(rects, [Rect(x: 10, y: 25, width: 100, height: 8)])
        XCTAssertEqual(color, Color(hex: "#C62828"))
        let hex = try ops(#"- rect: { x: 0, y: 0, width: 5, height: 5, fill: "{tone}" }"#, record(tone: "#2E7D32"))
        guard case .fillRects(_, let green) = hex.first else { return XCTFail() }
        XCTAssertEqual(green, Color(hex: "#2E7D32"))
    }

    func testLinesCirclesAndTextMoveWithTheData() throws {
        let drawn = try ops("""
            - line: { x1: 0, y1: 0, x2: "{usage}", y2: 0, stroke: "{tone}", line_width: "{usage / 10}" }
            - circle: { cx: "{usage}", cy: 50, r: "{peak / 10}", fill: "#000000" }
            - text: { value: "x", x: "{usage * 2}", y: 100, color: "{tone}" }
            """, record())
        guard case .line(_, let to, let stroke) = drawn[0], case .circle(let center, let r, _, _) = drawn[1],
              case .text(let origin, _, let textColor) = drawn[2] else { return XCTFail("\(drawn)") }
        XCTAssertEqual(to.x, 30)
        XCTAssertEqual(stroke.width, 3)
        XCTAssertEqual(stroke.color, Color(hex: "#C62828"))
        XCTAssertEqual(center.x, 30)
        XCTAssertEqual(r, 6)
        XCTAssertEqual(origin.x, 60)
        XCTAssertEqual(textColor, Color(hex: "#C62828"))
    }

    func testValuesThatCannotBeDrawnAreTheRecordsRejectNamingTheElement() {
        let meter = #"- rect: { x: 10, y: 0, width: "{usage / peak * 200}", height: 8, fill: "{tone}" }"#
        let negative = rejection(meter, record(usage: -5))
        XCTAssertTrue(negative.contains("width at ") && negative.contains("template.yaml:") && negative.contains("never below 0"), negative)
        let infinite = rejection(meter, record(peak: 0))
        XCTAssertTrue(infinite.contains("division by zero") && infinite.contains("template.yaml:8:"), infinite)
        let huge = rejection(meter, record(usage: 1e12))
        XCTAssertTrue(huge.contains("beyond ±100000"), huge)
        let colour = rejection(meter, record(tone: "reddish"))
        XCTAssertTrue(colour.contains("\"reddish\", not a colour") && colour.contains("alert"), colour)
    }

    func testAConstantWithBracesInAStringIsStillAnError() {
        XCTAssertThrowsError(try compile(#"- rect: { x: 10, y: 0, width: "{nope * 2}", height: 8, fill: alert }"#)) { error in
            XCTAssertTrue("\(error)".contains("nope"), "\(error)")
            XCTAssertTrue("\(error)".contains("template.yaml:8:37:"), "\(error)")
        }
        XCTAssertThrowsError(try compile(#"- rect: { x: 10, y: 0, width: "{tone}", height: 8, fill: alert }"#))
    }

    func testAnImageNamedByTheDataIsFoundInsideTheAssetsFolder() throws {
        let image = #"- image: { src: "{logo}", x: 10, y: 10, width: "{peak}", height: 20 }"#
        let drawn = try ops(image, record())
        guard case .image(let path, let kind, let rect) = drawn.first else { return XCTFail("\(drawn)") }
        XCTAssertEqual(path, AssetPath.resolved(folder + "/assets/logos/acme.png"))
        XCTAssertEqual(kind, .png)
        XCTAssertEqual(rect.width, 60)
        XCTAssertTrue(try ops(image, record(logo: "")).isEmpty, "an empty name draws no image")
        let partial = try ops(#"- image: { src: "logos/{logo}.png", x: 0, y: 0, width: 5, height: 5 }"#, record(logo: "acme"))
        XCTAssertEqual(partial.count, 1)
    }

    func testAnImageTheDataNamesOutsideTheFolderOrMissingIsAReject() {
        let image = #"- image: { src: "{logo}", x: 10, y: 10, width: 20, height: 20 }"#
        for (logo, reason) in [("logos/none.png", "is not a file in the assets folder"),
                               ("../outside.png", "steps out of the assets folder"),
                               ("/etc/passwd.png", "absolute path"),
                               ("logos/escape.png", "leads out of the assets folder"),
                               ("logos/broken.png", "PNG"),
                               ("logos/acme.gif", "is not a PNG or SVG")] {
            let message = rejection(image, record(logo: logo))
            XCTAssertTrue(message.contains("image at ") && message.contains(reason), "\(logo): \(message)")
        }
    }

    func testAnAssetsFolderOutsideTheTemplateIsOneOfItsDependencies() throws {
        let shared = NSTemporaryDirectory() + "dynamic-shared-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: shared) }
        XCTAssertEqual(try compile("- rect: { x: 0, y: 0, width: 1, height: 1, fill: alert }").dependencies, [])
        let outside = try compile("- rect: { x: 0, y: 0, width: 1, height: 1, fill: alert }", assets: shared)
        XCTAssertEqual(outside.dependencies, [AssetPath.resolved(shared)])
        XCTAssertThrowsError(try compile("- rect: { x: 0, y: 0, width: 1, height: 1, fill: alert }", assets: "missing"))
    }
}
