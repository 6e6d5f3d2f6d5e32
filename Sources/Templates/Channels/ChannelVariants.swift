import Foundation

/// The channels a communication can go out on.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case print, email, sms
}

/// What happens to a record whose chosen channel cannot take it (no valid address or number, an SMS
/// over its segment limit, no variant for that channel).
public enum ChannelFallback: Sendable, Equatable {
    case channel(Channel)
    case reject
}

/// `channels:`: the rule that picks each record's channel, and the fallback.
public struct ChannelRules: Sendable {
    /// Text expression giving print, email or sms.
    public let choose: CompiledText
    public let fallback: ChannelFallback
}

/// A file of the template folder sent with every email (terms, a logo).
public struct StaticPart: Sendable {
    public let path: String
    public let filename: String
    public let contentType: String
    /// Set for inline parts, referenced from the HTML as `cid:<id>`.
    public let contentID: String?
}

/// An address in a template: one text ("Name <a@b.example>"), or its parts, which is safe for any display
/// name (commas, quotes, angle brackets).
public enum AddressTemplate: Sendable {
    case text(CompiledText)
    case parts(name: CompiledText?, address: CompiledText)
}

/// `email:`: the email variant of the communication.
public struct EmailVariant: Sendable {
    public let from: AddressTemplate
    public let to: AddressTemplate
    public let replyTo: AddressTemplate?
    public let subject: CompiledText
    public let html: CompiledBody
    public let text: CompiledBody
    /// File name under which the print PDF of the same document is attached; nil: not attached.
    public let attachPDF: CompiledText?
    public let attachments: [StaticPart]
    public let inline: [StaticPart]
}

/// `sms:`: the SMS variant.
public struct SMSVariant: Sendable {
    public let to: CompiledText
    /// Region for national numbers (e.g. "US").
    public let region: String
    public let text: CompiledText
    public let maxSegments: Int
    public let overLimit: ChannelFallback
    /// What happens to control, bidi and zero-width characters that the data brings into the text.
    public let unsafeCharacters: UnsafeCharacterPolicy
}

/// `sms.unsafe_characters`: strip (default) removes them and counts them in the run report; reject rejects
/// the record naming the first one. The template's own literal text is the designer's and is left alone.
public enum UnsafeCharacterPolicy: String, Sendable, CaseIterable {
    case strip, reject
}

enum ContentTypes {
    static func forFile(_ path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "txt": "text/plain"
        case "html", "htm": "text/html"
        case "csv": "text/csv"
        default: nil
        }
    }
}
