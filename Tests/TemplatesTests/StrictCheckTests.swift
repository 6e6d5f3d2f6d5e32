import Foundation
import XCTest
@testable import Templates

/// `check` is strict: every unknown key anywhere (styles too) at once, impossible geometry, broken assets.
final class StrictCheckTests: XCTestCase {
    private func errors(_ yaml: String, files: [String: [UInt8]] = [:]) -> [String] {
        let folder = NSTemporaryDirectory() + "inkstream-strict-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: folder + "/fonts", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, bytes) in files { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) }
        if !files.keys.contains(where: { $0.hasPrefix("fonts/") }) { try? FileManager.default.removeItem(atPath: folder + "/fonts") }
        do {
            _ = try TemplateLoader.compile(yaml: yaml, file: folder + "/template.yaml")
            return []
        } catch {
            return error.errors.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        }
    }

    private let head = """
        data: { id: string }
        document: { id: "{id}" }
        """

    func testEveryUnknownKeyIsReportedIncludingInsideNamedStyles() {
        let found = errors(head + """

            styles:
              heading: { size: 14, colour: "#FF0000", line_height: 2 }
            regions:
              first:
                - text: { value: "x", x: 1, y: 1, colr: red, sise: 3 }
            """)
        XCTAssertEqual(found.count, 4, found.joined(separator: "\n"))
        XCTAssertTrue(found[0].hasPrefix("4:24 unknown attribute 'colour'. Did you mean 'color'?"), found[0])
        XCTAssertTrue(found[1].hasPrefix("4:43 unknown attribute 'line_height'"), found[1])
        XCTAssertTrue(found.contains { $0.contains("'colr'") } && found.contains { $0.contains("'sise'") }, found.joined(separator: "\n"))
    }

    func testImpossibleGeometryIsRejected() {
        XCTAssertTrue(errors(head + "\npage: { size: letter, margins: 400 }").first?.contains("leave less than 36 pt") == true)
        XCTAssertTrue(errors(head + "\npage: { size: [10, 10] }").first?.contains("is not a page") == true)
        XCTAssertTrue(errors(head + "\npage: { margins: -5 }").first?.contains("cannot be negative") == true)
        let body = errors(head + "\nbody: { top: 700, bottom: 600 }")
        XCTAssertTrue(body.first?.contains("body top (700.0) must be at least 0 and at least 12 pt above the body's bottom (600.0)") == true,
                      body.joined(separator: "\n"))
        XCTAssertTrue(errors(head + "\nbody: { bottom: 900 }").first?.contains("below the page's foot (792.0)") == true)
    }

    func testBrokenImagesAndFontsFailAtCompileTime() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 40)
        let image = head + "\nregions:\n  first:\n    - image: { src: logo.png, x: 0, y: 0, width: 10, height: 10 }"
        XCTAssertTrue(errors(image, files: ["logo.png": png]).first?.contains("the image logo.png is not a valid PNG") == true)
        let svg = head + "\nregions:\n  first:\n    - image: { src: logo.svg, x: 0, y: 0, width: 10, height: 10 }"
        let malformed = errors(svg, files: ["logo.svg": Array("<svg><g></svg>".utf8)])
        XCTAssertTrue(malformed.first?.contains("is not well-formed XML") == true, "\(malformed)")
        XCTAssertTrue(errors(svg, files: ["logo.svg": Array("<html/>".utf8)]).first?.contains("its root element is <html>") == true)
        XCTAssertEqual(errors(svg, files: ["logo.svg": Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)]), [])
        let font = errors(head, files: ["fonts/Brand.ttf": Array("not a font at all".utf8)])
        XCTAssertTrue(font.first?.contains("fonts/Brand.ttf is not a TrueType or OpenType font") == true, "\(font)")
    }

    func testAPNGWithAGoodHeaderButNoEndIsTruncated() {
        var ihdr: [UInt8] = Array("IHDR".utf8) + [0, 0, 0, 4, 0, 0, 0, 4, 8, 6, 0, 0, 0]
        let crc = AssetCheck.crc32(ihdr[...])
        ihdr += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + ihdr
        XCTAssertEqual(AssetCheck.pngProblem(png), "is a truncated PNG (no IEND chunk)")
    }
}
