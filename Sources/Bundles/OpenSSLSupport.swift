import COpenSSL
import Crypto
import Foundation

/// Small wrappers that keep OpenSSL's pointers and error queue inside this module.
enum OpenSSL {
    /// Drains OpenSSL's per-thread error queue into one readable line (empty when there was nothing queued).
    static func errors() -> String {
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

    /// The reason code of the most recent queued error, without removing it.
    static func lastReason() -> Int32 {
        ERR_GET_REASON(ERR_peek_last_error())
    }

    /// Everything written into a memory BIO so far.
    static func drain(_ bio: OpaquePointer) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = BIO_read(bio, &chunk, Int32(chunk.count))
            if n <= 0 { break }
            result += chunk[0..<Int(n)]
        }
        return result
    }

    /// A file BIO for reading; nil with errno-style reason if the file cannot be opened.
    static func readBIO(_ path: String) -> OpaquePointer? {
        BIO_new_file(path, "rb")
    }

    /// Loads a certificate from PEM, falling back to DER so `--ca` accepts either.
    static func loadCertificate(_ path: String) -> OpaquePointer? {
        guard let bio = readBIO(path) else { return nil }
        defer { BIO_free(bio) }
        if let cert = PEM_read_bio_X509(bio, nil, nil, nil) { return cert }
        _ = BIO_ctrl(bio, BIO_CTRL_RESET, 0, nil)
        ERR_clear_error()
        return d2i_X509_bio(bio, nil)
    }

    /// Loads an unencrypted PEM private key. The password callback refuses, so an encrypted key fails
    /// instead of prompting on the terminal in the middle of a batch run.
    static func loadPrivateKey(_ path: String) -> OpaquePointer? {
        guard let bio = readBIO(path) else { return nil }
        defer { BIO_free(bio) }
        return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
    }

    /// Subject as `CN=…,O=…` in the certificate's own order (RFC 2253 escaping, not reversed).
    static func subject(of cert: OpaquePointer) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "?" }
        defer { BIO_free(bio) }
        // RFC 2253 minus DN_REV and ESC_MSB: certificate order, and UTF-8 printed as text rather than \XX escapes.
        let strings = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_UTF8_CONVERT
            | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER
        let flags = UInt(strings) | UInt(XN_FLAG_SEP_COMMA_PLUS) | UInt(XN_FLAG_FN_SN) | UInt(XN_FLAG_DUMP_UNKNOWN_FIELDS)
        X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, flags)
        return String(decoding: drain(bio), as: UTF8.self)
    }

    static func der(of cert: OpaquePointer) -> [UInt8] {
        let length = i2d_X509(cert, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_X509(cert, &cursor)
        }
        return bytes
    }

    /// SHA-256 of the certificate's DER, as `openssl x509 -fingerprint -sha256` prints it.
    static func fingerprint(of cert: OpaquePointer) -> String {
        fingerprintString(SHA256.hash(data: der(of: cert)))
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// e.g. "RSA 2048-bit key, SHA-256 digests".
    static func algorithm(of key: OpaquePointer) -> String {
        let id = EVP_PKEY_get_base_id(key)
        let name = id == EVP_PKEY_RSA ? "RSA" : (OBJ_nid2sn(id).map { String(cString: $0) } ?? "unknown")
        return "\(name) \(EVP_PKEY_get_bits(key))-bit key, SHA-256 digests"
    }
}
