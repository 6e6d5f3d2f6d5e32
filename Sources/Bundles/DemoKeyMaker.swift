import COpenSSL

/// Makes the self-signed demo key pair. It is deliberately labelled "not for production" in its subject,
/// so anyone inspecting a signature can tell it came from a throwaway key.
enum DemoKeyMaker {
    static let subject = [("CN", "Inkstream demo signing key (not for production)"), ("O", "Inkstream")]
    static let validityDays = 3652

    static func create(keyPath: String, certificatePath: String, directory: String) throws(BundleError) {
        do { try makeDirectory(directory, mode: 0o700) } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        ERR_clear_error()
        guard let key = generateKey() else { throw .signing("cannot generate an RSA key: \(OpenSSL.errors())") }
        defer { EVP_PKEY_free(key) }
        guard let cert = selfSignedCertificate(key: key) else {
            throw .signing("cannot make the demo certificate: \(OpenSSL.errors())")
        }
        defer { X509_free(cert) }
        guard let keyPEM = pem({ PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }),
              let certPEM = pem({ PEM_write_bio_X509($0, cert) }) else {
            throw .signing("cannot encode the demo key pair as PEM: \(OpenSSL.errors())")
        }
        // Certificate first: a crash in between leaves a lone certificate, which `demo` reports, never a lone key.
        try writeFile(certPEM, to: certificatePath, mode: 0o644)
        try writeFile(keyPEM, to: keyPath, mode: 0o600)
    }

    private static func generateKey() -> OpaquePointer? {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
              EVP_PKEY_keygen(context, &key) == 1 else { return nil }
        return key
    }

    /// X.509 v3, random serial, 10 years, CA:FALSE, keyUsage digitalSignature, SHA-256 self-signature.
    private static func selfSignedCertificate(key: OpaquePointer) -> OpaquePointer? {
        guard let cert = X509_new() else { return nil }
        var ok = X509_set_version(cert, 2) == 1
            && ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), UInt64.random(in: 1...UInt64(Int64.max))) == 1
            && X509_gmtime_adj(X509_getm_notBefore(cert), 0) != nil
            && X509_time_adj_ex(X509_getm_notAfter(cert), Int32(validityDays), 0, nil) != nil
            && X509_set_pubkey(cert, key) == 1
        if ok, let name = X509_get_subject_name(cert) {
            for (field, value) in subject {
                ok = ok && X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0) == 1
            }
            ok = ok && X509_set_issuer_name(cert, name) == 1
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, cert, cert, nil, nil, 0)
        // Subject key id before authority key id: the latter is copied from the (self-)issuer's.
        for (nid, value) in [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, "critical,digitalSignature"),
                             (NID_subject_key_identifier, "hash"), (NID_authority_key_identifier, "keyid")] where ok {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else { ok = false; break }
            ok = X509_add_ext(cert, ext, -1) == 1
            X509_EXTENSION_free(ext)
        }
        ok = ok && X509_sign(cert, key, EVP_sha256()) > 0
        if !ok { X509_free(cert); return nil }
        return cert
    }

    private static func pem(_ write: (OpaquePointer) -> Int32) -> [UInt8]? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { return nil }
        return OpenSSL.drain(bio)
    }

    private static func writeFile(_ bytes: [UInt8], to path: String, mode: mode_t) throws(BundleError) {
        do {
            let file = try AtomicFile(path: path, mode: mode)
            try file.write(bytes)
            try file.commit()
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
    }
}
