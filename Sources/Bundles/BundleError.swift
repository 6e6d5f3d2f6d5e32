/// Why a bundle could not be written or a signing key could not be loaded or made.
/// Every message names the file involved and what to do about it.
package enum BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec itself is unusable (bad bundle id, path, date, bag-info label…); fix the caller's input.
    case invalidSpec(String)
    /// A payload file could not be read.
    case unreadablePayload(path: String, reason: String)
    /// A payload file changed between hashing and archiving; its manifest line would be wrong.
    case payloadChanged(path: String)
    /// The archive, signature or a key file could not be written.
    case cannotWrite(path: String, reason: String)
    /// zstd refused the data (out of memory or a library bug; the message is zstd's).
    case compression(String)
    /// The key or certificate file is missing, unreadable, not PEM or the two do not belong together.
    case signingKey(path: String, reason: String)
    /// OpenSSL could not make the CMS signature.
    case signing(String)

    package var description: String {
        switch self {
        case .invalidSpec(let message):
            return "bundle spec: \(message)"
        case .unreadablePayload(let path, let reason):
            return "\(path): cannot read payload file (\(reason)); check that it exists and is readable"
        case .payloadChanged(let path):
            return "\(path): the file changed while it was being bundled; make sure nothing writes it during bundling and retry"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write (\(reason)); check free space and permissions of the folder"
        case .compression(let message):
            return "zstd: \(message)"
        case .signingKey(let path, let reason):
            return "\(path): \(reason)"
        case .signing(let message):
            return "signing failed: \(message)"
        }
    }
}

/// The first problem `BundleVerifier.verify` found. Checks run in a fixed order (signature, zstd, tar, bag),
/// so the message is always the earliest thing that is wrong.
package enum BundleVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bundle, signature or certificate file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The signature file is not a usable DER CMS signature, or it does not match the archive bytes.
    case signature(String)
    /// The signature matches, but the signer certificate does not chain to the trusted certificate.
    case untrustedSigner(String)
    /// The zstd stream is damaged.
    case compression(String)
    /// The tar inside is malformed or unsafe.
    case archive(String)
    /// The BagIt bag inside is incomplete or its checksums do not match.
    case bag(String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read (\(reason))"
        case .signature(let message): return message
        case .untrustedSigner(let message): return message
        case .compression(let message): return "zstd: \(message)"
        case .archive(let message): return "tar: \(message)"
        case .bag(let message): return message
        }
    }
}
