import Yams

/// A font family a template names (`font:`, `fallback:`, `<span font=…>`), where it names it, for `check`
/// to say which are not installed and for the run identity to hash the files they resolve to.
package struct FontFamilyUse: Sendable, Hashable {
    package let family: String
    package let location: SourceLocation
}

enum FontNames {
    /// Every family named anywhere in the template, in order of first mention, with the built-in default.
    static func collect(_ root: TemplateNode) -> [FontFamilyUse] {
        var found: [FontFamilyUse] = [FontFamilyUse(family: TextStyle().family, location: root.location)]
        var seen: Set<String> = [TextStyle().family]
        func add(_ family: String, _ node: Node) {
            guard !family.isEmpty, seen.insert(family).inserted else { return }
            found.append(FontFamilyUse(family: family, location: root.child(node, element: "").location))
        }
        func walk(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                for pair in mapping {
                    switch pair.key.string {
                    case "font", "caption_font": if let family = pair.value.string { add(family, pair.value) }
                    case "fallback": for item in pair.value.sequence ?? [] { if let family = item.string { add(family, item) } }
                    default: break
                    }
                    walk(pair.value)
                }
            case .sequence(let sequence):
                for item in sequence { walk(item) }
            case .scalar(let scalar):
                // <span font="…"> in print text.
                var rest = Substring(scalar.string)
                while let start = rest.range(of: "font=\"") {
                    let after = rest[start.upperBound...]
                    guard let end = after.firstIndex(of: "\"") else { break }
                    add(String(after[..<end]), node)
                    rest = after[after.index(after: end)...]
                }
            default:
                break
            }
        }
        walk(root.node)
        return found
    }
}
