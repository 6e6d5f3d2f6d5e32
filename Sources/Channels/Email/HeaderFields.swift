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

    /// `Name <a@b.c>`: atoms when the name is plain, a quoted string when it has specials, and for non-ASCII
    /// names a mix of atoms and encoded words (see `mixedPhrase`).
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
        return mixedPhrase(name, firstLimit: firstLimit) + [angle]
    }

    /// Plain words stay atoms; each run of words that need encoding (non-ASCII or specials) becomes one encoded
    /// text with its inner spaces, the way Python's own generator writes phrases. This avoids adjacent encoded
    /// words where possible: RFC 2047 §6.2 says the space between them is dropped, but Python's address parser
    /// (3.11) keeps it. A run too long for one word is split at its spaces (the space ends the earlier word).
    private static func mixedPhrase(_ name: String, firstLimit: Int) -> [String] {
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.allSatisfy({ !$0.isEmpty && !$0.contains("\t") }) else {
            // Odd spacing only survives inside an encoded word.
            return EncodedWords.encode(name, firstLimit: firstLimit)
        }
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let limit = tokens.isEmpty ? firstLimit : EncodedWords.maxWordLength
            let whole = EncodedWords.encode(run.joined(separator: " "), firstLimit: limit)
            if whole.count == 1 {
                tokens += whole
            } else {
                for (index, word) in run.enumerated() {
                    let text = index < run.count - 1 ? word + " " : word
                    tokens += EncodedWords.encode(text, firstLimit: tokens.isEmpty ? firstLimit : EncodedWords.maxWordLength)
                }
            }
            run = []
        }
        for word in words {
            let room = tokens.isEmpty && run.isEmpty ? firstLimit : HeaderFolding.lineLimit - 1
            if word.utf8.allSatisfy(AddrSpec.isAtext), !word.contains("=?"), word.utf8.count <= room {
                flushRun()
                tokens.append(word)
            } else {
                run.append(word)
            }
        }
        flushRun()
        return tokens
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
