/// One payload file of a bundle: where it sits inside the bag's `data/` folder and where it is on disk.
public struct BundlePayloadFile: Sendable, Equatable {
    /// Path relative to `data/`, with `/` separators, e.g. `documents/100000175.pdf`.
    public let pathInData: String
    /// The file on disk whose bytes are bundled; it is read twice (hash, then archive) and must not change meanwhile.
    public let sourcePath: String
    /// Digests the caller already has (a run hashes each document as it writes it, on all cores): the
    /// writer then only checks the file's size and reads it once, to archive it.
    public let knownDigests: BundleFileDigests?

    public init(pathInData: String, sourcePath: String, knownDigests: BundleFileDigests? = nil) {
        self.pathInData = pathInData
        self.sourcePath = sourcePath
        self.knownDigests = knownDigests
    }
}

/// Size and lowercase hex SHA-256 / SHA-512 of a payload file.
public struct BundleFileDigests: Sendable, Equatable {
    public let size: Int64
    public let sha256: String
    public let sha512: String

    public init(size: Int64, sha256: String, sha512: String) {
        self.size = size
        self.sha256 = sha256
        self.sha512 = sha512
    }
}

/// Payload files for a bundle, yielded in ascending bytewise order of `pathInData`, without duplicates.
/// The writer calls `forEachFile` more than once (a hashing pass, then an archiving pass); each call must
/// yield the same files in the same order.
public protocol BundlePayloadSource: Sendable {
    func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError)
}

/// An in-memory list (any order; sorted by the writer) stays usable: small bundles and the tests.
extension Array: BundlePayloadSource where Element == BundlePayloadFile {
    public func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError) {
        if isSortedByPath {
            for file in self { try body(file) }
        } else {
            for file in sortedByPath() { try body(file) }
        }
    }

    /// Ascending bytewise by `pathInData` (not `String`'s `<`, which compares canonical equivalents as equal).
    func sortedByPath() -> [BundlePayloadFile] {
        isSortedByPath ? self : sorted { bytewisePrecedes($0.pathInData, $1.pathInData) }
    }

    private var isSortedByPath: Bool {
        indices.dropFirst().allSatisfy { !bytewisePrecedes(self[$0].pathInData, self[$0 - 1].pathInData) }
    }
}

func bytewisePrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// A tag file at the bag's top level besides the ones BagIt requires; listed in the tag manifests.
public enum BundleTagFile: Sendable {
    case bytes(name: String, contents: [UInt8])
    /// A tag file read from disk in slices (e.g. a delivery manifest of a million documents).
    case file(name: String, path: String)

    var name: String {
        switch self {
        case .bytes(let name, _), .file(let name, _): return name
        }
    }
}

/// Everything that decides a bundle's bytes. The same spec over the same file bytes gives a byte-identical
/// `<bundleID>.tar.zst` and `<bundleID>.tar.zst.p7s`, so nothing here may come from the clock or the environment.
public struct BundleSpec: Sendable {
    /// The bag's top folder inside the tar and the file name `<bundleID>.tar.zst`.
    public var bundleID: String
    public var sourceOrganization: String
    /// `YYYY-MM-DD`, the run date.
    public var baggingDate: String
    /// Run id plus bundle id, so a bag can be traced back to the run that made it.
    public var externalIdentifier: String
    /// e.g. `1 of 1`.
    public var bagCount: String
    /// Further `bag-info.txt` lines, written in this order after the standard ones.
    public var extraBagInfo: [(String, String)]
    /// Seconds since 1970 used as every tar entry's mtime (run date midnight UTC), never the wall clock.
    public var modificationTime: Int
    /// Payload files, read twice (hashing pass, archiving pass); an array may be in any order, the writer sorts it.
    public var files: any BundlePayloadSource
    /// Extra tag files at the bag's top level (e.g. `delivery-manifest.json`); listed in the tag manifests.
    public var tagFiles: [BundleTagFile]

    public init(bundleID: String, sourceOrganization: String, baggingDate: String, externalIdentifier: String,
                bagCount: String = "1 of 1", extraBagInfo: [(String, String)] = [], modificationTime: Int,
                files: any BundlePayloadSource, tagFiles: [BundleTagFile] = []) {
        self.bundleID = bundleID
        self.sourceOrganization = sourceOrganization
        self.baggingDate = baggingDate
        self.externalIdentifier = externalIdentifier
        self.bagCount = bagCount
        self.extraBagInfo = extraBagInfo
        self.modificationTime = modificationTime
        self.files = files
        self.tagFiles = tagFiles
    }
}

/// What `BundleWriter.write` produced, for the run report and the delivery manifest.
public struct BundleResult: Sendable, Equatable {
    /// `<directory>/<bundleID>.tar.zst`.
    public let path: String
    /// `<path>.p7s`, the detached DER CMS signature over the archive bytes.
    public let signaturePath: String
    /// Lowercase hex SHA-256 of the `.tar.zst` file.
    public let sha256: String
    /// Lowercase hex SHA-256 of the `.p7s` file.
    public let signatureSHA256: String
    public let payloadBytes: Int64
    public let payloadFiles: Int
    public let signerSubject: String
    /// SHA-256 of the signer certificate's DER, colon-separated uppercase hex (as `openssl x509 -fingerprint` prints).
    public let signerFingerprint: String
}
