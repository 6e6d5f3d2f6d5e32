import Foundation
import XCTest
@testable import Bundles

final class BundleVerifierTests: XCTestCase {
    private var dir = ""
    private var identity: SigningIdentity!

    override func setUpWithError() throws {
        dir = try Fixture.temporaryDirectory()
        identity = try Fixture.identity(in: dir)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func writeBundle(_ adjust: (inout BagPlan) throws -> Void = { _ in }) throws -> BundleResult {
        var plan = try BagPlan.make(Fixture.spec(in: dir), scratchDirectory: dir + "/out")
        try adjust(&plan)
        return try BundleWriter.write(plan: plan, directory: dir + "/out", signer: identity)
    }

    func testAcceptsAGoodBundle() throws {
        let result = try writeBundle()
        let summary = try BundleVerifier.verify(bundle: result.path)
        XCTAssertEqual(summary.bundleID, "B-000001")
        XCTAssertEqual(summary.payloadFiles, 4)
        XCTAssertEqual(summary.payloadBytes, 305_098)
        XCTAssertEqual(summary.signerSubject, identity.subject)
        XCTAssertEqual(summary.signerFingerprint, identity.fingerprint)
        XCTAssertFalse(summary.signerCheckedAgainstCA)

        let trusted = try BundleVerifier.verify(bundle: result.path, trustedCertificate: identity.certificatePath)
        XCTAssertTrue(trusted.signerCheckedAgainstCA)
    }

    func testFlippedArchiveBytesBreakTheSignature() throws {
        let result = try writeBundle()
        let size = try Fixture.size(result.path)
        for offset in [5, size / 2, size - 3] {
            let copy = dir + "/copy-\(offset).tar.zst"
            try FileManager.default.copyItem(atPath: result.path, toPath: copy)
            try Fixture.flipByte(in: copy, at: offset)
            XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: copy, signature: result.signaturePath)) { error in
                XCTAssertTrue("\(error)".hasPrefix("signature does not match the archive"), "offset \(offset): \(error)")
            }
        }
    }

    func testFlippedSignatureBytesAreRejected() throws {
        let result = try writeBundle()
        let size = try Fixture.size(result.signaturePath)
        // The DER header, and the RSA signature value at the very end.
        for offset in [0, 1, size - 1, size - 40] {
            let copy = dir + "/copy-\(offset).p7s"
            try FileManager.default.copyItem(atPath: result.signaturePath, toPath: copy)
            try Fixture.flipByte(in: copy, at: offset)
            XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path, signature: copy)) { error in
                guard case .signature = error else { return XCTFail("offset \(offset): \(error)") }
            }
        }
        // A flip inside the embedded certificate may leave the signature itself intact; with --ca it must still fail.
        let copy = dir + "/middle.p7s"
        try FileManager.default.copyItem(atPath: result.signaturePath, toPath: copy)
        try Fixture.flipByte(in: copy, at: size / 2)
        XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path, signature: copy,
                                                              trustedCertificate: identity.certificatePath)) { _ in }
    }

    func testUnrelatedTrustedCertificateIsRefused() throws {
        let result = try writeBundle()
        let other = try SigningIdentity.demo(directory: dir + "/other").identity
        XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path, trustedCertificate: other.certificatePath)) { error in
            guard case .untrustedSigner(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("is not trusted by \(other.certificatePath)"), message)
        }
    }

    func testPayloadChangedBeforeArchivingIsNamed() throws {
        // Same size, different bytes: the oxum still matches, only the checksums can tell.
        let result = try writeBundle { plan in
            var files = plan.files as! [BundlePayloadFile]
            let index = files.firstIndex { $0.pathInData == "documents/with space.pdf" }!
            let impostor = self.dir + "/impostor"
            try Data(Fixture.bytes(count: 4_321, seed: 99)).write(to: URL(fileURLWithPath: impostor))
            files[index] = BundlePayloadFile(pathInData: files[index].pathInData, sourcePath: impostor)
            plan.files = files
        }
        XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path)) { error in
            XCTAssertEqual(error, .bag("manifest-sha256.txt: data/documents/with space.pdf: checksum mismatch"))
        }
    }

    func testWrongOxumIsReported() throws {
        let result = try writeBundle { plan in
            let index = plan.bagInfo.firstIndex { $0.0 == "Payload-Oxum" }!
            plan.bagInfo[index].1 = "12.3"
        }
        XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path)) { error in
            XCTAssertEqual(error, .bag("Payload-Oxum says 12.3 but the payload holds 305098.4 (bytes.files)"))
        }
    }

    func testDamagedZstdStreamIsNamed() throws {
        let result = try writeBundle()
        let size = try Fixture.size(result.path)
        let cases: [(Int, String)] = [(0, "not a zstd stream"), (size - 2, "checksum mismatch")]
        for (offset, expected) in cases {
            let copy = dir + "/z-\(offset).tar.zst"
            try FileManager.default.copyItem(atPath: result.path, toPath: copy)
            try Fixture.flipByte(in: copy, at: offset)
            XCTAssertThrowsVerification(try BundleVerifier.verifyContents(bundle: copy)) { error in
                guard case .compression(let message) = error else { return XCTFail("offset \(offset): \(error)") }
                XCTAssertTrue(message.contains(expected), "offset \(offset): \(message)")
            }
        }
        let middle = dir + "/z-middle.tar.zst"
        try FileManager.default.copyItem(atPath: result.path, toPath: middle)
        try Fixture.flipByte(in: middle, at: size / 2)
        XCTAssertThrowsVerification(try BundleVerifier.verifyContents(bundle: middle)) { error in
            guard case .compression = error else { return XCTFail("middle: \(error)") }
        }
        let truncated = dir + "/z-truncated.tar.zst"
        try Data(try Data(contentsOf: URL(fileURLWithPath: result.path)).prefix(size / 2)).write(to: URL(fileURLWithPath: truncated))
        XCTAssertThrowsVerification(try BundleVerifier.verifyContents(bundle: truncated)) { error in
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
    }

    func testBadTarHeaderChecksumIsNamedWithItsOffset() throws {
        let result = try writeBundle()
        let raw = dir + "/raw.tar"
        XCTAssertEqual(try Fixture.run("/usr/bin/zstd", ["-q", "-d", result.path, "-o", raw]).status, 0)
        // Entries: B-000001/ at 0, bag-info.txt at 512 (one content block), bagit.txt at 1536.
        try Fixture.flipByte(in: raw, at: 1536 + 20)
        let repacked = dir + "/repacked.tar.zst"
        XCTAssertEqual(try Fixture.run("/usr/bin/zstd", ["-q", raw, "-o", repacked]).status, 0)
        XCTAssertThrowsVerification(try BundleVerifier.verifyContents(bundle: repacked)) { error in
            XCTAssertEqual(error, .archive("bad header checksum at byte 1536"))
        }
    }

    func testEscapingPathsAreRefused() throws {
        let tarPath = dir + "/evil.tar"
        let script = """
            import io, sys, tarfile
            with tarfile.open(sys.argv[1], "w", format=tarfile.USTAR_FORMAT) as t:
                for name in ["B/", "B/../../etc/passwd"]:
                    info = tarfile.TarInfo(name.rstrip("/"))
                    info.type = tarfile.DIRTYPE if name.endswith("/") else tarfile.REGTYPE
                    info.size = 0 if info.type == tarfile.DIRTYPE else 3
                    t.addfile(info, io.BytesIO(b"bad") if info.size else None)
            """
        XCTAssertEqual(try Fixture.run("/usr/bin/python3", ["-c", script, tarPath]).status, 0)
        XCTAssertEqual(try Fixture.run("/usr/bin/zstd", ["-q", tarPath, "-o", tarPath + ".zst"]).status, 0)
        XCTAssertThrowsVerification(try BundleVerifier.verifyContents(bundle: tarPath + ".zst")) { error in
            XCTAssertEqual(error, .archive("entry \"B/../../etc/passwd\" at byte 512 escapes the bag (absolute path, empty, . or .. part)"))
        }
    }

    func testMissingSignatureSaysWhatToDo() throws {
        let result = try writeBundle()
        try FileManager.default.removeItem(atPath: result.signaturePath)
        XCTAssertThrowsVerification(try BundleVerifier.verify(bundle: result.path)) { error in
            XCTAssertTrue("\(error)".contains("\(result.signaturePath): cannot read (no such file"), "\(error)")
        }
    }
}
