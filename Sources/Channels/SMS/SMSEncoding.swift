/// The data coding an SMS is sent with.
package enum SMSEncoding: String, Sendable, Codable {
    /// The GSM 03.38 7-bit default alphabet (with its extension table): 160 septets per single SMS.
    case gsm7 = "GSM-7"
    /// 16-bit coding: 70 code units per single SMS. Gateways actually send UTF-16, so characters
    /// outside the Basic Multilingual Plane (most emoji) travel as surrogate pairs of 2 units.
    case ucs2 = "UCS-2"
}

extension SMSEncoding {
    /// Units that fit a message sent as one SMS.
    var singleLimit: Int { self == .gsm7 ? 160 : 70 }
    /// Units per part of a concatenated SMS: the user data header (6 bytes) takes the rest.
    var partLimit: Int { self == .gsm7 ? 153 : 67 }
}
