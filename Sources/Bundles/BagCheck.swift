/// BagIt 1.0 rules applied to a scanned archive, in a fixed order: bagit.txt, bag-info.txt, payload manifests,
/// tag manifests, Payload-Oxum. The first broken rule is reported with the file and line it is in.
enum BagCheck {
    static let requiredBagInfo = ["Source-Organization", "Bagging-Date", "Payload-Oxum", "External-Identifier", "Bag-Count"]

    struct Payload {
        let files: Int
        let bytes: Int64
    }

    static func check(_ bag: BagScan) throws(BundleVerificationError) -> Payload {
        try checkDeclaration(bag)
        let info = try bagInfo(bag)
        let payload = bag.files.filter { $0.key.hasPrefix("data/") }
        guard bag.directories.contains("data") || !payload.isEmpty else {
            throw .bag("the bag has no data/ folder; it is not a BagIt bag")
        }

        let manifests = bag.tagContents.keys.filter { $0.hasPrefix("manifest-") }.sorted()
        guard !manifests.isEmpty else { throw .bag("the bag has no manifest-<algorithm>.txt; its payload cannot be checked") }
        for manifest in manifests {
            let listed = try checkManifest(manifest, in: bag, scope: "payload") { $0.hasPrefix("data/") }
            if let unlisted = payload.keys.sorted().first(where: { !listed.contains($0) }) {
                throw .bag("\(manifest): \(unlisted) is in the payload but not listed")
            }
        }
        for manifest in bag.tagContents.keys.filter({ $0.hasPrefix("tagmanifest-") }).sorted() {
            _ = try checkManifest(manifest, in: bag, scope: "tag") { !$0.hasPrefix("data/") && !$0.hasPrefix("tagmanifest-") }
        }

        let bytes = payload.values.reduce(Int64(0)) { $0 + $1.size }
        let actual = "\(bytes).\(payload.count)"
        if let oxum = info["Payload-Oxum"], oxum != actual {
            throw .bag("Payload-Oxum says \(oxum) but the payload holds \(actual) (bytes.files)")
        }
        return Payload(files: payload.count, bytes: bytes)
    }

    private static func checkDeclaration(_ bag: BagScan) throws(BundleVerificationError) {
        guard let bytes = bag.tagContents["bagit.txt"] else { throw .bag("bagit.txt is missing; this is not a BagIt bag") }
        let labels = try BagText.parseLabels(bytes, file: "bagit.txt")
        guard let version = labels.first(where: { $0.0 == "BagIt-Version" })?.1 else {
            throw .bag("bagit.txt: BagIt-Version is missing")
        }
        guard ["1.0", "0.97"].contains(version) else { throw .bag("bagit.txt: BagIt-Version \(version) is not supported (1.0)") }
        guard let encoding = labels.first(where: { $0.0 == "Tag-File-Character-Encoding" })?.1 else {
            throw .bag("bagit.txt: Tag-File-Character-Encoding is missing")
        }
        guard encoding.uppercased() == "UTF-8" else {
            throw .bag("bagit.txt: Tag-File-Character-Encoding is \(encoding); bundles use UTF-8")
        }
    }

    private static func bagInfo(_ bag: BagScan) throws(BundleVerificationError) -> [String: String] {
        guard let bytes = bag.tagContents["bag-info.txt"] else { throw .bag("bag-info.txt is missing") }
        var info: [String: String] = [:]
        for (label, value) in try BagText.parseLabels(bytes, file: "bag-info.txt") where info[label] == nil {
            info[label] = value
        }
        for label in requiredBagInfo where (info[label] ?? "").isEmpty {
            throw .bag("bag-info.txt: \(label) is missing")
        }
        if let oxum = info["Payload-Oxum"] {
            let parts = oxum.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int64($0) != nil }) else {
                throw .bag("bag-info.txt: Payload-Oxum \"\(oxum)\" is not <bytes>.<files>")
            }
        }
        return info
    }

    /// Checks every line of one manifest and returns the paths it lists.
    private static func checkManifest(_ manifest: String, in bag: BagScan, scope: String,
                                      allowed: (String) -> Bool) throws(BundleVerificationError) -> Set<String> {
        let prefix = manifest.hasPrefix("tagmanifest-") ? "tagmanifest-" : "manifest-"
        let algorithm = String(manifest.dropFirst(prefix.count).dropLast(".txt".count))
        guard BagText.digestAlgorithms.contains(algorithm) else {
            throw .bag("\(manifest): algorithm \(algorithm) is not supported (\(BagText.digestAlgorithms.joined(separator: ", ")))")
        }
        guard let text = String(validating: bag.tagContents[manifest] ?? [], as: UTF8.self) else {
            throw .bag("\(manifest): not valid UTF-8")
        }
        var listed = Set<String>()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            guard let entry = BagText.parseManifestLine(line) else {
                throw .bag("\(manifest) line \(number + 1): expected \"<checksum> <path>\"")
            }
            let path = entry.path
            guard allowed(path) else { throw .bag("\(manifest) line \(number + 1): \(path) is not a \(scope) file") }
            guard listed.insert(path).inserted else { throw .bag("\(manifest): \(path) is listed twice") }
            guard let digests = bag.files[path] else {
                throw .bag("\(manifest): \(path) is listed but not in the bag")
            }
            let actual = algorithm == "sha256" ? digests.sha256 : digests.sha512
            guard entry.checksum == actual else { throw .bag("\(manifest): \(path): checksum mismatch") }
        }
        return listed
    }
}
