import COpenSSL

/// Detached CMS (PKCS#7) signatures over a file, DER encoded.
enum CMSSigner {
    /// No signed attributes means no signing time, and RSA PKCS#1 v1.5 is deterministic, so the same archive
    /// and key always give the same signature bytes. The signer certificate is included.
    static let flags = UInt32(CMS_DETACHED | CMS_BINARY | CMS_NOATTR)

    /// Signs the bytes of the file at `path`, which OpenSSL reads through a file BIO in small chunks.
    static func sign(fileAt path: String, identity: SigningIdentity) throws(BundleError) -> [UInt8] {
        ERR_clear_error()
        guard let cert = OpenSSL.loadCertificate(identity.certificatePath) else {
            throw .signingKey(path: identity.certificatePath, reason: "cannot read the certificate any more: \(OpenSSL.errors())")
        }
        defer { X509_free(cert) }
        guard let key = OpenSSL.loadPrivateKey(identity.keyPath) else {
            throw .signingKey(path: identity.keyPath, reason: "cannot read the private key any more: \(OpenSSL.errors())")
        }
        defer { EVP_PKEY_free(key) }
        guard let data = OpenSSL.readBIO(path) else {
            throw .cannotWrite(path: path, reason: "cannot reopen the archive to sign it: \(OpenSSL.errors())")
        }
        defer { BIO_free(data) }
        // CMS_PARTIAL, then add the signer ourselves: the only way to pin the digest to SHA-256.
        guard let cms = CMS_sign(nil, nil, nil, nil, flags | UInt32(CMS_PARTIAL)) else {
            throw .signing(OpenSSL.errors())
        }
        defer { CMS_ContentInfo_free(cms) }
        guard CMS_add1_signer(cms, cert, key, EVP_sha256(), flags) != nil else {
            throw .signing("the key cannot sign with SHA-256: \(OpenSSL.errors())")
        }
        guard CMS_final(cms, data, nil, flags) == 1 else { throw .signing(OpenSSL.errors()) }
        guard let out = BIO_new(BIO_s_mem()) else { throw .signing("out of memory") }
        defer { BIO_free(out) }
        guard i2d_CMS_bio(out, cms) == 1 else { throw .signing("cannot encode the signature: \(OpenSSL.errors())") }
        return OpenSSL.drain(out)
    }
}
