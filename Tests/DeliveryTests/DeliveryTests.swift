import Foundation
import Journal
import XCTest
@testable import Delivery

final class AddressTests: XCTestCase {
    func testHeadersAreUnfoldedAndCaseInsensitive() {
        let headers = MessageHeaders(headerBytes: Array("""
            from: "Billing, Inkstream" <billing@example.com>\r
            TO: alice@example.org,\r
             "Bob (work)" <bob@example.org>\r
            Subject: hello\r
            Message-ID: <1.run@inkstream.example>\r
            \r
            To: not-a-header@example.org\r

            """.utf8))
        XCTAssertEqual(headers.from, "billing@example.com")
        XCTAssertEqual(headers.recipients, ["alice@example.org", "bob@example.org"])
        XCTAssertEqual(headers.messageID, "<1.run@inkstream.example>")
        XCTAssertEqual(headers.values("subject"), ["hello"])
    }

    func testBareLFHeaders() {
        let headers = MessageHeaders(headerBytes: Array("From: a@example.com\nTo: b@example.com\n\nbody\n".utf8))
        XCTAssertEqual(headers.from, "a@example.com")
        XCTAssertEqual(headers.recipients, ["b@example.com"])
    }

    func testAddressLists() {
        XCTAssertEqual(AddressList.addresses(in: "alice@example.org"), ["alice@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "Alice Example <alice@example.org>"), ["alice@example.org"])
        XCTAssertEqual(AddressList.addresses(in: #""Doe, John <x>" <john@example.org>, carol@example.org"#),
                       ["john@example.org", "carol@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "=?UTF-8?B?QmrDtnJuIETDpGhsZXI=?= <bjoern@example.org>"), ["bjoern@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.org>"), ["joerg@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "dave@example.org (Dave, accounts)"), ["dave@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "(comment, with: odd; chars) eve@example.org"), ["eve@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "Team: a@example.org, B <b@example.org>;, c@example.org"),
                       ["a@example.org", "b@example.org", "c@example.org"])
        XCTAssertEqual(AddressList.addresses(in: "undisclosed-recipients:;"), [])
        XCTAssertEqual(AddressList.addresses(in: #""john doe"@example.org"#), [#""john doe"@example.org"#])
        XCTAssertEqual(AddressList.addresses(in: "<@relay.example:user@example.org>"), ["user@example.org"])
        XCTAssertEqual(AddressList.addresses(in: ""), [])
    }

    func testRecipientsIncludeCcWithoutRepeats() {
        let headers = MessageHeaders(headerBytes: Array("To: a@x.org, b@x.org\r\nCc: A@x.org, c@x.org\r\nBcc: d@x.org\r\n".utf8))
        XCTAssertEqual(headers.recipients, ["a@x.org", "b@x.org", "c@x.org"])
    }
}

final class DotStufferTests: XCTestCase {
    private func stuff(_ text: String) -> String {
        String(decoding: DotStuffer.stuff(Array(text.utf8)), as: UTF8.self)
    }

    func testDotsAtLineStartAreDoubled() {
        XCTAssertEqual(stuff(".a\r\nb.c\r\n..d\r\n.\r\n"), "..a\r\nb.c\r\n...d\r\n..\r\n")
    }

    func testLineEndingsBecomeCRLF() {
        XCTAssertEqual(stuff("a\nb\rc\r\nd"), "a\r\nb\r\nc\r\nd\r\n")
        XCTAssertEqual(stuff("a\r"), "a\r\n")
        XCTAssertEqual(stuff(".\n.x\r"), "..\r\n..x\r\n")
        XCTAssertEqual(stuff(""), "")
    }

    func testChunkBoundariesDoNotMatter() {
        let message = Array("Subject: x\r\n\r\n.one\r\ntwo\n.three\r\r\n.\r\nend".utf8)
        let whole = DotStuffer.stuff(message)
        for size in 1...7 {
            var stuffer = DotStuffer()
            var output: [UInt8] = []
            var index = 0
            while index < message.count {
                stuffer.feed(message[index..<min(index + size, message.count)], into: &output)
                index += size
            }
            stuffer.finish(into: &output)
            XCTAssertEqual(output, whole, "chunks of \(size)")
        }
    }

    func testHeaderEnd() {
        XCTAssertEqual(OutgoingMessage.headerEnd(Array("A: b\r\n\r\nbody".utf8)), 6)
        XCTAssertEqual(OutgoingMessage.headerEnd(Array("A: b\n\nbody".utf8)), 5)
        XCTAssertNil(OutgoingMessage.headerEnd(Array("A: b\r\nC: d\r\n".utf8)))
    }
}

final class ReplyTests: XCTestCase {
    private func parse(_ lines: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try lines.compactMap { try parser.feed(line: $0) }
    }

    func testSingleAndMultiLineReplies() throws {
        let replies = try parse(["220 mail.example.com ESMTP", "250-mail.example.com", "250-PIPELINING", "250-SIZE 1000",
                                 "250-AUTH PLAIN LOGIN", "250-STARTTLS", "250 8BITMIME", "354"])
        XCTAssertEqual(replies.map(\.code), [220, 250, 354])
        XCTAssertEqual(replies[1].lines.count, 6)
        XCTAssertEqual(replies[1].description, "250-mail.example.com\n250-PIPELINING\n250-SIZE 1000\n250-AUTH PLAIN LOGIN\n250-STARTTLS\n250 8BITMIME")
        let ext = SMTPExtensions(ehlo: replies[1])
        XCTAssertTrue(ext.pipelining)
        XCTAssertTrue(ext.startTLS)
        XCTAssertTrue(ext.eightBitMIME)
        XCTAssertEqual(ext.size, 1000)
        XCTAssertEqual(ext.authMechanisms, ["PLAIN", "LOGIN"])
        XCTAssertEqual(SMTPExtensions(ehlo: try parse(["250 only.example.com"])[0]).size, nil)
    }

    func testReplyClasses() throws {
        let replies = try parse(["250 2.0.0 OK", "451 4.3.0 later", "550 5.1.1 unknown", "221 bye"])
        XCTAssertEqual(replies.map(\.isPositive), [true, false, false, true])
        XCTAssertEqual(replies.map(\.isTransient), [false, true, false, false])
        XCTAssertEqual(replies.map(\.isPermanent), [false, false, true, false])
    }

    func testMalformedReplies() {
        var parser = SMTPReplyParser()
        XCTAssertThrowsError(try parser.feed(line: "hello"))
        XCTAssertThrowsError(try parser.feed(line: "25"))
        XCTAssertThrowsError(try parser.feed(line: "250+x"))
        var mixed = SMTPReplyParser()
        XCTAssertNil(try mixed.feed(line: "250-first"))
        XCTAssertThrowsError(try mixed.feed(line: "251 second"))
    }

    func testEnvelopeVerdict() throws {
        let ok = SMTPReply(code: 250, lines: ["250 OK"])
        let go = SMTPReply(code: 354, lines: ["354 go ahead"])
        let busy = SMTPReply(code: 451, lines: ["451 busy"])
        let unknown = SMTPReply(code: 550, lines: ["550 5.1.1 unknown"])
        let noValid = SMTPReply(code: 554, lines: ["554 no valid recipients"])
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", ok)], data: go), .proceed(accepted: ["a@x"], rejected: nil))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", ok), ("b@x", unknown)], data: go),
                       .proceed(accepted: ["a@x"], rejected: "RCPT TO:<b@x>: 550 5.1.1 unknown"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", unknown)], data: noValid),
                       .failed("every recipient was rejected:\nRCPT TO:<a@x>: 550 5.1.1 unknown"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", ok), ("b@x", busy)], data: go),
                       .deferred("RCPT TO:<b@x>: 451 busy"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: busy, recipients: [], data: nil), .deferred("MAIL FROM: 451 busy"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: unknown, recipients: [], data: nil), .failed("MAIL FROM: 550 5.1.1 unknown"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", ok)], data: busy), .deferred("DATA: 451 busy"))
        XCTAssertEqual(EnvelopeVerdict.judge(mail: ok, recipients: [("a@x", ok)], data: nil), .proceed(accepted: ["a@x"], rejected: nil))
    }
}

final class BackoffTests: XCTestCase {
    func testDoublingSchedule() {
        let backoff = Backoff(firstDelay: 30, maxAttempts: 5)
        XCTAssertEqual(backoff.schedule, [30, 60, 120, 240])
        XCTAssertEqual(backoff.delay(afterAttempt: 1), 30)
        XCTAssertEqual(backoff.delay(afterAttempt: 4), 240)
        XCTAssertNil(backoff.delay(afterAttempt: 5))
        XCTAssertEqual(Backoff(firstDelay: 0.2, maxAttempts: 3).schedule, [0.2, 0.4])
        XCTAssertEqual(Backoff(firstDelay: 1, maxAttempts: 1).schedule, [])
    }
}

final class JournalDeliveryTests: XCTestCase {
    func testStatusChangesAndAudit() throws {
        let directory = NSTemporaryDirectory() + "delivery-tests-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try Journal(path: directory + "/journal.sqlite")
        let queued = try journal.enqueueDelivery(outputDirectory: "/out", message: "1.eml", documentID: "1", messageID: "<1@x>",
                                                 messageSHA256: "aa", recipients: "a@x")
        XCTAssertEqual(queued.status, .queued)
        try journal.recordDeliveryAttempt(outputDirectory: "/out", message: "1.eml", status: .deferred, reply: "451 busy",
                                          attemptStartedAt: "t1")
        try journal.markSending(outputDirectory: "/out", message: "1.eml", attemptStartedAt: "t2")
        XCTAssertEqual(try journal.delivery(outputDirectory: "/out", message: "1.eml")?.status, .sending)
        let sent = try journal.recordDeliveryAttempt(outputDirectory: "/out", message: "1.eml", status: .sent, reply: "250 OK",
                                                     attemptStartedAt: "t2")
        XCTAssertEqual(sent?.status, .sent)
        XCTAssertEqual(sent?.attempts, 2)
        XCTAssertEqual(sent?.firstAttemptAt, "t1")
        // Queuing again leaves a sent message alone.
        let again = try journal.enqueueDelivery(outputDirectory: "/out", message: "1.eml", documentID: "1", messageID: "<1b@x>",
                                                messageSHA256: "bb", recipients: "a@x")
        XCTAssertEqual(again.status, .sent)
        XCTAssertEqual(again.messageSHA256, "aa")

        _ = try journal.enqueueDelivery(outputDirectory: "/out", message: "2.eml", documentID: "2", messageID: "<2@x>",
                                        messageSHA256: "cc", recipients: "b@x")
        try journal.markSending(outputDirectory: "/out", message: "2.eml", attemptStartedAt: "t3")
        try journal.markUncertain(outputDirectory: "/out", message: "2.eml", reason: "interrupted")
        XCTAssertEqual(try journal.delivery(outputDirectory: "/out", message: "2.eml")?.status, .uncertain)

        XCTAssertEqual(try journal.deliveries(documentID: "1").map(\.message), ["1.eml"])
        XCTAssertEqual(try journal.deliveries(outputDirectory: "/out").map(\.status), [.sent, .uncertain])
        let audit = try journal.verifyAudit()
        XCTAssertTrue(audit.intact, "\(audit.problems)")
        // Every change of a row is vouched for: 1.eml queued, deferred, sending, sent (queuing it again changes
        // nothing); 2.eml queued, sending, uncertain.
        XCTAssertEqual(audit.entries, 7)
    }
}
