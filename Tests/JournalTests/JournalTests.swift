import Foundation
import GRDB
import XCTest
@testable import Journal

final class JournalTests: XCTestCase {
    private var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "journal-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func description(_ runID: String = "R1", out: String = "/out") -> RunDescription {
        RunDescription(runID: runID, outputDirectory: out, engine: "test", templateName: "statement", templateFile: "t.yaml",
                       templateHash: "th", inputPath: "in.jsonl", inputHash: "ih", inputBytes: 10, runDate: "2026-11-24",
                       mode: "per-doc", options: "{}")
    }

    private func document(_ line: Int, _ id: String) -> DocumentEntry {
        DocumentEntry(line: line, documentID: id, byteOffset: line * 100, channel: "print", path: "documents/\(id).pdf",
                      firstPage: nil, pages: 2, size: 1000, sha256: String(repeating: "a", count: 64),
                      contentSHA256: String(repeating: "c", count: 64), bundle: "B")
    }

    /// A journal with one completed run of two documents and a reject.
    private func completedJournal(_ name: String = "j") throws -> (Journal, Int64) {
        let journal = try Journal(path: directory + "/\(name).sqlite")
        let row = try journal.startRun(description())
        try journal.commit(run: row, documents: [document(1, "A")], rejects: [], counts: RunCounts(records: 1, documents: 1, pages: 2),
                           checkpoint: "{\"n\":1}")
        try journal.commit(run: row, documents: [document(3, "B")],
                           rejects: [RejectEntry(file: "in.jsonl", line: 2, byteOffset: 100, reason: "bad")],
                           counts: RunCounts(records: 3, documents: 2, pages: 4, rejects: 1), checkpoint: "{\"n\":2}")
        try journal.completeRun(row: row, counts: RunCounts(records: 3, documents: 2, pages: 4, rejects: 1), bundles: [
            BundleEntry(bundleID: "B", path: "bundles/B.tar.zst", sha256: "s", bytes: 5, signaturePath: "bundles/B.tar.zst.p7s",
                        signatureSHA256: "t", signer: "CN=demo", documents: 2),
        ])
        return (journal, row)
    }

    func testRunLifecycleAndCheckpoint() throws {
        let journal = try Journal(path: directory + "/j.sqlite")
        let row = try journal.startRun(description())
        try journal.commit(run: row, documents: [document(1, "A")], rejects: [], counts: RunCounts(records: 1, documents: 1, pages: 2),
                           checkpoint: "cp1")
        let reopened = try Journal(path: directory + "/j.sqlite")
        let run = try XCTUnwrap(reopened.latestRun(runID: "R1", outputDirectory: "/out"))
        XCTAssertEqual(run.status, .running)
        XCTAssertEqual(run.checkpoint, "cp1")
        XCTAssertEqual(run.counts, RunCounts(records: 1, documents: 1, pages: 2))
        var committed: [String] = []
        try reopened.forEachCommittedDocument(run: row) { id, _ in committed.append(id) }
        XCTAssertEqual(committed, ["A"])
        // Another run taking over the folder supersedes the unfinished one.
        _ = try reopened.startRun(description("R2"))
        XCTAssertEqual(try reopened.run(row: row)?.status, .superseded)
    }

    func testCompletedRunHasIntactAuditAndHistory() throws {
        let (journal, row) = try completedJournal()
        let verification = try journal.verifyAudit()
        XCTAssertTrue(verification.intact, "\(verification.problems)")
        XCTAssertEqual(verification.entries, 5)  // started, two checkpoints, bundle signed, completed
        let history = try journal.history(account: "B")
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history.first?.run.row, row)
        XCTAssertEqual(history.first?.bundle?.sha256, "s")
        XCTAssertEqual(try journal.rejects(run: row).map(\.line), [2])
    }

    func testEditingADocumentRowIsDetected() throws {
        let (journal, _) = try completedJournal()
        try journal.database.write { db in try db.execute(sql: "UPDATE documents SET sha256 = 'bb' WHERE document_id = 'B'") }
        let problems = try journal.verifyAudit().problems
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].contains("documents of run"), problems[0])
    }

    func testEditingRemovingOrReorderingAuditEntriesIsDetected() throws {
        let (journal, _) = try completedJournal()
        try journal.database.write { db in try db.execute(sql: "UPDATE audit SET detail = '{}' WHERE seq = 2") }
        XCTAssertTrue(try journal.verifyAudit().problems.contains { $0.contains("entry 2") && $0.contains("changed") })

        let (other, _) = try { () throws -> (Journal, Int64) in
            try FileManager.default.removeItem(atPath: directory + "/j.sqlite")
            return try completedJournal()
        }()
        try other.database.write { db in try db.execute(sql: "DELETE FROM audit WHERE seq = 2") }
        XCTAssertTrue(try other.verifyAudit().problems.contains { $0.contains("entry 2 is missing") })
    }

    /// A completed run plus a row of every other covered table, each written through the journal's API.
    private func fullJournal(_ name: String) throws -> (Journal, Int64) {
        let (journal, row) = try completedJournal(name)
        _ = try journal.reserveNumbers("x12.ack", count: 2)
        try journal.recordOutbound(X12OutboundGroup(partner: "P", groupControl: "7", functionalID: "FA", interchangeControl: "9",
                                                    sets: "997:0001", file: "acks/a.x12"))
        try journal.recordAcknowledgement(X12ReceivedAcknowledgement(partner: "P", groupControl: "7", functionalID: "FA",
                                                                     status: "A", sets: "997:0001:A", ackFile: "in.x12"))
        try journal.recordAnswered(partner: "P", control: "9", outputDirectory: "/out", ackFile: "acks/a.x12")
        _ = try journal.enqueueDelivery(outputDirectory: "/out", message: "A.eml", documentID: "A", messageID: "<m>",
                                        messageSHA256: "h", recipients: "a@example.com")
        try journal.markSending(outputDirectory: "/out", message: "A.eml", attemptStartedAt: "t")
        try journal.recordDeliveryAttempt(outputDirectory: "/out", message: "A.eml", status: .sent, reply: "250 OK", attemptStartedAt: "t")
        return (journal, row)
    }

    func testEveryCoveredTableIsVouchedForAndEditsAreNamed() throws {
        let (journal, row) = try fullJournal("clean")
        let clean = try journal.verifyAudit()
        XCTAssertTrue(clean.intact, "\(clean.problems)")
        let edits: [(String, String)] = [
            ("UPDATE runs SET input_bytes = 11", "runs: the row id '\(row)' was changed after audit entry"),
            ("UPDATE documents SET pages = 9 WHERE line = 3", "documents of run \(row) (R1): line 3 (document B) was changed"),
            ("UPDATE rejects SET reason = 'fine'", "rejects of run \(row) (R1): line 2 (reject) was changed"),
            ("UPDATE bundles SET bytes = 6", "bundles: the row run '\(row)', bundle_id 'B' was changed"),
            ("UPDATE deliveries SET attempts = 0", "column attempts is '0', the entry recorded '1'"),
            ("UPDATE x12_outbound SET file = 'x'", "x12_outbound: the row partner 'P', group_control '7'"),
            ("UPDATE x12_acknowledgements SET matched = 0", "x12_acknowledgements: the row"),
            ("UPDATE x12_inbound SET ack_file = 'x'", "x12_inbound: the row"),
            ("UPDATE counters SET value = 0", "counters: the row name 'x12.ack' was changed"),
            ("DELETE FROM documents WHERE line = 1", "line 1, vouched for by audit entry 2 (run.checkpoint), is missing"),
            ("INSERT INTO counters VALUES ('new', 1)", "counters: the row name 'new' is not vouched for"),
        ]
        for (i, (sql, expected)) in edits.enumerated() {
            let (edited, _) = try fullJournal("edit\(i)")
            try edited.database.write { db in try db.execute(sql: sql) }
            let problems = try edited.verifyAudit().problems
            XCTAssertTrue(problems.contains { $0.contains(expected) }, "\(sql): \(problems)")
        }
    }

    func testAnAnchorPastTheEndIsATruncatedLog() throws {
        let (journal, _) = try completedJournal()
        let head = try XCTUnwrap(journal.verifyAudit().last)
        XCTAssertTrue(try journal.verifyAudit(anchor: head).intact)
        try journal.database.write { db in try db.execute(sql: "DELETE FROM audit WHERE seq >= 4") }
        let problems = try journal.verifyAudit(anchor: head).problems
        XCTAssertEqual(problems.first, "the audit log was truncated after entry 3: the signed head vouches for 5 entries, so entries 4…5 are missing; rows only they vouched for are listed below as not vouched for or changed")
        XCTAssertTrue(problems.contains { $0.contains("column status is 'complete', the entry recorded 'running'") }, "\(problems)")
        let rewritten = AuditHead(seq: head.seq - 3, hash: String(repeating: "0", count: 64))
        XCTAssertTrue(try journal.verifyAudit(anchor: rewritten).problems.first?.contains("is not the entry the signed head vouches for") == true)
    }

    func testExistingRefusesAMissingJournal() {
        XCTAssertThrowsError(try Journal.existing(path: directory + "/none.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("no journal at"))
        }
    }
}

final class JournalCounterTests: XCTestCase {
    func testNumbersNeverRepeatAcrossOpeningsAndWrap() throws {
        let path = NSTemporaryDirectory() + "journal-counters-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        XCTAssertEqual(try Journal(path: path).reserveNumbers("isa", count: 3), [1, 2, 3])
        XCTAssertEqual(try Journal(path: path).reserveNumbers("isa", count: 2), [4, 5])
        XCTAssertEqual(try Journal(path: path).reserveNumbers("gs", count: 1), [1], "counters are independent")
        XCTAssertEqual(try Journal(path: path).reserveNumbers("isa", count: 3, limit: 6), [6, 1, 2], "wraps after the limit")
    }
}
