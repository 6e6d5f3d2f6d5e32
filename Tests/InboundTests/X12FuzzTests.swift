import Foundation
import XCTest
@testable import Inbound

/// Random byte flips, inserts and deletes on the fixtures: the reader must never crash, every error must
/// point into the file, and whatever is read must still acknowledge and serialize.
final class X12FuzzTests: XCTestCase {
    func testMutatedFixturesNeverCrash() {
        var random = SeededRandom(seed: 0x1D12)
        let sources = X12Fixtures.all.map(X12Fixtures.bytes).filter { !$0.isEmpty }
        let interesting = Array("*~^:>|ISAGSSTSEGEIEA\r\n 0".utf8) + [0x00, 0xFF, 0xC3]
        let path = X12Fixtures.temporaryFile([])
        let started = Date()
        for mutation in 0..<2000 {
            var bytes = sources.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<max(bytes.count, 1), using: &random)
                let byte = Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !bytes.isEmpty: bytes[at] = byte
                case 1: bytes.insert(byte, at: min(at, bytes.count))
                default: if !bytes.isEmpty { bytes.remove(at: at) }
                }
            }
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let results = X12Reader(path: path, chunkSize: Int.random(in: 1...200, using: &random)).readAll()
            XCTAssertFalse(results.isEmpty, "mutation \(mutation)")
            for error in X12Fixtures.errors(results) {
                XCTAssertEqual(error.position.file, path)
                XCTAssertTrue((0...bytes.count).contains(error.position.byteOffset), "mutation \(mutation): \(error)")
                XCTAssertGreaterThanOrEqual(error.position.index, 1, "mutation \(mutation): \(error)")
                XCTAssertFalse(error.message.isEmpty)
            }
            var numbers = SequentialControlNumbers(startingAt: 1)
            for x in X12Fixtures.interchanges(results) {
                _ = X12Writer.serialize(x)
                if let ack = X12Acknowledger.acknowledge(x, date: X12AckDate(year: 2024, month: 1, day: 1), controlNumbers: &numbers) {
                    XCTAssertFalse(X12Writer.serialize(ack).isEmpty)
                }
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 120, "2,000 mutations should take well under two minutes")
    }
}
