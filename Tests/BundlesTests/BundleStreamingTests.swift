import Foundation
import Synchronization
import XCTest
@testable import Bundles

/// Payload files computed from an index on each pass, never held as a list: `<folder>/<index>.pdf` with source
/// `<directory>/src-<index>`, in bytewise order because the numbers are zero-padded.
private struct GeneratedSource: BundlePayloadSource {
    let directory: String
    let count: Int

    static func path(_ index: Int) -> String {
        String(format: "batch-%02d/%06d.pdf", index / 10, index)
    }

    func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError) {
        for index in 0..<count {
            try body(BundlePayloadFile(pathInData: GeneratedSource.path(index), sourcePath: "\(directory)/src-\(index)"))
        }
    }
}

/// Yields the given paths exactly as listed (no sorting), or a different list on the second and later passes.
private final class ScriptedSource: BundlePayloadSource {
    let first: [BundlePayloadFile]
    let later: [BundlePayloadFile]
    let passes = Mutex(0)

    init(first: [BundlePayloadFile], later: [BundlePayloadFile]? = nil) {
        self.first = first
        self.later = later ?? first
    }

    func forEachFile(_ body: (BundlePayloadFile) throws(BundleError) -> Void) throws(BundleError) {
        let pass = passes.withLock { count in
            count += 1
            return count
        }
        for file in pass == 1 ? first : later { try body(file) }
    }
}

final class BundleStreamingTests: XCTestCase {
    private var dir = ""
    private var identity: SigningIdentity!

    override func setUpWithError() throws {
        dir = try Fixture.temporaryDirectory()
        identity = try Fixture.identity(in: dir)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func spec(_ files: any BundlePayloadSource, tagFiles: [BundleTagFile] = []) -> BundleSpec {
        BundleSpec(bundleID: "S-1", sourceOrganization: "Inkstream Tests", baggingDate: "2026-01-01",
                   externalIdentifier: "run-7 S-1", modificationTime: 1_767_225_600, files: files, tagFiles: tagFiles)
    }

    /// Files with these paths and small distinct contents; returned in the order given.
    private func payload(_ paths: [String]) throws -> [BundlePayloadFile] {
        try paths.enumerated().map { index, path in
            let source = "\(dir)/p-\(index)"
            try Data(Fixture.bytes(count: 10 + index, seed: UInt64(index + 1))).write(to: URL(fileURLWithPath: source))
            return BundlePayloadFile(pathInData: path, sourcePath: source)
        }
    }

    private func contents(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    private func assertInvalidSpec(_ spec: BundleSpec, contains parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        let out = dir + "/out"
        XCTAssertThrowsError(try BundleWriter.write(spec, directory: out, signer: identity), file: file, line: line) { error in
            guard case .invalidSpec(let message) = error as? BundleError else { return XCTFail("\(error)", file: file, line: line) }
            for part in parts { XCTAssertTrue(message.contains(part), "\"\(part)\" not in: \(message)", file: file, line: line) }
        }
        // No archive, no signature and no scratch file is left behind.
        XCTAssertEqual(contents(of: out), [], file: file, line: line)
    }

    func testGeneratedSourceGivesTheSameBytesAsTheList() throws {
        let count = 35
        for index in 0..<count {
            try Data(Fixture.bytes(count: 50 * index, seed: UInt64(index))).write(to: URL(fileURLWithPath: "\(dir)/src-\(index)"))
        }
        let generated = try BundleWriter.write(spec(GeneratedSource(directory: dir, count: count)), directory: dir + "/gen", signer: identity)
        let list = (0..<count).map { BundlePayloadFile(pathInData: GeneratedSource.path($0), sourcePath: "\(dir)/src-\($0)") }
        let listed = try BundleWriter.write(spec(Array(list.shuffled())), directory: dir + "/list", signer: identity)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: generated.path)), try Data(contentsOf: URL(fileURLWithPath: listed.path)))
        XCTAssertEqual(generated.signatureSHA256, listed.signatureSHA256)
        XCTAssertEqual(generated.payloadFiles, count)
        XCTAssertEqual(generated.payloadBytes, Int64((0..<count).reduce(0) { $0 + 50 * $1 }))
        XCTAssertEqual(contents(of: dir + "/gen"), ["S-1.tar.zst", "S-1.tar.zst.p7s"])
        XCTAssertNoThrow(try BundleVerifier.verify(bundle: generated.path, trustedCertificate: identity.certificatePath))
    }

    func testFoldersAreEmittedOnceInSortedPosition() throws {
        // '-' and '.' sort before '/', so a folder's files are not adjacent to its siblings' names.
        let paths = ["0", "a", "a-b/c.pdf", "a.b", "ab/c-d.pdf", "ab/c.d", "ab/c/d.pdf", "ab/c/d/e.pdf", "ab/c/d/f/g.pdf",
                     "b/Z", "b/zz", "b/\u{e9}t\u{e9}.pdf", "z/y/x/w.pdf"]
        let source = ScriptedSource(first: try payload(paths))
        let result = try BundleWriter.write(spec(source), directory: dir + "/out", signer: identity)
        let listing = try Fixture.run("/usr/bin/tar", ["--zstd", "-tf", result.path])
        XCTAssertEqual(listing.status, 0, listing.output)
        let names = listing.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(names, names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        XCTAssertEqual(Set(names).count, names.count, "an entry appears twice")
        var folders: Set<String> = ["S-1/", "S-1/data/"]
        for path in paths {
            var folder = "S-1/data/"
            for component in path.split(separator: "/").dropLast() {
                folder += "\(component)/"
                folders.insert(folder)
            }
        }
        XCTAssertEqual(Set(names.filter { $0.hasSuffix("/") }), folders)
        XCTAssertTrue(names.contains("S-1/data/b/\u{e9}t\u{e9}.pdf"), listing.output)
    }

    func testOutOfOrderSourceIsRejectedNamingBothPaths() throws {
        let files = try payload(["documents/b.pdf", "documents/a.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: files)),
                          contains: ["data/documents/a.pdf after data/documents/b.pdf", "ascending bytewise order"])
    }

    func testDuplicateIsRejected() throws {
        let files = try payload(["documents/a.pdf", "documents/a.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: files)), contains: ["data/documents/a.pdf is listed twice"])
        // A list is sorted first, so its duplicates end up next to each other and are caught the same way.
        let list = try payload(["x.pdf", "documents/a.pdf", "y.pdf", "documents/a.pdf"])
        assertInvalidSpec(spec(list), contains: ["data/documents/a.pdf is listed twice"])
    }

    func testFileThatIsAlsoAFolderIsRejected() throws {
        // "a-b" and "a.pdf" sort between "a" and "a/c.pdf".
        let files = try payload(["a", "a-b", "a.pdf", "a/c.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: files)), contains: ["data/a is a file but data/a/c.pdf needs it to be a folder"])
    }

    func testSecondPassWithFewerFilesFails() throws {
        let files = try payload(["a.pdf", "b.pdf", "c.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: files, later: Array(files.prefix(2)))),
                          contains: ["payload list changed", "the archiving pass yielded 2 files, the hashing pass 3"])
    }

    func testSecondPassWithOtherOrMoreFilesFails() throws {
        let files = try payload(["a.pdf", "b.pdf", "c.pdf", "d.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: Array(files.prefix(3)), later: [files[0], files[3], files[2]])),
                          contains: ["payload list changed", "file 2 is data/d.pdf, it was data/b.pdf"])
        assertInvalidSpec(spec(ScriptedSource(first: Array(files.prefix(3)), later: files)),
                          contains: ["payload list changed", "data/d.pdf was not yielded the first time"])
    }

    func testUnreadablePayloadLeavesNoScratchFiles() throws {
        var files = try payload(["a.pdf", "b.pdf"])
        files.append(BundlePayloadFile(pathInData: "c.pdf", sourcePath: dir + "/missing"))
        XCTAssertThrowsError(try BundleWriter.write(spec(files), directory: dir + "/out", signer: identity)) { error in
            XCTAssertEqual(error as? BundleError, .unreadablePayload(path: dir + "/missing", reason: "No such file or directory"))
        }
        XCTAssertEqual(contents(of: dir + "/out"), [])
    }

    func testTagFileFromDiskIsArchivedAndListedInTheTagManifests() throws {
        let python = Fixture.packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return XCTFail("\(python) is missing; run scripts/setup --with-python")
        }
        // Several read chunks long.
        let manifest = Fixture.bytes(count: 200_000, seed: 5).map { 0x41 + $0 % 26 } + [0x0a]
        let manifestPath = dir + "/delivery-manifest.json"
        try Data(manifest).write(to: URL(fileURLWithPath: manifestPath))
        let files = try payload(["documents/1.pdf", "documents/2.pdf"])
        let fromDisk = try BundleWriter.write(spec(files, tagFiles: [.file(name: "delivery-manifest.json", path: manifestPath)]),
                                              directory: dir + "/disk", signer: identity)
        let inMemory = try BundleWriter.write(spec(files, tagFiles: [.bytes(name: "delivery-manifest.json", contents: manifest)]),
                                              directory: dir + "/memory", signer: identity)
        XCTAssertEqual(fromDisk.sha256, inMemory.sha256, "a tag file read from disk must give the same bytes as the same contents in memory")

        let unpacked = dir + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        let tar = try Fixture.run("/usr/bin/tar", ["--zstd", "-xf", fromDisk.path, "-C", unpacked])
        XCTAssertEqual(tar.status, 0, tar.output)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: unpacked + "/S-1/delivery-manifest.json")), Data(manifest))
        let tagManifest = try String(contentsOfFile: unpacked + "/S-1/tagmanifest-sha256.txt", encoding: .utf8)
        XCTAssertTrue(tagManifest.contains("\(digestBytes(manifest).sha256)  delivery-manifest.json\n"), tagManifest)
        let tagManifest512 = try String(contentsOfFile: unpacked + "/S-1/tagmanifest-sha512.txt", encoding: .utf8)
        XCTAssertTrue(tagManifest512.contains("\(digestBytes(manifest).sha512)  delivery-manifest.json\n"), tagManifest512)
        let bagit = try Fixture.run(python, ["-m", "bagit", "--validate", unpacked + "/S-1"])
        XCTAssertEqual(bagit.status, 0, bagit.output)
        XCTAssertNoThrow(try BundleVerifier.verify(bundle: fromDisk.path))
    }

    func testMissingTagFileIsNamed() throws {
        let files = try payload(["a.pdf"])
        XCTAssertThrowsError(try BundleWriter.write(spec(files, tagFiles: [.file(name: "delivery-manifest.json", path: dir + "/nope.json")]),
                                                    directory: dir + "/out", signer: identity)) { error in
            XCTAssertEqual(error as? BundleError, .unreadablePayload(path: dir + "/nope.json", reason: "No such file or directory"))
        }
        XCTAssertEqual(contents(of: dir + "/out"), [])
    }
}
