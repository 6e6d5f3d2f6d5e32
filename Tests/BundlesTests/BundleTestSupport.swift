import Foundation
import XCTest
@testable import Bundles

/// Temp folders, fixture bags and external tools shared by the bundle tests.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Needs a component over 100 bytes, so it cannot fit ustar's name/prefix split and takes a pax header.
    static let longPath = "nested/" + String(repeating: "deep-folder/", count: 8) + String(repeating: "x", count: 110) + ".pdf"

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "inkstream-bundles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Deterministic pseudo-random bytes, so reruns write the same sources.
    static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E3779B97F4A7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// Payload sources on disk: a 300 KB file (several read chunks), a name with a space, an empty file and a long path.
    static func spec(in directory: String, bundleID: String = "B-000001") throws -> BundleSpec {
        let sources: [(String, [UInt8])] = [
            ("documents/100000175.pdf", bytes(count: 300_000, seed: 1)),
            ("documents/with space.pdf", bytes(count: 4_321, seed: 2)),
            ("empty.txt", []),
            (longPath, bytes(count: 777, seed: 3)),
        ]
        var files: [BundlePayloadFile] = []
        for (index, (path, contents)) in sources.enumerated() {
            let source = "\(directory)/source-\(index)"
            try Data(contents).write(to: URL(fileURLWithPath: source))
            files.append(BundlePayloadFile(pathInData: path, sourcePath: source))
        }
        return BundleSpec(bundleID: bundleID, sourceOrganization: "Inkstream Tests", baggingDate: "2026-01-01",
                          externalIdentifier: "run-42 \(bundleID)", bagCount: "1 of 1",
                          extraBagInfo: [("Internal-Sender-Description", "test bag")],
                          modificationTime: 1_767_225_600, files: files.reversed(),
                          tagFiles: [.bytes(name: "delivery-manifest.json", contents: Array("{\"documents\": 4}\n".utf8))])
    }

    static func identity(in directory: String) throws -> SigningIdentity {
        try SigningIdentity.demo(directory: directory + "/keys").identity
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func flipByte(in path: String, at offset: Int) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[offset] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

extension BundleSpec {
    /// The payload as the in-memory list the fixtures build it from.
    var fileList: [BundlePayloadFile] {
        get { files as! [BundlePayloadFile] }
        set { files = newValue }
    }
}

func XCTAssertThrowsVerification(_ expression: @autoclosure () throws(BundleVerificationError) -> Any,
                                 _ check: (BundleVerificationError) -> Void, file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try expression()
        XCTFail("verification passed but should have failed", file: file, line: line)
    } catch {
        check(error)
    }
}
