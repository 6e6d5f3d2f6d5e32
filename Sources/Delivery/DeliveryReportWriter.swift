import Foundation
import RunFolder

/// OUT/delivery/email.json and email.html, each written to a hidden temporary file (`.NAME.tmp-PID`) and
/// renamed into place, as every other in-memory output is (Foundation's atomic write would leave a
/// `.dat.nosync…` file behind when killed).
enum DeliveryReportWriter {
    static func write(_ report: EmailDeliveryReport, to folder: String) throws(DeliveryError) {
        let json: Data
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            json = try encoder.encode(report)
        } catch {
            throw DeliveryError(.configuration, "cannot write the delivery report in \(folder): \(error.localizedDescription)")
        }
        do {
            try AtomicWrite.write(Array(json) + [10], to: folder + "/email.json")
            try AtomicWrite.write(Array(html(report).utf8), to: folder + "/email.html")
        } catch {
            throw DeliveryError(.configuration, "cannot write the delivery report in \(folder): \(error)")
        }
    }

    static func html(_ report: EmailDeliveryReport) -> String {
        let c = report.counts
        var rows = ""
        for m in report.details {
            rows += """
                <tr class="\(escape(m.outcome.rawValue))"><td>\(escape(m.file))</td><td>\(escape(m.messageID))</td>\
                <td>\(escape(m.recipients.joined(separator: ", ")))</td><td>\(escape(m.outcome.rawValue))</td>\
                <td>\(m.attempts)</td><td><pre>\(escape(m.lastReply ?? ""))</pre></td></tr>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Email delivery: \(escape(report.output))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; }
            table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
            pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
            tr.sent td:nth-child(4), tr.skipped-already-sent td:nth-child(4) { color: #070; }
            tr.deferred td:nth-child(4), tr.not-attempted td:nth-child(4) { color: #a60; }
            tr.failed td:nth-child(4), tr.uncertain td:nth-child(4) { color: #b00; font-weight: bold; }
            </style></head><body>
            <h1>Email delivery</h1>
            <p>\(escape(report.output)) → \(escape(report.server)), \(escape(report.startedAt)) – \(escape(report.finishedAt)) \
            (\(String(format: "%.2f", report.seconds)) s), journal \(escape(report.journal))</p>
            \(report.error.map { "<p><strong>Delivery stopped:</strong> \(escape($0))</p>" } ?? "")\
            \(report.deadlinePassed ? "<p><strong>Deadline:</strong> the --deadline of \(SMTPConnection.format(report.deadline ?? 0)) s passed; the messages not yet sent are deferred (try again later).</p>" : "")
            <p>\(report.messages) messages: \(c.sent) sent, \(c.skippedAlreadySent) already sent, \(c.deferred) deferred, \
            \(c.failed) failed, \(c.uncertain) uncertain\(c.notAttempted > 0 ? ", \(c.notAttempted) not attempted" : "")</p>
            <table><thead><tr><th>File</th><th>Message-ID</th><th>Recipients</th><th>Status</th><th>Attempts</th><th>Last reply</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            \(refusedTable(report.refused))
            </body></html>

            """
    }

    /// Files not sent because the journal does not vouch for them, each with why.
    static func refusedTable(_ refused: [RefusedMessage]) -> String {
        guard !refused.isEmpty else { return "" }
        let rows = refused.map { "<tr><td>\(escape($0.file))</td><td>\(escape($0.reason))</td></tr>" }.joined(separator: "\n")
        return """
            <h2>Refused: \(refused.count) file\(refused.count == 1 ? "" : "s") not sent</h2>
            <table><thead><tr><th>File</th><th>Why</th></tr></thead><tbody>
            \(rows)
            </tbody></table>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
