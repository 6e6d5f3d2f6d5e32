import XCTest
@testable import Inbound

final class X12RoundTripTests: XCTestCase {
    /// Single clean interchanges come back byte for byte, whatever their line-break style.
    func testValidFixturesSerializeToTheirOwnBytes() throws {
        for name in X12Fixtures.valid {
            let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read(name)).first, name)
            XCTAssertEqual(X12Writer.serialize(x), X12Fixtures.bytes(name), name)
        }
    }

    /// parse(serialize(x)) == x for every interchange of every fixture.
    func testEveryFixtureRoundTrips() {
        for name in X12Fixtures.all {
            for x in X12Fixtures.interchanges(X12Fixtures.read(name)) {
                assertRoundTrips(x, name)
            }
        }
    }

    func testGeneratedInterchangesRoundTrip() {
        var random = SeededRandom(seed: 42)
        let separators: [UInt8] = Array("*|^:>~!\u{1D}\u{1E}\u{1F}+".utf8)
        for n in 0..<300 {
            var picked = separators.shuffled(using: &random)
            let five = n % 2 == 0
            let delimiters = X12Delimiters(element: picked.removeFirst(), repetition: five ? picked.removeFirst() : nil,
                                           component: picked.removeFirst(), segment: picked.removeFirst(),
                                           lineBreak: ["", "\n", "\r\n", "\r"][n % 4])
            let text = { (r: inout SeededRandom) -> String in
                String((0..<Int.random(in: 0...6, using: &r)).map { _ in "ABCxyz0129 .-#é".randomElement(using: &r)! })
            }
            var sets: [X12TransactionSet] = []
            for s in 0..<Int.random(in: 1...3, using: &random) {
                let body = (0..<Int.random(in: 0...5, using: &random)).map { _ -> X12Segment in
                    let elements = (0..<Int.random(in: 0...6, using: &random)).map { _ -> [[String]] in
                        (0..<(five ? Int.random(in: 1...2, using: &random) : 1)).map { _ in
                            (0..<Int.random(in: 1...3, using: &random)).map { _ in text(&random) }
                        }
                    }
                    return X12Segment(id: ["REF", "N1", "PO1", "ZZ9"].randomElement(using: &random)!, elements: elements,
                                      position: X12Position(file: "", index: 0, byteOffset: 0))
                }
                let control = pad(s + 1, 4)
                sets.append(X12TransactionSet(st: X12Segment("ST", ["850", control]), segments: body,
                                              se: X12Segment("SE", ["\(body.count + 2)", control])))
            }
            let isa = X12Segment("ISA", ["00", fit("", 10), "00", fit("", 10), "ZZ", fit("A", 15), "ZZ", fit("B", 15), "240101", "0000",
                                         five ? String(UnicodeScalar(delimiters.repetition!)) : "U", five ? "00501" : "00401",
                                         pad(n, 9), "0", "T", String(UnicodeScalar(delimiters.component))])
            let group = X12FunctionalGroup(gs: X12Segment("GS", ["PO", "A", "B", "20240101", "0000", "1", "X", "004010"]),
                                           sets: sets, ge: X12Segment("GE", ["\(sets.count)", "1"]))
            let x = X12Interchange(isa: isa, delimiters: delimiters, groups: [group], iea: X12Segment("IEA", ["1", pad(n, 9)]))
            assertRoundTrips(x, "generated \(n)")
        }
    }

    private func assertRoundTrips(_ x: X12Interchange, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = X12Writer.serialize(x)
        let again = X12Fixtures.interchanges(X12Reader(path: X12Fixtures.temporaryFile(bytes), chunkSize: 13).readAll())
        XCTAssertEqual(again.count, 1, label, file: file, line: line)
        XCTAssertEqual(again.first?.content, x.content, label, file: file, line: line)
    }
}

/// SplitMix64: a fixed seed gives the same sequence on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
