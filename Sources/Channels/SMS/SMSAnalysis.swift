/// What a text costs as an SMS: its encoding, size and number of segments (the unit carriers bill).
package struct SMSAnalysis: Sendable, Equatable {
    /// GSM-7 when every character is in GSM 03.38 (basic or extension table), otherwise UCS-2.
    package let encoding: SMSEncoding
    /// Septets (GSM-7, an extension-table character counts 2: escape + code) or UTF-16 code units (UCS-2).
    package let units: Int
    /// Exact number of segments: 1 if units <= 160 (GSM-7) / 70 (UCS-2); otherwise concatenated
    /// segments of 153 / 67 units, never splitting an escape sequence (GSM-7) or a surrogate pair
    /// (UCS-2) across two segments. The empty text has 0 segments: there is nothing to send.
    package let segments: Int
    /// The characters that forced UCS-2 (empty for GSM-7), each once in order of first appearance,
    /// for messages like "'€' is in GSM-7's extension table" / "'✓' is not in GSM 03.38".
    package let nonGSMCharacters: [Character]
}
