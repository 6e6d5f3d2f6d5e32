/// An attachment or an inline resource (an image the HTML shows as `cid:<contentID>`).
package struct EmailPart: Sendable {
    /// Where the bytes come from; files are streamed while writing, never loaded whole.
    package enum Source: Sendable {
        /// Bytes in memory (small parts, tests).
        case bytes([UInt8])
        /// A regular file read at write time.
        case file(path: String)
    }

    /// The name the recipient sees; may be non-ASCII (RFC 2231 `filename*`, with an RFC 2047 `name=` fallback).
    package let filename: String
    /// `type/subtype`, e.g. "application/pdf" or "image/png"; no parameters.
    package let contentType: String
    /// The bytes of the part.
    package let source: Source
    /// Set for inline parts the HTML references as `cid:<id>`; written as `Content-ID: <id>`.
    package let contentID: String?

    /// Creates a part; `MIMEWriter` validates it when writing.
    package init(filename: String, contentType: String, source: Source, contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.source = source
        self.contentID = contentID
    }
}

/// One email, ready to be written as an RFC 5322 / MIME message by `MIMEWriter`.
package struct EmailMessage: Sendable {
    /// The author; also the mailbox replies go to unless `replyTo` is set.
    package var from: EmailAddress
    /// The recipients; at least one.
    package var to: [EmailAddress]
    /// Where replies go, when not `from`.
    package var replyTo: EmailAddress?
    /// The subject; non-ASCII is written as RFC 2047 encoded words, folded at 78 columns. No line breaks.
    package var subject: String
    /// An RFC 5322 date-time given by the caller (derived from the run date, so reruns are byte-identical).
    package var date: String
    /// `<id@domain>`, given by the caller (derived from run and account); also seeds the MIME boundaries.
    package var messageID: String
    /// The plain-text alternative; any line ending style, written as CRLF.
    package var textBody: String
    /// The HTML alternative; when empty the message has only the text part (and may have no inline parts).
    package var htmlBody: String
    /// Resources the HTML references by content id (multipart/related with the HTML).
    package var inline: [EmailPart]
    /// Files attached to the message.
    package var attachments: [EmailPart]
    /// Further header fields, e.g. ("X-Inkstream-Run", "…"); ASCII values only, validated when writing.
    package var extraHeaders: [(String, String)]

    /// Creates a message; `MIMEWriter` validates every field when writing.
    package init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, date: String,
        messageID: String, textBody: String, htmlBody: String = "", inline: [EmailPart] = [],
        attachments: [EmailPart] = [], extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.inline = inline
        self.attachments = attachments
        self.extraHeaders = extraHeaders
    }
}
