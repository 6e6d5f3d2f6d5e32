import XCTest
@testable import Channels

/// Bad fields fail before any byte is written, with a message naming the field.
final class EmailValidationTests: XCTestCase {
    private func assertFails(_ change: (inout EmailMessage) -> Void, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        var message = EmailFixtures.plainMessage()
        change(&message)
        do {
            _ = try MIMEWriter.render(message)
            XCTFail("rendered despite: \(reason)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.description.contains(reason), "'\(error)' does not mention '\(reason)'", file: file, line: line)
        }
    }

    func testRejectsBadFields() {
        assertFails({ $0.to = [] }, "no To address")
        assertFails({ $0.to = [EmailAddress(displayName: nil, address: "nobody")] }, "To address: 'nobody' has no @")
        assertFails({ $0.from = EmailAddress(displayName: "A\r\nBcc: x@y.z", address: "a@b.example") }, "line break")
        assertFails({ $0.subject = "two\nlines" }, "control character")
        assertFails({ $0.messageID = "run-1@inkstream.example" }, "<unique@domain>")
        assertFails({ $0.date = "" }, "date is empty")
        assertFails({ $0.extraHeaders = [("X-Run", "caf\u{E9}")] }, "only printable ASCII")
        assertFails({ $0.extraHeaders = [("X Run", "1")] }, "without spaces or ':'")
        assertFails({ $0.extraHeaders = [("Subject", "again")] }, "set the EmailMessage field")
        assertFails({ $0.extraHeaders = [("Bcc", "x@y.example")] }, "blind copies")
        assertFails({ $0.inline = [EmailPart(filename: "a.png", contentType: "image/png", source: .bytes([1]))] }, "no contentID")
        assertFails({
            $0.htmlBody = ""
            $0.inline = [EmailPart(filename: "a.png", contentType: "image/png", source: .bytes([1]), contentID: "a@b")]
        }, "no HTML body")
        assertFails({ $0.attachments = [EmailPart(filename: "../a.pdf", contentType: "application/pdf", source: .bytes([1]))] }, "path separator")
        assertFails({ $0.attachments = [EmailPart(filename: "a.pdf", contentType: "application/pdf; x=1", source: .bytes([1]))] }, "type/subtype")
        assertFails({ $0.attachments = [EmailPart(filename: "a.pdf", contentType: "pdf", source: .bytes([1]))] }, "type/subtype")
        assertFails({ $0.attachments = [EmailPart(filename: "a.pdf", contentType: "application/pdf", source: .file(path: "/nonexistent/a.pdf"))] },
                    "attachment 'a.pdf': cannot read /nonexistent/a.pdf")
    }

    func testFailedWriteLeavesNoFile() throws {
        let directory = try EmailFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var message = EmailFixtures.plainMessage()
        message.attachments = [EmailPart(filename: "a.pdf", contentType: "application/pdf", source: .file(path: directory))]
        XCTAssertThrowsError(try MIMEWriter.write(message, to: "\(directory)/out.eml")) { error in
            XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }
}
