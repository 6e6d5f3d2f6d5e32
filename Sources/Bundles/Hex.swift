/// Lowercase hex, the form BagIt manifests and `sha256sum` use.
func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Uppercase colon-separated hex, the form `openssl x509 -fingerprint` prints, so users can compare by eye.
func fingerprintString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    hexString(bytes).uppercased().chunked(2).joined(separator: ":")
}

extension String {
    fileprivate func chunked(_ size: Int) -> [String] {
        var result: [String] = []
        var index = startIndex
        while index < endIndex {
            let end = self.index(index, offsetBy: size, limitedBy: endIndex) ?? endIndex
            result.append(String(self[index..<end]))
            index = end
        }
        return result
    }
}
