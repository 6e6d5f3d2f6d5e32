/// A mailbox: an optional display name and an addr-spec.
package struct EmailAddress: Sendable, Equatable {
    /// The human name shown by mail clients; may be non-ASCII (written as RFC 2047 encoded words).
    package let displayName: String?
    /// The addr-spec, `local@domain`, ASCII only.
    package let address: String

    /// Creates an address without checking it; `MIMEWriter` checks it again before writing.
    /// Prefer `parse(_:)` for text coming from records.
    package init(displayName: String?, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Parses "Name <a@b.c>", "\"Quoted, Name\" <a@b.c>" or "a@b.c".
    /// The error says what is wrong: no @, two @, empty local part, bad domain (needs a dot; labels of
    /// letters, digits and hyphens, no leading or trailing hyphen), spaces, too long (local 64, total 254).
    package static func parse(_ text: String) -> Result<EmailAddress, EmailAddressError> {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.isEmpty { return .failure(EmailAddressError("the address is empty")) }
        if trimmed.contains(where: { $0 == "\r" || $0 == "\n" }) {
            return .failure(EmailAddressError("'\(trimmed)' contains a line break"))
        }
        var name: String?
        var address = trimmed
        if let open = trimmed.firstIndex(of: "<") {
            guard trimmed.last == ">" else {
                return .failure(EmailAddressError("'\(trimmed)' has '<' without a closing '>' at the end"))
            }
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            if address.contains("<") || address.contains(">") {
                return .failure(EmailAddressError("'\(trimmed)' has more than one <…>"))
            }
            switch displayName(String(trimmed[..<open]).trimmingASCIIWhitespace()) {
            case .success(let parsed): name = parsed
            case .failure(let error): return .failure(error)
            }
        } else if trimmed.contains(">") {
            return .failure(EmailAddressError("'\(trimmed)' has '>' without an opening '<'"))
        }
        if let problem = AddrSpec.problem(with: address) { return .failure(EmailAddressError(problem)) }
        return .success(EmailAddress(displayName: name, address: address))
    }

    /// Unquotes a quoted display name; an empty name means none.
    private static func displayName(_ text: String) -> Result<String?, EmailAddressError> {
        guard text.hasPrefix("\"") else { return .success(text.isEmpty ? nil : text) }
        guard text.count >= 2, text.hasSuffix("\"") else {
            return .failure(EmailAddressError("the display name \(text) has an opening quote without a closing one"))
        }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped { result.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" {
                return .failure(EmailAddressError("the display name \(text) has an unescaped quote inside; write it as \\\""))
            }
            result.append(character)
        }
        if escaped { return .failure(EmailAddressError("the display name \(text) ends with a lone backslash")) }
        return .success(result.isEmpty ? nil : result)
    }
}

/// Why a text is not an email address; the description says what to fix.
package struct EmailAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// E.g. "'ab.example.com' has no @; an address looks like name@example.com".
    package let description: String

    /// Creates an error with an operator-facing description.
    package init(_ description: String) {
        self.description = description
    }
}

extension String {
    /// Trims spaces, tabs and line breaks only; Foundation's set would also eat non-breaking spaces in names.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
