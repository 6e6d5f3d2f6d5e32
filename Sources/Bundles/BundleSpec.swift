/// One payload file of a bundle: where it sits inside the bag's `data/` folder and where it is on disk.
package struct BundlePayloadFile: Sendable, Equatable {
    /// Path relative to `data/`, with `/` separators, e.g. `documents/100000175.pdf`.
    package let pathInData: String
    /// The file on disk whose bytes are bundled; it is read twice (hash, then archive) and must not change meanwhile.
    package let sourcePath: String
    /// Digests the caller already has (a run hashes each document as it writes it, on all cores): the
    /// writer then only checks the file's size and reads it once, to archive it.
    package let knownDigests: BundleFileDigests?

    package init(pathInData: String, sourcePath: String, knownDigests: BundleFileDigests? = nil) {
        self.pathInData = pathInData
        self.sourcePath = sourcePath
        self.knownDigests = knownDigests
    }
}

/// Size and lowercase hex SHA-256 / SHA-512 of a payload file.
package struct BundleFileDigests: Sendable, Equatable {
    package let size: Int64
    package let sha256: String
    package let sha512: String

    package init(size: Int64, sha256: String, sha512: String) {
        self.size = size
        self.sha256 = sha256
        self.sha512 = sha512
    }
}

/// Payload files for a bundle, yielded in ascending bytewise order of `pathInData`, without duplicates.
/// The writer calls `forEachFile` more than once (a hashing pass, then an archiving pass); each call must
/// yield the same files in the same order.
package protocol BundlePayloadSource: Sendable {
    func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError)
}

/// An in-memory list (any order; sorted by the writer) stays usable: small bundles and the tests.
extension Array: BundlePayloadSource where Element == BundlePayloadFile {
    package func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError) {
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
package enum BundleTagFile: Sendable {
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
package struct BundleSpec: Sendable {
    /// The bag's top folder inside the tar and the file name `<bundleID>.tar.zst`.
    package var bundleID: String
    package var sourceOrganization: String
    /// `YYYY-MM-DD`, the run date.
    package var baggingDate: String
    /// Run id plus bundle id, so a bag can be traced back to the run that made it.
    package var externalIdentifier: String
    /// e.g. `1 of 1`.
    package var bagCount: String
    /// Further `bag-info.txt` lines, written in this order after the standard ones.
    package var extraBagInfo: [(String, String)]
    /// Seconds since 1970 used as every tar entry's mtime (run date midnight UTC), never the wall clock.
    package var modificationTime: Int
    /// Payload files, read twice (hashing pass, archiving pass); an array may be in any order, the writer sorts it.
    package var files: any BundlePayloadSource
    /// Extra tag files at the bag's top level (e.g. `delivery-manifest.json`); listed in the tag manifests.
    package var tagFiles: [BundleTagFile]

    package init(bundleID: String, sourceOrganization: String, baggingDate: String, externalIdentifier: String,
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
package struct BundleResult: Sendable, Equatable {
    /// `<directory>/<bundleID>.tar.zst`.
    package let path: String
    /// `<path>.p7s`, the detached DER CMS signature over the archive bytes.
    package let signaturePath: String
    /// Lowercase hex SHA-256 of the `.tar.zst` file.
    package let sha256: String
    /// Lowercase hex SHA-256 of the `.p7s` file.
    package let signatureSHA256: String
    package let payloadBytes: Int64
    package let payloadFiles: Int
    package let signerSubject: String
    /// SHA-256 of the signer certificate's DER, colon-separated uppercase hex (as `openssl x509 -fingerprint` prints).
    package let signerFingerprint: String
}
