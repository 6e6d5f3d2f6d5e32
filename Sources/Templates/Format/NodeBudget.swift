import Yams

/// A bound on the size of a template after YAML aliases are expanded.
///
/// The composer resolves every alias (`*name`) to the node it names, so a few hundred bytes of anchors that
/// each repeat the previous one nine times ("billion laughs") stand for millions of nodes, and the compiler,
/// which walks them all, hung or filled memory (found by trying classic hostile YAML by hand while writing Fuzz/). Real templates have a few
/// thousand nodes; the bound leaves ample room and is checked by a walk that stops as soon as it is passed.
enum NodeBudget {
    static let limit = 100_000

    /// Whether `root` holds more than `limit` nodes once aliases are expanded.
    static func isExceeded(by root: Node) -> Bool {
        var remaining = limit
        var pending: [Node] = [root]
        while let node = pending.popLast() {
            remaining -= 1
            if remaining < 0 { return true }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            default:
                break
            }
        }
        return false
    }
}
