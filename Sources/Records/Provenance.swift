/// Where a record came from: the file, its 1-based line, and the byte offset of the line's first byte.
public struct Provenance: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let byteOffset: Int

    public init(file: String, line: Int, byteOffset: Int) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
    }

    public var description: String { "\(file):\(line)" }
}
