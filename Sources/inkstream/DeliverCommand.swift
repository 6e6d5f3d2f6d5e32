import ArgumentParser
import Delivery
import Pipeline
import RunFolder
import Foundation

struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Deliver what a run made through a channel.",
        subcommands: [DeliverEmailCommand.self])
}

struct DeliverEmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Send OUT/email/*.eml to an SMTP server, recording each delivery in the journal.",
        discussion: """
            Messages already sent (or failed) by an earlier delivery are not sent again; one interrupted while the \
            server was accepting it is reported uncertain and not sent again. Writes OUT/delivery/email.json and \
            OUT/delivery/email.html. Every answer is awaited at most RFC 5321's time for its command (greeting, \
            MAIL, RCPT 5 min, DATA 2 min, each content block 3 min, the final "." 10 min; others 5 min), or \
            --command-timeout; --deadline bounds the whole delivery. Exit status: 0 everything sent, 75 some \
            deferred (try again later; also when the deadline passed first), 1 some failed or uncertain, 66 no \
            messages.
            """)

    // `--out` as in every other command; `--run` is the old spelling, kept for scripts (elsewhere `--run` is a run id).
    @Option(name: [.customLong("out"), .customLong("run")],
            help: "The run's output folder OUT (messages are OUT/email/*.eml); --run OUT is the old spelling, still accepted.")
    var output: String

    @Option(help: "The SMTP server, HOST:PORT.")
    var smtp: String

    @Flag(help: "Upgrade the connection with STARTTLS (required: fails if the server does not offer it).")
    var starttls = false

    @Option(help: "User name for SMTP AUTH (PLAIN or LOGIN); needs --password-file.")
    var user: String?

    @Option(name: .customLong("password-file"), help: "File holding the AUTH password (a trailing newline is ignored).")
    var passwordFile: String?

    @Option(help: "The run journal (default: OUT/journal.sqlite).")
    var journal: String?

    @Option(help: "SMTP connections in parallel.")
    var connections = 2

    @Option(name: .customLong("max-attempts"), help: "Attempts per message in this delivery before it is left deferred.")
    var maxAttempts = 5

    @Option(name: .customLong("retry-delay"), help: "Seconds before the first retry of a deferred message (doubling after each).")
    var retryDelay = 30.0

    @Option(name: .customLong("tls-ca"), help: "PEM certificate(s) to trust for the server (default: the system's trusted certificates).")
    var tlsCA: String?

    @Option(help: "The name to greet the server with in EHLO/HELO (default: this host's name).")
    var helo: String?

    @OptionGroup var signing: SigningOptions

    @Option(name: .customLong("command-timeout"),
            help: "Seconds to wait for the answer to each command, and for each block of content to go out (default: RFC 5321's per command).")
    var commandTimeout: Double?

    @Option(help: "Seconds the whole delivery may take: after it no message is started, messages not yet sent are deferred (exit 75).")
    var deadline: Double?

    func validate() throws {
        guard connections >= 1 else { throw ValidationError("--connections must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard retryDelay >= 0 else { throw ValidationError("--retry-delay cannot be negative") }
        if let commandTimeout, !(commandTimeout > 0 && commandTimeout <= 86_400) {
            throw ValidationError("--command-timeout wants seconds above 0 (at most 86400), not \(commandTimeout)")
        }
        if let deadline, !(deadline > 0 && deadline <= 31_536_000) {
            throw ValidationError("--deadline wants seconds above 0 (at most a year), not \(deadline)")
        }
        guard (user == nil) == (passwordFile == nil) else {
            throw ValidationError("give --user and --password-file together")
        }
        _ = try hostAndPort()
    }

    func hostAndPort() throws -> (String, Int) {
        var host = Substring(smtp)
        guard let colon = host.lastIndex(of: ":"), let port = Int(host[host.index(after: colon)...]), (1...65535).contains(port) else {
            throw ValidationError("--smtp wants HOST:PORT (e.g. mail.example.com:587), not \(smtp)")
        }
        host = host[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw ValidationError("--smtp wants HOST:PORT, not \(smtp)") }
        return (String(host), port)
    }

    func run() throws {
        let (host, port) = try hostAndPort()
        var settings = SMTPSettings(host: host, port: port, helo: helo ?? Self.hostName())
        settings.startTLS = starttls
        settings.tlsCA = tlsCA
        if let commandTimeout { settings.timeouts = SMTPTimeouts(every: commandTimeout) }
        if let user, let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw fail("cannot read the password file \(passwordFile)", .difference)
            }
            var password = String(decoding: data, as: UTF8.self)
            while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
            settings.user = user
            settings.password = password
        }
        if let tlsCA, !FileManager.default.isReadableFile(atPath: tlsCA) {
            throw fail("cannot read the trust anchor --tls-ca \(tlsCA)", .difference)
        }
        var options = EmailDeliveryOptions(outputDirectory: output, smtp: settings)
        options.journalPath = journal
        options.connections = connections
        options.maxAttempts = maxAttempts
        options.retryDelay = retryDelay
        options.deadline = deadline
        // A server that hangs up mid-write must be an error, not the end of the process: plain sends use
        // MSG_NOSIGNAL, but OpenSSL writes a TLS connection with write(2), which raises SIGPIPE. Ignoring it
        // is process-wide policy, so the command decides, not the library (EmailDelivery says so).
        signal(SIGPIPE, SIG_IGN)
        let report: EmailDeliveryReport
        do { report = try EmailDelivery(options: options).execute() } catch {
            throw fail(error.description, ExitStatus(error))
        }
        // Each delivery's state went into the audit log: anchor its head (also after a partial delivery).
        let journalPath = RunFolder(output).journal(journal)
        if FileManager.default.fileExists(atPath: journalPath) { try signing.signHead(journal: journalPath) }
        print(report.summary)
        if let error = report.error {
            FileHandle.standardError.write(Data("inkstream: delivery stopped: \(error)\n".utf8))
        }
        let status = ExitStatus(report)
        if status != .done { throw status.exit }
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return name.isEmpty ? "localhost" : name
    }
}
