/// One streaming pass over the archive: checks every tar member's name, hashes every file's contents
/// (SHA-256 and SHA-512 together) and keeps only the small tag files the bag checks need to parse.
struct BagScan {
    /// The bag's top folder, which is also the bundle id.
    var top = ""
    /// Paths relative to the top folder (`data/documents/a.pdf`, `bagit.txt`).
    var files: [String: FileDigests] = [:]
    var directories: Set<String> = []
    /// Contents of bagit.txt, bag-info.txt and the (tag)manifests at the top level.
    var tagContents: [String: [UInt8]] = [:]

    /// Manifests grow with the file count; anything past this is not a bundle we wrote.
    static let maxTagFileSize: Int64 = 512 << 20

    static func scan(archive path: String) throws(BundleVerificationError) -> BagScan {
        let file: ReadableFile
        do { file = try ReadableFile(path: path) } catch { throw .unreadable(path: error.path, reason: error.reason) }
        let tar = TarReader(stream: try ZstdReader(file: file))
        var result = BagScan()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ioChunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while let member = try tar.next() {
            let relative = try result.place(member)
            guard member.kind == .file, let relative else { continue }
            let keep = isParsedTagFile(relative)
            if keep && member.size > maxTagFileSize {
                throw .archive("\(member.name) is \(member.size) bytes; too large for a tag file")
            }
            var hasher = DualHasher()
            var kept: [UInt8] = []
            while true {
                let n = try tar.read(into: buffer)
                if n == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                hasher.update(chunk)
                if keep { kept += chunk }
            }
            result.files[relative] = hasher.finalize()
            if keep { result.tagContents[relative] = kept }
        }
        if result.top.isEmpty { throw .archive("the archive holds no entries; it is not a bundle") }
        try result.checkNoFileIsAFolder()
        return result
    }

    private static func isParsedTagFile(_ relative: String) -> Bool {
        guard !relative.contains("/"), relative.hasSuffix(".txt") else { return false }
        return relative == "bagit.txt" || relative == "bag-info.txt"
            || relative.hasPrefix("manifest-") || relative.hasPrefix("tagmanifest-")
    }

    /// Checks a member's name and records it; returns the path relative to the top folder (nil for the top itself).
    private mutating func place(_ member: TarReader.Member) throws(BundleVerificationError) -> String? {
        let name = member.name
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) || name.contains("\0") {
            throw .archive("entry \"\(name)\" at byte \(member.offset) escapes the bag (absolute path, empty, . or .. part)")
        }
        let first = String(components[0])
        if top.isEmpty { top = first }
        guard first == top else {
            throw .archive("entry \"\(name)\" at byte \(member.offset) is outside the bag folder \(top)/")
        }
        if components.count == 1 {
            guard member.kind == .directory else { throw .archive("\(name) at byte \(member.offset) must be the bag folder, not a file") }
            guard directories.insert("").inserted else { throw .archive("duplicate entry \(name)/ at byte \(member.offset)") }
            return nil
        }
        let relative = components.dropFirst().joined(separator: "/")
        let duplicate = files[relative] != nil || directories.contains(relative)
        if duplicate { throw .archive("duplicate entry \(name) at byte \(member.offset)") }
        switch member.kind {
        case .directory: directories.insert(relative)
        // A placeholder until the contents are hashed, so a later duplicate is caught even for an empty file.
        case .file: files[relative] = FileDigests(size: member.size, sha256: "", sha512: "")
        }
        return relative
    }

    /// "a" as a file and "a/b" as an entry cannot both be extracted.
    private func checkNoFileIsAFolder() throws(BundleVerificationError) {
        for path in Array(files.keys) + Array(directories) {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if files[String(prefix)] != nil {
                    throw .archive("\(top)/\(prefix) is a file but \(top)/\(path) needs it to be a folder")
                }
            }
        }
    }
}
