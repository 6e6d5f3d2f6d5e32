import Crypto

/// Multipart boundaries derived from the message id and the part's nesting index, so the same message always
/// gives the same bytes. They contain "=_", which neither quoted-printable (where "=" is followed by hex digits
/// or a line break) nor base64 can produce, so no body line can ever look like a boundary.
enum MIMEBoundary {
    static func make(messageID: String, index: Int) -> String {
        let digest = SHA256.hash(data: Array("inkstream-mime\u{0}\(messageID)\u{0}\(index)".utf8))
        let hex = digest.prefix(16).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        return "=_inkstream_\(index)_\(hex)"
    }
}
