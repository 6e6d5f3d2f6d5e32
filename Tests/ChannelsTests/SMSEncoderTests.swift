import XCTest
@testable import Channels

/// Segment counts at every boundary, and `split` cutting exactly where `analyze` counted.
final class SMSEncoderTests: XCTestCase {
    /// Checks the analysis, then that `split` agrees with it: as many parts as segments, each
    /// within its limit in the message's encoding, units adding up, and the parts joining back.
    private func check(
        _ text: String, _ encoding: SMSEncoding, units: Int, segments: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let analysis = SMSEncoder.analyze(text)
        XCTAssertEqual(analysis.encoding, encoding, "encoding", file: file, line: line)
        XCTAssertEqual(analysis.units, units, "units", file: file, line: line)
        XCTAssertEqual(analysis.segments, segments, "segments", file: file, line: line)

        let parts = SMSEncoder.split(text)
        XCTAssertEqual(parts.count, segments, "parts", file: file, line: line)
        XCTAssertEqual(parts.joined(), text, "joined parts", file: file, line: line)
        let partUnits = parts.map { unitCount($0, encoding) }
        XCTAssertEqual(partUnits.reduce(0, +), units, "units over parts", file: file, line: line)
        let limit = segments == 1 ? encoding.singleLimit : encoding.partLimit
        for (index, count) in partUnits.enumerated() {
            XCTAssertLessThanOrEqual(count, limit, "part \(index)", file: file, line: line)
            XCTAssertEqual(SMSEncoder.analyze(parts[index]).segments, 1, "part \(index) alone", file: file, line: line)
        }
    }

    private func unitCount(_ part: String, _ encoding: SMSEncoding) -> Int {
        switch encoding {
        case .gsm7: part.unicodeScalars.reduce(0) { $0 + GSM0338.septets($1)! }
        case .ucs2: part.utf16.count
        }
    }

    private func text(_ character: String, _ count: Int) -> String {
        String(repeating: character, count: count)
    }

    // MARK: GSM-7

    func testGSMSingleSegmentBoundary() {
        check(text("a", 159), .gsm7, units: 159, segments: 1)
        check(text("a", 160), .gsm7, units: 160, segments: 1)
        check(text("a", 161), .gsm7, units: 161, segments: 2)
    }

    func testGSMConcatenatedBoundary() {
        check(text("a", 306), .gsm7, units: 306, segments: 2)
        check(text("a", 307), .gsm7, units: 307, segments: 3)
        XCTAssertEqual(SMSEncoder.split(text("a", 307)).map(\.count), [153, 153, 1])
    }

    func testEscapeNeverStraddlesASegment() {
        // 152 + € would need septets 153 and 154: the whole escape sequence moves on.
        let straddling = text("a", 152) + "€" + text("a", 10)
        check(straddling, .gsm7, units: 164, segments: 2)
        XCTAssertEqual(SMSEncoder.split(straddling), [text("a", 152), "€" + text("a", 10)])

        // 151 + € ends exactly on septet 153 and stays.
        let fitting = text("a", 151) + "€" + text("a", 10)
        check(fitting, .gsm7, units: 163, segments: 2)
        XCTAssertEqual(SMSEncoder.split(fitting), [text("a", 151) + "€", text("a", 10)])

        // 153 plain fill the part; the € starts the next.
        let full = text("a", 153) + "€" + text("a", 10)
        check(full, .gsm7, units: 165, segments: 2)
        XCTAssertEqual(SMSEncoder.split(full).first, text("a", 153))
    }

    func testMovedEscapeCanCostAnExtraSegment() {
        // 306 septets, which is 2 × 153, yet 3 segments: the first part can only hold 152.
        check(text("a", 152) + "€" + text("a", 152), .gsm7, units: 306, segments: 3)
    }

    func testExtensionCharactersCountTwo() {
        check(text("€", 80), .gsm7, units: 160, segments: 1)
        check(text("€", 81), .gsm7, units: 162, segments: 2)
        // 76 € = 152 septets; a 77th would reach 154.
        XCTAssertEqual(SMSEncoder.split(text("€", 81)), [text("€", 76), text("€", 5)])
        check("{[~^|\\]}\u{0C}€", .gsm7, units: 20, segments: 1)
    }

    func testLineBreaksAreSeptets() {
        // "\r\n" is one Swift Character but two septets.
        check("a\r\nb\n", .gsm7, units: 5, segments: 1)
    }

    // MARK: UCS-2

    func testUCS2SingleSegmentBoundary() {
        check(text("я", 70), .ucs2, units: 70, segments: 1)
        check(text("я", 71), .ucs2, units: 71, segments: 2)
    }

    func testUCS2ConcatenatedBoundary() {
        check(text("я", 134), .ucs2, units: 134, segments: 2)
        check(text("я", 135), .ucs2, units: 135, segments: 3)
        XCTAssertEqual(SMSEncoder.split(text("я", 135)).map(\.count), [67, 67, 1])
    }

    func testSurrogatePairNeverStraddlesASegment() {
        // 66 units + a pair would need units 67 and 68: the emoji moves to the next part.
        let straddling = text("я", 66) + "😀" + text("я", 10)
        check(straddling, .ucs2, units: 78, segments: 2)
        XCTAssertEqual(SMSEncoder.split(straddling), [text("я", 66), "😀" + text("я", 10)])

        // 65 units + a pair end exactly on unit 67.
        let fitting = text("я", 65) + "😀" + text("я", 10)
        check(fitting, .ucs2, units: 77, segments: 2)
        XCTAssertEqual(SMSEncoder.split(fitting).first, text("я", 65) + "😀")

        // 134 units, 2 × 67, but 3 segments because the pair moved.
        check(text("я", 66) + "😀" + text("я", 66), .ucs2, units: 134, segments: 3)
    }

    func testEmojiInASingleSegmentCountsTwoUnits() {
        check(text("😀", 35), .ucs2, units: 70, segments: 1)
        check(text("😀", 36), .ucs2, units: 72, segments: 2)
        XCTAssertEqual(SMSEncoder.split(text("😀", 36)), [text("😀", 33), text("😀", 3)])
    }

    // MARK: Choice of encoding

    func testOneNonGSMCharacterSwitchesTheWholeTextToUCS2() {
        let gsm = SMSEncoder.analyze("Price: 5€")
        XCTAssertEqual(gsm, SMSAnalysis(encoding: .gsm7, units: 10, segments: 1, nonGSMCharacters: []))

        // Now € is one UTF-16 unit like everything else.
        let mixed = SMSEncoder.analyze("Price: 5€ ✓")
        XCTAssertEqual(mixed, SMSAnalysis(encoding: .ucs2, units: 11, segments: 1, nonGSMCharacters: ["✓"]))

        // 160 GSM characters are 1 segment; one ✓ makes them 161 UCS-2 units, 3 segments.
        check(text("a", 160), .gsm7, units: 160, segments: 1)
        check(text("a", 159) + "✓", .ucs2, units: 160, segments: 3)
    }

    func testNonGSMCharactersAreListedOnceInOrder() {
        let analysis = SMSEncoder.analyze("✓ ok б ✓ 😀 б")
        XCTAssertEqual(analysis.nonGSMCharacters, ["✓", "б", "😀"])
        // A flag is one Character of two scalars: reported whole.
        XCTAssertEqual(SMSEncoder.analyze("Go 🇫🇷").nonGSMCharacters, ["🇫🇷"])
    }

    func testEmptyTextIsZeroSegments() {
        check("", .gsm7, units: 0, segments: 0)
        XCTAssertEqual(SMSEncoder.analyze(""), SMSAnalysis(encoding: .gsm7, units: 0, segments: 0, nonGSMCharacters: []))
        XCTAssertEqual(SMSEncoder.split(""), [])
    }

    // MARK: Normalisation

    func testDecomposedAccentIsNormalisedToGSM() {
        // "e" + combining acute is "é" after NFC, which GSM-7 has.
        check("caf" + "e\u{301}", .gsm7, units: 4, segments: 1)
        let decomposed = text("e\u{301}", 161)
        check(decomposed, .gsm7, units: 161, segments: 2)
        // The parts carry the normalised text.
        XCTAssertEqual(SMSEncoder.split(decomposed).first?.unicodeScalars.count, 153)
        // The ohm sign normalises to Greek capital omega, which GSM-7 has.
        check("10 \u{2126}", .gsm7, units: 4, segments: 1)
    }

    func testCombiningMarkWithoutPrecomposedFormForcesUCS2() {
        let analysis = SMSEncoder.analyze("e\u{30A}")
        XCTAssertEqual(analysis.encoding, .ucs2)
        XCTAssertEqual(analysis.units, 2)
        XCTAssertEqual(analysis.nonGSMCharacters, ["e\u{30A}"])
    }

    func testEncodingNamesForJSON() throws {
        XCTAssertEqual(SMSEncoding.gsm7.rawValue, "GSM-7")
        let data = try JSONEncoder().encode([SMSEncoding.ucs2])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"UCS-2\"]")
    }
}
