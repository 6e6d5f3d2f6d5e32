/// What a successful verification found.
package struct BundleVerificationSummary: Sendable, Equatable {
    /// The bag's top folder name.
    package let bundleID: String
    package let payloadFiles: Int
    package let payloadBytes: Int64
    package let signerSubject: String
    /// SHA-256 of the signer certificate, colon-separated uppercase hex.
    package let signerFingerprint: String
    /// False when no trusted certificate was given: the signature matched the certificate it carries,
    /// but nothing says who that certificate belongs to.
    package let signerCheckedAgainstCA: Bool
    /// A sentence for users about how far the signer was checked: without a trusted certificate the name
    /// is only what the certificate inside the signature says, which anyone can write into their own.
    package var signerNote: String {
        signerCheckedAgainstCA
            ? "signed by \(signerSubject) (SHA-256 \(signerFingerprint)), checked against the trusted certificate"
            : "signature valid, signer NOT verified: no --ca given; the certificate inside the signature says \"\(signerSubject)\" (SHA-256 \(signerFingerprint)), which anyone can write into a certificate of their own"
    }
}

/// Checks a bundle written by `BundleWriter`: the detached CMS signature over the archive bytes (against
/// `trustedCertificate` when given, otherwise only against the certificate inside the signature), then the
/// zstd stream and its checksum, the tar structure (header checksums, sizes, names that stay inside the bag,
/// no duplicates), then bagit.txt, bag-info.txt, every manifest and tag manifest line, and the Payload-Oxum.
/// It stops at the first problem. The archive is streamed twice (signature, then contents); nothing is
/// extracted or loaded whole.
package enum BundleVerifier {
    /// `signature` defaults to `bundle + ".p7s"`.
    package static func verify(bundle: String, signature: String? = nil,
                              trustedCertificate: String? = nil) throws(BundleVerificationError) -> BundleVerificationSummary {
        guard fileExists(bundle) else { throw .unreadable(path: bundle, reason: "no such file") }
        let signer = try SignatureCheck.verify(archive: bundle, signature: signature ?? bundle + ".p7s",
                                               trustedCertificate: trustedCertificate)
        let payload = try verifyContents(bundle: bundle)
        return BundleVerificationSummary(bundleID: payload.bundleID, payloadFiles: payload.files, payloadBytes: payload.bytes,
                                         signerSubject: signer.subject, signerFingerprint: signer.fingerprint,
                                         signerCheckedAgainstCA: signer.checkedAgainstCA)
    }

    /// Everything after the signature: zstd, tar and bag checks. Separate so tests can reach these checks
    /// with archives whose signature would fail first.
    static func verifyContents(bundle: String) throws(BundleVerificationError) -> (bundleID: String, files: Int, bytes: Int64) {
        let scan = try BagScan.scan(archive: bundle)
        let payload = try BagCheck.check(scan)
        return (scan.top, payload.files, payload.bytes)
    }
}
