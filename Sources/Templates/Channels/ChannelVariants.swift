import Foundation

/// The channels a communication can go out on.
package enum Channel: String, Sendable, CaseIterable, Codable {
    case print, email, sms
}

/// What happens to a record whose chosen channel cannot take it (no valid address or number, an SMS
/// over its segment limit, no variant for that channel).
package enum ChannelFallback: Sendable, Equatable {
    case channel(Channel)
    case reject
}

/// `channels:`: the rule that picks each record's channel, and the fallback.
public struct ChannelRules: Sendable {
    /// Text expression giving print, email or sms.
    public let choose: CompiledText
    package let fallback: ChannelFallback
}

/// A file of the template folder sent with every email (terms, a logo).
package struct StaticPart: Sendable {
    package let path: String
    package let filename: String
    package let contentType: String
    /// Set for inline parts, referenced from the HTML as `cid:<id>`.
    package let contentID: String?
}

/// An address in a template: one text ("Name <a@b.example>"), or its parts, which is safe for any display
/// name (commas, quotes, angle brackets).
package enum AddressTemplate: Sendable {
    case text(CompiledText)
    case parts(name: CompiledText?, address: CompiledText)
}

/// `email:`: the email variant of the communication.
package struct EmailVariant: Sendable {
    package let from: AddressTemplate
    package let to: AddressTemplate
    package let replyTo: AddressTemplate?
    package let subject: CompiledText
    package let html: CompiledBody
    package let text: CompiledBody
    /// File name under which the print PDF of the same document is attached; nil: not attached.
    package let attachPDF: CompiledText?
    package let attachments: [StaticPart]
    package let inline: [StaticPart]
}

/// `sms:`: the SMS variant.
package struct SMSVariant: Sendable {
    package let to: CompiledText
    /// Region for national numbers (e.g. "US").
    package let region: String
    package let text: CompiledText
    package let maxSegments: Int
    package let overLimit: ChannelFallback
    /// What happens to control, bidi and zero-width characters that the data brings into the text.
    package let unsafeCharacters: UnsafeCharacterPolicy
}

/// `sms.unsafe_characters`: strip (default) removes them and counts them in the run report; reject rejects
/// the record naming the first one. The template's own literal text is the designer's and is left alone.
package enum UnsafeCharacterPolicy: String, Sendable, CaseIterable {
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
