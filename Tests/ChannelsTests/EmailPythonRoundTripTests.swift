import Foundation
import XCTest
@testable import Channels

/// Writes messages and reads them back with Python's `email` package, an independent MIME implementation.
final class EmailPythonRoundTripTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = try EmailFixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        if ProcessInfo.processInfo.environment["KEEP_EML"] == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    private func roundTrip(_ message: EmailMessage, name: String) throws -> ParsedEmail {
        let path = "\(directory)/\(name).eml"
        try MIMEWriter.write(message, to: path)
        let parsed = try PythonEmailReader.read(path)
        // The only accepted defects: RFC 2047 words inside the quoted `name=` fallback, which RFC 2047 §5 forbids
        // but the brief asks for, because clients that ignore RFC 2231 read exactly that.
        let accepted = ["Content-Type: InvalidHeaderDefect: encoded word inside quoted string",
                        "Content-Type: InvalidHeaderDefect: missing trailing whitespace after encoded-word"]
        XCTAssertEqual(parsed.defects.filter { !accepted.contains($0) }, [], "Python found defects in \(name)")
        return parsed
    }

    func testPlainASCIIMessage() throws {
        let message = EmailFixtures.plainMessage()
        let parsed = try roundTrip(message, name: "plain")
        XCTAssertEqual(parsed.structure, "multipart/mixed(multipart/alternative(text/plain,text/html))")
        XCTAssertEqual(parsed.subject, message.subject)
        XCTAssertEqual(parsed.from, [["Inkstream Billing", "billing@inkstream.example"]])
        XCTAssertEqual(parsed.to, [["", "customer@example.com"], ["Doe, Jane", "jane.doe@example.org"]])
        XCTAssertEqual(parsed.replyTo, [])
        XCTAssertEqual(parsed.text.map(EmailFixtures.normalized), EmailFixtures.normalized(message.textBody))
        XCTAssertEqual(parsed.html.map(EmailFixtures.normalized), EmailFixtures.normalized(message.htmlBody))
        XCTAssertEqual(parsed.parts.count, 0)
        let names = parsed.headers.map { $0[0] }
        XCTAssertEqual(names, ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Inkstream-Run", "Content-Type"])
        XCTAssertTrue(parsed.headers.contains(["X-Inkstream-Run", "run-1 account 1"]))
        XCTAssertTrue(parsed.headers.contains(["Message-ID", message.messageID]))
    }

    func testNonASCIIMessageWithInlineImageAndFileAttachment() throws {
        let pdf = EmailFixtures.pseudoRandomBytes(count: 300_001, seed: 42)  // ~300 KB, not a multiple of 57
        let pdfPath = "\(directory)/invoice.pdf"
        try EmailFixtures.writeFile(pdf, to: pdfPath)
        let message = EmailFixtures.fullMessage(pdfPath: pdfPath)
        let parsed = try roundTrip(message, name: "full")

        XCTAssertEqual(parsed.structure, "multipart/mixed(multipart/related(multipart/alternative(text/plain,text/html),image/png),application/pdf,text/plain)")
        XCTAssertEqual(parsed.subject, "Müller & Söhne — Rechnung für Oktober 2026 ✓")
        XCTAssertEqual(parsed.from, [["Müller & Söhne Buchhaltung", "buchhaltung@mueller-soehne.example"]])
        XCTAssertEqual(parsed.to, [["Søren Ågård", "soren@example.dk"], ["Plain Name", "plain@example.com"]])
        XCTAssertEqual(parsed.replyTo, [["Support, Team", "support@mueller-soehne.example"]])
        XCTAssertEqual(parsed.text.map(EmailFixtures.normalized), EmailFixtures.normalized(message.textBody))
        XCTAssertEqual(parsed.html.map(EmailFixtures.normalized), EmailFixtures.normalized(message.htmlBody))

        XCTAssertEqual(parsed.parts.count, 3)
        guard parsed.parts.count == 3 else { return }
        let logo = parsed.parts[0], invoice = parsed.parts[1], terms = parsed.parts[2]
        XCTAssertEqual(logo.disposition, "inline")
        XCTAssertEqual(logo.contentID, "<logo@inkstream>")
        XCTAssertEqual(logo.filename, "logo.png")
        XCTAssertEqual(Data(base64Encoded: logo.base64).map(Array.init), EmailFixtures.pngBytes)
        XCTAssertEqual(invoice.disposition, "attachment")
        XCTAssertEqual(invoice.filename, "Rechnung Oktober 2026 – Müller & Söhne.pdf")
        XCTAssertEqual(invoice.name, "Rechnung Oktober 2026 – Müller & Söhne.pdf")
        XCTAssertNil(invoice.contentID)
        XCTAssertEqual(Data(base64Encoded: invoice.base64).map(Array.init), pdf, "attachment bytes differ from the source file")
        XCTAssertEqual(terms.filename, "terms.txt")
        XCTAssertEqual(terms.contentType, "text/plain")
        XCTAssertEqual(Data(base64Encoded: terms.base64).map { String(decoding: $0, as: UTF8.self) }, "Terms\r\n")
        XCTAssertTrue(parsed.headers.contains(["X-Inkstream-Account", "42"]))
    }

    func testLongHeadersFoldAndDecodeExactly() throws {
        var message = EmailFixtures.plainMessage()
        message.subject = String(repeating: "Your statement for the quarter ending September 2026 is ready ", count: 4) + "(final)"
        message.from = EmailAddress(
            displayName: "Inkstream Billing Department of Müller & Söhne Gesellschaft mit beschränkter Haftung, Zweigstelle Nord",
            address: "billing@inkstream.example")
        message.to = (1...6).map { EmailAddress(displayName: "Recipient Number \($0)", address: "recipient.\($0)@example.com") }
        let longName = String(repeating: "Überweisungsträger für Kundennummer 123456 ", count: 3) + "中文 😀.pdf"
        message.attachments = [EmailPart(filename: longName, contentType: "application/octet-stream", source: .bytes([1, 2, 3]))]
        let parsed = try roundTrip(message, name: "long")
        XCTAssertEqual(parsed.subject, message.subject)
        XCTAssertEqual(parsed.from.first?.first, message.from.displayName)
        XCTAssertEqual(parsed.to.map { $0[0] }, (1...6).map { "Recipient Number \($0)" })
        XCTAssertEqual(parsed.parts.first?.filename, longName)
        XCTAssertEqual(parsed.parts.first?.name, longName)

        message.subject = String(repeating: "Grüße aus Köln — 中文字符 😀 ", count: 6)
        let encoded = try roundTrip(message, name: "long-nonascii")
        XCTAssertEqual(encoded.subject, message.subject)
    }

    func testEmptyHTMLGivesTextOnly() throws {
        var message = EmailFixtures.plainMessage()
        message.htmlBody = ""
        message.textBody = "only text, no final line break"
        let parsed = try roundTrip(message, name: "text-only")
        XCTAssertEqual(parsed.structure, "multipart/mixed(text/plain)")
        XCTAssertEqual(parsed.text, message.textBody)
        XCTAssertNil(parsed.html)
    }
}
