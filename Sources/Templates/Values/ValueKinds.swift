/// Small conveniences on `Value` and `ValueType` shared by the expression compiler, the function
/// library and schema binding. Kept apart from Value.swift so the core types stay minimal.
extension Value {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The runtime kind, phrased for error messages ("a number", "null").
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .number: "a number"
        case .string: "a string"
        case .date: "a date"
        case .list: "a list"
        case .record: "a record"
        }
    }
}

extension ValueType {
    /// True for a list whose elements are records: such a value can only feed a table or a list
    /// function, never text, which is worth a dedicated error message.
    var isListOfRecords: Bool {
        if case .list(.record) = self { return true }
        return false
    }

    var isAny: Bool {
        if case .any = self { return true }
        return false
    }

    /// The element type of a list type; nil for non-lists. `any` yields `any` (an unknown value may
    /// be a list of anything).
    var listElement: ValueType? {
        switch self {
        case .list(let element): element
        case .any: .any
        default: nil
        }
    }

    /// Whether a value of type `self` may be used where `expected` is wanted. `any` is compatible
    /// both ways: it is the type of `null` and of values only known at run time.
    func isAssignable(to expected: ValueType) -> Bool {
        switch (self, expected) {
        case (.any, _), (_, .any): true
        case let (.list(a), .list(b)): a.isAssignable(to: b)
        case let (.record(a), .record(b)): a == b
        default: self == expected
        }
    }

    /// The common type of two branches (`?:`, `??`, list elements), or nil when they differ.
    /// `any` (null) gives way to the other side, since every field is nullable.
    func unified(with other: ValueType) -> ValueType? {
        switch (self, other) {
        case (.any, _): other
        case (_, .any): self
        case let (.list(a), .list(b)):
            a.unified(with: b).map { .list($0) }
        case let (.record(a), .record(b)):
            a == b ? self : nil
        default: self == other ? self : nil
        }
    }

    /// The type phrased for a designer: "a list of records" reads better than "[record{…}]".
    var designerDescription: String {
        switch self {
        case .list(.record): "a list of records"
        case .record: "a record"
        default: description
        }
    }
}
