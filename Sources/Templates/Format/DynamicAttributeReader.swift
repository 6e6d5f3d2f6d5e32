import Foundation

/// Reads an attribute that is a constant or, written `"{expression}"`, computed per record.
extension TemplateCompiler {
    /// A number attribute. A constant comes back as is; `"{…}"` is compiled into `dynamic` (the value returned
    /// is then a placeholder the layout replaces). nil when the attribute is absent and has no default.
    func dynamicNumber(_ node: TemplateNode, _ key: String, default fallback: Double? = nil, scope: CompileScope,
                       into dynamic: inout DynamicAttributes) throws(TemplateError) -> Double {
        guard let value = node[key] else {
            if let fallback { return fallback }
            throw node.error("missing attribute '\(key)'")
        }
        guard let source = Self.expressionSource(value) else { return try value.requireNumber() }
        let expression = try ExpressionCompiler.compile(source.text, at: value.textLocation.advanced(by: source.offset),
                                                        element: value.element, scope: scope, expecting: .number)
        dynamic.numbers.append(.init(key: key, expression: expression))
        return fallback ?? 0
    }

    /// A colour attribute: `#RRGGBB`, a palette name, or `"{…}"` giving either per record.
    func dynamicColor(_ node: TemplateNode, _ key: String, scope: CompileScope,
                      into dynamic: inout DynamicAttributes) throws(TemplateError) -> Color? {
        guard let value = node[key] else { return nil }
        guard let source = Self.expressionSource(value) else { return try styles.color(value) }
        let expression = try ExpressionCompiler.compile(source.text, at: value.textLocation.advanced(by: source.offset),
                                                        element: value.element, scope: scope, expecting: .string)
        dynamic.colors.append(.init(key: key, expression: expression))
        dynamic.palette = styles.colors
        return .black
    }

    /// The expression inside `"{…}"` when the whole value is one, with its offset in the scalar (for error
    /// columns); nil for a constant.
    static func expressionSource(_ node: TemplateNode) -> (text: String, offset: Int)? {
        guard let text = node.string else { return nil }
        let leading = text.prefix(while: { $0 == " " }).count
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.count > 2 else { return nil }
        return (String(trimmed.dropFirst().dropLast()), leading + 1)
    }
}
