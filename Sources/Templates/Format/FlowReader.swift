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

    private func readTable(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> TableElement? {
        checkKeys(node, Set(["rows", "item", "index", "x", "padding", "header", "row", "columns", "totals",
                                    "space_before", "space_after", "keep_totals_with_rows", "when"]).union(Pagination.keys))
        guard let rowsNode = node["rows"], let rowsSource = rowsNode.string else {
            errors.append(node.error("a table needs 'rows:' (an expression giving a list, e.g. transactions)"))
            return nil
        }
        guard let (rows, itemSlot, indexSlot, inner) = bindRows(node, rowsSource, rowsNode, scope: scope) else { return nil }

        let rowNode = node["row"]
        let rowStyle = record { () throws(TemplateError) -> TableRowStyle in
            checkKeys(rowNode, ["height", "style", "font", "size", "weight", "color", "fill", "alternate_fill", "rule", "line_width"])
            return TableRowStyle(
                height: try rowNode?.number("height", default: 14) ?? 14,
                style: try rowNode.map { n throws(TemplateError) in try styles.style(of: n) } ?? styles.base,
                fill: try rowNode?["fill"].map { n throws(TemplateError) in try styles.color(n) },
                alternateFill: try rowNode?["alternate_fill"].map { n throws(TemplateError) in try styles.color(n) },
                rule: try rowNode?["rule"].map { n throws(TemplateError) in try readRule(n) })
        }
        guard let rowStyle else { return nil }

        var header: TableHeader?
        if let h = node["header"] {
            header = record { () throws(TemplateError) in
                checkKeys(h, ["height", "fill", "style", "font", "size", "weight", "color", "repeat"])
                return TableHeader(height: try h.number("height", default: rowStyle.height),
                                   fill: try h["fill"].map { n throws(TemplateError) in try styles.color(n) },
                                   style: try styles.style(of: h, default: rowStyle.style),
                                   repeats: try h.bool("repeat", default: true))
            }
        }

        var columns: [TableColumn] = []
        if let columnsNode = node["columns"], let items = record({ () throws(TemplateError) in try columnsNode.items() }) {
            for column in items {
                checkKeys(column, ["header", "width", "align", "value", "style", "font", "size", "weight", "color", "wrap"])
                guard let valueNode = column["value"] else {
                    errors.append(column.error("a column needs 'value:' (text with {expressions} using '\(node["item"]?.string ?? "item")')"))
                    continue
                }
                let headerText = column["header"].flatMap { compileText($0, scope: scope) }
                guard let value = compileText(valueNode, scope: inner) else { continue }
                let built = record { () throws(TemplateError) in
                    let hasStyle = ["style", "font", "size", "weight", "color"].contains { column[$0] != nil }
                    return TableColumn(header: headerText ?? CompiledText.empty, width: try column.number("width"),
                                       align: try column.align(), value: value,
                                       style: hasStyle ? try styles.style(of: column, default: rowStyle.style) : nil,
                                       wrap: try column.bool("wrap", default: false))
                }
                if let built { columns.append(built) }
            }
        } else {
            errors.append(node.error("a table needs 'columns:'"))
        }

        var totals: [TotalsRow] = []
        if let totalsNode = node["totals"], let items = record({ () throws(TemplateError) in try totalsNode.items() }) {
            for row in items {
                checkKeys(row, ["height", "style", "font", "size", "weight", "color", "fill", "rule", "cells", "when"])
                let cells = (row["cells"].flatMap { c in record { () throws(TemplateError) in try c.items() } } ?? [])
                    .compactMap { compileText($0, scope: scope) }
                if let cellsNode = row["cells"], cells.count != columns.count {
                    errors.append(cellsNode.error("a totals row has one cell per column (\(columns.count)); found \(cells.count). Use \"\" for an empty cell"))
                }
                let when = row["when"].flatMap { condition($0, scope: scope) }
                let built = record { () throws(TemplateError) in
                    TotalsRow(condition: when, height: try row.number("height", default: rowStyle.height),
                              style: try styles.style(of: row, default: rowStyle.style),
                              fill: try row["fill"].map { n throws(TemplateError) in try styles.color(n) },
                              rule: try row["rule"].map { n throws(TemplateError) in try readRule(n) }, cells: cells)
                }
                if let built { totals.append(built) }
            }
        }

        return record { () throws(TemplateError) in
            TableElement(rows: rows, itemSlot: itemSlot, indexSlot: indexSlot,
                         x: try node.number("x", default: page.margins.left), padding: try node.number("padding", default: 4),
                         columns: columns, header: header, row: rowStyle, totals: totals,
                         spaceBefore: try node.number("space_before", default: 0),
                         spaceAfter: try node.number("space_after", default: 0),
                         keepTotalsWithRows: Int(try node.number("keep_totals_with_rows", default: 0)),
                         pagination: try node.pagination())
        }
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

    /// A rule drawn along the top of a row: `{stroke: colour, line_width: points, dash: [on, off]}`.
    private func readRule(_ node: TemplateNode) throws(TemplateError) -> Stroke {
        checkKeys(node, ["stroke", "line_width", "dash"])
        return Stroke(color: try node["stroke"].map { n throws(TemplateError) in try styles.color(n) } ?? .black,
                      width: try node.number("line_width", default: 0.5), dash: try node["dash"]?.requireNumbers() ?? [])
    }
}

extension CompiledText {
    static let empty: CompiledText = try! ExpressionCompiler.compileText(
        "", at: SourceLocation(file: "", line: 0, column: 0), element: "", scope: CompileScope(root: RecordSchema(fields: [])))
}
