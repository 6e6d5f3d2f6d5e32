import CTLS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection to the mail server on a POSIX socket, plain or (after STARTTLS) through libssl.
/// Owned by one thread; OpenSSL's pointers never leave this file.
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
    private let replyTimeout: Double

    init(host: String, port: Int, connectTimeout: Double, replyTimeout: Double) throws(DeliveryError) {
        self.host = host
        self.port = port
        self.replyTimeout = replyTimeout
        fd = try Self.connect(host: host, port: port, timeout: connectTimeout)
        peerIsLoopback = Self.peerIsLoopback(fd)
        var tv = timeval(tv_sec: Int(replyTimeout), tv_usec: Int((replyTimeout - replyTimeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
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

    // MARK: Writing

    func send(_ text: String) throws(DeliveryError) {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws(DeliveryError) {
        guard fd >= 0 else { throw DeliveryError(.connection, "the connection to \(host):\(port) is closed") }
        var offset = 0
        while offset < bytes.count {
            let n: Int
            if let tls {
                n = try tls.write(bytes, from: offset)
            } else {
                n = bytes.withUnsafeBytes { raw in
                    Glibc.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ioError("sending to", errno: errno)
                }
            }
            offset += n
        }
    }

    // MARK: Reading

    /// One line without its CRLF (a bare LF ends a line too).
    func readLine() throws(DeliveryError) -> String {
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
            if buffer.count - bufferStart > 64 * 1024 {
                throw DeliveryError(.connection, "\(host):\(port) sent a reply line longer than 64 KiB")
            }
            try fill()
        }
    }

    func readReply() throws(DeliveryError) -> SMTPReply {
        var parser = SMTPReplyParser()
        while true {
            let line = try readLine()
            do {
                if let reply = try parser.feed(line: line) { return reply }
            } catch {
                throw DeliveryError(.connection, "\(host):\(port): \(error)")
            }
        }
    }

    /// True when bytes the server sent are waiting unread (after STARTTLS that is an injection attempt).
    var hasBufferedInput: Bool { bufferStart < buffer.count }

    private func fill() throws(DeliveryError) {
        guard fd >= 0 else { throw DeliveryError(.connection, "the connection to \(host):\(port) is closed") }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n: Int
            if let tls {
                n = try tls.read(into: &chunk)
            } else {
                n = chunk.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress!, raw.count, 0) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ioError("reading from", errno: errno)
                }
            }
            if n == 0 {
                throw DeliveryError(.connection, "\(host):\(port) closed the connection")
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
        if code == EAGAIN || code == EWOULDBLOCK {
            return DeliveryError(.connection, "\(host):\(port) did not answer within \(Int(replyTimeout)) s")
        }
        return DeliveryError(.connection, "\(what) \(host):\(port) failed: \(String(cString: strerror(code)))")
    }

    // MARK: TLS

    /// Wraps the connection in TLS, verifying the certificate chain against `caFile` (or the system's
    /// trust store) and the certificate's name against the host name (or IP address) connected to.
    func startTLS(caFile: String?) throws(DeliveryError) {
        guard !hasBufferedInput else {
            throw DeliveryError(.configuration, "\(host):\(port) sent data before the TLS handshake (a STARTTLS injection?): refusing to go on")
        }
        tls = try TLSChannel(fd: fd, host: host, port: port, caFile: caFile, timeout: replyTimeout)
        isEncrypted = true
    }

    // MARK: Sockets

    private static func connect(host: String, port: Int, timeout: Double) throws(DeliveryError) -> Int32 {
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
                    lastError = "no answer within \(Int(timeout)) s"
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
                throw DeliveryError(.connection, "the TLS handshake with \(host):\(port) got no answer within \(Int(timeout)) s")
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

    func write(_ bytes: [UInt8], from offset: Int) throws(DeliveryError) -> Int {
        while true {
            ERR_clear_error()
            let n = bytes.withUnsafeBytes { raw in
                SSL_write(ssl, raw.baseAddress! + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
            }
            if n > 0 { return Int(n) }
            try failure(n, "sending to")
        }
    }

    func read(into chunk: inout [UInt8]) throws(DeliveryError) -> Int {
        while true {
            ERR_clear_error()
            let n = chunk.withUnsafeMutableBytes { raw in SSL_read(ssl, raw.baseAddress!, Int32(raw.count)) }
            if n > 0 { return Int(n) }
            let code = SSL_get_error(ssl, n)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            try failure(n, "reading from")
        }
    }

    /// Throws for a failed SSL_read/SSL_write; returns when the call should simply be repeated.
    private func failure(_ n: Int32, _ what: String) throws(DeliveryError) {
        let savedErrno = errno
        let code = SSL_get_error(ssl, n)
        if (code == SSL_ERROR_SYSCALL && savedErrno == EINTR) { return }
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE
            || (code == SSL_ERROR_SYSCALL && (savedErrno == EAGAIN || savedErrno == EWOULDBLOCK)) {
            throw DeliveryError(.connection, "\(host):\(port) did not answer within \(Int(timeout)) s")
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
