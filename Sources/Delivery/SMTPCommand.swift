/// What the client is waiting for an answer to: it sets how long to wait (RFC 5321 §4.5.3.2) and which
/// positive replies make sense. A 2xx/3xx reply no command of this kind can get is out of step (an extra
/// line earlier shifted the replies, or the server answers something else): it is never taken as this
/// command's answer.
enum SMTPCommand: Sendable, Equatable {
    case greeting, ehlo, helo, startTLS, auth, mail
    case rcpt(String)
    case data
    /// The content block (sending it; no reply).
    case content
    /// The final "." of DATA.
    case endOfData
    case rset, quit

    var name: String {
        switch self {
        case .greeting: "the greeting"
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .startTLS: "STARTTLS"
        case .auth: "AUTH"
        case .mail: "MAIL FROM"
        case .rcpt(let address): "RCPT TO:<\(address)>"
        case .data: "DATA"
        case .content: "the message content"
        case .endOfData: "the final \".\" of DATA"
        case .rset: "RSET"
        case .quit: "QUIT"
        }
    }

    /// The positive replies this command can get; any 4xx or 5xx is an answer too.
    var positiveCodes: Set<Int> {
        switch self {
        case .greeting, .startTLS: [220]
        case .ehlo, .helo, .mail, .endOfData, .rset: [250]
        case .rcpt: [250, 251]
        case .auth: [235, 334]
        case .data: [354]
        case .content: []
        case .quit: [221]
        }
    }

    func timeout(_ timeouts: SMTPTimeouts) -> Double {
        switch self {
        case .greeting: timeouts.greeting
        case .mail: timeouts.mail
        case .rcpt: timeouts.rcpt
        case .data: timeouts.dataInitiation
        case .content: timeouts.dataBlock
        case .endOfData: timeouts.dataTermination
        case .ehlo, .helo, .startTLS, .auth, .rset, .quit: timeouts.other
        }
    }
}

/// How long to wait for each answer (and for each send of a content block), in seconds. The defaults are
/// RFC 5321 §4.5.3.2's; commands it names no time for (EHLO, STARTTLS, AUTH, RSET, QUIT) get the
/// server's own 5 minutes.
package struct SMTPTimeouts: Sendable, Equatable {
    package var greeting = 300.0
    package var mail = 300.0
    package var rcpt = 300.0
    package var dataInitiation = 120.0
    package var dataBlock = 180.0
    package var dataTermination = 600.0
    package var other = 300.0

    package init() {}

    /// The same limit for every command (`--command-timeout`).
    package init(every seconds: Double) {
        (greeting, mail, rcpt, dataInitiation, dataBlock, dataTermination, other) =
            (seconds, seconds, seconds, seconds, seconds, seconds, seconds)
    }
}
