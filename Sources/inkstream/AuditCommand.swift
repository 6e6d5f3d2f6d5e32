import ArgumentParser
import Foundation
import Journal
import Pipeline

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the journal's hash-chained audit log.",
        subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit chain, check it against the signed head beside the journal, and check every row it vouches for (exit 1 naming what was edited, added, removed or cut off).",
            discussion: """
                Covered: runs, documents, rejects, bundles, deliveries, x12_inbound, x12_outbound, \
                x12_acknowledgements and counters. The head (JOURNAL.head, signed in JOURNAL.head.p7s with the key \
                that signs bundles) proves the log's end: without it the log is unanchored and the check fails.
                """)

        @OptionGroup var journal: JournalOption

        @Option(help: "Certificate the head's signer must chain to; without it the signature is checked but not who made it.")
        var ca: String?

        func run() throws {
            let head = JournalHead.check(journalPath: journal.path, trustedCertificate: ca)
            var problems: [String] = []
            var anchor: AuditHead?
            var anchorText = ""
            switch head {
            case .missing(let text), .invalid(let text):
                problems.append(text)
            case .signed(let signedHead, let signedAt, let signer, let fingerprint, let checked):
                anchor = signedHead
                anchorText = "anchored by the head signed at \(signedAt) (entry \(signedHead.seq)), "
                    + (checked ? "signed by \(signer), checked against \(ca ?? "")"
                               : "signer NOT verified: no --ca given; its certificate says \"\(signer)\" (SHA-256 \(fingerprint))")
            }
            let result: AuditVerification
            do {
                let opened = try Journal.existing(path: journal.path)
                result = try opened.verifyAudit(anchor: anchor)
                // Without a trusted certificate, at least the head must be signed by the key the bundles were.
                if case .signed(_, _, let signer, let fingerprint, false) = head {
                    let signers = try opened.bundleSigners()
                    if !signers.isEmpty && !signers.contains(where: { $0.contains(fingerprint) }) {
                        problems.append("the signed head is signed by a different key than the bundles of this journal: its certificate says \"\(signer)\" (SHA-256 \(fingerprint)); the bundles were signed by \(signers.joined(separator: ", ")); pass --ca CERT to check who signed")
                    }
                }
            } catch { throw fail("\(error)", .noInput) }
            problems += result.problems
            if problems.isEmpty {
                print("OK \(journal.path): \(result.entries) audit entries, chain intact, every vouched row (runs, documents, rejects, bundles, deliveries, X12, counters) matches its entry; \(anchorText)")
                if result.unanchored > 0, let anchor, let last = result.last {
                    print("note: entries \(anchor.seq + 1)…\(last.seq) came after the signed head (a command still running, or stopped before it signed the head); they are checked but not anchored")
                }
                return
            }
            FileHandle.standardError.write(Data((["\(journal.path): the audit log does not prove this journal (edited, added, removed or cut-off history):"] + problems.map { "  " + $0 })
                .joined(separator: "\n").appending("\n").utf8))
            throw ExitStatus.difference.exit
        }
    }
}
