/// The header fields delivery needs from an RFC 5322 message: the envelope comes from them.
package struct MessageHeaders: Sendable, Equatable {
    /// Every field as (name, unfolded value), in order.
    package var fields: [(name: String, value: String)]

    package static func == (a: MessageHeaders, b: MessageHeaders) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Parses the header section (everything before the first empty line; the empty line itself optional).
    /// Continuation lines (starting with space or tab) are unfolded; CRLF or bare LF both end a line.
    package init(headerBytes: some Collection<UInt8>) {
        var fields: [(name: String, value: String)] = []
        // Split on bytes: in a String, "\r\n" is one Character.
        for rawLine in Array(headerBytes).split(separator: 10, omittingEmptySubsequences: false) {
            var bytes = rawLine[...]
            if bytes.last == 13 { bytes = bytes.dropLast() }
            let line = Substring(String(decoding: bytes, as: UTF8.self))
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += String(line) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            fields.append((String(name), String(value)))
        }
        self.fields = fields
    }

    /// The values of every field with this name (case-insensitive).
    package func values(_ name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// The From address (the first mailbox), nil when there is none.
    package var from: String? { values("From").flatMap(AddressList.addresses(in:)).first }

    /// Every To and Cc address, in order, without repeats (Bcc is left out: the composer writes none).
    package var recipients: [String] {
        var seen = Set<String>()
        return (values("To") + values("Cc")).flatMap(AddressList.addresses(in:)).filter { seen.insert($0.lowercased()).inserted }
    }

    /// The Message-ID with its angle brackets, or "" when there is none.
    package var messageID: String { values("Message-ID").first ?? "" }
}

/// Pulls addr-specs out of an RFC 5322 address list: display names (quoted or not, RFC 2047 encoded words
/// left encoded), comments, angle addresses, groups.
package enum AddressList {
    package static func addresses(in value: String) -> [String] {
        var result: [String] = []
        var plain = ""            // what is outside comments and angle brackets, whitespace dropped outside quotes
        var angle: String?        // the content of <…>, once seen
        var inAngle = false
        var inQuote = false
        var commentDepth = 0
        var escaped = false

        func finish() {
            var address = angle ?? plain
            // A source route (<@a,@b:user@host>) is obsolete; only what follows it counts.
            if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
                address = String(address[address.index(after: colon)...])
            }
            if address.contains("@") || (angle != nil && !address.isEmpty) { result.append(address) }
            plain = ""
            angle = nil
        }

        for ch in value {
            if escaped {
                escaped = false
                if commentDepth == 0 { if inAngle { angle!.append(ch) } else { plain.append(ch) } }
                continue
            }
            if commentDepth > 0 {
                switch ch {
                case "\\": escaped = true
                case "(": commentDepth += 1
                case ")": commentDepth -= 1
                default: break
                }
                continue
            }
            if inQuote {
                if ch == "\\" { escaped = true }
                if ch == "\"" { inQuote = false }
                if inAngle { angle!.append(ch) } else { plain.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                inQuote = true
                if inAngle { angle!.append(ch) } else { plain.append(ch) }
            case "(":
                commentDepth = 1
            case "<":
                inAngle = true
                angle = ""
            case ">":
                inAngle = false
            case _ where ch.isWhitespace:
                break
            case "," where !inAngle:
                finish()
            case ":" where !inAngle:
                plain = ""      // a group's display name: its members follow
            case ";" where !inAngle:
                finish()
            default:
                if inAngle { angle!.append(ch) } else { plain.append(ch) }
            }
        }
        finish()
        return result
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
