/// What we know of a country's numbering: enough to turn a national number into E.164 and to
/// catch typos. A plausibility check on length, not a full numbering-plan validation (use
/// libphonenumber-grade data for that); mobile and landline are not told apart.
struct NationalPlan: Sendable {
    var countryCode: String
    /// Dialled before national numbers and dropped in E.164 ("020 …" → "+44 20 …"); nil if none.
    var trunkPrefix: Character?
    /// Digits of the national significant number (after the trunk prefix).
    var lengths: ClosedRange<Int>

    static let byRegion: [String: NationalPlan] = [
        "US": nanp, "CA": nanp,
        // GB: 9–10 digits; the odd 7-digit freephone (0800 1111) cannot receive SMS anyway.
        "GB": NationalPlan(countryCode: "44", trunkPrefix: "0", lengths: 9...10),
        // DE: area codes and subscriber numbers vary in length; only obvious typos are caught.
        "DE": NationalPlan(countryCode: "49", trunkPrefix: "0", lengths: 5...13),
        "FR": NationalPlan(countryCode: "33", trunkPrefix: "0", lengths: 9...9),
        // NL: geographic and mobile numbers; 0800/0900 service numbers (7–10 digits) are left out.
        "NL": NationalPlan(countryCode: "31", trunkPrefix: "0", lengths: 9...9),
        // ES: no trunk prefix since 1998: the former trunk digit 9 became part of the number.
        "ES": NationalPlan(countryCode: "34", trunkPrefix: nil, lengths: 9...9),
    ]

    // NANP (US, CA, …): the leading 1 of 11-digit numbers is the long-distance prefix.
    static let nanp = NationalPlan(countryCode: "1", trunkPrefix: "1", lengths: 10...10)

    /// For error messages.
    static let supportedRegions = byRegion.keys.sorted().joined(separator: ", ")

    /// The plan whose country code starts these international digits (NANP handled by the caller).
    static func forCountryCode(of digits: Substring) -> NationalPlan? {
        byRegion.values.first { $0.countryCode != "1" && digits.hasPrefix($0.countryCode) }
    }
}
