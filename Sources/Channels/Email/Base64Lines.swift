/// Base64 (RFC 2045 §6.8) in lines of 76 characters: each full line encodes exactly 57 input bytes, so a
/// file can be encoded chunk by chunk (chunks a multiple of 57 bytes) with the same result as all at once.
enum Base64Lines {
    static let inputBytesPerLine = 57

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends the lines for `bytes`, each followed by CRLF except that `trailingBreak: false` omits the last one.
    static func append(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8], trailingBreak: Bool) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = min(start + inputBytesPerLine, bytes.endIndex)
            encodeLine(bytes[start..<end], into: &output)
            if end < bytes.endIndex || trailingBreak {
                output.append(13)
                output.append(10)
            }
            start = end
        }
    }

    private static func encodeLine(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let count = min(3, bytes.endIndex - index)
            let b0 = UInt32(bytes[index])
            let b1 = count > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = count > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(count > 1 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            output.append(count > 2 ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += count
        }
    }
}
