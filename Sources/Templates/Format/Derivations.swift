import Records

/// Derived fields of the `data:` section, applied to each record right after it is bound: for a record
/// schema, the slots it computes from its own fields, then the same for nested records and list items.
package struct DerivationPlan: Sendable {
    struct Own: Sendable {
        let slot: Int
        let expression: CompiledExpression
        let slotCount: Int
    }
    var own: [Own] = []
    var nested: [Int: DerivationPlan] = [:]

    package var isEmpty: Bool { own.isEmpty && nested.isEmpty }

    /// Fills the derived slots of `value` (a record, or a list of records) in place.
    func apply(_ value: inout Value) throws(EvaluationError) {
        switch value {
        case .record(var slots):
            value = .null  // release the enum's copy so `slots` is edited in place
            for (slot, plan) in nested { try plan.apply(&slots[slot]) }
            for derived in own {
                let env = Environment(root: .record(slots), slotCount: derived.slotCount)
                slots[derived.slot] = try derived.expression.evaluate(env)
            }
            value = .record(slots)
        case .list(var items):
            value = .null
            for i in items.indices { try apply(&items[i]) }
            value = .list(items)
        default:
            break
        }
    }

    mutating func insert(_ own: Own, at path: ArraySlice<Int>) {
        guard let first = path.first else {
            self.own.append(own)
            return
        }
        var child = nested[first] ?? DerivationPlan()
        child.insert(own, at: path.dropFirst())
        nested[first] = child
    }
}

extension CompiledTemplate {
    /// Checks a parsed input record against the `data:` section and computes the derived fields.
    public func bind(_ json: JSONValue) throws(BindingError) -> Value {
        var value = try schema.bind(json)
        if !derivations.isEmpty {
            do { try derivations.apply(&value) } catch {
                throw BindingError(path: "", reason: "a derived field failed: \(error.message) (template \(error.location))")
            }
        }
        return value
    }
}

extension RecordSchema {
    /// The record schema at a path of field indexes (through nested records and lists of records).
    func schema(at path: [Int]) -> RecordSchema? {
        var current = self
        for index in path {
            switch current.fields[index].type {
            case .record(let inner), .list(.record(let inner)): current = inner
            default: return nil
            }
        }
        return current
    }
}
