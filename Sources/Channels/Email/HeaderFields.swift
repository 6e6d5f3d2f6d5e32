/// The values of the message's header fields, as tokens for `HeaderFolding`.
enum HeaderFields {
    /// Subject (or any unstructured text): plain words when the text is printable ASCII with single spaces and
    /// every word fits a line; otherwise encoded words, so the decoded value is exactly the caller's string.
    static func unstructured(_ name: String, _ text: String) -> [String] {
        let plain = !EncodedWords.needed(for: text) && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && !text.contains("  ") && !text.isEmpty
        if plain {
            let words = text.split(separator: " ").map(String.init)
            if HeaderFolding.fits(name, words) { return words }
        }
        if text.isEmpty { return [] }
        return EncodedWords.encode(text, firstLimit: HeaderFolding.lineLimit - name.utf8.count - 2)
    }

    /// A comma-separated mailbox list (From, To, Reply-To).
    static func addressList(_ name: String, _ addresses: [EmailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            let firstLimit = tokens.isEmpty ? HeaderFolding.lineLimit - name.utf8.count - 2 : EncodedWords.maxWordLength
            var mailbox = mailboxTokens(address, firstLimit: firstLimit)
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return tokens
    }

    /// `Name <a@b.c>`: atoms when the name is plain, a quoted string when it has specials, encoded words otherwise.
    private static func mailboxTokens(_ address: EmailAddress, firstLimit: Int) -> [String] {
        guard let name = address.displayName, !name.isEmpty else { return [address.address] }
        let angle = "<\(address.address)>"
        if !EncodedWords.needed(for: name) {
            let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let atoms = words.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(AddrSpec.isAtext) }
            let phrase = atoms ? words : [quoted(name)]
            if phrase.allSatisfy({ $0.utf8.count + 1 <= HeaderFolding.lineLimit }), phrase[0].utf8.count <= firstLimit {
                return phrase + [angle]
            }
        }
        return EncodedWords.encode(name, firstLimit: firstLimit) + [angle]
    }

    /// An RFC 5322 quoted-string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
