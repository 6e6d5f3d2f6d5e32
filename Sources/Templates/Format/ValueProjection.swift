/// How a value from the caller becomes a component parameter's value: a record passed where the parameter is
/// a record keeps the fields the parameter names, by name, in the parameter's order (records are positional
/// at run time); lists project each element. Worked out when the template compiles, so a field the component
/// needs and the value lacks is a compile error at the argument.
package indirect enum ValueProjection: Sendable {
    case same
    /// For each parameter field, the index of the caller's field (nil: absent, an optional field: null) and how
    /// that field's value is projected.
    case record([RecordSlot])
    case list(ValueProjection)

    package struct RecordSlot: Sendable {
        let source: Int?
        let inner: ValueProjection
    }

    package func apply(_ value: Value) -> Value {
        switch (self, value) {
        case (.same, _): return value
        case (.record(let slots), .record(let fields)):
            return .record(slots.map { slot in
                guard let source = slot.source, source < fields.count else { return .null }
                return slot.inner.apply(fields[source])
            })
        case (.list(let inner), .list(let elements)): return .list(elements.map(inner.apply))
        default: return value   // null stays null
        }
    }

    /// The projection from `actual` to `expected`, or why a value of `actual` cannot be passed.
    static func from(_ actual: ValueType, to expected: ValueType) -> Result<ValueProjection, ProjectionMismatch> {
        switch (actual, expected) {
        case (.any, _), (_, .any): return .success(.same)
        case let (.list(a), .list(e)):
            switch from(a, to: e) {
            case .success(.same): return .success(.same)
            case .success(let inner): return .success(.list(inner))
            case .failure(let why): return .failure(why.inside("each element"))
            }
        case let (.record(a), .record(e)):
            if a == e { return .success(.same) }
            var slots: [RecordSlot] = []
            for field in e.fields {
                guard let index = a.index(of: field.name) else {
                    if field.optional { slots.append(RecordSlot(source: nil, inner: .same)); continue }
                    let has = a.fields.map(\.name).joined(separator: ", ")
                    return .failure(ProjectionMismatch("has no field '\(field.name)' (\(field.type)); it has \(has)"))
                }
                switch from(a.fields[index].type, to: field.type) {
                case .success(let inner): slots.append(RecordSlot(source: index, inner: inner))
                case .failure(let why): return .failure(why.inside("its field '\(field.name)'"))
                }
            }
            return .success(.record(slots))
        default:
            return actual == expected ? .success(.same) : .failure(ProjectionMismatch("is \(actual), not \(expected)"))
        }
    }
}

struct ProjectionMismatch: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
    func inside(_ part: String) -> ProjectionMismatch { ProjectionMismatch("\(part) \(reason)") }
}
