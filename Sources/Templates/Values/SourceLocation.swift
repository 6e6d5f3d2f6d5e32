/// A place in a template file: 1-based line and column, as Yams' node marks give them.
package struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    package let file: String
    package let line: Int
    package let column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same location moved `offset` characters to the right on the same line (for errors inside
    /// an expression string).
    package func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    package var description: String { "\(file):\(line):\(column)" }
}

/// A mistake in a template, found before any record is processed. `element` names the template element
/// ("text", "table.columns[2].value") so a designer can find it.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    package let location: SourceLocation
    package let element: String
    package let message: String

    package init(_ message: String, at location: SourceLocation, element: String) {
        self.location = location
        self.element = element
        self.message = message
    }

    public var description: String { "\(location): error in \(element): \(message)" }
}
