/// Checks a message before any byte is written, so a bad field fails with its name instead of a broken file.
enum MessageValidation {
    /// Header names the writer produces itself; an extra header with one of these would duplicate or contradict it.
    private static let reservedHeaders: Set<String> = [
        "from", "to", "cc", "reply-to", "subject", "date", "message-id", "mime-version", "sender",
        "content-type", "content-transfer-encoding", "content-disposition", "content-id",
    ]

    static func validate(_ message: EmailMessage) throws(EmailError) {
        try check(message.from, role: "From")
        if message.to.isEmpty { throw EmailError("the message has no To address; add at least one recipient") }
        for address in message.to { try check(address, role: "To") }
        if let replyTo = message.replyTo { try check(replyTo, role: "Reply-To") }
        if let bad = message.subject.unicodeScalars.first(where: { $0.value < 32 && $0 != "\t" || $0.value == 127 }) {
            throw EmailError("the subject contains the control character U+\(hex(bad.value)) (a line break?); a subject is one line")
        }
        try checkASCIILine(message.date, what: "the date")
        if message.date.isEmpty { throw EmailError("the date is empty; give an RFC 5322 date such as 'Mon, 02 Nov 2026 09:00:00 +0100'") }
        try checkMessageID(message.messageID)
        for (name, value) in message.extraHeaders { try checkExtraHeader(name, value) }
        if message.htmlBody.isEmpty, !message.inline.isEmpty {
            throw EmailError("the message has \(message.inline.count) inline part(s) but no HTML body to show them; attach them instead")
        }
        var contentIDs: Set<String> = []
        for part in message.inline {
            guard part.contentID != nil else {
                throw EmailError("inline part '\(part.filename)' has no contentID; the HTML references inline parts as cid:<contentID>")
            }
            try check(part, kind: "inline part")
            if !contentIDs.insert(normalizedContentID(part.contentID!)).inserted {
                throw EmailError("inline part '\(part.filename)' repeats the contentID '\(part.contentID!)'; each must be unique")
            }
        }
        for part in message.attachments { try check(part, kind: "attachment") }
    }

    /// "<id@host>" or "id@host" → "id@host".
    static func normalizedContentID(_ id: String) -> String {
        id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 ? String(id.dropFirst().dropLast()) : id
    }

    private static func check(_ address: EmailAddress, role: String) throws(EmailError) {
        if let problem = AddrSpec.problem(with: address.address) { throw EmailError("\(role) address: \(problem)") }
        if let name = address.displayName, name.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
            throw EmailError("\(role) display name '\(name)' contains a control character or line break")
        }
    }

    private static func check(_ part: EmailPart, kind: String) throws(EmailError) {
        let label = "\(kind) '\(part.filename)'"
        if part.filename.isEmpty { throw EmailError("an \(kind) has an empty filename") }
        if part.filename.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
            throw EmailError("\(label): the filename contains a control character")
        }
        if part.filename.contains("/") || part.filename.contains("\\") {
            throw EmailError("\(label): the filename contains a path separator; give the bare file name (the path goes in source)")
        }
        let pieces = part.contentType.split(separator: "/", omittingEmptySubsequences: false)
        let isToken: (Substring) -> Bool = { piece in
            !piece.isEmpty && piece.utf8.allSatisfy { $0 > 32 && $0 < 127 && !Array("()<>@,;:\\\"/[]?=".utf8).contains($0) }
        }
        guard pieces.count == 2, isToken(pieces[0]), isToken(pieces[1]) else {
            throw EmailError("\(label): content type '\(part.contentType)' is not type/subtype (e.g. application/pdf), without parameters")
        }
        if pieces[0].lowercased() == "multipart" || pieces[0].lowercased() == "message" {
            throw EmailError("\(label): content type '\(part.contentType)' cannot be sent base64-encoded; attach it as application/octet-stream")
        }
        if let id = part.contentID {
            let bare = normalizedContentID(id)
            let ok = !bare.isEmpty && bare.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
            guard ok, bare.split(separator: "@", omittingEmptySubsequences: false).count == 2, !bare.hasPrefix("@"), !bare.hasSuffix("@") else {
                throw EmailError("\(label): contentID '\(id)' must look like name@domain (e.g. logo@inkstream), printable ASCII without spaces")
            }
        }
    }

    private static func checkMessageID(_ id: String) throws(EmailError) {
        try checkASCIILine(id, what: "the message id")
        let inner = id.dropFirst().dropLast()
        let halves = inner.split(separator: "@", omittingEmptySubsequences: false)
        guard id.hasPrefix("<"), id.hasSuffix(">"), halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty,
              !inner.contains(where: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" }) else {
            throw EmailError("the message id '\(id)' must look like <unique@domain>, without spaces")
        }
    }

    private static func checkExtraHeader(_ name: String, _ value: String) throws(EmailError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) else {
            throw EmailError("extra header name '\(name)' must be printable ASCII without spaces or ':' (e.g. X-Inkstream-Run)")
        }
        if reservedHeaders.contains(name.lowercased()) {
            throw EmailError("extra header '\(name)' is written by the message itself; set the EmailMessage field instead")
        }
        if name.lowercased() == "bcc" {
            throw EmailError("extra header 'Bcc' would show the blind copies to every recipient; give them to the sender as envelope recipients instead")
        }
        try checkASCIILine(value, what: "extra header '\(name)'")
    }

    private static func checkASCIILine(_ text: String, what: String) throws(EmailError) {
        if let bad = text.unicodeScalars.first(where: { ($0.value < 32 && $0 != "\t") || $0.value > 126 }) {
            throw EmailError("\(what) contains U+\(hex(bad.value)); only printable ASCII on one line is allowed")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
