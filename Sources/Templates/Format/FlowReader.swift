/// Compiles the body flow: tables, paragraphs, spacers, blocks.
extension TemplateCompiler {
    static let flowKinds = ["table", "paragraph", "list", "spacer", "block", "page_break", "group", "repeat", "component"]

    func readFlow(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> [FlowItem] {
        guard let items = record({ () throws(TemplateError) in try node.items() }) else { return [] }
        return items.compactMap { readFlowItem($0, page: page, scope: scope) }
    }

    private func readFlowItem(_ item: TemplateNode, page: PageSetup, scope: CompileScope) -> FlowItem? {
        guard let pairs = record({ () throws(TemplateError) in try item.mappingPairs() }), pairs.count == 1 else {
            errors.append(item.error("a flow item is one of \(Self.flowKinds.joined(separator: ", ")), written '- table: {...}'"))
            return nil
        }
        let (kind, raw) = pairs[0]
        let node = TemplateNode(node: raw.node, file: raw.file, element: "\(item.element) \(kind)")
        let flowItem: FlowItem?
        switch kind {
        case "table": flowItem = readTable(node, page: page, scope: scope).map(FlowItem.table)
        case "paragraph": flowItem = readParagraph(node, page: page, scope: scope).map(FlowItem.paragraph)
        case "list": flowItem = readList(node, page: page, scope: scope, level: 0, inherited: nil).map(FlowItem.list)
        case "spacer": return record { () throws(TemplateError) in .spacer(try node.requireNumber()) }
        case "page_break":
            return record { () throws(TemplateError) in
                guard node.string == "odd" || node.string == "page" || (try? node.requireBool()) == true else {
                    throw node.error("page_break is true (a new page) or odd (the next odd page)")
                }
                return .pageBreak(node.string == "odd" ? .oddPage : .page)
            }
        case "block":
            checkKeys(node, Set(["height", "elements", "space_before", "when"]).union(Pagination.keys))
            let elements = node["elements"].map { readElements($0, scope: scope) } ?? []
            flowItem = record { () throws(TemplateError) in
                var block = BlockElement(height: try node.number("height"), elements: elements,
                                         spaceBefore: try node.number("space_before", default: 0),
                                         pagination: try node.pagination())
                block.location = node.location
                return .block(block)
            }
        case "repeat": flowItem = readRepeat(node, page: page, scope: scope).map(FlowItem.repetition)
        case "component": flowItem = readComponentFlow(node, page: page, scope: scope)
        case "group":
            checkKeys(node, ["when", "flow"])
            let inner = node["flow"].map { readFlow($0, page: page, scope: scope) } ?? []
            guard let when = node["when"] else { return .conditional(.alwaysTrue, inner) }
            return condition(when, scope: scope).map { .conditional($0, inner) }
        default:
            let hint = Suggestions.hint(for: kind, among: Self.flowKinds)
            errors.append(item.error("unknown flow item '\(kind)'.\(hint) Flow items: \(Self.flowKinds.joined(separator: ", "))"))
            return nil
        }
        guard let flowItem else { return nil }
        guard let when = node["when"] else { return flowItem }
        return condition(when, scope: scope).map { .conditional($0, [flowItem]) }
    }

    private func readParagraph(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> ParagraphElement? {
        checkKeys(node, Set(["value", "x", "width", "align", "justify", "leading", "style", "font", "size", "weight",
                                    "italic", "color", "space_before", "space_after", "when", "outline", "hyphenate", "direction"]).union(Pagination.keys))
        guard let valueNode = node["value"] else {
            errors.append(node.error("a paragraph needs 'value:'"))
            return nil
        }
        guard let value = compileRichText(valueNode, scope: scope) else { return nil }
        return record { () throws(TemplateError) in
            let x = try node.number("x", default: page.margins.left)
            var paragraph = ParagraphElement(
                value: value.plain, rich: value.rich, x: x, width: try node.number("width", default: page.width - page.margins.right - x),
                align: try node.align(logical: true), justify: try node.bool("justify", default: false),
                leading: try node.optionalNumber("leading"), style: try styles.style(of: node),
                spaceBefore: try node.number("space_before", default: 0),
                spaceAfter: try node.number("space_after", default: 0), location: node.location,
                pagination: try node.pagination(keepWithNext: node["outline"] != nil), outlineLevel: try outlineLevel(node))
            paragraph.hyphenate = try hyphenate(node)
            paragraph.direction = try node.direction()
            return paragraph
        }
    }

    /// `repeat: {over, item, index, break_between, flow}`: the flow once per element of a list.
    private func readRepeat(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> RepeatElement? {
        checkKeys(node, ["over", "item", "index", "break_between", "flow", "when"])
        guard let overNode = node["over"], let source = overNode.string else {
            errors.append(node.error("a repeat needs 'over:' (an expression giving a list, e.g. line_groups)"))
            return nil
        }
        guard let flowNode = node["flow"] else {
            errors.append(node.error("a repeat needs 'flow:' (the flow items laid out once per element of '\(source)')"))
            return nil
        }
        guard let (over, itemSlot, indexSlot, bound) = bindRows(node, source, overNode, scope: scope, rowsKey: "over") else { return nil }
        let (inner, loopSlot) = bound.adding("loop", type: .record(RepeatElement.loopSchema))
        note(inner)
        let flow = readFlow(flowNode, page: page, scope: inner)
        return record { () throws(TemplateError) in
            var breakBetween = PageBreak.none
            if let between = node["break_between"] {
                if between.string == "odd" { breakBetween = .oddPage }
                else if try between.requireBool() { breakBetween = .page }
            }
            return RepeatElement(over: over, itemSlot: itemSlot, indexSlot: indexSlot, loopSlot: loopSlot, flow: flow,
                                 breakBetween: breakBetween, location: node.location)
        }
    }

    /// `outline: N`, a heading level from 1 to 6.
    private func outlineLevel(_ node: TemplateNode) throws(TemplateError) -> Int? {
        guard let level = try node.optionalNumber("outline") else { return nil }
        guard level >= 1, level <= 6, level == level.rounded() else {
            throw node["outline"]!.error("outline is a heading level from 1 (top) to 6")
        }
        return Int(level)
    }

    /// `rows:` (an expression giving a list) with `item:` and `index:`, the names each element and its
    /// position get in the scope of what is repeated per element (a table's cells, a list's items).
    func bindRows(_ node: TemplateNode, _ source: String, _ rowsNode: TemplateNode, scope: CompileScope, rowsKey: String = "rows")
        -> (rows: CompiledExpression, itemSlot: Int, indexSlot: Int, scope: CompileScope)? {
        guard let rows = compileExpression(source, rowsNode, scope: scope) else { return nil }
        guard case .list(let elementType) = rows.type else {
            errors.append(rowsNode.error("'\(rowsKey):' must give a list; '\(source)' is \(rows.type)"))
            return nil
        }
        var inner = scope
        let itemSlot: Int, indexSlot: Int
        (inner, itemSlot) = inner.adding(node["item"]?.string ?? "item", type: elementType)
        (inner, indexSlot) = inner.adding(node["index"]?.string ?? "index", type: .number)
        note(inner)
        return (rows, itemSlot, indexSlot, inner)
    }
}

extension CompiledText {
    static let empty: CompiledText = try! ExpressionCompiler.compileText(
        "", at: SourceLocation(file: "", line: 0, column: 0), element: "", scope: CompileScope(root: RecordSchema(fields: [])))
}
