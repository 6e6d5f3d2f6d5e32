/// Rejects specs that would make a bag other tools cannot unpack or that could write outside the bag.
/// Everything but the payload paths is checked before any file is read; payload paths are checked one by one
/// as the source yields them (`PayloadOrderCheck`), since the list may be far too long to hold.
enum SpecValidation {
    static let generatedLabels: Set<String> = ["source-organization", "bagging-date", "payload-oxum",
                                                "external-identifier", "bag-count"]
    static let reservedTagNames: Set<String> = ["bagit.txt", "bag-info.txt", "data", "fetch.txt"]

    static func check(_ spec: BundleSpec) throws(BundleError) {
        let id = spec.bundleID
        guard !id.isEmpty, id != ".", id != "..", !id.contains("/"), !id.contains("\0") else {
            throw .invalidSpec("bundle id \"\(id)\" cannot be a folder and file name; use letters, digits, - and _")
        }
        guard isDate(spec.baggingDate) else {
            throw .invalidSpec("Bagging-Date \"\(spec.baggingDate)\" is not YYYY-MM-DD")
        }
        guard spec.modificationTime >= 0, spec.modificationTime < 0o77777777777 else {
            throw .invalidSpec("modification time \(spec.modificationTime) does not fit a tar header")
        }
        for (label, value) in [("Source-Organization", spec.sourceOrganization),
                               ("External-Identifier", spec.externalIdentifier), ("Bag-Count", spec.bagCount)] {
            try checkValue(value, label: label)
        }
        for (label, value) in spec.extraBagInfo {
            guard !label.isEmpty, !label.contains(":"), !label.contains(where: \.isNewline),
                  label.first != " ", label.first != "\t" else {
                throw .invalidSpec("bag-info label \"\(label)\" must be non-empty, without colons or line breaks")
            }
            guard !generatedLabels.contains(label.lowercased()) else {
                throw .invalidSpec("bag-info label \"\(label)\" is written by the bundle writer; remove it from extraBagInfo")
            }
            try checkValue(value, label: label)
        }
        var tagNames = Set<String>()
        for tag in spec.tagFiles {
            let name = tag.name
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0"),
                  !name.contains(where: \.isNewline) else {
                throw .invalidSpec("tag file name \"\(name)\" must be a plain file name without folders")
            }
            guard !reservedTagNames.contains(name), !name.hasPrefix("manifest-"), !name.hasPrefix("tagmanifest-") else {
                throw .invalidSpec("tag file name \"\(name)\" is reserved by BagIt; choose another name")
            }
            guard tagNames.insert(name).inserted else { throw .invalidSpec("tag file \(name) is listed twice") }
        }
    }

    private static func checkValue(_ value: String, label: String) throws(BundleError) {
        guard !value.contains(where: \.isNewline) else {
            throw .invalidSpec("bag-info value of \(label) contains a line break; bag-info values are single lines")
        }
    }

    static func checkPayloadPath(_ path: String) throws(BundleError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let bad = path.isEmpty || path.contains("\0") || components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
        if bad {
            throw .invalidSpec("payload path \"\(path)\" must be relative to data/, without empty, . or .. parts")
        }
    }

    private static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let digits = bytes.enumerated().filter { $0.offset != 4 && $0.offset != 7 }.map(\.element)
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let month = Int(text.dropFirst(5).prefix(2))!, day = Int(text.suffix(2))!
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

/// Checks payload paths as they stream past, keeping only what the latest path needs: each path is valid,
/// comes bytewise after the previous one (so there are no duplicates), and no earlier file is one of its folders.
struct PayloadOrderCheck {
    private var previous: String?
    /// Earlier payload files whose path is a prefix of the latest path, shortest first. Paths with a common
    /// prefix are contiguous in sorted order, so a file that is not a prefix of the latest path can never be a
    /// folder of a later one; the chain is at most as long as one path.
    private var prefixFiles: [String] = []

    mutating func accept(_ path: String) throws(BundleError) {
        try SpecValidation.checkPayloadPath(path)
        if let previous {
            if previous.utf8.elementsEqual(path.utf8) {
                throw .invalidSpec("payload path data/\(path) is listed twice")
            }
            guard bytewisePrecedes(previous, path) else {
                throw .invalidSpec("payload source yielded data/\(path) after data/\(previous); payload files must come in ascending bytewise order of their path")
            }
        }
        while let last = prefixFiles.last, !path.utf8.starts(with: last.utf8) { prefixFiles.removeLast() }
        // "a" as a file and "a/b" as a file cannot both be extracted.
        for prefix in prefixFiles where path.utf8.dropFirst(prefix.utf8.count).first == UInt8(ascii: "/") {
            throw .invalidSpec("payload path data/\(prefix) is a file but data/\(path) needs it to be a folder")
        }
        prefixFiles.append(path)
        previous = path
    }
}
