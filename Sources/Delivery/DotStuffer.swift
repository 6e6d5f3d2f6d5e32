/// Turns a message into the DATA stream of SMTP, a chunk at a time: every line ending becomes CRLF (a bare
/// LF or a bare CR alike), a line starting with "." gets a second one (RFC 5321 §4.5.2), and the end makes
/// sure the last line is terminated. The final ".\r\n" is not part of it: the caller sends that itself.
package struct DotStuffer: Sendable {
    private var atLineStart = true
    private var pendingCR = false

    package init() {}

    package mutating func feed(_ input: some Sequence<UInt8>, into output: inout [UInt8]) {
        for byte in input {
            if pendingCR {
                pendingCR = false
                output.append(13)
                output.append(10)
                atLineStart = true
                if byte == 10 { continue }
            }
            switch byte {
            case 13:
                pendingCR = true
            case 10:
                output.append(13)
                output.append(10)
                atLineStart = true
            default:
                if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
                output.append(byte)
                atLineStart = false
            }
        }
    }

    /// What must follow the last chunk: the last line's CRLF if it had none.
    package mutating func finish(into output: inout [UInt8]) {
        if pendingCR || !atLineStart {
            output.append(13)
            output.append(10)
        }
        pendingCR = false
        atLineStart = true
    }

    /// The whole transformation of a message in memory (tests, small messages).
    package static func stuff(_ message: some Sequence<UInt8>) -> [UInt8] {
        var stuffer = DotStuffer()
        var output: [UInt8] = []
        stuffer.feed(message, into: &output)
        stuffer.finish(into: &output)
        return output
    }
}
