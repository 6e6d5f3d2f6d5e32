import Foundation

/// One SMTP reply: a three-digit code and its lines, possibly several (`250-…` then `250 …`).
package struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    package let code: Int
    /// The lines as the server sent them, without CRLF.
    package let lines: [String]

    package init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    package var isPositive: Bool { (200..<400).contains(code) }
    package var isTransient: Bool { (400..<500).contains(code) }
    package var isPermanent: Bool { code >= 500 }
    /// The reply verbatim, lines joined with "\n".
    package var description: String { lines.joined(separator: "\n") }
    /// The text after the code of each line (for EHLO keywords).
    package var texts: [String] { lines.map { $0.count > 4 ? String($0.dropFirst(4)) : "" } }
}

package struct SMTPProtocolError: Error, Sendable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// How big a reply may get. RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; the slack is for servers
/// that stretch it. A server sending more (an endless EHLO reply) fails the connection instead of
/// growing our memory.
package struct SMTPReplyLimits: Sendable, Equatable {
    /// Octets in one line, without its CRLF.
    package var lineOctets = 2048
    /// Octets in one reply, its lines' CRLFs included.
    package var replyOctets = 64 * 1024
    package var replyLines = 1000

    package init() {}
}

/// Assembles replies from lines (RFC 5321 §4.2): each line is `DDD-text` except the last, `DDD text` or `DDD`.
package struct SMTPReplyParser: Sendable {
    private var lines: [String] = []
    private var octets = 0
    private var code: Int?
    private let limits: SMTPReplyLimits

    package init(limits: SMTPReplyLimits = SMTPReplyLimits()) {
        self.limits = limits
    }

    /// Takes one line (without CRLF); returns the reply when the line was its last.
    package mutating func feed(line: String) throws(SMTPProtocolError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count <= limits.lineOctets else {
            throw SMTPProtocolError("the server sent a reply line longer than \(limits.lineOctets) octets")
        }
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else {
            throw SMTPProtocolError("the server sent a line that is not an SMTP reply: \(line.prefix(200).debugDescription)")
        }
        let lineCode = (Int(bytes[0]) - 48) * 100 + (Int(bytes[1]) - 48) * 10 + Int(bytes[2]) - 48
        if let code, code != lineCode {
            throw SMTPProtocolError("the server changed the reply code within one reply (\(code), then \(lineCode))")
        }
        octets += bytes.count + 2
        guard lines.count < limits.replyLines else {
            throw SMTPProtocolError("the server sent a reply of more than \(limits.replyLines) lines")
        }
        guard octets <= limits.replyOctets else {
            throw SMTPProtocolError("the server sent a reply of more than \(limits.replyOctets) octets")
        }
        code = lineCode
        lines.append(line)
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        lines = []
        octets = 0
        code = nil
        return reply
    }
}

/// What a server said it can do in its EHLO reply.
package struct SMTPExtensions: Sendable, Equatable {
    package var keywords: [String: String] = [:]

    package init(ehlo reply: SMTPReply?) {
        guard let reply else { return }
        for text in reply.texts.dropFirst() {
            let parts = text.split(separator: " ", maxSplits: 1)
            guard let key = parts.first else { continue }
            keywords[key.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    package var pipelining: Bool { keywords["PIPELINING"] != nil }
    package var startTLS: Bool { keywords["STARTTLS"] != nil }
    package var eightBitMIME: Bool { keywords["8BITMIME"] != nil }
    /// SIZE when advertised; 0 means "no fixed limit".
    package var size: Int? { keywords["SIZE"].map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 } }
    package var authMechanisms: Set<String> {
        Set((keywords["AUTH"] ?? "").split(separator: " ").map { $0.uppercased() })
    }
}
