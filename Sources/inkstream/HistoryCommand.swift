import ArgumentParser
import Foundation
import Inbound
import Journal

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every document an account received, per run: channel, pages, hashes, bundle; and what went over EDI about it.",
        discussion: """
            For a business document (PO-…, INV-…, ASN-…) it also lists the X12 sets we sent about it (an 855 for a \
            purchase order), the partner's 997/999 verdict on each, and the partner's 824 application advice about it.
            """)

    @Argument(help: "The document id (account number).")
    var account: String

    @OptionGroup var journal: JournalOption

    @Flag(help: "One JSON object per document instead of text.")
    var json = false

    func run() throws {
        let entries: [HistoryEntry]
        let trail: X12Trail
        do {
            let opened = try Journal.existing(path: journal.path)
            entries = try opened.history(account: account)
            trail = try opened.x12Trail(references: Self.references(account))
        } catch {
            throw fail("\(error)", .noInput)
        }
        if json {
            for e in entries { print(Self.json(e, trail: trail)) }
            return
        }
        defer { printTrail(trail) }
        guard !entries.isEmpty else {
            print("\(account): no documents in \(journal.path)")
            return
        }
        print("\(account): \(entries.count) document\(entries.count == 1 ? "" : "s") in \(journal.path)")
        for e in entries {
            let d = e.document, r = e.run
            let place = d.firstPage.map { "\(d.path) pages \($0)–\($0 + d.pages - 1)" } ?? "\(d.path) (\(d.pages) pages, \(d.size ?? 0) bytes)"
            print("""
                - run \(r.description.runID) (run date \(r.description.runDate), \(r.status.rawValue), finished \(r.finishedAt ?? "–"))
                    template \(r.description.templateName) \(r.description.templateHash.prefix(12)), input line \(d.line) of \(r.description.inputPath)
                    \(d.channel): \(r.description.outputDirectory)/\(place)
                    sha256 \(d.sha256 ?? "– (inside the print stream)"), pages digest \(d.contentSHA256)
                """)
            if let b = e.bundle {
                print("    bundle \(b.bundleID): \(b.path) sha256 \(b.sha256), signed by \(b.signer)")
            }
            if e.document.channel == "email" {
                if e.deliveries.isEmpty { print("    delivery: not yet delivered (inkstream deliver email)") }
                for d in e.deliveries {
                    print("    delivery: \(d.status.rawValue) to \(d.recipients) after \(d.attempts) attempt\(d.attempts == 1 ? "" : "s") (\(d.updatedAt)), Message-ID \(d.messageID)"
                        + (d.lastReply.map { ": server said \"\($0.replacingOccurrences(of: "\n", with: " / "))\"" } ?? ""))
                }
            } else if e.document.channel == "print", e.bundle != nil {
                print("    delivery: in the bundle above (handed to the partner outside Inkstream)")
            }
        }
    }

    /// The names a business document goes by in X12: its document id and the number partners use
    /// ("PO-45001" for the order confirmation of purchase order 45001, whose 855 says BAK03 45001).
    static func references(_ account: String) -> [String] {
        let prefixes = ["PO-", "INV-", "ASN-"]
        return [account] + prefixes.filter { account.hasPrefix($0) && account.count > $0.count }.map { String(account.dropFirst($0.count)) }
    }

    private func printTrail(_ trail: X12Trail) {
        guard !trail.isEmpty else { return }
        print("EDI about \(account):")
        for s in trail.sent {
            let verdict: String
            if let status = s.setStatus {
                verdict = "\(s.group.partner) answered \(X12CodeWords.status(status)) (\(s.setStatus == s.groupStatus ? "" : "set \(status), ")group \(s.groupStatus ?? status)) at \(s.acknowledgedAt ?? "–") in \(s.acknowledgement ?? "–")"
            } else {
                verdict = "no 997/999 from \(s.group.partner) yet" + (s.overdueNoticeAt.map { "; operations told it is overdue at \($0)" } ?? "")
            }
            print("- sent \(s.setID) \(s.setControl) about \(s.about) to \(s.group.partner) at \(s.sentAt): group \(s.group.functionalID) \(s.group.groupControl), interchange \(s.group.interchangeControl), \(s.group.file)")
            print("    \(verdict)")
        }
        for a in trail.advice {
            print("- 824 from \(a.partner) (interchange \(a.interchangeControl), set \(a.setControl), \(a.file)) at \(a.receivedAt): \(a.referenceKind) \(a.reference) \(X12CodeWords.adviceStatus(a.status))")
            for line in a.errors.split(separator: "\n") { print("    \(line)") }
        }
    }

    static func json(_ e: HistoryEntry, trail: X12Trail = X12Trail()) -> String {
        var object: [String: Any] = [
            "account": e.document.documentID, "run_id": e.run.description.runID, "run_date": e.run.description.runDate,
            "status": e.run.status.rawValue, "channel": e.document.channel, "path": e.document.path,
            "output": e.run.description.outputDirectory, "pages": e.document.pages, "line": e.document.line,
            "content_sha256": e.document.contentSHA256, "template": e.run.description.templateName,
            "template_hash": e.run.description.templateHash,
            "deliveries": e.deliveries.map { d -> [String: Any] in
                ["status": d.status.rawValue, "recipients": d.recipients, "attempts": d.attempts, "message_id": d.messageID,
                 "message_sha256": d.messageSHA256, "last_reply": d.lastReply ?? "", "updated_at": d.updatedAt]
            },
        ]
        if !trail.isEmpty {
            object["x12"] = [
                "sent": trail.sent.map { s -> [String: Any] in
                    ["partner": s.group.partner, "set": s.setID, "set_control": s.setControl, "about": s.about, "sent_at": s.sentAt,
                     "group_control": s.group.groupControl, "functional_id": s.group.functionalID, "file": s.group.file,
                     "set_status": s.setStatus ?? "", "group_status": s.groupStatus ?? "", "acknowledged_at": s.acknowledgedAt ?? "",
                     "overdue_notice_at": s.overdueNoticeAt ?? ""]
                },
                "advice": trail.advice.map { a -> [String: Any] in
                    ["partner": a.partner, "interchange_control": a.interchangeControl, "set_control": a.setControl,
                     "reference_kind": a.referenceKind, "reference": a.reference, "status": a.status, "errors": a.errors,
                     "received_at": a.receivedAt]
                },
            ]
        }
        if let sha = e.document.sha256 { object["sha256"] = sha }
        if let size = e.document.size { object["size"] = size }
        if let first = e.document.firstPage { object["first_page"] = first }
        if let b = e.bundle {
            object["bundle"] = ["id": b.bundleID, "path": b.path, "sha256": b.sha256, "signature": b.signaturePath, "signer": b.signer]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
