/// Why a message could not be rendered or written; the description names the field or file and what to change.
package struct EmailError: Error, Sendable, CustomStringConvertible {
    /// A sentence for the operator, e.g. "attachment 'a.pdf': cannot read /x/a.pdf: No such file or directory".
    package let description: String

    /// Creates an error with an operator-facing description.
    package init(_ description: String) {
        self.description = description
    }
}
