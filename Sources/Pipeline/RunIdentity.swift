import Crypto
import Foundation
import Journal
import Templates

/// What makes a run the run it is: the template (every file of its folder), the input bytes, the run date,
/// the options that shape output, and the fonts and hyphenation patterns it resolves (`FontIdentity`). Two runs with the same identity make the same bytes, which is what
/// lets a killed run resume and a reprint prove itself.
package struct RunIdentity: Sendable, Equatable {
    package let runID: String
    package let templateHash: String
    package let inputHash: String
    package let inputBytes: Int
    /// The output-shaping options as JSON (sorted keys), as the journal keeps them.
    package let options: String

    static func compute(options: RunOptions, template: CompiledTemplate, engine: String, fonts: String) throws(RunError) -> RunIdentity {
        let templateHash = try FileHashing.template(template)
        let (inputHash, inputBytes) = try FileHashing.file(options.inputPath)
        var shaping = ["mode": options.mode.rawValue, "run_date": options.runDate.iso, "stream_file": options.streamFileName]
        if let channel = options.channelOverride { shaping["channel"] = channel.rawValue }
        if options.pdfWriter != .direct { shaping["pdf_writer"] = options.pdfWriter.rawValue }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let optionsJSON = (try? String(decoding: encoder.encode(shaping), as: UTF8.self)) ?? "{}"
        let key = [engine, templateHash, inputHash, optionsJSON, "fonts " + fonts].joined(separator: "\n")
        let digest = SHA256.hash(data: Data(key.utf8)).hex
        let runID = options.runDate.iso.replacingOccurrences(of: "-", with: "") + "-" + digest.prefix(12)
        return RunIdentity(runID: runID, templateHash: templateHash, inputHash: inputHash, inputBytes: inputBytes, options: optionsJSON)
    }
}

/// SHA-256 of files and folders, read in slices (an input may be many gigabytes).
package enum FileHashing {
    package static func file(_ path: String) throws(RunError) -> (hex: String, bytes: Int) {
        var hasher = SHA256()
        let bytes = try stream(path) { hasher.update(data: $0) }
        return (hasher.finalize().hex, bytes)
    }

    package static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hex
    }

    /// SHA-256 and SHA-512 in one read (a document's manifests in its bundle need both).
    package static func digests(_ path: String) throws(RunError) -> (sha256: String, sha512: String, bytes: Int) {
        var sha256 = SHA256()
        var sha512 = SHA512()
        let bytes = try stream(path) { data in
            sha256.update(data: data)
            sha512.update(data: data)
        }
        return (sha256.finalize().hex, sha512.finalize().hex, bytes)
    }

    /// The template's folder and, when it has some, the files and folders outside it that it reads (an
    /// assets folder, shared components): the hash is the folder's alone when there are none, so runs of
    /// templates that read nothing outside keep their identity.
    package static func template(_ template: CompiledTemplate) throws(RunError) -> String {
        let own = try folder((template.file as NSString).deletingLastPathComponent)
        guard !template.dependencies.isEmpty else { return own }
        var hasher = SHA256()
        hasher.update(data: Data("template\t\(own)\n".utf8))
        for path in template.dependencies {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .input("the template reads \(path), which is gone: restore it")
            }
            let hex = isDirectory.boolValue ? try folder(path) : try file(path).hex
            hasher.update(data: Data("\(path)\t\(hex)\n".utf8))
        }
        return hasher.finalize().hex
    }

    /// Every regular file under `folder` (hidden ones excluded), in sorted order, with its relative path.
    package static func folder(_ folder: String) throws(RunError) -> String {
        let root = folder.isEmpty ? "." : folder
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw .input("cannot read the template folder \(root)")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "__pycache__" { enumerator.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        var hasher = SHA256()
        for relative in files.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let (hex, bytes) = try file(root + "/" + relative)
            hasher.update(data: Data("\(relative)\t\(bytes)\t\(hex)\n".utf8))
        }
        return hasher.finalize().hex
    }

    @discardableResult
    static func stream(_ path: String, _ body: (Data) -> Void) throws(RunError) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let code = errno
            throw .input("cannot read \(path): \(String(cString: strerror(code)))",
                         cause: POSIXErrorCode(rawValue: code).map { POSIXError($0) })
        }
        defer { try? handle.close() }
        var total = 0
        while true {
            let slice: Data
            do { slice = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw .input("cannot read \(path): \(error.localizedDescription)", cause: error)
            }
            if slice.isEmpty { return total }
            total += slice.count
            body(slice)
        }
    }
}
