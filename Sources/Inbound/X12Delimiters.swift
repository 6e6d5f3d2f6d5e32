/// The separators an interchange declares in its ISA, and the line break written after each terminator.
public struct X12Delimiters: Hashable, Sendable {
    public var element: UInt8
    /// ISA11 when the version is 00402 or later; nil before (ISA11 is then the standards id "U").
    public var repetition: UInt8?
    public var component: UInt8
    public var segment: UInt8
    /// "", "\n", "\r\n" or "\r": what follows each segment terminator.
    public var lineBreak: String

    public init(element: UInt8, repetition: UInt8?, component: UInt8, segment: UInt8, lineBreak: String = "") {
        self.element = element
        self.repetition = repetition
        self.component = component
        self.segment = segment
        self.lineBreak = lineBreak
    }

    /// `*`, `^`, `:`, `~`, no line break.
    public static let standard = X12Delimiters(element: 0x2A, repetition: 0x5E, component: 0x3A, segment: 0x7E)

    /// Why these bytes cannot be delimiters (letters, digits, space, or two alike), or nil when they can.
    package func problem() -> String? {
        let all = [element, component, segment] + (repetition.map { [$0] } ?? [])
        for byte in all where isAlphanumeric(byte) || byte == 0x20 {
            return "separator \(describeByte(byte)) is a letter, digit or space"
        }
        if Set(all).count != all.count { return "two separators are the same byte" }
        return nil
    }
}

func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

/// A byte as text for messages: printable bytes quoted, others in hex.
func describeByte(_ byte: UInt8) -> String {
    byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16, uppercase: true)
}
