/// The static type of a field or expression, checked when the template compiles.
package indirect enum ValueType: Sendable, Equatable, CustomStringConvertible {
    case string
    case number
    case bool
    case date
    case list(ValueType)
    case record(RecordSchema)
    /// The type of `null` and of values a function accepts whatever they are.
    case any

    package var description: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        case .list(let element): "[\(element)]"
        case .record(let schema): "record{\(schema.fields.map(\.name).joined(separator: ", "))}"
        case .any: "any"
        }
    }
}

/// A field of a record schema, with the template location that declared it (for error messages).
package struct Field: Sendable, Equatable {
    package let name: String
    package let type: ValueType
    package let optional: Bool
    package let location: SourceLocation?

    package init(name: String, type: ValueType, optional: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.type = type
        self.optional = optional
        self.location = location
    }
}

/// The shape of a record: ordered fields. Slot `i` of a `.record` value holds field `i`.
package final class RecordSchema: Sendable, Equatable {
    package let fields: [Field]
    private let indexByName: [String: Int]

    package init(fields: [Field]) {
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() { index[field.name] = i }
        self.indexByName = index
    }

    package func index(of name: String) -> Int? { indexByName[name] }

    package static func == (lhs: RecordSchema, rhs: RecordSchema) -> Bool {
        lhs === rhs || lhs.fields == rhs.fields
    }
}
