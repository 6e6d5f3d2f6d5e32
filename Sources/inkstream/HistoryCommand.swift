import ArgumentParser
import Foundation
import Journal

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every document an account received, per run: channel, pages, hashes, bundle.")

    @Argument(help: "The document id (account number).")
    var account: String

    @OptionGroup var journal: JournalOption

    @Flag(help: "One JSON object per document instead of text.")
    var json = false

    func run() throws {
        let entries: [HistoryEntry]
        do { entries = try Journal.existing(path: journal.path).history(account: account) } catch {
            throw fail("\(error)", .noInput)
        }
        if json {
            for e in entries { print(Self.json(e)) }
            return
        }
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

    static func json(_ e: HistoryEntry) -> String {
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
