import Foundation
import XCTest
@testable import Channels

/// Byte-level properties of the output: determinism, CRLF, line lengths, streaming equals in-memory.
final class EmailOutputShapeTests: XCTestCase {
    private var directory = ""
    private let pdf = EmailFixtures.pseudoRandomBytes(count: 300_001, seed: 42)

    override func setUpWithError() throws {
        directory = try EmailFixtures.temporaryDirectory()
        try EmailFixtures.writeFile(pdf, to: "\(directory)/invoice.pdf")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var full: EmailMessage { EmailFixtures.fullMessage(pdfPath: "\(directory)/invoice.pdf") }

    func testSameMessageGivesSameBytes() throws {
        let first = try MIMEWriter.render(full)
        let second = try MIMEWriter.render(full)
        XCTAssertEqual(first, second)
        try MIMEWriter.write(full, to: "\(directory)/a.eml")
        try MIMEWriter.write(full, to: "\(directory)/a.eml")  // overwriting an existing message is fine
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: "\(directory)/a.eml"))), first)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
    }

    func testDifferentMessageIDsGiveDifferentBoundaries() throws {
        let one = boundaries(in: try MIMEWriter.render(EmailFixtures.fullMessage(pdfPath: "\(directory)/invoice.pdf", messageID: "<a@x.example>")))
        let two = boundaries(in: try MIMEWriter.render(EmailFixtures.fullMessage(pdfPath: "\(directory)/invoice.pdf", messageID: "<b@x.example>")))
        XCTAssertEqual(one.count, 3)
        XCTAssertEqual(Set(one).count, 3, "nested parts need distinct boundaries")
        XCTAssertTrue(Set(one).isDisjoint(with: Set(two)))
    }

    func testStreamedFileEqualsInMemoryBytes() throws {
        var inMemory = full
        inMemory.attachments[0] = EmailPart(filename: full.attachments[0].filename, contentType: "application/pdf", source: .bytes(pdf))
        XCTAssertEqual(try MIMEWriter.render(full), try MIMEWriter.render(inMemory))
    }

    func testEveryLineEndsWithCRLFAndRespectsLimits() throws {
        var long = EmailFixtures.plainMessage()
        long.subject = String(repeating: "Grüße aus Köln — 中文字符 😀 ", count: 6)
        long.to = (1...8).map { EmailAddress(displayName: "Empfänger Nummer \($0) der Firma", address: "r\($0)@example.com") }
        long.extraHeaders = [("X-Inkstream-Note", String(repeating: "word ", count: 40) + "end")]
        long.attachments = [EmailPart(filename: String(repeating: "Überweisung ", count: 12) + ".pdf",
                                      contentType: "application/pdf", source: .bytes([1, 2, 3]))]
        for message in [full, long, EmailFixtures.plainMessage()] {
            let bytes = try MIMEWriter.render(message)
            XCTAssertEqual(bytes.suffix(2), [13, 10], "the message must end with CRLF")
            var inHeader = true
            for (number, line) in try lines(bytes).enumerated() {
                let text = String(decoding: line, as: UTF8.self)
                XCTAssertLessThanOrEqual(line.count, 998, "line \(number + 1)")
                XCTAssertTrue(line.allSatisfy { $0 < 128 }, "line \(number + 1) is not ASCII: \(text)")
                if line.isEmpty {
                    inHeader = false
                } else if text.hasPrefix("--=_inkstream_") {
                    inHeader = !text.hasSuffix("--")
                } else if inHeader {
                    XCTAssertLessThanOrEqual(line.count, 78, "header line \(number + 1): \(text)")
                } else {
                    XCTAssertLessThanOrEqual(line.count, 76, "body line \(number + 1) (QP and base64 stop at 76): \(text)")
                }
            }
        }
    }

    func testQuotedPrintableRules() {
        func qp(_ text: String) -> String { String(decoding: QuotedPrintable.encode(text), as: UTF8.self) }
        XCTAssertEqual(qp("a = b"), "a =3D b")
        XCTAssertEqual(qp("end  \nnext\t"), "end =20\r\nnext=09")
        XCTAssertEqual(qp("From here\nnot From here"), "=46rom here\r\nnot From here")
        XCTAssertEqual(qp(".\n.."), "=2E\r\n=2E.")
        XCTAssertEqual(qp("ü\r\n"), "=C3=BC\r\n")
        XCTAssertEqual(qp("a\rb"), "a\r\nb")
        XCTAssertEqual(qp(String(repeating: "a", count: 76)), String(repeating: "a", count: 76))
        XCTAssertEqual(qp(String(repeating: "a", count: 77)), String(repeating: "a", count: 75) + "=\r\naa")
        // A soft break never leaves "From " or "." at the start of the next output line unencoded.
        XCTAssertEqual(qp(String(repeating: "a", count: 75) + "From x"), String(repeating: "a", count: 75) + "=\r\n=46rom x")
    }

    func testEncodedWordsStayWithinLimitsAndKeepCharactersWhole() {
        let text = String(repeating: "Grüße 😀 中文 ", count: 10)
        let words = EncodedWords.encode(text, firstLimit: 69)
        XCTAssertGreaterThan(words.count, 1)
        XCTAssertLessThanOrEqual(words[0].count, 69)
        var decoded: [UInt8] = []
        for word in words {
            XCTAssertLessThanOrEqual(word.count, 75)
            let parts = word.split(separator: "?")
            XCTAssertEqual(parts.count, 5, word)
            let payload = String(parts[3])
            let bytes = parts[2] == "B" ? Array(Data(base64Encoded: payload) ?? Data()) : qDecode(payload)
            XCTAssertNotNil(String(validating: bytes, as: UTF8.self), "word \(word) splits a UTF-8 sequence")
            decoded += bytes
        }
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), text)
    }

    private func qDecode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var characters = Array(text.utf8)[...]
        while let first = characters.first {
            if first == UInt8(ascii: "=") {
                bytes.append(UInt8(String(decoding: characters.dropFirst().prefix(2), as: UTF8.self), radix: 16)!)
                characters = characters.dropFirst(3)
            } else {
                bytes.append(first == UInt8(ascii: "_") ? 32 : first)
                characters = characters.dropFirst()
            }
        }
        return bytes
    }

    /// Splits at CRLF, failing on any bare CR or LF.
    private func lines(_ bytes: [UInt8]) throws -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0, index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                result.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                XCTAssertFalse(bytes[index] == 13 || bytes[index] == 10, "bare CR or LF at byte \(index)")
                index += 1
            }
        }
        XCTAssertEqual(start, bytes.count, "the last line has no CRLF")
        return result
    }

    private func boundaries(in bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.components(separatedBy: "boundary=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }
}
