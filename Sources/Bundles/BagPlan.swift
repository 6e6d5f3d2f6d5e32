/// A bag after the hashing pass: payload totals and bag-info lines fixed, both payload manifests and a ledger
/// of the payload (size and path of each file, in order) written to scratch files. Nothing in it grows with the
/// payload count. Building the tag files from this (rather than straight from the spec) lets tests make a signed
/// bundle with a deliberately wrong oxum, or with payload bytes that changed between the passes, and check that
/// the verifier catches it.
struct BagPlan {
    var bundleID: String
    var modificationTime: Int
    /// Read again by the archiving pass, which must yield the files the hashing pass saw.
    var files: any BundlePayloadSource
    var payloadFiles: Int
    var payloadBytes: Int64
    var bagInfo: [(String, String)]
    var extraTagFiles: [BundleTagFile]
    let scratch: BagScratch

    /// Checks the spec, then streams the payload once: checks each path, hashes each file (one read pass each)
    /// and appends its manifest lines and ledger record to scratch files in `scratchDirectory`.
    static func make(_ spec: BundleSpec, scratchDirectory: String) throws(BundleError) -> BagPlan {
        try SpecValidation.check(spec)
        do { try makeDirectory(scratchDirectory, mode: 0o755) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
        // A list is sorted once here, not on each pass.
        var files = spec.files
        if let list = files as? [BundlePayloadFile] { files = list.sortedByPath() }
        let scratch: BagScratch
        do { scratch = try BagScratch(directory: scratchDirectory, bundleID: spec.bundleID) } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        var order = PayloadOrderCheck()
        var count = 0
        var bytes: Int64 = 0
        try files.forEachFile { (file: BundlePayloadFile) throws(BundleError) in
            try order.accept(file.pathInData)
            let digests: FileDigests
            do throws(IOFailure) {
                if let known = file.knownDigests {
                    // Trusted as given, but the size must still be the file's (the archiving pass checks it again).
                    let size = try ReadableFile(path: file.sourcePath).regularFileSize()
                    guard size == known.size else {
                        throw IOFailure(path: file.sourcePath, reason: "holds \(size) bytes, but its known digests are for \(known.size)")
                    }
                    digests = FileDigests(size: known.size, sha256: known.sha256, sha512: known.sha512)
                } else {
                    digests = try digestFile(at: file.sourcePath)
                }
            } catch {
                throw .unreadablePayload(path: file.sourcePath, reason: error.reason)
            }
            try scratch.record(pathInData: file.pathInData, digests: digests)
            count += 1
            bytes += digests.size
        }
        do { try scratch.finishWriting() } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
        var info: [(String, String)] = [
            ("Source-Organization", spec.sourceOrganization),
            ("Bagging-Date", spec.baggingDate),
            ("Payload-Oxum", "\(bytes).\(count)"),
            ("External-Identifier", spec.externalIdentifier),
            ("Bag-Count", spec.bagCount),
        ]
        info += spec.extraBagInfo
        return BagPlan(bundleID: spec.bundleID, modificationTime: spec.modificationTime, files: files,
                       payloadFiles: count, payloadBytes: bytes, bagInfo: info, extraTagFiles: spec.tagFiles,
                       scratch: scratch)
    }

    /// A top-level tag file: its tar content (bytes, or a file streamed from disk) and its digests.
    struct TagFile {
        var name: String
        var content: TarEntry.Content
        var digests: FileDigests
    }

    /// Every tag file, tag manifests included (they hash the others), sorted bytewise by name.
    /// `.file` tag files are hashed here in one streaming read; the archive copy checks the size did not change.
    func tagFiles() throws(BundleError) -> [TagFile] {
        let bagit = Array(BagText.bagitTxt.utf8), info = BagText.bagInfo(bagInfo)
        var files: [TagFile] = [
            TagFile(name: "bagit.txt", content: .bytes(bagit), digests: digestBytes(bagit)),
            TagFile(name: "bag-info.txt", content: .bytes(info), digests: digestBytes(info)),
        ]
        for (name, manifest) in [("manifest-sha256.txt", scratch.manifestSHA256), ("manifest-sha512.txt", scratch.manifestSHA512)] {
            files.append(TagFile(name: name, content: .file(path: manifest.path, size: manifest.size), digests: manifest.digests()))
        }
        for tag in extraTagFiles {
            switch tag {
            case .bytes(let name, let contents):
                files.append(TagFile(name: name, content: .bytes(contents), digests: digestBytes(contents)))
            case .file(let name, let path):
                let digests: FileDigests
                do { digests = try digestFile(at: path) } catch { throw .unreadablePayload(path: path, reason: error.reason) }
                files.append(TagFile(name: name, content: .file(path: path, size: digests.size), digests: digests))
            }
        }
        let sha256 = BagText.manifest(files.map { ($0.name, $0.digests.sha256) })
        let sha512 = BagText.manifest(files.map { ($0.name, $0.digests.sha512) })
        files.append(TagFile(name: "tagmanifest-sha256.txt", content: .bytes(sha256), digests: digestBytes(sha256)))
        files.append(TagFile(name: "tagmanifest-sha512.txt", content: .bytes(sha512), digests: digestBytes(sha512)))
        return files.sorted { bytewisePrecedes($0.name, $1.name) }
    }

    /// The whole bag into `tar`, every name in bytewise order (parents before children), as if all entries had
    /// been sorted: the top folder, tag files sorting before `data/`, `data/` and the payload streamed from the
    /// source (each folder emitted when its first file arrives), then the remaining tag files.
    func archive(into tar: TarWriter) throws(BundleError) {
        let top = bundleID + "/"
        let tags = try tagFiles()
        // A tag name has no "/" and is never "data", so it sorts before every data/… entry exactly when it sorts before "data/".
        let split = tags.firstIndex { !bytewisePrecedes($0.name, "data/") } ?? tags.endIndex
        try tar.append(TarEntry(name: top, content: .directory))
        for tag in tags[..<split] { try tar.append(TarEntry(name: top + tag.name, content: tag.content)) }
        try tar.append(TarEntry(name: top + "data/", content: .directory))
        try archivePayload(into: tar, data: top + "data/")
        for tag in tags[split...] { try tar.append(TarEntry(name: top + tag.name, content: tag.content)) }
    }

    /// The archiving pass: the source must yield the paths of the ledger, in the same order; sizes come from the
    /// ledger (what was hashed), and the tar writer fails if a file no longer has that size.
    private func archivePayload(into tar: TarWriter, data: String) throws(BundleError) {
        let ledger: BufferedReader
        do { ledger = try BufferedReader(path: scratch.ledger.path) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
        let expectedCount = payloadFiles
        var count = 0
        /// Folders (path components) of the previous file, each already in the archive.
        var folders: [Substring] = []
        try files.forEachFile { (file: BundlePayloadFile) throws(BundleError) in
            guard let record = try BagScratch.nextRecord(ledger) else {
                throw .invalidSpec("the payload list changed between the hashing and the archiving pass: data/\(file.pathInData) was not yielded the first time (which yielded \(expectedCount) files)")
            }
            count += 1
            guard file.pathInData.utf8.elementsEqual(record.path) else {
                throw .invalidSpec("the payload list changed between the hashing and the archiving pass: file \(count) is data/\(file.pathInData), it was data/\(String(decoding: record.path, as: UTF8.self))")
            }
            let components = file.pathInData.split(separator: "/")
            let parents = components.dropLast()
            var common = 0
            while common < folders.count, common < parents.count,
                  folders[common].utf8.elementsEqual(parents[common].utf8) { common += 1 }
            folders.removeLast(folders.count - common)
            var folder = data + folders.joined(separator: "/") + (folders.isEmpty ? "" : "/")
            for component in parents.dropFirst(common) {
                folder += component
                folder += "/"
                folders.append(component)
                try tar.append(TarEntry(name: folder, content: .directory))
            }
            try tar.append(TarEntry(name: data + file.pathInData, content: .file(path: file.sourcePath, size: record.size)))
        }
        guard count == expectedCount, try BagScratch.nextRecord(ledger) == nil else {
            throw .invalidSpec("the payload list changed between the hashing and the archiving pass: the archiving pass yielded \(count) files, the hashing pass \(expectedCount)")
        }
    }
}

/// The hashing pass's scratch files: both payload manifests, exactly as they go into the bag, and the ledger
/// the archiving pass checks its source against (per file: size as 8 bytes, path length as 4 bytes, path; little endian).
final class BagScratch {
    let manifestSHA256: ScratchFile
    let manifestSHA512: ScratchFile
    let ledger: ScratchFile

    init(directory: String, bundleID: String) throws(IOFailure) {
        manifestSHA256 = try ScratchFile(directory: directory, bundleID: bundleID, role: "manifest-sha256")
        manifestSHA512 = try ScratchFile(directory: directory, bundleID: bundleID, role: "manifest-sha512")
        ledger = try ScratchFile(directory: directory, bundleID: bundleID, role: "ledger")
    }

    /// Manifest lines sorted bytewise by path, since payload paths arrive sorted (see `BagText.manifest`).
    func record(pathInData: String, digests: FileDigests) throws(BundleError) {
        let path = BagText.encodePath("data/" + pathInData)
        do {
            try manifestSHA256.append("\(digests.sha256)  \(path)\n".utf8)
            try manifestSHA512.append("\(digests.sha512)  \(path)\n".utf8)
            try ledger.append(littleEndianBytes(UInt64(digests.size)))
            try ledger.append(littleEndianBytes(UInt32(pathInData.utf8.count)))
            try ledger.append(pathInData.utf8)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
    }

    func finishWriting() throws(IOFailure) {
        for file in [manifestSHA256, manifestSHA512, ledger] { try file.finishWriting() }
    }

    func remove() {
        for file in [manifestSHA256, manifestSHA512, ledger] { file.remove() }
    }

    static func nextRecord(_ reader: BufferedReader) throws(BundleError) -> (size: Int64, path: [UInt8])? {
        do throws(IOFailure) {
            guard let size = try reader.read(8) else { return nil }
            guard let length = try reader.read(4), let path = try reader.read(Int(littleEndianValue(length))) else {
                throw IOFailure(path: "payload ledger", reason: "truncated")
            }
            return (Int64(littleEndianValue(size)), path)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
    }
}

private func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}

private func littleEndianValue(_ bytes: [UInt8]) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
}

func digestBytes(_ bytes: [UInt8]) -> FileDigests {
    var hasher = DualHasher()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.finalize()
}
