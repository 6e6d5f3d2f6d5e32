/// Writes a header field as lines of at most 78 characters (RFC 5322 §2.1.1), breaking only where the value
/// has a space between tokens; a token longer than a line stays whole, up to the hard limit of 998.
enum HeaderFolding {
    static let lineLimit = 78
    static let hardLimit = 998

    /// "Name: token token…" with CRLF breaks (and the final CRLF); `tokens` are joined by single spaces.
    static func field(_ name: String, _ tokens: [String]) throws(EmailError) -> String {
        var result = name + ":"
        var column = result.utf8.count
        for (index, token) in tokens.enumerated() {
            let width = token.utf8.count
            if index > 0, column + 1 + width > lineLimit {
                result += "\r\n"
                column = 0
            }
            result += " " + token
            column += 1 + width
            if column > hardLimit {
                throw EmailError("header \(name) has an unbreakable piece of \(width) characters; a header line may not exceed \(hardLimit)")
            }
        }
        return result + "\r\n"
    }

    /// True when every token lands on a line of at most 78 characters after folding.
    static func fits(_ name: String, _ tokens: [String]) -> Bool {
        guard let first = tokens.first else { return true }
        return name.utf8.count + 2 + first.utf8.count <= lineLimit && tokens.allSatisfy { $0.utf8.count + 1 <= lineLimit }
    }
}
