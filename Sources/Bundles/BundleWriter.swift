import Crypto

/// Writes `<directory>/<bundleID>.tar.zst` and its detached signature `<bundleID>.tar.zst.p7s`.
///
/// The archive is a BagIt 1.0 bag (RFC 8493) in a POSIX ustar tar, zstd compressed; the signature is a DER
/// CMS SignedData over the exact archive bytes, carrying the signer certificate.
///
/// Memory stays flat however many payload files there are: the payload source is read twice, a hashing pass
/// that appends the manifest lines to hidden scratch files in `directory`, then an archiving pass that streams
/// each file into the archive; the manifests are archived from the scratch files, which are removed afterwards
/// (also on failure). Nothing is loaded whole. Both output files are written under temporary names, fsynced and
/// renamed, so a crash never leaves a truncated bundle under the final name. Output is deterministic: the same
/// spec over the same bytes, signed by the same RSA key, gives identical files.
package enum BundleWriter {
    package static func write(_ spec: BundleSpec, directory: String, signer: SigningIdentity) throws(BundleError) -> BundleResult {
        let plan = try BagPlan.make(spec, scratchDirectory: directory)
        defer { plan.scratch.remove() }
        return try write(plan: plan, directory: directory, signer: signer)
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
        try plan.archive(into: tar)
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
                            payloadBytes: plan.payloadBytes, payloadFiles: plan.payloadFiles,
                            signerSubject: signer.subject, signerFingerprint: signer.fingerprint)
    }
}
