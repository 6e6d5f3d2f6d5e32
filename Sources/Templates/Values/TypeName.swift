/// Schema type names as designers write them in YAML: "string", "number", "bool", "date",
/// "[string]" (a list), "string?" (optional). Nested record schemas are the loader's business.
package enum TypeName {
    /// The type and whether it is optional, or nil for an unknown name. Lists nest ("[[number]]");
    /// list elements cannot be optional ("[string?]" is rejected): a list holds values.
    package static func parse(_ text: String) -> (type: ValueType, optional: Bool)? {
        var name = Substring(text).trimmingWhitespace()
        var optional = false
        if name.hasSuffix("?") {
            optional = true
            name = name.dropLast().trimmingWhitespace()
        }
        guard let type = parseType(name) else { return nil }
        return (type, optional)
    }

    private static func parseType(_ name: Substring) -> ValueType? {
        if name.hasPrefix("["), name.hasSuffix("]"), name.count >= 2 {
            let inner = name.dropFirst().dropLast().trimmingWhitespace()
            return parseType(inner).map { .list($0) }
        }
        switch name {
        case "string": return .string
        case "number": return .number
        case "bool": return .bool
        case "date": return .date
        default: return nil
        }
    }

    /// The names `parse` understands, for the loader's error messages.
    package static let scalarNames = ["string", "number", "bool", "date"]
}

extension Substring {
    /// Without leading and trailing whitespace (Foundation-free).
    func trimmingWhitespace() -> Substring {
        var trimmed = self
        while trimmed.first?.isWhitespace == true { trimmed = trimmed.dropFirst() }
        while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
