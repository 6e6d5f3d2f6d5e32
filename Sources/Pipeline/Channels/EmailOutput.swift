import Channels
import Foundation
import Layout
import Render
import Templates

/// Writes one email-channel document as an RFC 5322 message: the bodies the template rendered, the print
/// PDF of the same document attached (when the template asks), its static attachments and inline parts.
/// Message-ID and Date derive from the run and the account, so a rerun writes the same bytes.
enum EmailOutput {
    /// The message's bytes (`fileName`: the document's collision-free name, part of its Message-ID).
    static func make(_ draft: ChannelRouter.EmailDraft, document: LaidOutDocument, fileName: String, runID: String,
                     runDate: RunDate, template: EmailSettings, writer: PDFMaker) throws -> [UInt8] {
        var attachments: [EmailPart] = []
        if let pdfName = draft.pdfName {
            let pdf = try DocumentPDF.make(document, runDate: runDate, writer: writer)
            attachments.append(EmailPart(filename: pdfName, contentType: "application/pdf", source: .bytes(pdf), contentID: nil))
        }
        for part in template.attachments {
            attachments.append(EmailPart(filename: part.filename, contentType: part.contentType, source: .file(path: part.path), contentID: nil))
        }
        let inline = template.inline.map {
            EmailPart(filename: $0.filename, contentType: $0.contentType, source: .file(path: $0.path), contentID: $0.contentID)
        }
        let domain = draft.from.address.split(separator: "@").last.map(String.init) ?? "inkstream.invalid"
        let message = EmailMessage(
            from: draft.from, to: [draft.to], replyTo: draft.replyTo, subject: draft.subject, date: rfc5322Date(runDate),
            messageID: "<\(runID).\(fileName)@\(domain)>", textBody: draft.text, htmlBody: draft.html, inline: inline,
            attachments: attachments, extraHeaders: [("X-Inkstream-Run", runID)])
        return try MIMEWriter.render(message)
    }

    /// Midnight UTC of the run date: "Tue, 24 Nov 2026 00:00:00 +0000".
    static func rfc5322Date(_ date: RunDate) -> String {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = Int(date.daysSinceEpoch)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(String(format: "%02d", date.day)) \(months[date.month - 1]) \(date.year) 00:00:00 +0000"
    }
}

/// The parts of the template's email variant the writer needs.
typealias EmailSettings = Templates.EmailVariant

/// One SMS as a line of `OUT/sms/messages.jsonl`.
enum SMSOutput {
    static func line(_ draft: ChannelRouter.SMSDraft, account: String) -> String {
        "{\"to\":\(JSONText.quote(draft.to)),\"text\":\(JSONText.quote(draft.text)),\"encoding\":\(JSONText.quote(draft.analysis.encoding.rawValue)),"
            + "\"segments\":\(draft.analysis.segments),\"units\":\(draft.analysis.units),\"account\":\(JSONText.quote(account))}"
    }
}
