import Foundation
import Render
import XCTest

/// Tests that check PDFs with poppler and qpdf: skipped when a tool is missing (scripts/setup installs
/// them), each test with a scratch folder of its own, kept when INKSTREAM_KEEP_TEST_PDFS is set.
class PDFToolsTestCase: XCTestCase {
    static let info = PDFWriter.Info(creationDate: "2026-11-22T00:00:00Z")
    var folder = ""

    /// The tools these tests run.
    var requiredTools: [String] { ["qpdf", "pdftotext", "pdftoppm", "pdffonts", "pdfinfo"] }

    override func setUpWithError() throws {
        for tool in requiredTools where !PDFTools.available(tool) {
            throw XCTSkip("\(tool) is not installed (scripts/setup installs it)")
        }
        folder = NSTemporaryDirectory() + "inkstream-\(String(describing: type(of: self)))-\(getpid())-\(name.filter(\.isLetter))"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if ProcessInfo.processInfo.environment["INKSTREAM_KEEP_TEST_PDFS"] == nil { try? FileManager.default.removeItem(atPath: folder) }
    }
}
