import CTLS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection to the mail server on a POSIX socket, plain or (after STARTTLS) through libssl.
/// Owned by one thread; OpenSSL's pointers never leave this file.
///
/// Every read and write is bounded: by the timeout of the command it belongs to and by the delivery's
/// deadline, whichever comes first (set on the socket before each call, so a server that trickles a byte
/// at a time is cut off too). Replies are bounded in size (`SMTPReplyLimits`), and a reply only counts as
/// the answer to a command when it arrives while one is expected (`expectNothingPending`) and is one that
/// command can get (`SMTPCommand.positiveCodes`).
final class SMTPConnection {
    let host: String
    let port: Int
    /// The server's address is a loopback one (127/8, ::1): AUTH may then go in the clear.
    private(set) var peerIsLoopback = false
    private(set) var isEncrypted = false
    private var fd: Int32 = -1
    private var tls: TLSChannel?
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private let timeouts: SMTPTimeouts
    private let deadline: ContinuousClock.Instant?
    private let limits = SMTPReplyLimits()

    init(host: String, port: Int, connectTimeout: Double, timeouts: SMTPTimeouts,
         deadline: ContinuousClock.Instant?) throws(DeliveryError) {
        self.host = host
        self.port = port
        self.timeouts = timeouts
        self.deadline = deadline
        let connectWait = Wait(command: .greeting, seconds: min(connectTimeout, timeouts.greeting), deadline: deadline,
                               sending: false, connecting: true)
        let left = try remaining(connectWait)
        fd = try Self.connect(host: host, port: port, timeout: Double(left.tv_sec) + Double(left.tv_usec) / 1e6) {
            self.timedOut(connectWait)
        }
        peerIsLoopback = Self.peerIsLoopback(fd)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    func close() {
        tls?.shutdown()
        tls = nil
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    var isOpen: Bool { fd >= 0 }

    // MARK: Time limits

    /// Until when one read or write may wait, and why.
    struct Wait {
        let command: SMTPCommand
        let seconds: Double
        let until: ContinuousClock.Instant
        /// The delivery's deadline comes before the command's own timeout.
        let byDeadline: Bool
        let sending: Bool
        let connecting: Bool

        init(command: SMTPCommand, seconds: Double, deadline: ContinuousClock.Instant?, sending: Bool,
             connecting: Bool = false) {
            self.command = command
            self.seconds = seconds
            self.sending = sending
            self.connecting = connecting
            let own = ContinuousClock.now.advanced(by: .milliseconds(Int64(min(seconds, 1e9) * 1000)))
            if let deadline, deadline < own {
                (until, byDeadline) = (deadline, true)
            } else {
                (until, byDeadline) = (own, false)
            }
        }
    }

    private func wait(for command: SMTPCommand, sending: Bool = false) -> Wait {
        // Once the final "." is out, the answer is waited for even past the deadline: cutting it off would
        // leave the message uncertain. The final-"." timeout still bounds it.
        Wait(command: command, seconds: command.timeout(timeouts), deadline: command == .endOfData && !sending ? nil : deadline,
             sending: sending)
    }

    /// The time left as a socket timeout (at least 1 ms: zero would mean "no timeout"); throws when none is left.
    private func remaining(_ wait: Wait) throws(DeliveryError) -> timeval {
        let left = ContinuousClock.now.duration(to: wait.until)
        guard left > .zero else { throw timedOut(wait) }
        let (seconds, attoseconds) = left.components
        let micro = seconds == 0 ? max(attoseconds / 1_000_000_000_000, 1000) : attoseconds / 1_000_000_000_000
        return timeval(tv_sec: Int(seconds), tv_usec: Int(micro))
    }

    private func setTimeout(_ option: Int32, _ wait: Wait) throws(DeliveryError) {
        var tv = try remaining(wait)
        setsockopt(fd, SOL_SOCKET, option, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    private func timedOut(_ wait: Wait) -> DeliveryError {
        let doing = wait.connecting ? "connecting" : wait.sending ? "sending \(wait.command.name)" : "waiting for \(wait.command.name)"
        if wait.byDeadline {
            return DeliveryError(.connection, """
                the delivery's --deadline passed (\(doing) to \(host):\(port)): not sent, try again later
                """)
        }
        if wait.connecting {
            return DeliveryError(.connection, "cannot connect to the SMTP server \(host):\(port): no answer within \(Self.format(wait.seconds)) s")
        }
        if wait.sending {
            return DeliveryError(.connection, "\(host):\(port) took no data within \(Self.format(wait.seconds)) s (\(doing))")
        }
        return DeliveryError(.connection, "\(host):\(port) did not answer within \(Self.format(wait.seconds)) s (\(doing))")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    // MARK: Writing

    func send(_ text: String, for command: SMTPCommand) throws(DeliveryError) {
        try send(Array(text.utf8), for: command)
    }

    func send(_ bytes: [UInt8], for command: SMTPCommand) throws(DeliveryError) {
        guard fd >= 0 else { throw DeliveryError(.connection, "the connection to \(host):\(port) is closed") }
        let wait = wait(for: command, sending: true)
        var offset = 0
        while offset < bytes.count {
            try setTimeout(SO_SNDTIMEO, wait)
            let n: Int
            if let tls {
                guard let written = try tls.write(bytes, from: offset) else { continue }  // timed out: the clock decides
                n = written
            } else {
                n = bytes.withUnsafeBytes { raw in
                    Glibc.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                    throw ioError("sending to", errno: errno)
                }
            }
            offset += n
        }
    }

    // MARK: Reading

    /// The reply to `command`, read within its timeout; a positive reply that `command` cannot get is out of
    /// step and fails the connection.
    func readReply(to command: SMTPCommand) throws(DeliveryError) -> SMTPReply {
        let wait = wait(for: command)
        var parser = SMTPReplyParser(limits: limits)
        while true {
            let line = try readLine(wait)
            let reply: SMTPReply?
            do { reply = try parser.feed(line: line) } catch {
                throw DeliveryError(.connection, "\(host):\(port) (answering \(command.name)): \(error)")
            }
            guard let reply else { continue }
            guard (200..<600).contains(reply.code) else {
                throw DeliveryError(.connection, "\(host):\(port) answered \(command.name) with \(Self.preview(reply.lines[0])), which is no SMTP reply code")
            }
            if reply.code < 400 && !command.positiveCodes.contains(reply.code) {
                throw DeliveryError(.connection, """
                    \(host):\(port) is out of step: it answered \(command.name) with \(Self.preview(reply.lines[0])), \
                    which is no answer to it (a reply meant for another command, or one nobody asked for); \
                    the connection is dropped
                    """)
            }
            return reply
        }
    }

    /// One line without its CRLF (a bare LF ends a line too), at most `limits.lineOctets` long.
    private func readLine(_ wait: Wait) throws(DeliveryError) -> String {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: 10) {
                var end = newline
                if end > bufferStart && buffer[end - 1] == 13 { end -= 1 }
                let line = String(decoding: buffer[bufferStart..<end], as: UTF8.self)
                bufferStart = newline + 1
                if bufferStart == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    bufferStart = 0
                }
                return line
            }
            if buffer.count - bufferStart > limits.lineOctets + 1 {
                throw DeliveryError(.connection, """
                    \(host):\(port) (answering \(wait.command.name)): the server sent a reply line longer than \
                    \(limits.lineOctets) octets
                    """)
            }
            try fill(wait)
        }
    }

    /// What the server sent that nobody has read yet.
    enum PendingInput: Equatable {
        case nothing
        /// The first bytes of it.
        case data([UInt8])
        case closed(String)
    }

    /// Looks, without waiting, at what is buffered or readable on the socket.
    func pendingInput() -> PendingInput {
        if bufferStart < buffer.count { return .data(Array(buffer[bufferStart...].prefix(120))) }
        guard fd >= 0 else { return .closed("the connection to \(host):\(port) is closed") }
        if let tls {
            if tls.pendingBytes > 0 { return .data(tls.peek(upTo: 120).bytes) }
        }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 0) > 0 else { return .nothing }
        if let tls {
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            defer { _ = fcntl(fd, F_SETFL, flags) }
            let peeked = tls.peek(upTo: 120)
            if !peeked.bytes.isEmpty { return .data(peeked.bytes) }
            return peeked.closed ? .closed("\(host):\(port) closed the connection") : .nothing
        }
        var bytes = [UInt8](repeating: 0, count: 120)
        let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, Int32(MSG_PEEK | MSG_DONTWAIT)) }
        if n > 0 { return .data(Array(bytes[0..<n])) }
        if n == 0 { return .closed("\(host):\(port) closed the connection") }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .nothing }
        return .closed(ioError("reading from", errno: errno).description)
    }

    /// Throws unless the server is quiet: bytes waiting before `command` is sent are an unsolicited or
    /// out-of-step reply (taking them as its answer would shift every later reply onto the wrong command),
    /// and a closed connection would swallow what is sent.
    func expectNothingPending(before command: SMTPCommand) throws(DeliveryError) {
        switch pendingInput() {
        case .nothing: return
        case .data(let bytes): throw outOfStep(bytes, before: command)
        case .closed(let reason): throw DeliveryError(.connection, "\(reason) (before \(command.name) was sent)")
        }
    }

    func outOfStep(_ bytes: [UInt8], before command: SMTPCommand) -> DeliveryError {
        DeliveryError(.connection, """
            \(host):\(port) is out of step: it sent \(Self.preview(String(decoding: bytes, as: UTF8.self))) before \
            \(command.name) was sent (a reply nobody asked for); the connection is dropped so that no reply is \
            taken for another command's
            """)
    }

    static func preview(_ text: String) -> String {
        text.count > 100 ? String(text.prefix(100)).debugDescription + "…" : text.debugDescription
    }

    /// True when bytes the server sent are waiting unread (after STARTTLS that is an injection attempt).
    var hasBufferedInput: Bool { bufferStart < buffer.count }

    private func fill(_ wait: Wait) throws(DeliveryError) {
        guard fd >= 0 else { throw DeliveryError(.connection, "the connection to \(host):\(port) is closed") }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            try setTimeout(SO_RCVTIMEO, wait)
            let n: Int
            if let tls {
                guard let read = try tls.read(into: &chunk) else { continue }  // timed out: the clock decides
                n = read
            } else {
                n = chunk.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress!, raw.count, 0) }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                    throw ioError("reading from", errno: errno)
                }
            }
            if n == 0 {
                throw DeliveryError(.connection, "\(host):\(port) closed the connection (waiting for \(wait.command.name))")
            }
            if bufferStart > 0 {
                buffer.removeFirst(bufferStart)
                bufferStart = 0
            }
            buffer += chunk[0..<n]
            return
        }
    }

    private func ioError(_ what: String, errno code: Int32) -> DeliveryError {
        DeliveryError(.connection, "\(what) \(host):\(port) failed: \(String(cString: strerror(code)))")
    }

    // MARK: TLS

    /// Wraps the connection in TLS, verifying the certificate chain against `caFile` (or the system's
    /// trust store) and the certificate's name against the host name (or IP address) connected to.
    func startTLS(caFile: String?) throws(DeliveryError) {
        switch pendingInput() {
        case .nothing: break
        case .data:
            throw DeliveryError(.configuration, "\(host):\(port) sent data before the TLS handshake (a STARTTLS injection?): refusing to go on")
        case .closed(let reason):
            throw DeliveryError(.connection, "\(reason) (before the TLS handshake)")
        }
        let wait = wait(for: .startTLS)
        try setTimeout(SO_RCVTIMEO, wait)
        try setTimeout(SO_SNDTIMEO, wait)
        tls = try TLSChannel(fd: fd, host: host, port: port, caFile: caFile, timeout: wait.seconds)
        isEncrypted = true
    }

    // MARK: Sockets

    private static func connect(host: String, port: Int, timeout: Double,
                                timedOut: () -> DeliveryError) throws(DeliveryError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw DeliveryError(.connection, "cannot resolve the SMTP host \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var timedOutOnce = false
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let ai = entry {
            entry = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if fd < 0 {
                lastError = String(cString: strerror(errno))
                continue
            }
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&pfd, 1, Int32(timeout * 1000))
                if ready == 0 {
                    _ = Glibc.close(fd)
                    timedOutOnce = true
                    continue
                }
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                result = soError == 0 && ready > 0 ? 0 : -1
                errno = soError
            }
            if result != 0 {
                lastError = String(cString: strerror(errno))
                _ = Glibc.close(fd)
                continue
            }
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
            return fd
        }
        if timedOutOnce { throw timedOut() }
        throw DeliveryError(.connection, "cannot connect to the SMTP server \(host):\(port): \(lastError)")
    }

    private static func peerIsLoopback(_ fd: Int32) -> Bool {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) == 0 }
        }
        guard ok else { return false }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    UInt32(bigEndian: $0.pointee.sin_addr.s_addr) >> 24 == 127
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p -> Bool in
                    let bytes = withUnsafeBytes(of: p.pointee.sin6_addr) { Array($0) }
                    if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }  // ::1
                    // ::ffff:127.x.y.z
                    return bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
                }
            }
        default:
            return false
        }
    }
}

/// libssl on an already connected socket (blocking, with the socket's timeouts).
private final class TLSChannel {
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let host: String
    private let port: Int
    private let timeout: Double

    init(fd: Int32, host: String, port: Int, caFile: String?, timeout: Double) throws(DeliveryError) {
        self.host = host
        self.port = port
        self.timeout = timeout
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw DeliveryError(.configuration, "cannot set up TLS: \(TLSChannel.errors())")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        _ = SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
        if let caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                SSL_CTX_free(context)
                throw DeliveryError(.configuration, "cannot read the trust anchor --tls-ca \(caFile): \(TLSChannel.errors())")
            }
        } else if SSL_CTX_set_default_verify_paths(context) != 1 {
            SSL_CTX_free(context)
            throw DeliveryError(.configuration, "cannot load the system's trusted certificates: \(TLSChannel.errors())")
        }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw DeliveryError(.configuration, "cannot set up TLS: \(TLSChannel.errors())")
        }
        self.context = context
        self.ssl = ssl
        SSL_set_fd(ssl, fd)
        let isAddress = Self.isIPAddress(host)
        if isAddress {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
        } else {
            SSL_set1_host(ssl, host)
            _ = host.withCString { name in
                SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: name))
            }
        }
        let result = SSL_connect(ssl)
        if result != 1 {
            let verify = SSL_get_verify_result(ssl)
            let detail = TLSChannel.errors()
            if verify != Int(X509_V_OK) {
                let reason = String(cString: X509_verify_cert_error_string(verify))
                throw DeliveryError(.configuration, """
                    the certificate of \(host):\(port) is not trusted: \(reason) \
                    (verified against \(caFile.map { "--tls-ca \($0)" } ?? "the system's trusted certificates") \
                    for the \(isAddress ? "IP address" : "host name") \(host))
                    """)
            }
            let code = SSL_get_error(ssl, result)
            if code == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw DeliveryError(.connection, "the TLS handshake with \(host):\(port) got no answer within \(SMTPConnection.format(timeout)) s")
            }
            throw DeliveryError(.connection, "the TLS handshake with \(host):\(port) failed\(detail.isEmpty ? "" : ": \(detail)")")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    func shutdown() {
        _ = SSL_shutdown(ssl)
    }

    /// Bytes written; nil when the socket's timeout passed (the caller's clock decides whether to go on).
    func write(_ bytes: [UInt8], from offset: Int) throws(DeliveryError) -> Int? {
        while true {
            ERR_clear_error()
            let n = bytes.withUnsafeBytes { raw in
                SSL_write(ssl, raw.baseAddress! + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
            }
            if n > 0 { return Int(n) }
            if try failure(n, "sending to") { return nil }
        }
    }

    /// Bytes read, 0 at the end; nil when the socket's timeout passed.
    func read(into chunk: inout [UInt8]) throws(DeliveryError) -> Int? {
        while true {
            ERR_clear_error()
            let n = chunk.withUnsafeMutableBytes { raw in SSL_read(ssl, raw.baseAddress!, Int32(raw.count)) }
            if n > 0 { return Int(n) }
            let code = SSL_get_error(ssl, n)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            if try failure(n, "reading from") { return nil }
        }
    }

    /// Decrypted bytes libssl holds already.
    var pendingBytes: Int { Int(SSL_pending(ssl)) }

    /// Application data waiting, without taking it (on a non-blocking socket: records that carry none,
    /// such as TLS 1.3 session tickets, are processed and yield nothing); `closed` when the server ended
    /// the connection.
    func peek(upTo count: Int) -> (bytes: [UInt8], closed: Bool) {
        ERR_clear_error()
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { raw in SSL_peek(ssl, raw.baseAddress!, Int32(raw.count)) }
        if n > 0 { return (Array(bytes[0..<Int(n)]), false) }
        let code = SSL_get_error(ssl, n)
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE { return ([], false) }
        if code == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return ([], false) }
        return ([], true)
    }

    /// Throws for a failed SSL_read/SSL_write; returns true when the socket's timeout passed, false when the
    /// call should simply be repeated.
    private func failure(_ n: Int32, _ what: String) throws(DeliveryError) -> Bool {
        let savedErrno = errno
        let code = SSL_get_error(ssl, n)
        if (code == SSL_ERROR_SYSCALL && savedErrno == EINTR) { return false }
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE
            || (code == SSL_ERROR_SYSCALL && (savedErrno == EAGAIN || savedErrno == EWOULDBLOCK)) {
            return true
        }
        if code == SSL_ERROR_SYSCALL && savedErrno == 0 {
            throw DeliveryError(.connection, "\(host):\(port) closed the connection")
        }
        let detail = TLSChannel.errors()
        throw DeliveryError(.connection, "\(what) \(host):\(port) over TLS failed: \(detail.isEmpty ? String(cString: strerror(savedErrno)) : detail)")
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    private static func errors() -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return messages.joined(separator: "; ")
    }
}
