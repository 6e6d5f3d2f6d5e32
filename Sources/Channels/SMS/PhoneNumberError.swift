/// Why a phone number was rejected, worded for the person who has to fix the record.
package struct PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, quoting the input and saying what would be accepted.
    package let description: String

    init(_ description: String) { self.description = description }
}

// One constructor per reason, so tests can name the reason they expect.
extension PhoneNumberError {
    static let empty = PhoneNumberError("phone number is empty")

    static func letter(_ raw: String, _ letter: Character) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" contains the letter '\(letter)': write the number in digits "
            + "(vanity letters and extensions such as \"x12\" are not accepted)")
    }

    static func character(_ raw: String, _ character: Character) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" contains '\(character)': only digits, a leading '+', spaces, "
            + "dots, dashes and parentheses are accepted")
    }

    static func misplacedPlus(_ raw: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" has a '+' after the start: '+' may only introduce the country code")
    }

    static func tooShort(_ raw: String, digits: Int, expected: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" is too short: \(digits) digit\(digits == 1 ? "" : "s"), \(expected)")
    }

    static func tooLong(_ raw: String, digits: Int, expected: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" is too long: \(digits) digits, \(expected)")
    }

    static func countryCodeZero(_ raw: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\": a country code never starts with 0; after '+' or '00' comes "
            + "the country code (e.g. +44), without the national trunk prefix")
    }

    static func nanpArea(_ raw: String, _ code: Substring) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\": area code \(code) is not valid, NANP area codes cannot start with 0 or 1")
    }

    static func nanpExchange(_ raw: String, _ code: Substring) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\": exchange \(code) is not valid, NANP exchange codes cannot start with 0 or 1")
    }

    static func nanpLeadingDigit(_ raw: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" has 11 digits but does not start with 1: a NANP number is "
            + "10 digits, or 11 with the leading country code 1")
    }

    static func leadingZero(_ raw: String, countryCode: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\": after +\(countryCode) the number must not start with 0; "
            + "drop the national trunk prefix 0 (write +\(countryCode) 20…, not +\(countryCode) 020…)")
    }

    static func missingTrunkPrefix(_ raw: String, region: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\" is not a national \(region) number: those start with the trunk "
            + "prefix 0; for another country write +<country code> and the number")
    }

    static func spanishZero(_ raw: String) -> PhoneNumberError {
        PhoneNumberError("\"\(raw)\": Spanish numbers have no trunk prefix and never start with 0; "
            + "write the 9 digits (e.g. 612 345 678)")
    }

    static func unknownRegion(_ raw: String, region: String) -> PhoneNumberError {
        let hint = region.uppercased() == "UK" ? " (the United Kingdom is \"GB\")" : ""
        return PhoneNumberError("\"\(raw)\" has no country code and region \"\(region)\" is not "
            + "supported\(hint): national numbers are read for \(NationalPlan.supportedRegions); "
            + "write the number as +<country code>… or use one of those regions")
    }
}
