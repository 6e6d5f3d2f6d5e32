/// The text formats of BagIt 1.0 (RFC 8493) tag files, shared by the writer and the verifier.
enum BagText {
    static let bagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    static let digestAlgorithms = ["sha256", "sha512"]

    /// RFC 8493 §2.1.3: CR, LF and % in a manifest path are written %0D, %0A and %25 so each entry stays one line.
    static func encodePath(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Reverses `encodePath`; other `%xx` sequences are left alone, as the RFC only defines these three.
    static func decodePath(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var out = ""
        var rest = Substring(path)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let code = rest[percent...].prefix(3).uppercased()
            switch code {
            case "%25": out += "%"
            case "%0D": out += "\r"
            case "%0A": out += "\n"
            default: out += code.count == 3 ? String(rest[percent...].prefix(3)) : String(rest[percent...])
            }
            rest = rest[percent...].dropFirst(min(3, rest[percent...].count))
        }
        return out + rest
    }

    /// `checksum  path` lines sorted bytewise by path; two spaces as `sha256sum` and bagit-python write them.
    static func manifest(_ entries: [(path: String, checksum: String)]) -> [UInt8] {
        let sorted = entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        var text = ""
        for entry in sorted { text += "\(entry.checksum)  \(encodePath(entry.path))\n" }
        return Array(text.utf8)
    }

    static func bagInfo(_ lines: [(String, String)]) -> [UInt8] {
        Array(lines.map { "\($0.0): \($0.1)\n" }.joined().utf8)
    }

    /// `label: value` lines of bagit.txt or bag-info.txt; a line starting with whitespace continues the previous value.
    static func parseLabels(_ bytes: [UInt8], file: String) throws(BundleVerificationError) -> [(String, String)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .bag("\(file): not valid UTF-8")
        }
        var result: [(String, String)] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            if line.first == " " || line.first == "\t" {
                guard !result.isEmpty else { throw .bag("\(file) line \(number + 1): continuation line without a label") }
                result[result.count - 1].1 += " " + line.drop { $0 == " " || $0 == "\t" }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw .bag("\(file) line \(number + 1): expected \"Label: value\", found \"\(line)\"")
            }
            let label = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            result.append((label, value))
        }
        return result
    }

    /// One manifest line split into checksum and (decoded) path; RFC 8493 allows any run of spaces or tabs between them.
    static func parseManifestLine(_ line: Substring) -> (checksum: String, path: String)? {
        guard let gap = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let checksum = String(line[..<gap])
        let path = line[gap...].drop { $0 == " " || $0 == "\t" }
        guard !checksum.isEmpty, !path.isEmpty else { return nil }
        return (checksum.lowercased(), decodePath(String(path)))
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
