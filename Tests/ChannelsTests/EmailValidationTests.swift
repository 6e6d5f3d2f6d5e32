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

/// Header values from data never carry CR, LF or NUL; bidi and zero-width characters go only inside
/// RFC 2047 encoded words, so the header itself stays printable ASCII.
final class EmailHeaderSafetyTests: XCTestCase {
    private func headers(_ change: (inout EmailMessage) -> Void) throws -> String {
        var message = EmailFixtures.plainMessage()
        change(&message)
        let text = String(decoding: try MIMEWriter.render(message), as: UTF8.self)
        return String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
    }

    private func assertFails(_ change: (inout EmailMessage) -> Void, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try headers(change), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(reason), "\(error)", file: file, line: line)
        }
    }

    func testNULAndLineBreaksAreRefusedInSubjectAndDisplayNames() {
        assertFails({ $0.subject = "Bill\u{0}Bcc: x@evil.example" }, "control character U+0000")
        assertFails({ $0.subject = "Bill\rBcc: x@evil.example" }, "control character U+000D")
        assertFails({ $0.to = [EmailAddress(displayName: "Ann\u{0}Lee", address: "a@example.com")] }, "To display name")
        assertFails({ $0.to = [EmailAddress(displayName: "Ann\nBcc: x@evil.example", address: "a@example.com")] }, "line break")
        assertFails({ $0.from = EmailAddress(displayName: "Bill\u{0}", address: "b@example.com") }, "From display name")
    }

    func testBidiAndZeroWidthStayInsideEncodedWords() throws {
        let head = try headers {
            $0.subject = "Invoice \u{202E}fdp.exe\u{202C} \u{200B}due"
            $0.to = [EmailAddress(displayName: "Ann\u{2066}Lee\u{FEFF}", address: "a@example.com")]
        }
        XCTAssertTrue(head.utf8.allSatisfy { $0 >= 32 && $0 < 127 || $0 == 13 || $0 == 10 || $0 == 9 }, head)
        XCTAssertFalse(head.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        XCTAssertFalse(head.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        XCTAssertTrue(head.contains("Subject: =?UTF-8?"), head)
        XCTAssertTrue(head.contains("=E2=80=AE") || head.contains("?B?"), head)  // U+202E, encoded
    }
}
