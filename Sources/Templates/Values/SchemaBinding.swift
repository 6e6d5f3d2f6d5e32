import Records

/// Why a JSON record does not fit the template's data schema. `path` leads to the offending value
/// (`transactions[3].amount`; empty for the record itself).
public struct BindingError: Error, Sendable, Equatable, CustomStringConvertible {
    package let path: String
    package let reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "transactions[3].amount: expected a number, found a string ("12,00")".
    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

/// Converting parsed JSON into a schema-shaped `Value`, once per record before evaluation.
extension RecordSchema {
    /// Binds a JSON object to this schema: a `.record` with one slot per field, in field order.
    /// Fields declared `.date` accept "YYYY-MM-DD" strings (month 1-12 and a day that exists in
    /// that month). Optional fields may be missing or null (→ `.null`); unknown members are ignored;
    /// there is no silent coercion (a number for a `.string` field is an error).
    package func bind(_ json: JSONValue) throws(BindingError) -> Value {
        do throws(PathedFailure) {
            return try bindRecord(json)
        } catch {
            throw BindingError(path: error.path, reason: error.reason)
        }
    }

    fileprivate func bindRecord(_ json: JSONValue) throws(PathedFailure) -> Value {
        guard case .object(let members) = json else {
            throw PathedFailure("expected an object, found \(Self.describe(json))")
        }
        var slots = [Value](repeating: .null, count: fields.count)
        var bound = [Bool](repeating: false, count: fields.count)
        for member in members {
            // The first occurrence of a duplicated key wins, as with JSONValue's subscript.
            guard let slot = index(of: member.key), !bound[slot] else { continue }
            bound[slot] = true
            let field = fields[slot]
            do throws(PathedFailure) {
                slots[slot] = try Self.bindValue(member.value, as: field.type, optional: field.optional)
            } catch {
                throw error.inside(.field(field.name))
            }
        }
        for slot in fields.indices where !bound[slot] && !fields[slot].optional {
            throw PathedFailure("missing field '\(fields[slot].name)'")
        }
        return .record(slots)
    }

    fileprivate static func bindValue(_ json: JSONValue, as type: ValueType, optional: Bool) throws(PathedFailure) -> Value {
        if case .null = json {
            guard optional || type.isAny else { throw mismatch(type, json) }
            return .null
        }
        switch (type, json) {
        case (.string, .string(let text)): return .string(text)
        case (.number, .number(let x)): return .number(x)
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.date, .string(let text)):
            switch CivilDate.parseISO(text) {
            case .success(let days):
                guard let value = CivilDate.dateValue(days) else { throw PathedFailure("date \(quoted(text)) is out of range") }
                return value
            case .failure(let failure):
                throw PathedFailure("invalid date \(quoted(text)): \(failure.reason)")
            }
        case (.list(let element), .array(let items)):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (position, item) in items.enumerated() {
                do throws(PathedFailure) {
                    values.append(try bindValue(item, as: element, optional: false))
                } catch {
                    throw error.inside(.index(position))
                }
            }
            return .list(values)
        case (.record(let schema), _): return try schema.bindRecord(json)
        case (.any, _): return untyped(json)
        default: throw mismatch(type, json)
        }
    }

    /// A value without a declared shape: scalars and arrays map directly, objects become records
    /// in member order (no expression can name their fields, but they can be counted or tested).
    private static func untyped(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let x): .number(x)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(untyped))
        case .object(let members): .record(members.map { untyped($0.value) })
        }
    }

    private static func mismatch(_ type: ValueType, _ json: JSONValue) -> PathedFailure {
        let expected: String = switch type {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .date: "a date (\"YYYY-MM-DD\")"
        case .list: "an array"
        case .record: "an object"
        case .any: "a value"
        }
        return PathedFailure("expected \(expected), found \(describe(json))")
    }

    /// "a string ("12,00")", "a number (12)", "null".
    private static func describe(_ json: JSONValue) -> String {
        switch json {
        case .string(let text): "a string (\(quoted(text)))"
        case .number(let x): "a number (\(ValueText.number(x)))"
        case .bool(let flag): "a boolean (\(flag))"
        default: json.kindDescription
        }
    }

    private static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
        return "\"\(shown)\""
    }
}

/// A binding failure collecting its path while the recursion unwinds; the path string is only
/// built when a record is rejected, so binding valid records costs nothing extra.
private struct PathedFailure: Error {
    enum Component {
        case field(String)
        case index(Int)
    }

    let reason: String
    /// Innermost first.
    var components: [Component] = []

    init(_ reason: String) {
        self.reason = reason
    }

    func inside(_ component: Component) -> PathedFailure {
        var copy = self
        copy.components.append(component)
        return copy
    }

    var path: String {
        var text = ""
        for component in components.reversed() {
            switch component {
            case .field(let name): text += text.isEmpty ? name : "." + name
            case .index(let position): text += "[\(position)]"
            }
        }
        return text
    }
}
