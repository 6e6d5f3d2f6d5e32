/// Quoted-printable per RFC 2045 §6.7, for the UTF-8 text and HTML bodies.
///
/// Every line break of the text (CRLF, LF or CR) becomes a CRLF hard break; encoded lines are at most 76
/// characters, ending in "=" where a soft break was inserted. Beyond the rules we also encode a "." or "From "
/// at the start of an output line ("=2E", "=46rom "): relays that dot-stuff or mbox-escape then have nothing to change.
enum QuotedPrintable {
    static let maxLineLength = 76

    /// The encoded body, without a line break at the end unless the text ends with one.
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = splitLines(Array(text.utf8))
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(contentsOf: crlf) }
            encodeLine(line, into: &output)
        }
        return output
    }

    private static let crlf: [UInt8] = [13, 10]
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Splits at CRLF, LF or lone CR; a text ending in a break yields a final empty line.
    private static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 || byte == 13 {
                lines.append(bytes[start..<index])
                index += (byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let token = encoded(byte, isLast: isLast, atLineStart: column == 0, rest: line[index...])
            // The last token of the line may reach column 76; others leave room for the soft-break "=".
            if column + token.count > (isLast ? maxLineLength : maxLineLength - 1) {
                output.append(UInt8(ascii: "="))
                output.append(contentsOf: crlf)
                column = 0
                // The token may change at the start of the new output line ("." or "From ").
                let restarted = encoded(byte, isLast: isLast, atLineStart: true, rest: line[index...])
                output.append(contentsOf: restarted)
                column = restarted.count
            } else {
                output.append(contentsOf: token)
                column += token.count
            }
            index += 1
        }
    }

    private static func encoded(_ byte: UInt8, isLast: Bool, atLineStart: Bool, rest: ArraySlice<UInt8>) -> [UInt8] {
        let literal: Bool
        switch byte {
        case 9, 32: literal = !isLast  // whitespace at the end of a line would be stripped in transit
        case UInt8(ascii: "="): literal = false
        case UInt8(ascii: "."): literal = !atLineStart
        case UInt8(ascii: "F"): literal = !(atLineStart && rest.starts(with: "From ".utf8))
        case 33...126: literal = true
        default: literal = false
        }
        return literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
    }
}
