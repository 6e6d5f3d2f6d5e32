import XCTest
@testable import Channels

/// Each accepted form of a phone number, and each reason for rejecting one.
final class SMSPhoneNumberTests: XCTestCase {
    private func accepts(
        _ raw: String, region: String = "US", _ expected: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(PhoneNumber.e164(raw, defaultRegion: region), .success(expected), raw, file: file, line: line)
    }

    private func rejects(
        _ raw: String, region: String = "US", _ expected: PhoneNumberError,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(PhoneNumber.e164(raw, defaultRegion: region), .failure(expected), raw, file: file, line: line)
    }

    // MARK: Accepted

    func testInternationalWithSeparators() {
        accepts("+12025550123", "+12025550123")
        accepts("+1 (202) 555-0123", "+12025550123")
        accepts("+1.202.555.0123", "+12025550123")
        accepts("  +44 20 7946 0958\n", "+442079460958")
        accepts("+33 6 12 34 56 78", "+33612345678")
        // Unknown to our plans: only E.164's rules apply.
        accepts("+81 3-1234-5678", "+81312345678")
        accepts("+683 4002", "+6834002")
        // A non-breaking space pasted from a document is a space.
        accepts("+49\u{A0}30\u{A0}123456", "+4930123456")
    }

    func testInternationalPrefixes() {
        accepts("0044 20 7946 0958", region: "GB", "+442079460958")
        accepts("00 1 202 555 0123", region: "DE", "+12025550123")
        accepts("011 44 20 7946 0958", region: "US", "+442079460958")
        accepts("011 33 6 12 34 56 78", region: "CA", "+33612345678")
    }

    func testNANPNationalNumbers() {
        accepts("(202) 555-0123", "+12025550123")
        accepts("202.555.0123", region: "CA", "+12025550123")
        accepts("1-202-555-0123", "+12025550123")
        accepts("12025550123", region: "us", "+12025550123")
    }

    func testTrunkPrefixNationalNumbers() {
        accepts("020 7946 0958", region: "GB", "+442079460958")
        accepts("07700 900123", region: "GB", "+447700900123")
        accepts("030 123456", region: "DE", "+4930123456")
        accepts("0151 23456789", region: "DE", "+4915123456789")
        accepts("06 12 34 56 78", region: "FR", "+33612345678")
        accepts("06-12345678", region: "NL", "+31612345678")
        accepts("(020) 123 4567", region: "NL", "+31201234567")
    }

    func testSpanishNationalNumbersHaveNoTrunkPrefix() {
        accepts("612 345 678", region: "ES", "+34612345678")
        accepts("91 123 45 67", region: "ES", "+34911234567")
    }

    // MARK: Rejected

    func testEmpty() {
        rejects("", .empty)
        rejects("   \t", .empty)
        XCTAssertEqual(PhoneNumberError.empty.description, "phone number is empty")
    }

    func testLetters() {
        rejects("1-800-FLOWERS", .letter("1-800-FLOWERS", "F"))
        rejects("+1 202 555 0123 x12", .letter("+1 202 555 0123 x12", "x"))
        XCTAssertTrue(PhoneNumberError.letter("1-800-FLOWERS", "F").description.contains("write the number in digits"))
    }

    func testOtherCharacters() {
        rejects("+1 202 555 0123#", .character("+1 202 555 0123#", "#"))
        rejects("030/123456", region: "DE", .character("030/123456", "/"))
        rejects("+1 202 555 0123 ✓", .character("+1 202 555 0123 ✓", "✓"))
    }

    func testPlusOnlyAtTheStart() {
        rejects("1+202 555 0123", .misplacedPlus("1+202 555 0123"))
        rejects("++12025550123", .misplacedPlus("++12025550123"))
    }

    func testTooShort() {
        rejects("555-0123", .tooShort("555-0123", digits: 7, expected: "a NANP number has 10 (or 11 starting with 1)"))
        rejects("+1 202 555 012", .tooShort("+1 202 555 012", digits: 9, expected: "+1 must be followed by 10"))
        rejects("+33 6 12 34 56", .tooShort("+33 6 12 34 56", digits: 7, expected: "+33 must be followed by 9"))
        rejects("020 7946", region: "GB",
                .tooShort("020 7946", digits: 6, expected: "a national GB number has 9 to 10 after the trunk prefix 0"))
        rejects("+81 123", .tooShort("+81 123", digits: 5, expected: "an international number has at least 7 with the country code"))
        rejects("+", .tooShort("+", digits: 0, expected: "an international number has at least 7 with the country code"))
        XCTAssertEqual(PhoneNumberError.tooShort("555-0123", digits: 7, expected: "a NANP number has 10 (or 11 starting with 1)").description,
                       "\"555-0123\" is too short: 7 digits, a NANP number has 10 (or 11 starting with 1)")
    }

    func testTooLong() {
        let sixteen = "+81 1234 5678 9012 34"
        rejects(sixteen, .tooLong(sixteen, digits: 16, expected: "E.164 allows at most 15 with the country code"))
        rejects("202 555 012345", .tooLong("202 555 012345", digits: 12, expected: "a NANP number has 10 (or 11 starting with 1)"))
        rejects("1 202 555 01234", .tooLong("1 202 555 01234", digits: 12, expected: "a NANP number has 10 (or 11 starting with 1)"))
        rejects("06 12 34 56 789", region: "FR",
                .tooLong("06 12 34 56 789", digits: 10, expected: "a national FR number has 9 after the trunk prefix 0"))
        rejects("612 345 6789", region: "ES", .tooLong("612 345 6789", digits: 10, expected: "a national ES number has 9"))
    }

    func testElevenDigitNANPMustStartWithOne() {
        rejects("22025550123", .nanpLeadingDigit("22025550123"))
    }

    func testInvalidNANPAreaCodeAndExchange() {
        rejects("(012) 555-0123", .nanpArea("(012) 555-0123", "012"))
        rejects("+1 112 555 0123", .nanpArea("+1 112 555 0123", "112"))
        rejects("202 055 0123", .nanpExchange("202 055 0123", "055"))
        rejects("+1 202 155 0123", region: "GB", .nanpExchange("+1 202 155 0123", "155"))
        // Read as area 555, exchange 010: invalid. Fictional numbers are NXX-555-01XX (+1 202 555 0123).
        rejects("+15550100000", .nanpExchange("+15550100000", "010"))
    }

    func testTrunkPrefixKeptAfterCountryCode() {
        rejects("+44 020 7946 0958", .leadingZero("+44 020 7946 0958", countryCode: "44"))
        rejects("0049 030 123456", region: "DE", .leadingZero("0049 030 123456", countryCode: "49"))
        XCTAssertTrue(PhoneNumberError.leadingZero("+44 020", countryCode: "44").description
            .contains("write +44 20…, not +44 020…"))
    }

    func testCountryCodeCannotStartWithZero() {
        rejects("+0 123 456 789", .countryCodeZero("+0 123 456 789"))
        rejects("000 123 456 789", region: "GB", .countryCodeZero("000 123 456 789"))
    }

    func testNationalNumberWithoutTrunkPrefix() {
        rejects("20 7946 0958", region: "GB", .missingTrunkPrefix("20 7946 0958", region: "GB"))
        rejects("0612 345 678", region: "ES", .spanishZero("0612 345 678"))
    }

    func testUnknownRegion() {
        rejects("020 7946 0958", region: "UK", .unknownRegion("020 7946 0958", region: "UK"))
        XCTAssertEqual(PhoneNumberError.unknownRegion("020 7946 0958", region: "UK").description,
                       "\"020 7946 0958\" has no country code and region \"UK\" is not supported (the United Kingdom is \"GB\"): "
                       + "national numbers are read for CA, DE, ES, FR, GB, NL, US; write the number as +<country code>… "
                       + "or use one of those regions")
        rejects("0612345678", region: "IT", .unknownRegion("0612345678", region: "IT"))
        // A number with its country code does not need the region.
        accepts("+39 06 1234 5678", region: "XX", "+390612345678")
    }
}
