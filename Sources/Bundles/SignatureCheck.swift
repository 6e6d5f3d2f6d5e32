import COpenSSL
import Foundation

/// Checks a detached DER CMS signature against the archive bytes, streamed from disk through a file BIO.
enum SignatureCheck {
    struct Signer {
        let subject: String
        let fingerprint: String
        let checkedAgainstCA: Bool
    }

    /// Bundle signatures are a few kilobytes (one certificate); anything this large is not one.
    static let maxSignatureBytes = 1 << 20

    static func verify(archive: String, signature: String, trustedCertificate: String?) throws(BundleVerificationError) -> Signer {
        ERR_clear_error()
        defer { ERR_clear_error() }
        guard fileExists(signature) else {
            throw .unreadable(path: signature, reason: "no such file; a bundle's signature is <bundle>.p7s, or pass --signature")
        }
        guard let bytes = FileManager.default.contents(atPath: signature).map([UInt8].init) else {
            throw .unreadable(path: signature, reason: "cannot read the signature file")
        }
        guard bytes.count <= maxSignatureBytes else {
            throw .signature("\(signature) holds \(bytes.count) bytes: far more than a detached signature; it is not a bundle signature")
        }
        // Parsed from memory so the end of the DER is known: anything after it was added to the file.
        var consumed = 0
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let cms = d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
            if let cursor, let base = buffer.baseAddress { consumed = cursor - base }
            return cms
        }
        guard let cms = parsed else {
            throw .signature("\(signature) is not a DER CMS (PKCS#7) signature; it is damaged or not a bundle signature")
        }
        defer { CMS_ContentInfo_free(cms) }
        guard consumed == bytes.count else {
            throw .signature("\(signature) has \(bytes.count - consumed) bytes after the end of its signature (at byte \(consumed)): something was appended to it; restore the signature as it was written")
        }
        guard OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed else {
            throw .signature("\(signature) is a CMS structure but not SignedData; it is not a bundle signature")
        }
        guard let content = OpenSSL.readBIO(archive) else {
            throw .unreadable(path: archive, reason: fileExists(archive) ? OpenSSL.errors() : "no such file")
        }
        defer { BIO_free(content) }
        guard let store = X509_STORE_new() else { throw .signature("out of memory") }
        defer { X509_STORE_free(store) }

        // First the cryptographic check against the embedded certificate; trust is decided separately below so
        // the two failures get different messages.
        let flags = UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)
        if CMS_verify(cms, nil, store, content, nil, flags) != 1 {
            let reason = OpenSSL.lastReason()
            let details = OpenSSL.errors()
            switch reason {
            case CMS_R_VERIFICATION_FAILURE, CMS_R_CONTENT_VERIFY_ERROR:
                throw .signature("signature does not match the archive: the archive or the signature was changed after signing")
            case CMS_R_SIGNER_CERTIFICATE_NOT_FOUND, CMS_R_NO_SIGNERS:
                throw .signature("\(signature) carries no signer certificate; it cannot be checked")
            default:
                throw .signature("signature could not be checked (\(details)); the signature file may be damaged")
            }
        }
        guard let signers = CMS_get0_signers(cms) else { throw .signature("\(signature) names no signer") }
        defer { OPENSSL_sk_free(signers) }
        guard OPENSSL_sk_num(signers) == 1, let raw = OPENSSL_sk_value(signers, 0) else {
            throw .signature("\(signature) has \(OPENSSL_sk_num(signers)) signers; bundles carry exactly one")
        }
        let cert = OpaquePointer(raw)
        // A self-signed certificate whose own signature fails was edited after it was made (its name, say):
        // what it says cannot be shown as the signer, checked or not.
        // (Names, not X509_check_issued: that also wants keyCertSign, which a signing certificate need not have.)
        if X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0, let key = X509_get0_pubkey(cert),
           X509_verify(cert, key) != 1 {
            throw .signature("the certificate inside \(signature) was altered after it was made (its own signature does not verify): the signer it names, \"\(OpenSSL.subject(of: cert))\", means nothing")
        }
        let signer = Signer(subject: OpenSSL.subject(of: cert), fingerprint: OpenSSL.fingerprint(of: cert),
                            checkedAgainstCA: trustedCertificate != nil)
        if let trustedCertificate { try checkTrust(cert, cms: cms, store: store, anchor: trustedCertificate, subject: signer.subject) }
        return signer
    }

    /// Validates the signer certificate's chain up to `anchor`, for S/MIME signing use, at the current time.
    private static func checkTrust(_ cert: OpaquePointer, cms: OpaquePointer, store: OpaquePointer, anchor: String,
                                   subject: String) throws(BundleVerificationError) {
        guard let anchorCert = OpenSSL.loadCertificate(anchor) else {
            let reason = fileExists(anchor) ? "not a PEM or DER X.509 certificate" : "no such file"
            throw .unreadable(path: anchor, reason: reason + "; --ca takes the certificate that bundles must be signed by")
        }
        defer { X509_free(anchorCert) }
        guard X509_STORE_add_cert(store, anchorCert) == 1 else { throw .untrustedSigner("cannot use \(anchor): \(OpenSSL.errors())") }
        guard let context = X509_STORE_CTX_new() else { throw .untrustedSigner("out of memory") }
        defer { X509_STORE_CTX_free(context) }
        // Intermediate certificates travel inside the signature.
        let untrusted = CMS_get1_certs(cms)
        defer { if let untrusted { OPENSSL_sk_pop_free(untrusted, { X509_free(OpaquePointer($0)) }) } }
        guard X509_STORE_CTX_init(context, store, cert, untrusted) == 1 else {
            throw .untrustedSigner("cannot check the signer certificate: \(OpenSSL.errors())")
        }
        _ = X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SMIME_SIGN)
        if X509_verify_cert(context) != 1 {
            let reason = String(cString: X509_verify_cert_error_string(Int(X509_STORE_CTX_get_error(context))))
            throw .untrustedSigner("signer \"\(subject)\" is not trusted by \(anchor): \(reason)")
        }
    }
}
