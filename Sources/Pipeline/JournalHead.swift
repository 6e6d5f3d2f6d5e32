import Bundles
import Foundation
import RunFolder
import Journal

/// The signed head of a journal's audit log: `<journal>.head` (the last entry's number and hash, and when
/// it was signed) with a detached CMS signature `<journal>.head.p7s` made by the key that signs bundles.
/// The chain alone proves that no entry was changed in the middle, not that none were cut off its end: an
/// editor holding only the journal cannot move the signed head back, so a truncated log shows.
///
/// Rewritten (atomically, each file renamed into place) at the end of every command that appends to the
/// audit log, while holding the journal's write lock so concurrent commands never move it backwards.
package enum JournalHead {
    static let format = "Inkstream-Audit-Head: 1"

    package static func headPath(journal: String) -> String { journal + ".head" }
    package static func signaturePath(journal: String) -> String { journal + ".head.p7s" }

    /// Signs the journal's current head with `signer`.
    package static func sign(_ journal: Journal, signer: SigningIdentity) throws(RunError) {
        let head = headPath(journal: journal.path)
        let signature = signaturePath(journal: journal.path)
        try journalCall { () throws(JournalError) in
            try journal.withLockedHead { last in
                guard let last else { return }
                let text = "\(format)\nSeq: \(last.seq)\nHash: \(last.hash)\nSigned-At: \(timestamp())\nSigner: \(signer.subject)\n"
                // A process killed here before left its temporaries (`.journal.sqlite.head.tmp-PID`): with the
                // write lock held no other signer has one in flight, so every such file is stale.
                removeStaleTemporaries(of: [head, signature])
                let temporary = hidden(head)
                let temporarySignature = hidden(signature)
                defer { unlink(temporary); unlink(temporarySignature) }
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                let bytes = try DetachedSignature.sign(fileAt: temporary, identity: signer)
                try Data(bytes).write(to: URL(fileURLWithPath: temporarySignature))
                // Signature first: a reader between the two renames sees a mismatch, never an unsigned head.
                for (from, to) in [(temporarySignature, signature), (temporary, head)] where rename(from, to) != 0 {
                    throw RunError.output("cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// Signs the head with the operator's pair, or the demo pair (commands without signing options).
    package static func sign(journalPath: String, keyPath: String?, certificatePath: String?,
                            notice: (@Sendable (String) -> Void)? = nil) throws(RunError) {
        let signer = try RunBundles.signer(keyPath: keyPath, certificatePath: certificatePath, notice: notice)
        let journal = try journalCall { () throws(JournalError) in try Journal.existing(path: journalPath) }
        try sign(journal, signer: signer)
    }

    /// What the head file beside a journal says, once its signature is checked.
    package enum Check: Sendable {
        /// No head file: nothing proves the log was not cut short.
        case missing(String)
        /// The head or its signature is damaged, forged or not trusted; the text says which.
        case invalid(String)
        case signed(head: AuditHead, signedAt: String, signer: String, fingerprint: String, checkedAgainstCA: Bool)
    }

    package static func check(journalPath: String, trustedCertificate: String?) -> Check {
        let head = headPath(journal: journalPath)
        let signature = signaturePath(journal: journalPath)
        guard FileManager.default.fileExists(atPath: head) else {
            return .missing("no signed head \(head) beside the journal: the audit log is unanchored, so nothing proves entries were not cut off its end (every command that appends to the log writes one; a journal without it was made by an older engine or the file was removed)")
        }
        let signer: DetachedSignature.Signer
        do { signer = try DetachedSignature.verify(file: head, signature: signature, trustedCertificate: trustedCertificate) } catch {
            return .invalid("the signed head \(head) does not check out against \(signature): \(error); it was edited, forged or its signature removed")
        }
        guard let text = try? String(contentsOfFile: head, encoding: .utf8) else { return .invalid("cannot read \(head)") }
        var fields: [String: String] = [:]
        let lines = text.split(separator: "\n")
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard lines.first.map(String.init) == format, let seq = fields["Seq"].flatMap(Int64.init), let hash = fields["Hash"] else {
            return .invalid("\(head) is validly signed but is not an audit head (\(format), Seq, Hash): it was not written by inkstream")
        }
        return .signed(head: AuditHead(seq: seq, hash: hash), signedAt: fields["Signed-At"] ?? "?", signer: signer.subject,
                       fingerprint: signer.fingerprint, checkedAgainstCA: signer.checkedAgainstCA)
    }

    private static func hidden(_ path: String) -> String { RunFolder.temporary(path) }

    private static func removeStaleTemporaries(of paths: [String]) {
        for path in paths {
            let directory = (path as NSString).deletingLastPathComponent
            let prefix = "." + (path as NSString).lastPathComponent + ".tmp-"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? [] where name.hasPrefix(prefix) {
                unlink((directory as NSString).appendingPathComponent(name))
            }
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
