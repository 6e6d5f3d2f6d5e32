import Foundation
import XCTest
@testable import Bundles

final class BundleWriterTests: XCTestCase {
    func testBundleUnpacksWithSystemTarAndValidatesWithBagitPython() throws {
        let python = Fixture.packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return XCTFail("\(python) is missing; run scripts/setup --with-python")
        }
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = try Fixture.spec(in: dir)
        let result = try BundleWriter.write(spec, directory: dir + "/out", signer: Fixture.identity(in: dir))
        XCTAssertEqual(result.path, dir + "/out/B-000001.tar.zst")
        XCTAssertEqual(result.payloadFiles, 4)
        XCTAssertEqual(result.payloadBytes, 300_000 + 4_321 + 777)

        let unpacked = dir + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        let tar = try Fixture.run("/usr/bin/tar", ["--zstd", "-xf", result.path, "-C", unpacked])
        XCTAssertEqual(tar.status, 0, tar.output)
        let bagit = try Fixture.run(python, ["-m", "bagit", "--validate", unpacked + "/B-000001"])
        XCTAssertEqual(bagit.status, 0, bagit.output)

        for file in spec.fileList {
            let extracted = try Data(contentsOf: URL(fileURLWithPath: unpacked + "/B-000001/data/" + file.pathInData))
            XCTAssertEqual(extracted, try Data(contentsOf: URL(fileURLWithPath: file.sourcePath)), file.pathInData)
        }
        let tagFile = try String(contentsOfFile: unpacked + "/B-000001/delivery-manifest.json", encoding: .utf8)
        XCTAssertEqual(tagFile, "{\"documents\": 4}\n")
        let info = try String(contentsOfFile: unpacked + "/B-000001/bag-info.txt", encoding: .utf8)
        XCTAssertEqual(info, """
            Source-Organization: Inkstream Tests
            Bagging-Date: 2026-01-01
            Payload-Oxum: 305098.4
            External-Identifier: run-42 B-000001
            Bag-Count: 1 of 1
            Internal-Sender-Description: test bag

            """)
        // GNU tar's listing: sorted names, fixed owner and mtime, folders included.
        let listing = try Fixture.run("/usr/bin/tar", ["--zstd", "-tvf", result.path, "--numeric-owner"])
        XCTAssertTrue(listing.output.contains("drwxr-xr-x 0/0"), listing.output)
        XCTAssertTrue(listing.output.contains("2026-01-01 00:00"), listing.output)
        XCTAssertEqual(try Fixture.size(result.path) > 0, true)
    }

    func testTarIsPaddedToWholeRecords() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try BundleWriter.write(Fixture.spec(in: dir), directory: dir, signer: Fixture.identity(in: dir))
        let raw = dir + "/raw.tar"
        XCTAssertEqual(try Fixture.run("/usr/bin/zstd", ["-q", "-d", result.path, "-o", raw]).status, 0)
        XCTAssertEqual(try Fixture.size(raw) % 10240, 0)
        // Only the long path needs a pax header; everything else is plain ustar.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: raw))
        XCTAssertEqual(bytes.ranges(of: Data(" path=B-000001/data/\(Fixture.longPath)\n".utf8)).count, 1)
        XCTAssertEqual(bytes.ranges(of: Data("PaxHeaders/".utf8)).count, 1)
    }

    func testOpenSSLVerifiesTheSignature() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let identity = try Fixture.identity(in: dir)
        let result = try BundleWriter.write(Fixture.spec(in: dir), directory: dir, signer: identity)
        let openssl = try Fixture.run("/usr/bin/openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", result.signaturePath,
                                                           "-content", result.path, "-CAfile", identity.certificatePath,
                                                           "-out", "/dev/null"])
        XCTAssertEqual(openssl.status, 0, openssl.output)
    }

    func testSameSpecTwiceGivesIdenticalArchiveAndSignature() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = try Fixture.spec(in: dir)
        let identity = try Fixture.identity(in: dir)
        let first = try BundleWriter.write(spec, directory: dir + "/one", signer: identity)
        var shuffled = spec
        shuffled.fileList.shuffle()
        let second = try BundleWriter.write(shuffled, directory: dir + "/two", signer: identity)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.path)), try Data(contentsOf: URL(fileURLWithPath: second.path)))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.signaturePath)),
                       try Data(contentsOf: URL(fileURLWithPath: second.signaturePath)))
        XCTAssertEqual(first.sha256, second.sha256)
        XCTAssertEqual(first.signatureSHA256, second.signatureSHA256)
        // Rewriting in place replaces the files atomically and leaves no temporary files behind.
        let again = try BundleWriter.write(spec, directory: dir + "/one", signer: identity)
        XCTAssertEqual(again.sha256, first.sha256)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/one").sorted(),
                       ["B-000001.tar.zst", "B-000001.tar.zst.p7s"])
    }

    func testInvalidSpecsAreRejectedBeforeWriting() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let identity = try Fixture.identity(in: dir)
        var spec = try Fixture.spec(in: dir)
        spec.fileList.append(BundlePayloadFile(pathInData: "../escape.pdf", sourcePath: spec.fileList[0].sourcePath))
        XCTAssertThrowsError(try BundleWriter.write(spec, directory: dir, signer: identity)) { error in
            XCTAssertTrue("\(error)".contains("../escape.pdf"), "\(error)")
        }
        spec = try Fixture.spec(in: dir)
        spec.fileList.append(BundlePayloadFile(pathInData: "missing.pdf", sourcePath: dir + "/does-not-exist"))
        XCTAssertThrowsError(try BundleWriter.write(spec, directory: dir, signer: identity)) { error in
            XCTAssertEqual(error as? BundleError, .unreadablePayload(path: dir + "/does-not-exist", reason: "No such file or directory"))
        }
        spec = try Fixture.spec(in: dir)
        spec.baggingDate = "2026-1-1"
        XCTAssertThrowsError(try BundleWriter.write(spec, directory: dir, signer: identity))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/B-000001.tar.zst"))
    }

    func testManifestPathsArePercentEncoded() {
        XCTAssertEqual(BagText.encodePath("data/a%b\nc\rd e"), "data/a%25b%0Ac%0Dd e")
        XCTAssertEqual(BagText.decodePath("data/a%25b%0Ac%0dd e"), "data/a%b\nc\rd e")
    }
}
