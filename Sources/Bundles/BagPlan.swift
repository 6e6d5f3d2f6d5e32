/// A bag ready to be archived: payload files already hashed, bag-info lines fixed. Building the tag files
/// from this (rather than straight from the spec) lets tests make a signed bundle with a deliberately wrong
/// manifest or oxum and check that the verifier catches it.
struct BagPlan {
    struct Payload {
        var pathInData: String
        var sourcePath: String
        var digests: FileDigests
    }

    var bundleID: String
    var modificationTime: Int
    /// Sorted bytewise by `pathInData`.
    var payload: [Payload]
    var bagInfo: [(String, String)]
    var extraTagFiles: [(name: String, contents: [UInt8])]

    var payloadBytes: Int64 { payload.reduce(0) { $0 + $1.digests.size } }

    /// Checks the spec and hashes every payload file (one read pass each).
    static func make(_ spec: BundleSpec) throws(BundleError) -> BagPlan {
        try SpecValidation.check(spec)
        var payload: [Payload] = []
        payload.reserveCapacity(spec.files.count)
        for file in spec.files {
            do {
                payload.append(Payload(pathInData: file.pathInData, sourcePath: file.sourcePath,
                                       digests: try digestFile(at: file.sourcePath)))
            } catch {
                throw .unreadablePayload(path: file.sourcePath, reason: error.reason)
            }
        }
        payload.sort { Array($0.pathInData.utf8).lexicographicallyPrecedes(Array($1.pathInData.utf8)) }
        let bytes = payload.reduce(Int64(0)) { $0 + $1.digests.size }
        var info: [(String, String)] = [
            ("Source-Organization", spec.sourceOrganization),
            ("Bagging-Date", spec.baggingDate),
            ("Payload-Oxum", "\(bytes).\(payload.count)"),
            ("External-Identifier", spec.externalIdentifier),
            ("Bag-Count", spec.bagCount),
        ]
        info += spec.extraBagInfo
        return BagPlan(bundleID: spec.bundleID, modificationTime: spec.modificationTime, payload: payload,
                       bagInfo: info, extraTagFiles: spec.tagFiles)
    }

    /// Every tag file with its contents, tag manifests last since they hash the others.
    func tagFiles() -> [(name: String, contents: [UInt8])] {
        var files: [(name: String, contents: [UInt8])] = [
            ("bagit.txt", Array(BagText.bagitTxt.utf8)),
            ("bag-info.txt", BagText.bagInfo(bagInfo)),
            ("manifest-sha256.txt", BagText.manifest(payload.map { ("data/" + $0.pathInData, $0.digests.sha256) })),
            ("manifest-sha512.txt", BagText.manifest(payload.map { ("data/" + $0.pathInData, $0.digests.sha512) })),
        ]
        files += extraTagFiles
        let digests = files.map { ($0.name, digestBytes($0.contents)) }
        files.append(("tagmanifest-sha256.txt", BagText.manifest(digests.map { ($0.0, $0.1.sha256) })))
        files.append(("tagmanifest-sha512.txt", BagText.manifest(digests.map { ($0.0, $0.1.sha512) })))
        return files
    }

    /// Tar entries for the whole bag, folders included, sorted bytewise by name (parents sort before children).
    func tarEntries() -> [TarEntry] {
        let top = bundleID + "/"
        var directories: Set<String> = [top, top + "data/"]
        var entries: [TarEntry] = []
        for file in payload {
            let components = file.pathInData.split(separator: "/")
            var folder = top + "data/"
            for component in components.dropLast() {
                folder += component + "/"
                directories.insert(folder)
            }
            entries.append(TarEntry(name: top + "data/" + file.pathInData,
                                    content: .file(path: file.sourcePath, size: file.digests.size)))
        }
        for tag in tagFiles() {
            entries.append(TarEntry(name: top + tag.name, content: .bytes(tag.contents)))
        }
        entries += directories.map { TarEntry(name: $0, content: .directory) }
        return entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }
}

private func digestBytes(_ bytes: [UInt8]) -> FileDigests {
    var hasher = DualHasher()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.finalize()
}
