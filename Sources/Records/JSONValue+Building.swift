/// Building values in code (inbound X12 turned into records): literals, a keyed object whose members are
/// written in key order (deterministic output whatever order the code set them in), and typed reads.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) })
    }
    public init(nilLiteral: ()) { self = .null }

    /// An object of `fields`, members in key order.
    public init(_ fields: [String: JSONValue]) {
        self = .object(fields.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// An array of objects.
    public init(_ objects: [[String: JSONValue]]) { self = .array(objects.map(JSONValue.init)) }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
}

extension JSONValue {
    /// This object with `key` set to `value` (replaced in place, or added at the end); other values unchanged.
    package func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
        return .object(members)
    }
}
