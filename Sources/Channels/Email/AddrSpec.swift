/// The addr-spec rules shared by `EmailAddress.parse` and the writer (which re-checks addresses built with
/// the memberwise initialiser, so a bad address never reaches a header).
enum AddrSpec {
    static let maxLocalLength = 64    // RFC 5321 §4.5.3.1.1
    static let maxTotalLength = 254   // RFC 5321 path limit (256) minus the angle brackets
    static let maxLabelLength = 63    // RFC 1035

    /// Returns why `address` is not a plain dot-atom addr-spec, or nil when it is fine.
    /// Quoted local parts and address literals are refused: no bulk sender needs them and many relays mangle them.
    static func problem(with address: String) -> String? {
        if address.isEmpty { return "the address is empty" }
        if address.contains(where: { $0.isWhitespace }) {
            return "'\(address)' contains a space; an address has no spaces (put a name in front: Name <a@b.c>)"
        }
        if !address.unicodeScalars.allSatisfy(\.isASCII) {
            return "'\(address)' has non-ASCII characters; use the punycode (xn--) form of the domain, internationalised local parts are not supported"
        }
        let pieces = address.split(separator: "@", omittingEmptySubsequences: false)
        if pieces.count == 1 { return "'\(address)' has no @; an address looks like name@example.com" }
        if pieces.count > 2 { return "'\(address)' has \(pieces.count - 1) @ signs; an address has exactly one" }
        let local = pieces[0], domain = pieces[1]
        if local.isEmpty { return "'\(address)' has an empty local part (nothing before the @)" }
        if domain.isEmpty { return "'\(address)' has an empty domain (nothing after the @)" }
        if local.utf8.count > maxLocalLength {
            return "the local part of '\(address)' is \(local.utf8.count) characters; the limit is \(maxLocalLength)"
        }
        if address.utf8.count > maxTotalLength {
            return "'\(address.prefix(40))…' is \(address.utf8.count) characters; the limit is \(maxTotalLength)"
        }
        if let reason = localPartProblem(local) { return "the local part of '\(address)' \(reason)" }
        if let reason = domainProblem(domain) { return "the domain of '\(address)' \(reason)" }
        return nil
    }

    /// RFC 5322 atext: what may appear unquoted in a local part or a display-name word.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    private static func localPartProblem(_ local: Substring) -> String? {
        if local.first == "." || local.last == "." { return "starts or ends with a dot" }
        if local.contains("..") { return "has two dots in a row" }
        if let bad = local.utf8.first(where: { $0 != UInt8(ascii: ".") && !isAtext($0) }) {
            return "contains '\(Character(Unicode.Scalar(bad)))', which needs quoting; quoted local parts are not supported"
        }
        return nil
    }

    private static func domainProblem(_ domain: Substring) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "needs a dot (e.g. example.com); single-label domains are not deliverable" }
        for label in labels {
            if label.isEmpty { return "has an empty label (two dots in a row, or a leading/trailing dot)" }
            if label.utf8.count > maxLabelLength { return "has a label of \(label.utf8.count) characters; the limit is \(maxLabelLength)" }
            if label.first == "-" || label.last == "-" { return "has the label '\(label)', which starts or ends with a hyphen" }
            let ok = label.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    return true
                default: return false
                }
            }
            if !ok { return "has the label '\(label)'; labels hold only letters, digits and hyphens" }
        }
        return nil
    }
}
