import Foundation
import Records
import XCTest
@testable import Pipeline

/// A run that cannot read its input or write its output says so in words and keeps the error underneath,
/// so a caller can act on what went wrong instead of parsing the message.
final class RunErrorCauseTests: XCTestCase {
    private var root: String { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path }

    func testAnUnreadableInputKeepsTheReadersError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cause-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let options = RunOptions(templatePath: root + "/Templates/statement", inputPath: folder + "/missing.jsonl",
                                 outputDirectory: folder + "/out", mode: .perDocument, runDate: RunDate("2026-12-03")!, jobs: 1)
        do {
            _ = try BatchRun(options: options).execute()
            XCTFail("a missing input must stop the run")
        } catch {
            guard case .input(let message, let cause) = error else { return XCTFail("expected .input, got \(error)") }
            XCTAssertTrue(message.contains("missing.jsonl"), message)
            XCTAssertEqual((cause as? POSIXError)?.code, .ENOENT, "the error underneath is kept")
            XCTAssertEqual(error.description, message)
        }
    }

    func testBecauseKeepsTheErrorAndItsWords() {
        struct Full: Error, CustomStringConvertible { var description: String { "No space left on device" } }
        let error = RunError.output(because: Full())
        XCTAssertEqual(error.description, "No space left on device")
        XCTAssertTrue(error.cause is Full)
    }
}
