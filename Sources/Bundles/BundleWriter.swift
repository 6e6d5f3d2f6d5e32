import Crypto

/// Writes `<directory>/<bundleID>.tar.zst` and its detached signature `<bundleID>.tar.zst.p7s`.
///
/// The archive is a BagIt 1.0 bag (RFC 8493) in a POSIX ustar tar, zstd compressed; the signature is a DER
/// CMS SignedData over the exact archive bytes, carrying the signer certificate. Payload files are hashed in
/// one streaming pass, then streamed into the archive; nothing is loaded whole. Both files are written under
/// temporary names, fsynced and renamed, so a crash never leaves a truncated bundle under the final name.
/// Output is deterministic: the same spec over the same bytes, signed by the same RSA key, gives identical files.
public enum BundleWriter {
    public static func write(_ spec: BundleSpec, directory: String, signer: SigningIdentity) throws(BundleError) -> BundleResult {
        try write(plan: BagPlan.make(spec), directory: directory, signer: signer)
    }

    /// Writes an already-hashed plan; tests use it to make bundles with deliberately inconsistent bags.
    static func write(plan: BagPlan, directory: String, signer: SigningIdentity) throws(BundleError) -> BundleResult {
        do { try makeDirectory(directory, mode: 0o755) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
        let path = "\(directory)/\(plan.bundleID).tar.zst"
        let signaturePath = path + ".p7s"

        let archive: AtomicFile
        do { archive = try AtomicFile(path: path) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
        let compressor = try ZstdWriter(output: archive)
        let tar = TarWriter(sink: compressor, modificationTime: plan.modificationTime)
        for entry in plan.tarEntries() { try tar.append(entry) }
        try tar.finish()
        let archiveSHA256 = try compressor.finish()
        do { try archive.finishWriting() } catch { throw .cannotWrite(path: error.path, reason: error.reason) }

        // Sign the finished temporary file, then put both in place: the archive never appears without a signature
        // being about to follow, and a failed signature leaves no archive behind.
        let signature = try CMSSigner.sign(fileAt: archive.temporaryPath, identity: signer)
        do {
            let signatureFile = try AtomicFile(path: signaturePath)
            try signatureFile.write(signature)
            try signatureFile.finishWriting()
            try archive.commit()
            try signatureFile.commit()
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        return BundleResult(path: path, signaturePath: signaturePath, sha256: archiveSHA256,
                            signatureSHA256: hexString(SHA256.hash(data: signature)),
                            payloadBytes: plan.payloadBytes, payloadFiles: plan.payload.count,
                            signerSubject: signer.subject, signerFingerprint: signer.fingerprint)
    }
}
