import Yams

/// A YAML node with the file it came from and the element path that led to it, so every accessor can
/// report a mistake as `file:line:column: error in <element>: <what to do>`.
struct TemplateNode {
    let node: Node
    let file: String
    let element: String

    var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Where the text of a scalar starts: one column after the opening quote of a quoted scalar.
    var textLocation: SourceLocation {
        guard case .scalar(let scalar) = node else { return location }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return location.advanced(by: 1)
        default: return location
        }
    }

    func error(_ message: String) -> TemplateError {
        TemplateError(message, at: location, element: element)
    }

    func child(_ node: Node, element: String) -> TemplateNode {
        TemplateNode(node: node, file: file, element: element)
    }

    // MARK: Shape

    var isMapping: Bool { node.mapping != nil }
    var isSequence: Bool { node.sequence != nil }

    func mappingPairs() throws(TemplateError) -> [(key: String, value: TemplateNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping of attributes (key: value)") }
        return mapping.map { pair in
            let key = pair.key.string ?? ""
            return (key, child(pair.value, element: element.isEmpty ? key : "\(element).\(key)"))
        }
    }

    func items() throws(TemplateError) -> [TemplateNode] {
        guard let sequence = node.sequence else { throw error("expected a list (items starting with '- ')") }
        return sequence.enumerated().map { child($0.element, element: "\(element)[\($0.offset)]") }
    }

    /// Fails on attributes this element does not know, naming the known ones: a typo must not be ignored.
    func checkKeys(_ allowed: Set<String>) throws(TemplateError) {
        if let first = unknownKeys(allowed).first { throw first }
    }

    /// One error per attribute this element does not know, each at its own key.
    func unknownKeys(_ allowed: Set<String>) -> [TemplateError] {
        guard let mapping = node.mapping else { return [] }
        return mapping.compactMap { pair in
            let key = pair.key.string ?? ""
            guard !allowed.contains(key) else { return nil }
            let hint = Suggestions.hint(for: key, among: allowed)
            return TemplateError("unknown attribute '\(key)'.\(hint) Known: \(allowed.sorted().joined(separator: ", "))",
                                 at: child(pair.key, element: element).location, element: element)
        }
    }

    /// The same mapping without `key` (an attribute already read another way).
    func removing(_ key: String) -> TemplateNode {
        guard var mapping = node.mapping else { return self }
        mapping[key] = nil
        return TemplateNode(node: .mapping(mapping), file: file, element: element)
    }

    subscript(key: String) -> TemplateNode? {
        guard let value = node.mapping?[key] else { return nil }
        return child(value, element: element.isEmpty ? key : "\(element).\(key)")
    }

    // MARK: Scalars

    var string: String? { node.scalar?.string }

    func requireString() throws(TemplateError) -> String {
        guard let s = node.scalar?.string else { throw error("expected text, found a \(node.mapping != nil ? "mapping" : "list")") }
        return s
    }

    func requireNumber() throws(TemplateError) -> Double {
        guard let s = node.scalar?.string, let value = Double(s) else {
            throw error("expected a number (points), found '\(node.scalar?.string ?? "a nested value")'")
        }
        return value
    }

    func requireBool() throws(TemplateError) -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found '\(node.scalar?.string ?? "a nested value")'")
        }
    }

    func requireNumbers() throws(TemplateError) -> [Double] {
        try items().map { item throws(TemplateError) in try item.requireNumber() }
    }
}

extension TemplateNode {
    func number(_ key: String) throws(TemplateError) -> Double {
        guard let value = self[key] else { throw error("missing attribute '\(key)'") }
        return try value.requireNumber()
    }

    func number(_ key: String, default fallback: Double) throws(TemplateError) -> Double {
        try self[key]?.requireNumber() ?? fallback
    }

    func optionalNumber(_ key: String) throws(TemplateError) -> Double? {
        try self[key]?.requireNumber()
    }

    func bool(_ key: String, default fallback: Bool) throws(TemplateError) -> Bool {
        try self[key]?.requireBool() ?? fallback
    }

    func string(_ key: String) throws(TemplateError) -> String {
        guard let value = self[key] else { throw error("missing attribute '\(key)'") }
        return try value.requireString()
    }

    /// `logical`: text that may also align to its `start` or `end` (which follow its direction).
    func align(_ key: String = "align", logical: Bool = false) throws(TemplateError) -> TextAlign {
        guard let node = self[key] else { return .left }
        let text = try node.requireString()
        guard let align = TextAlign(rawValue: text), logical || (align != .start && align != .end) else {
            throw node.error("unknown alignment '\(text)'; use left, right or center\(logical ? ", or start or end (which follow the text's direction)" : "")")
        }
        return align
    }

    func direction() throws(TemplateError) -> TextDirection {
        guard let node = self["direction"] else { return .auto }
        let text = try node.requireString()
        guard let direction = TextDirection(rawValue: text) else {
            throw node.error("unknown direction '\(text)'; use auto (from the first letter with a direction), ltr or rtl")
        }
        return direction
    }
}
