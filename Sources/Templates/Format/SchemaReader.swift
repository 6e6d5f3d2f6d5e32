/// Reads the `data:` section: the fields a template needs from each record, with their types, and the
/// fields it derives from them.
///
///     data:
///       account_id: string
///       email: string?          # optional: may be missing or null
///       usage: [number]
///       transactions:           # a list of records
///         - date: date
///           amount: number
///       lines:
///         - quantity: number
///           unit_price: number
///           amount: number = quantity * unit_price    # derived: computed once per record, usable everywhere
///       customer:               # a nested record
///         name: string
struct SchemaReader {
    /// A derived field waiting for its schema to be complete before its expression can be compiled.
    struct PendingDerivation {
        let path: [Int]
        let slot: Int
        let type: ValueType
        let source: String
        let node: TemplateNode
    }

    private(set) var pending: [PendingDerivation] = []

    mutating func read(_ node: TemplateNode, path: [Int] = []) throws(TemplateError) -> RecordSchema {
        var fields: [Field] = []
        for (index, (name, value)) in try node.mappingPairs().enumerated() {
            if let text = value.string, let equals = text.firstIndex(of: "=") {
                let typeName = text[..<equals].trimmingCharacters(in: .whitespaces)
                let source = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                guard let (type, _) = TypeName.parse(typeName) else {
                    throw value.error("a derived field is written 'type = expression', e.g. 'number = quantity * unit_price'")
                }
                let exprNode = TemplateNode(node: value.node, file: value.file, element: value.element)
                pending.append(PendingDerivation(path: path, slot: index, type: type, source: source, node: exprNode))
                fields.append(Field(name: name, type: type, optional: true, location: value.location))
                continue
            }
            let (type, optional) = try fieldType(value, path: path + [index])
            fields.append(Field(name: name, type: type, optional: optional, location: value.location))
        }
        return RecordSchema(fields: fields)
    }

    private mutating func fieldType(_ node: TemplateNode, path: [Int]) throws(TemplateError) -> (ValueType, Bool) {
        if node.isMapping { return (.record(try read(node, path: path)), false) }
        if node.isSequence {
            let items = try node.items()
            guard items.count == 1 else {
                throw node.error("a list field is written with one item that describes every element: [number] or '- field: type'")
            }
            if items[0].isMapping { return (.list(.record(try read(items[0], path: path))), false) }
            let (element, _) = try fieldType(items[0], path: path)
            return (.list(element), false)
        }
        let text = try node.requireString()
        guard let parsed = TypeName.parse(text) else {
            throw node.error("unknown type '\(text)'; use string, number, bool, date, [type], a nested mapping, or add ? for optional")
        }
        return parsed
    }
}
