/// Compiles `list:` flow items: fixed items (text, or `{value, when, items}` with a nested list) or items
/// from the data (`rows:` with `item:` and `value:`).
extension TemplateCompiler {
    static let listKeys: Set<String> = [
        "items", "rows", "item", "index", "value", "marker", "start", "x", "width", "indent", "align", "justify", "leading",
        "style", "font", "size", "weight", "italic", "color", "marker_style", "space_before", "space_after", "spacing", "when", "hyphenate", "direction",
    ]

    func readList(_ node: TemplateNode, page: PageSetup, scope: CompileScope, level: Int,
                  inherited parent: ListElement?) -> ListElement? {
        checkKeys(node, Self.listKeys.union(Pagination.keys))
        var items: [ListItem] = []
        var bound: BoundListItems?
        let marker = record { () throws(TemplateError) in try readMarker(node["marker"], parent: parent) } ?? .bullet("•")
        // Settings a nested list does not name come from its parent, one indent further in.
        let built = record { () throws(TemplateError) -> ListElement? in
            let indent = try node.number("indent", default: parent?.indent ?? 18)
            let x = try node.number("x", default: parent.map { $0.x + $0.indent } ?? page.margins.left)
            let width = try node.number("width", default: parent.map { $0.width - $0.indent } ?? page.width - page.margins.right - x)
            guard indent >= 0, indent < width else {
                throw node.error("indent (\(indent)) must be at least 0 and less than the list's width (\(width))")
            }
            let style = try styles.style(of: node, default: parent?.style ?? styles.base)
            let markerStyle = try node["marker_style"].map { n throws(TemplateError) in try styles.resolve(n, over: style) }
                ?? (parent?.markerStyle ?? style)
            var shell = ListElement(
                items: [], rows: nil, marker: marker, start: Int(try node.number("start", default: 1)), x: x, width: width,
                indent: indent, align: try node["align"] == nil ? (parent?.align ?? .left) : node.align(logical: true),
                justify: try node.bool("justify", default: parent?.justify ?? false),
                leading: try node.optionalNumber("leading") ?? parent?.leading, style: style, markerStyle: markerStyle,
                spaceBefore: try node.number("space_before", default: 0), spaceAfter: try node.number("space_after", default: 0),
                spacing: try node.number("spacing", default: parent?.spacing ?? 2),
                pagination: try node.pagination(), location: node.location)
            shell.hyphenate = try hyphenate(node, inherited: parent?.hyphenate ?? false)
            shell.direction = node["direction"] == nil ? (parent?.direction ?? .auto) : try node.direction()
            return shell
        }
        guard let shell = built ?? nil else { return nil }
        guard level < 8 else {
            errors.append(node.error("lists nest at most 8 levels deep"))
            return nil
        }

        if let rowsNode = node["rows"] {
            guard node["items"] == nil else {
                errors.append(node.error("a list has either items: (written in the template) or rows: (from the data), not both"))
                return nil
            }
            bound = readBoundItems(node, rowsNode: rowsNode, scope: scope)
            if bound == nil { return nil }
        } else if let itemsNode = node["items"], let list = record({ () throws(TemplateError) in try itemsNode.items() }) {
            for itemNode in list {
                if itemNode.string != nil {
                    guard let text = compileRichText(itemNode, scope: scope) else { continue }
                    items.append(ListItem(value: text.plain, rich: text.rich, condition: nil, children: nil))
                    continue
                }
                checkKeys(itemNode, ["value", "when", "items", "marker", "start", "hyphenate"])
                guard let valueNode = itemNode["value"] else {
                    errors.append(itemNode.error("a list item is text, or {value: text, when: condition, items: [nested items]}"))
                    continue
                }
                guard let text = compileRichText(valueNode, scope: scope) else { continue }
                let when = itemNode["when"].flatMap { condition($0, scope: scope) }
                let children = itemNode["items"] == nil ? nil
                    : readList(itemNode, page: page, scope: scope, level: level + 1, inherited: shell)
                items.append(ListItem(value: text.plain, rich: text.rich, condition: when, children: children))
            }
        } else {
            errors.append(node.error("a list needs items: (a list of texts) or rows: (an expression giving a list) with value:"))
            return nil
        }
        var list = ListElement(items: items, rows: bound, marker: shell.marker, start: shell.start, x: shell.x, width: shell.width,
                               indent: shell.indent, align: shell.align, justify: shell.justify, leading: shell.leading,
                               style: shell.style, markerStyle: shell.markerStyle, spaceBefore: shell.spaceBefore,
                               spaceAfter: shell.spaceAfter, spacing: shell.spacing, pagination: shell.pagination,
                               location: shell.location)
        list.hyphenate = shell.hyphenate
        list.direction = shell.direction
        return list
    }

    private func readBoundItems(_ node: TemplateNode, rowsNode: TemplateNode, scope: CompileScope) -> BoundListItems? {
        guard let source = rowsNode.string else {
            errors.append(rowsNode.error("'rows:' is an expression giving a list"))
            return nil
        }
        guard let (rows, itemSlot, indexSlot, inner) = bindRows(node, source, rowsNode, scope: scope) else { return nil }
        guard let valueNode = node["value"] else {
            errors.append(node.error("a list with rows: needs value: (the text of each item, using '\(node["item"]?.string ?? "item")')"))
            return nil
        }
        guard let text = compileRichText(valueNode, scope: inner) else { return nil }
        return BoundListItems(rows: rows, itemSlot: itemSlot, indexSlot: indexSlot, value: text.plain, rich: text.rich)
    }

    /// `marker: bullet | decimal | lower_alpha | upper_alpha | lower_roman | upper_roman`, or any short text
    /// used as the bullet ("–", "✓"). A nested list without one takes its parent's `nested` marker.
    private func readMarker(_ node: TemplateNode?, parent: ListElement?) throws(TemplateError) -> ListMarker {
        guard let node else { return parent?.marker.nested ?? .bullet("•") }
        let text = try node.requireString()
        switch text {
        case "bullet": return .bullet("•")
        case "decimal": return .decimal
        case "lower_alpha": return .lowerAlpha
        case "upper_alpha": return .upperAlpha
        case "lower_roman": return .lowerRoman
        case "upper_roman": return .upperRoman
        default:
            guard !text.isEmpty, text.count <= 4 else {
                throw node.error("marker is bullet, decimal, lower_alpha, upper_alpha, lower_roman, upper_roman, or a bullet of up to 4 characters")
            }
            return .bullet(text)
        }
    }
}
