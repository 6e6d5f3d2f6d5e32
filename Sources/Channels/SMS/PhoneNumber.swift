import Foundation

/// Phone numbers for SMS recipients, normalised to E.164 so gateways and de-duplication agree.
package enum PhoneNumber {
    /// E.164 allows at most 15 digits, country code included.
    static let maxDigits = 15
    /// The shortest assigned international numbers (e.g. Niue, +683 and 4 digits) have 7 digits.
    static let minDigits = 7

    /// Normalises to E.164 ("+12025550123"). Accepts "+<country code><number>" with spaces, dots,
    /// dashes, parentheses; "00" international prefix (and "011" for NANP regions); and national
    /// numbers for `defaultRegion`: "US"/"CA" NANP (10 digits, or 11 starting with 1; area code and
    /// exchange must not start with 0 or 1), and "GB", "DE", "FR", "NL" trunk-prefix-0 numbers and
    /// "ES" 9-digit numbers (Spain has no trunk prefix). Rejects with a reason: letters, other
    /// characters, too short/long (E.164 max 15 digits), invalid NANP area/exchange, unknown
    /// region (only when the number has no country code), empty.
    package static func e164(_ raw: String, defaultRegion: String = "US") -> Result<String, PhoneNumberError> {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(.empty) }

        var digits = ""
        var international = false
        for (offset, character) in trimmed.enumerated() {
            if character == "+" {
                guard offset == 0 else { return .failure(.misplacedPlus(raw)) }
                international = true
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character.isLetter {
                return .failure(.letter(raw, character))
            } else if !(character.isWhitespace || " .-()".contains(character)) {
                return .failure(.character(raw, character))
            }
        }

        let region = defaultRegion.uppercased()
        let isNANP = NationalPlan.byRegion[region]?.countryCode == "1"
        if international { return internationalNumber(digits[...], raw: raw) }
        if digits.hasPrefix("00") { return internationalNumber(digits.dropFirst(2), raw: raw) }
        // 011 is the international prefix dialled from NANP countries.
        if isNANP, digits.hasPrefix("011") { return internationalNumber(digits.dropFirst(3), raw: raw) }
        return nationalNumber(digits[...], region: region, raw: raw)
    }

    /// Digits after "+" / "00": country code and national significant number.
    private static func internationalNumber(_ digits: Substring, raw: String) -> Result<String, PhoneNumberError> {
        if digits.first == "0" { return .failure(.countryCodeZero(raw)) }
        if digits.count > maxDigits {
            return .failure(.tooLong(raw, digits: digits.count, expected: "E.164 allows at most \(maxDigits) with the country code"))
        }
        if digits.first == "1" { return nanpNumber(digits.dropFirst(), raw: raw, expected: "+1 must be followed by 10") }
        if let plan = NationalPlan.forCountryCode(of: digits) {
            let nsn = digits.dropFirst(plan.countryCode.count)
            if nsn.first == "0" { return .failure(.leadingZero(raw, countryCode: plan.countryCode)) }
            return checked(nsn, plan: plan, raw: raw, expected: "+\(plan.countryCode) must be followed by \(describe(plan.lengths))")
        }
        if digits.count < minDigits {
            return .failure(.tooShort(raw, digits: digits.count, expected: "an international number has at least \(minDigits) with the country code"))
        }
        return .success("+" + digits)
    }

    /// A number without country code, read with the numbering of `region`.
    private static func nationalNumber(_ digits: Substring, region: String, raw: String) -> Result<String, PhoneNumberError> {
        guard let plan = NationalPlan.byRegion[region] else {
            return .failure(.unknownRegion(raw, region: region))
        }
        if plan.countryCode == "1" {
            if digits.count == 11 {
                guard digits.first == "1" else { return .failure(.nanpLeadingDigit(raw)) }
                return nanpNumber(digits.dropFirst(), raw: raw, expected: "a NANP number has 10 (or 11 starting with 1)")
            }
            return nanpNumber(digits, raw: raw, expected: "a NANP number has 10 (or 11 starting with 1)")
        }
        guard let trunk = plan.trunkPrefix else {
            // Spain: the national number is the whole number.
            if digits.first == "0" { return .failure(.spanishZero(raw)) }
            return checked(digits, plan: plan, raw: raw, expected: "a national \(region) number has \(describe(plan.lengths))")
        }
        guard digits.first == trunk else { return .failure(.missingTrunkPrefix(raw, region: region)) }
        return checked(digits.dropFirst(), plan: plan, raw: raw,
                       expected: "a national \(region) number has \(describe(plan.lengths)) after the trunk prefix 0")
    }

    /// The 10 NANP digits after the country code 1: NXX NXX XXXX.
    private static func nanpNumber(_ nsn: Substring, raw: String, expected: String) -> Result<String, PhoneNumberError> {
        if nsn.count < 10 { return .failure(.tooShort(raw, digits: nsn.count, expected: expected)) }
        if nsn.count > 10 { return .failure(.tooLong(raw, digits: nsn.count, expected: expected)) }
        let area = nsn.prefix(3), exchange = nsn.dropFirst(3).prefix(3)
        if area.first == "0" || area.first == "1" { return .failure(.nanpArea(raw, area)) }
        if exchange.first == "0" || exchange.first == "1" { return .failure(.nanpExchange(raw, exchange)) }
        return .success("+1" + nsn)
    }

    /// Length check of a national significant number, then the E.164 form.
    private static func checked(_ nsn: Substring, plan: NationalPlan, raw: String, expected: String) -> Result<String, PhoneNumberError> {
        if nsn.count < plan.lengths.lowerBound { return .failure(.tooShort(raw, digits: nsn.count, expected: expected)) }
        if nsn.count > plan.lengths.upperBound { return .failure(.tooLong(raw, digits: nsn.count, expected: expected)) }
        return .success("+" + plan.countryCode + nsn)
    }

    private static func describe(_ lengths: ClosedRange<Int>) -> String {
        lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
    }
}
