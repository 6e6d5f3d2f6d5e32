/// Writes `EmailMessage`s as RFC 5322 / MIME messages with CRLF line endings.
///
/// Structure: the top level is always `multipart/mixed` (one shape whether or not there are attachments, which
/// keeps readers and tests simple). It holds the content, then each attachment (base64,
/// `Content-Disposition: attachment`). The content is `multipart/alternative` [text/plain, text/html], both UTF-8
/// quoted-printable, wrapped in `multipart/related` with the inline parts (base64, Content-ID,
/// `Content-Disposition: inline`) when there are any. A message with an empty HTML body has just text/plain.
package enum MIMEWriter {
    /// Writes the message to `path` atomically (temporary file in the same folder, fsync, rename).
    /// Deterministic: the same message gives the same bytes (boundaries derive from a hash of the message id and
    /// the part's index, never random; no current date). Attachments given as files are streamed as base64
    /// (57-byte input lines, 76-column output), never loaded whole.
    package static func write(_ message: EmailMessage, to path: String) throws(EmailError) {
        try MessageValidation.validate(message)
        let output = try AtomicFileOutput(path: path)
        try emit(message, to: output)
        try output.commit()
    }

    /// The same bytes as `write`, in memory (tests, small messages).
    package static func render(_ message: EmailMessage) throws(EmailError) -> [UInt8] {
        try MessageValidation.validate(message)
        let output = MemoryOutput()
        try emit(message, to: output)
        return output.bytes
    }

    private enum Level: Int { case mixed = 0, related = 1, alternative = 2 }

    private static func emit(_ message: EmailMessage, to output: MIMEOutput) throws(EmailError) {
        try output.write(messageHeaders(message))
        let mixed = MIMEBoundary.make(messageID: message.messageID, index: Level.mixed.rawValue)
        try output.write(multipartHeader("multipart/mixed", boundary: mixed) + "\r\n")
        try output.write("--\(mixed)\r\n")
        try emitContent(message, to: output)
        for part in message.attachments {
            try output.write("\r\n--\(mixed)\r\n")
            try emitPart(part, disposition: "attachment", label: "attachment '\(part.filename)'", to: output)
        }
        try output.write("\r\n--\(mixed)--\r\n")
    }

    private static func messageHeaders(_ message: EmailMessage) throws(EmailError) -> String {
        var headers = try HeaderFolding.field("From", HeaderFields.addressList("From", [message.from]))
        headers += try HeaderFolding.field("To", HeaderFields.addressList("To", message.to))
        if let replyTo = message.replyTo {
            headers += try HeaderFolding.field("Reply-To", HeaderFields.addressList("Reply-To", [replyTo]))
        }
        headers += try HeaderFolding.field("Subject", HeaderFields.unstructured("Subject", message.subject))
        headers += try HeaderFolding.field("Date", [message.date])
        headers += try HeaderFolding.field("Message-ID", [message.messageID])
        headers += "MIME-Version: 1.0\r\n"
        for (name, value) in message.extraHeaders {
            headers += try HeaderFolding.field(name, foldableWords(value))
        }
        return headers
    }

    /// Splits an extra header's value at single spaces; values with other whitespace stay whole (unfolded).
    private static func foldableWords(_ value: String) -> [String] {
        if value.isEmpty { return [] }
        if value.contains("\t") || value.contains("  ") || value.hasPrefix(" ") || value.hasSuffix(" ") { return [value] }
        return value.split(separator: " ").map(String.init)
    }

    /// The alternative, inside a related part when there are inline parts; or the lone text part.
    private static func emitContent(_ message: EmailMessage, to output: MIMEOutput) throws(EmailError) {
        if message.htmlBody.isEmpty {
            try emitText(message.textBody, subtype: "plain", to: output)
            return
        }
        let alternative = MIMEBoundary.make(messageID: message.messageID, index: Level.alternative.rawValue)
        guard !message.inline.isEmpty else {
            try emitAlternative(message, boundary: alternative, to: output)
            return
        }
        let related = MIMEBoundary.make(messageID: message.messageID, index: Level.related.rawValue)
        let type = MIMEParameters.joined("multipart/related", [["type=\"multipart/alternative\""], ["boundary=\"\(related)\""]])
        try output.write(HeaderFolding.field("Content-Type", type) + "\r\n")
        try output.write("--\(related)\r\n")
        try emitAlternative(message, boundary: alternative, to: output)
        for part in message.inline {
            try output.write("\r\n--\(related)\r\n")
            try emitPart(part, disposition: "inline", label: "inline part '\(part.filename)'", to: output)
        }
        try output.write("\r\n--\(related)--")
    }

    private static func emitAlternative(_ message: EmailMessage, boundary: String, to output: MIMEOutput) throws(EmailError) {
        try output.write(multipartHeader("multipart/alternative", boundary: boundary) + "\r\n")
        try output.write("--\(boundary)\r\n")
        try emitText(message.textBody, subtype: "plain", to: output)
        try output.write("\r\n--\(boundary)\r\n")
        try emitText(message.htmlBody, subtype: "html", to: output)
        try output.write("\r\n--\(boundary)--")
    }

    private static func emitText(_ text: String, subtype: String, to output: MIMEOutput) throws(EmailError) {
        try output.write("Content-Type: text/\(subtype); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        try output.write(QuotedPrintable.encode(text))
    }

    private static func emitPart(_ part: EmailPart, disposition: String, label: String, to output: MIMEOutput) throws(EmailError) {
        let type = MIMEParameters.joined(part.contentType.lowercased(), [MIMEParameters.legacy("name", part.filename)])
        var headers = try HeaderFolding.field("Content-Type", type)
        headers += "Content-Transfer-Encoding: base64\r\n"
        if let id = part.contentID {
            headers += try HeaderFolding.field("Content-ID", ["<\(MessageValidation.normalizedContentID(id))>"])
        }
        let dispositionTokens = MIMEParameters.joined(disposition, [MIMEParameters.extended("filename", part.filename)])
        headers += try HeaderFolding.field("Content-Disposition", dispositionTokens)
        try output.write(headers + "\r\n")
        try AttachmentReader.writeBase64(part, label: label, to: output)
    }

    private static func multipartHeader(_ type: String, boundary: String) throws(EmailError) -> String {
        try HeaderFolding.field("Content-Type", MIMEParameters.joined(type, [["boundary=\"\(boundary)\""]]))
    }
}
