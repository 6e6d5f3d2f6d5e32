/// Detached CMS signatures over small files other than bundles (the journal's signed audit head), made
/// and checked exactly as bundle signatures are: same key, same DER form, same checks on the way back.
package enum DetachedSignature {
    package struct Signer: Sendable, Equatable {
        package let subject: String
        package let fingerprint: String
        /// False when no trusted certificate was given: the name comes from the signature itself.
        package let checkedAgainstCA: Bool
    }

    package static func sign(fileAt path: String, identity: SigningIdentity) throws(BundleError) -> [UInt8] {
        try CMSSigner.sign(fileAt: path, identity: identity)
    }

    package static func verify(file: String, signature: String, trustedCertificate: String?) throws(BundleVerificationError) -> Signer {
        let signer = try SignatureCheck.verify(archive: file, signature: signature, trustedCertificate: trustedCertificate)
        return Signer(subject: signer.subject, fingerprint: signer.fingerprint, checkedAgainstCA: signer.checkedAgainstCA)
    }
}
