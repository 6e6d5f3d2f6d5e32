import Foundation
import XCTest
@testable import Bundles

final class SigningIdentityTests: XCTestCase {
    func testDemoIdentityIsCreatedOnceWithPrivatePermissions() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let keys = dir + "/a/keys"
        let (identity, created) = try SigningIdentity.demo(directory: keys)
        XCTAssertTrue(created)
        XCTAssertEqual(identity.subject, "CN=Inkstream demo signing key (not for production),O=Inkstream")
        XCTAssertEqual(identity.algorithm, "RSA 2048-bit key, SHA-256 digests")
        XCTAssertEqual(identity.fingerprint.split(separator: ":").count, 32)
        let years = identity.notAfter.timeIntervalSince(identity.notBefore) / (365.25 * 86400)
        XCTAssertEqual(years, 10, accuracy: 0.01)
        let keyMode = try FileManager.default.attributesOfItem(atPath: identity.keyPath)[.posixPermissions] as? Int
        XCTAssertEqual(keyMode, 0o600)
        let dirMode = try FileManager.default.attributesOfItem(atPath: keys)[.posixPermissions] as? Int
        XCTAssertEqual(dirMode, 0o700)

        let (again, createdAgain) = try SigningIdentity.demo(directory: keys)
        XCTAssertFalse(createdAgain)
        XCTAssertEqual(again, identity)

        let text = try Fixture.run("/usr/bin/openssl", ["x509", "-in", identity.certificatePath, "-noout", "-text"]).output
        XCTAssertTrue(text.contains("CA:FALSE"), text)
        XCTAssertTrue(text.contains("Digital Signature"), text)
        XCTAssertTrue(text.contains("Version: 3"), text)
    }

    func testMismatchedKeyAndCertificateAreRefused() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let one = try SigningIdentity.demo(directory: dir + "/one").identity
        let two = try SigningIdentity.demo(directory: dir + "/two").identity
        XCTAssertThrowsError(try SigningIdentity.load(keyPath: one.keyPath, certificatePath: two.certificatePath)) { error in
            XCTAssertTrue("\(error)".contains("does not belong to the certificate"), "\(error)")
        }
        XCTAssertThrowsError(try SigningIdentity.load(keyPath: dir + "/nope.pem", certificatePath: two.certificatePath)) { error in
            XCTAssertTrue("\(error)".contains("nope.pem: file not found"), "\(error)")
        }
    }

    func testDefaultDirectoryRule() {
        XCTAssertEqual(SigningIdentity.defaultDirectory(environment: ["INKSTREAM_KEYS": "/k", "XDG_DATA_HOME": "/x", "HOME": "/h"]), "/k")
        XCTAssertEqual(SigningIdentity.defaultDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]), "/x/inkstream/keys")
        XCTAssertEqual(SigningIdentity.defaultDirectory(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]), "/h/.local/share/inkstream/keys")
        XCTAssertEqual(SigningIdentity.defaultDirectory(environment: ["HOME": "/h"]), "/h/.local/share/inkstream/keys")
    }
}
