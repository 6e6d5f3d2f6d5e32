import COpenSSL
import Foundation

/// The key pair that signs bundles: a PEM private key and its PEM X.509 certificate.
/// Only paths and printable facts are kept; the key is read from disk again for each signature,
/// so no OpenSSL handle (and no key material) outlives a call.
package struct SigningIdentity: Sendable, Equatable {
    package let keyPath: String
    package let certificatePath: String
    /// e.g. `CN=Inkstream demo signing key (not for production),O=Inkstream`.
    package let subject: String
    /// SHA-256 of the certificate DER, colon-separated uppercase hex.
    package let fingerprint: String
    package let notBefore: Date
    package let notAfter: Date
    /// e.g. `RSA 2048-bit key, SHA-256 digests`.
    package let algorithm: String

    package static let demoKeyFile = "demo-signing-key.pem"
    package static let demoCertificateFile = "demo-signing-cert.pem"

    /// Reads both files and checks that the key belongs to the certificate.
    package static func load(keyPath: String, certificatePath: String) throws(BundleError) -> SigningIdentity {
        ERR_clear_error()
        guard let cert = OpenSSL.loadCertificate(certificatePath) else {
            throw .signingKey(path: certificatePath, reason: fileProblem(certificatePath, expected: "a PEM X.509 certificate"))
        }
        defer { X509_free(cert) }
        guard let key = OpenSSL.loadPrivateKey(keyPath) else {
            throw .signingKey(path: keyPath, reason: fileProblem(keyPath, expected: "an unencrypted PEM private key"))
        }
        defer { EVP_PKEY_free(key) }
        guard X509_check_private_key(cert, key) == 1 else {
            ERR_clear_error()
            throw .signingKey(path: keyPath, reason: "this key does not belong to the certificate \(certificatePath); pass the matching --key/--cert pair")
        }
        return SigningIdentity(keyPath: keyPath, certificatePath: certificatePath,
                               subject: OpenSSL.subject(of: cert), fingerprint: OpenSSL.fingerprint(of: cert),
                               notBefore: OpenSSL.date(X509_get0_notBefore(cert)),
                               notAfter: OpenSSL.date(X509_get0_notAfter(cert)), algorithm: OpenSSL.algorithm(of: key))
    }

    /// The demo identity in `directory`: loads `demo-signing-key.pem` and `demo-signing-cert.pem`, or makes a
    /// self-signed RSA 2048 pair there on first use (folder 0700, key 0600). `created` says which happened,
    /// so callers can warn that a throwaway key is signing.
    package static func demo(directory: String) throws(BundleError) -> (identity: SigningIdentity, created: Bool) {
        let keyPath = directory + "/" + demoKeyFile
        let certPath = directory + "/" + demoCertificateFile
        switch (fileExists(keyPath), fileExists(certPath)) {
        case (true, true):
            return (try load(keyPath: keyPath, certificatePath: certPath), false)
        case (false, false):
            try DemoKeyMaker.create(keyPath: keyPath, certificatePath: certPath, directory: directory)
            return (try load(keyPath: keyPath, certificatePath: certPath), true)
        case (true, false), (false, true):
            let missing = fileExists(keyPath) ? certPath : keyPath
            throw .signingKey(path: missing, reason: "missing while its partner exists; remove both demo files in \(directory) to make a new pair, or restore it")
        }
    }

    /// Where the demo key lives: `$INKSTREAM_KEYS` if set, else `$XDG_DATA_HOME/inkstream/keys`,
    /// else `~/.local/share/inkstream/keys`.
    package static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let keys = environment["INKSTREAM_KEYS"], !keys.isEmpty { return keys }
        // The XDG spec says relative values are invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/inkstream/keys" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/inkstream/keys"
    }

    private static func fileProblem(_ path: String, expected: String) -> String {
        let details = OpenSSL.errors()
        if !fileExists(path) { return "file not found; pass an existing file or use the demo key (inkstream keys)" }
        return "not \(expected)" + (details.isEmpty ? "" : " (\(details))")
    }
}
