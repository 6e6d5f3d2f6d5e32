import Foundation

/// How to reach and talk to the mail server.
package struct SMTPSettings: Sendable {
    package var host: String
    package var port: Int
    package var startTLS = false
    /// Trust anchor for the server's certificate (PEM); nil: the system's trusted certificates.
    package var tlsCA: String?
    package var user: String?
    package var password: String?
    package var helo: String
    package var connectTimeout: Double = 30
    /// How long each command's answer may take (RFC 5321's by default).
    package var timeouts = SMTPTimeouts()

    package init(host: String, port: Int, helo: String) {
        self.host = host
        self.port = port
        self.helo = helo
    }
}

/// How one attempt at one message ended.
package enum TransactionOutcome: Sendable, Equatable {
    case sent(String)
    case deferred(String)
    case failed(String)
    /// The final "." went out but no answer came back: the server may have the message.
    case uncertain(String)
}

/// What the replies to MAIL, the RCPTs and DATA say about a transaction (the same whether they came
/// pipelined or one by one).
package enum EnvelopeVerdict: Sendable, Equatable {
    /// Send the content to the accepted recipients; `rejected` lists the others with their replies.
    case proceed(accepted: [String], rejected: String?)
    case deferred(String)
    case failed(String)

    /// `data` is nil when DATA was not sent yet (no pipelining).
    package static func judge(mail: SMTPReply, recipients: [(address: String, reply: SMTPReply)], data: SMTPReply?) -> EnvelopeVerdict {
        if mail.isTransient { return .deferred("MAIL FROM: \(mail)") }
        if !mail.isPositive { return .failed("MAIL FROM: \(mail)") }
        let transient = recipients.filter { $0.reply.isTransient }
        if !transient.isEmpty {
            return .deferred(transient.map { "RCPT TO:<\($0.address)>: \($0.reply)" }.joined(separator: "\n"))
        }
        let accepted = recipients.filter { $0.reply.isPositive }.map(\.address)
        let rejected = recipients.filter { !$0.reply.isPositive }
        let rejectedText = rejected.isEmpty ? nil : rejected.map { "RCPT TO:<\($0.address)>: \($0.reply)" }.joined(separator: "\n")
        if accepted.isEmpty {
            return .failed("every recipient was rejected:\n" + (rejectedText ?? ""))
        }
        if let data {
            if data.isTransient { return .deferred("DATA: \(data)") }
            if data.code != 354 { return .failed("DATA: \(data)") }
        }
        return .proceed(accepted: accepted, rejected: rejectedText)
    }
}

/// One SMTP session: greeting, EHLO (or HELO), STARTTLS, AUTH, then any number of transactions.
/// Owned by one thread.
///
/// Replies are taken in order, and only when one is expected: before anything is sent the server must be
/// quiet (`expectNothingPending`), and after the last reply of a command (or of a pipelined batch) nothing
/// more may be waiting. Otherwise the connection is out of step and is dropped: its message is deferred,
/// or uncertain once its final "." went out, and no reply is ever taken for another command's.
final class SMTPSession {
    private let connection: SMTPConnection
    private let settings: SMTPSettings
    private(set) var extensions: SMTPExtensions
    /// False once the connection can carry no further transaction.
    private(set) var usable = true

    init(settings: SMTPSettings, deadline: ContinuousClock.Instant? = nil) throws(DeliveryError) {
        self.settings = settings
        connection = try SMTPConnection(host: settings.host, port: settings.port, connectTimeout: settings.connectTimeout,
                                        timeouts: settings.timeouts, deadline: deadline)
        extensions = SMTPExtensions(ehlo: nil)
        do throws(DeliveryError) {
            let greeting = try connection.readReply(to: .greeting)
            if greeting.code != 220 {
                throw DeliveryError(greeting.isPermanent ? .configuration : .connection,
                                    "\(server) refused the session: \(greeting)")
            }
            extensions = try hello()
            if settings.startTLS {
                guard extensions.startTLS else {
                    throw DeliveryError(.configuration, "\(server) does not offer STARTTLS, and --starttls was asked: nothing was sent in the clear")
                }
                let reply = try command("STARTTLS", .startTLS)
                guard reply.code == 220 else {
                    throw DeliveryError(reply.isTransient ? .connection : .configuration, "\(server) refused STARTTLS: \(reply)")
                }
                try connection.startTLS(caFile: settings.tlsCA)
                extensions = try hello()
            }
            if let user = settings.user {
                try authenticate(user: user, password: settings.password ?? "")
            }
        } catch {
            connection.close()
            throw error
        }
    }

    private var server: String { "the SMTP server \(settings.host):\(settings.port)" }

    /// Sends one command line once the server is quiet, and reads its reply.
    private func command(_ line: String, _ command: SMTPCommand) throws(DeliveryError) -> SMTPReply {
        try connection.expectNothingPending(before: command)
        try connection.send(line + "\r\n", for: command)
        return try connection.readReply(to: command)
    }

    private func hello() throws(DeliveryError) -> SMTPExtensions {
        let reply = try command("EHLO \(settings.helo)", .ehlo)
        if reply.code == 250 { return SMTPExtensions(ehlo: reply) }
        if reply.isTransient { throw DeliveryError(.connection, "\(server) answered EHLO with \(reply)") }
        let helo = try command("HELO \(settings.helo)", .helo)
        if helo.code == 250 { return SMTPExtensions(ehlo: nil) }
        throw DeliveryError(helo.isTransient ? .connection : .configuration, "\(server) answered HELO with \(helo)")
    }

    private func authenticate(user: String, password: String) throws(DeliveryError) {
        guard connection.isEncrypted || connection.peerIsLoopback else {
            throw DeliveryError(.configuration, """
                refusing to send the password of \(user) to \(server) over an unencrypted connection: \
                add --starttls (AUTH without TLS is allowed only to a loopback address)
                """)
        }
        let mechanisms = extensions.authMechanisms
        let reply: SMTPReply
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            var first = try command("AUTH PLAIN \(token)", .auth)
            if first.code == 334 {  // a server that wants the response on its own line
                first = try command(token, .auth)
            }
            reply = first
        } else if mechanisms.contains("LOGIN") {
            var step = try command("AUTH LOGIN", .auth)
            if step.code == 334 {
                step = try command(Data(user.utf8).base64EncodedString(), .auth)
                if step.code == 334 {
                    step = try command(Data(password.utf8).base64EncodedString(), .auth)
                }
            }
            reply = step
        } else {
            throw DeliveryError(.configuration, """
                \(server) offers no AUTH mechanism this client speaks (PLAIN, LOGIN)\
                \(mechanisms.isEmpty ? " — it offers no AUTH at all\(connection.isEncrypted ? "" : " on an unencrypted connection; try --starttls")" : ": it offers \(mechanisms.sorted().joined(separator: " "))")
                """)
        }
        guard reply.code == 235 else {
            throw DeliveryError(reply.isTransient ? .connection : .configuration,
                                "\(server) refused the credentials of \(user): \(reply)")
        }
    }

    /// After the last reply expected: more bytes waiting are out of step (the replies just read may belong
    /// to other commands); false when the server has closed the connection.
    private func quietAfterReplies(before next: SMTPCommand) throws(DeliveryError) -> Bool {
        switch connection.pendingInput() {
        case .nothing: return true
        case .data(let bytes): throw connection.outOfStep(bytes, before: next)
        case .closed: return false
        }
    }

    /// True when the connection can take the next transaction: open, and the server quiet since its last
    /// reply. A connection found closed or out of step between transactions is dropped (the worker opens a
    /// new one) rather than blamed on the next message.
    func readyForNext() -> Bool {
        if usable && connection.isOpen && connection.pendingInput() == .nothing { return true }
        usable = false
        connection.close()
        return false
    }

    /// One transaction. Connection failures become `deferred` (or `uncertain` once the final "." went out)
    /// and leave the session unusable; only `beforeFinalDot`'s error (the journal) is thrown.
    func deliver(_ message: OutgoingMessage, beforeFinalDot: () throws(DeliveryError) -> Void) throws(DeliveryError) -> TransactionOutcome {
        guard let from = message.from else {
            return .failed("not sent: \(message.name) has no From address")
        }
        guard !message.recipients.isEmpty else {
            return .failed("not sent: \(message.name) has no To or Cc address")
        }
        if let limit = extensions.size, limit > 0, message.size > limit {
            return .failed("not sent: \(message.name) is \(message.size) bytes and \(server) accepts at most \(limit) (SIZE)")
        }
        var mail = "MAIL FROM:<\(from)>"
        if extensions.size != nil { mail += " SIZE=\(message.size)" }
        if message.eightBit && extensions.eightBitMIME { mail += " BODY=8BITMIME" }
        var finalDotSent = false
        do throws(DeliveryError) {
            let verdict: EnvelopeVerdict
            var dataReply: SMTPReply?
            var closing = false
            if extensions.pipelining {
                let commands = [mail] + message.recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
                try connection.expectNothingPending(before: .mail)
                try connection.send(commands.map { $0 + "\r\n" }.joined(), for: .mail)
                let mailReply = try connection.readReply(to: .mail)
                var recipients: [(address: String, reply: SMTPReply)] = []
                for address in message.recipients { recipients.append((address, try connection.readReply(to: .rcpt(address)))) }
                dataReply = try connection.readReply(to: .data)
                closing = ([mailReply, dataReply!] + recipients.map(\.reply)).contains { $0.code == 421 }
                verdict = EnvelopeVerdict.judge(mail: mailReply, recipients: recipients, data: dataReply)
            } else {
                let mailReply = try command(mail, .mail)
                var recipients: [(address: String, reply: SMTPReply)] = []
                if mailReply.isPositive {
                    for address in message.recipients {
                        let reply = try command("RCPT TO:<\(address)>", .rcpt(address))
                        recipients.append((address, reply))
                        if reply.code == 421 { break }
                    }
                }
                closing = ([mailReply] + recipients.map(\.reply)).contains { $0.code == 421 }
                var envelope = EnvelopeVerdict.judge(mail: mailReply, recipients: recipients, data: nil)
                if case .proceed = envelope, !closing {
                    dataReply = try command("DATA", .data)
                    closing = dataReply!.code == 421
                    envelope = EnvelopeVerdict.judge(mail: mailReply, recipients: recipients, data: dataReply)
                }
                verdict = envelope
            }

            guard case .proceed(_, let rejected) = verdict else {
                // A server that is closing may say no more; otherwise anything more is out of step, and the
                // verdict (maybe read from replies to other commands) is not to be trusted.
                let open = closing ? false : try quietAfterReplies(before: .rset)
                if !open || dataReply?.code == 354 {
                    // The server is closing, or waits for content we will not send: only hanging up ends it.
                    usable = false
                    connection.close()
                } else if try command("RSET", .rset).code != 250 {
                    usable = false
                    connection.close()
                }
                switch verdict {
                case .deferred(let text): return .deferred(text)
                case .failed(let text): return .failed(text)
                case .proceed: fatalError("unreachable")
                }
            }

            try connection.expectNothingPending(before: .content)
            try message.stream { (bytes: [UInt8]) throws(DeliveryError) in try connection.send(bytes, for: .content) }
            do { try beforeFinalDot() } catch {
                usable = false
                connection.close()
                throw error
            }
            // The last moment to find the server gone (or talking out of turn) while the message can still be
            // deferred: it cannot have accepted a message whose final "." it never got.
            try connection.expectNothingPending(before: .endOfData)
            try connection.send(".\r\n", for: .endOfData)
            finalDotSent = true
            let reply = try connection.readReply(to: .endOfData)
            let quiet = try quietAfterReplies(before: .mail)
            if reply.code == 421 || !quiet {
                usable = false
                connection.close()
            }
            if reply.isPositive {
                return .sent(rejected.map { "\(reply)\nrejected recipients:\n\($0)" } ?? reply.description)
            }
            if !reply.isPermanent { return .deferred("end of data: \(reply)") }
            return .failed("end of data: \(reply)")
        } catch where error.kind == .connection {
            usable = false
            connection.close()
            if finalDotSent {
                return .uncertain("""
                    no trustworthy answer to the final "." (\(error)); the server may have accepted it, so it is \
                    not sent again — check the server's log for Message-ID \(message.messageID)
                    """)
            }
            return .deferred(error.description)
        }
    }

    func quit() {
        if usable && connection.isOpen {
            _ = try? command("QUIT", .quit)
        }
        usable = false
        connection.close()
    }
}
