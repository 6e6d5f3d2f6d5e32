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

    func testRepliesAreBounded() throws {
        // RFC 5321 allows 512 octets a line; 2,048 are taken, one more is not.
        var parser = SMTPReplyParser()
        XCTAssertNotNil(try parser.feed(line: "250 " + String(repeating: "x", count: 2044)))
        XCTAssertThrowsError(try parser.feed(line: "250 " + String(repeating: "x", count: 2045))) {
            XCTAssertEqual("\($0)", "the server sent a reply line longer than 2048 octets")
        }
        // An endless EHLO reply: the 1,001st line fails the reply, however short the lines.
        var lines = SMTPReplyParser()
        for _ in 0..<999 { XCTAssertNil(try lines.feed(line: "250-X")) }
        XCTAssertNotNil(try lines.feed(line: "250 last"), "1,000 lines are a reply")
        for _ in 0..<1000 { XCTAssertNil(try lines.feed(line: "250-X")) }
        XCTAssertThrowsError(try lines.feed(line: "250-X")) {
            XCTAssertEqual("\($0)", "the server sent a reply of more than 1000 lines")
        }
        // 64 KiB in all, with CRLFs.
        var octets = SMTPReplyParser()
        let line = "250-" + String(repeating: "y", count: 1022)  // 1,028 octets with CRLF
        for _ in 0..<63 { XCTAssertNil(try octets.feed(line: line)) }
        XCTAssertThrowsError(try octets.feed(line: line)) {
            XCTAssertEqual("\($0)", "the server sent a reply of more than 65536 octets")
        }
    }

    func testWhatEachCommandCanBeAnswered() {
        XCTAssertEqual(SMTPCommand.data.positiveCodes, [354])
        XCTAssertEqual(SMTPCommand.mail.positiveCodes, [250])
        XCTAssertEqual(SMTPCommand.rcpt("a@x").positiveCodes, [250, 251])
        XCTAssertEqual(SMTPCommand.endOfData.positiveCodes, [250])
        XCTAssertEqual(SMTPCommand.greeting.positiveCodes, [220])
        let rfc = SMTPTimeouts()
        XCTAssertEqual([SMTPCommand.greeting, .mail, .rcpt("a@x"), .data, .content, .endOfData, .ehlo].map { $0.timeout(rfc) },
                       [300, 300, 300, 120, 180, 600, 300])
        XCTAssertEqual([SMTPCommand.greeting, .data, .endOfData].map { $0.timeout(SMTPTimeouts(every: 7)) }, [7, 7, 7])
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

final class WorkQueueDeadlineTests: XCTestCase {
    private func item(_ name: String, dueIn seconds: Double = 0) throws -> WorkItem {
        let path = NSTemporaryDirectory() + "queue-\(UUID().uuidString)-\(name)"
        try Data("From: a@x\r\nTo: b@x\r\n\r\nhi\r\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return WorkItem(message: try OutgoingMessage(path: path, documentID: "100001"), attemptsThisRun: 0,
                        notBefore: Date().addingTimeInterval(seconds))
    }

    func testNothingStartsAfterTheDeadline() throws {
        let queue = WorkQueue([try item("1"), try item("2")], deadline: Date().addingTimeInterval(0.3))
        let first = try XCTUnwrap(queue.next(idle: {}))
        XCTAssertFalse(queue.stoppedByDeadline)
        Thread.sleep(forTimeInterval: 0.35)
        XCTAssertNil(queue.next(idle: {}), "the deadline passed: the second message is not started")
        XCTAssertTrue(queue.stoppedByDeadline)
        queue.finish(first, retryAfter: nil)
    }

    func testARetryDueAfterTheDeadlineIsNotWaitedFor() throws {
        let queue = WorkQueue([try item("1", dueIn: 30)], deadline: Date().addingTimeInterval(2))
        let started = Date()
        XCTAssertNil(queue.next(idle: {}))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertTrue(queue.stoppedByDeadline)
    }
}

final class DeliveryReportWriterTests: XCTestCase {
    /// The report goes through hidden temporary names renamed into place: a kill mid-write leaves no
    /// `.dat.nosync…` file (Foundation's atomic write) in OUT/delivery.
    func testReportIsWrittenThroughHiddenNames() throws {
        let folder = NSTemporaryDirectory() + "delivery-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = EmailDeliveryReport(
            output: "/out", journal: "/out/journal.sqlite", server: "127.0.0.1:25", startedAt: "t0", finishedAt: "t1",
            seconds: 1, messages: 0, counts: DeliveryCounts(), error: nil, deadline: 5, deadlinePassed: true, details: [])
        let names = try namesCreated(in: folder) { try DeliveryReportWriter.write(report, to: folder) }
        let pid = getpid()
        XCTAssertEqual(names, [".email.json.tmp-\(pid)", "email.json", ".email.html.tmp-\(pid)", "email.html"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["email.html", "email.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/email.json"))) as? [String: Any]
        XCTAssertEqual(json?["deadline_passed"] as? Bool, true)
        XCTAssertEqual(json?["deadline"] as? Double, 5)
    }

    /// Names of the files created in or moved into `folder` while `body` runs (inotify; as in RenderTests).
    private func namesCreated(in folder: String, _ body: () throws -> Void) throws -> [String] {
        let watch = inotify_init1(Int32(IN_NONBLOCK))
        XCTAssertGreaterThanOrEqual(watch, 0)
        defer { close(watch) }
        XCTAssertGreaterThanOrEqual(inotify_add_watch(watch, folder, UInt32(IN_CREATE | IN_MOVED_TO)), 0)
        try body()
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
        var offset = 0
        while count > 0, offset < count {
            let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
            let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
            names.append(String(decoding: nameBytes, as: UTF8.self))
            offset += 16 + length
        }
        return names
    }
}
