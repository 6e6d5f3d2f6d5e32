/// Why a JSON text could not be parsed, and where.
///
/// `byteOffset` is 0-based from the start of the parsed text (for JSON Lines: within the line), for tools;
/// `column` is 1-based and counts Unicode scalars, so it matches what an editor shows for non-ASCII text.
/// `message` is complete and meant for people, e.g. "unexpected character '}' at column 17; expected a value".
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let byteOffset: Int
    public let column: Int

    init(message: String, byteOffset: Int, column: Int) {
        self.message = message
        self.byteOffset = byteOffset
        self.column = column
    }

    public var description: String { message }
}
