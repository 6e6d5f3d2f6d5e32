/// Compiles `- table:`: its columns (widths in points, percent of the table's width, or auto), rows, header,
/// grouping with group headers and footers, carried and brought forward rows, and totals.
extension TemplateCompiler {
    static let tableKeys: Set<String> = ["rows", "item", "index", "x", "width", "padding", "header", "row", "columns", "totals",
                                         "space_before", "space_after", "keep_totals_with_rows", "when", "group_by",
                                         "group_header", "group_footer", "group_keep_together", "carried", "brought"]
    static let columnKeys: Set<String> = ["header", "width", "align", "value", "style", "font", "size", "weight", "color", "wrap",
                                          "elements", "span_rows"]
    static let summaryRowKeys: Set<String> = ["height", "style", "font", "size", "weight", "color", "fill", "rule", "cells",
                                              "value", "align", "when"]

    func readTable(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> TableElement? {
        checkKeys(node, Self.tableKeys.union(Pagination.keys))
        guard let rowsNode = node["rows"], let rowsSource = rowsNode.string else {
            errors.append(node.error("a table needs 'rows:' (an expression giving a list, e.g. transactions)"))
            return nil
        }
        guard let (rows, itemSlot, indexSlot, inner) = bindRows(node, rowsSource, rowsNode, scope: scope) else { return nil }
        let itemType = rows.type.listElement ?? .any
        // Slots after the item's: `group` (cells and group rows read it) and `running` (the table's own rows).
        let (groupScope, groupSlot) = inner.adding("group", type: .record(TableGrouping.schema(item: itemType)))
        let (summaryScope, runningSlot) = groupScope.adding("running", type: .record(TableGrouping.runningSchema(item: itemType)))
        note(summaryScope)

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

        guard let x = record({ () throws(TemplateError) in try node.number("x", default: page.margins.left) }),
              let tableWidth = record({ () throws(TemplateError) in
                  try node.number("width", default: page.width - page.margins.right - x)
              }) else { return nil }
        let columns = readColumns(node, tableWidth: tableWidth, rowStyle: rowStyle, headerScope: scope, cellScope: groupScope)
        let count = columns.count
        let totals = readSummaryRows(node["totals"], scope: summaryScope, rowStyle: rowStyle, columns: count)
        var table = record { () throws(TemplateError) in
            TableElement(rows: rows, itemSlot: itemSlot, indexSlot: indexSlot,
                         x: x, padding: try node.number("padding", default: 4),
                         columns: columns, header: header, row: rowStyle, totals: totals,
                         spaceBefore: try node.number("space_before", default: 0),
                         spaceAfter: try node.number("space_after", default: 0),
                         keepTotalsWithRows: Int(try node.number("keep_totals_with_rows", default: 0)),
                         pagination: try node.pagination())
        }
        table?.groupSlot = groupSlot
        table?.runningSlot = runningSlot
        table?.carried = readSummaryRows(node["carried"], scope: summaryScope, rowStyle: rowStyle, columns: count)
        table?.brought = readSummaryRows(node["brought"], scope: summaryScope, rowStyle: rowStyle, columns: count)
        if let keyNode = node["group_by"] {
            let key = keyNode.string.flatMap { compileExpression($0, keyNode, scope: inner) }
            if keyNode.string == nil { errors.append(keyNode.error("group_by is an expression of the item, e.g. item.category")) }
            let groupHeader = readSummaryRows(node["group_header"], scope: summaryScope, rowStyle: rowStyle, columns: count)
            let groupFooter = readSummaryRows(node["group_footer"], scope: summaryScope, rowStyle: rowStyle, columns: count)
            let keep = record { () throws(TemplateError) in try node.bool("group_keep_together", default: true) } ?? true
            if let key { table?.grouping = TableGrouping(key: key, header: groupHeader, footer: groupFooter, keepTogether: keep) }
        } else {
            for key in ["group_header", "group_footer", "group_keep_together"] where node[key] != nil {
                errors.append(node[key]!.error("\(key) needs group_by: (what the items are grouped by)"))
            }
        }
        return table
    }

    /// Columns with their widths resolved: points as given, `"N%"` of the table's width, `auto` (or none) an
    /// equal share of what the others leave.
    private func readColumns(_ node: TemplateNode, tableWidth: Double, rowStyle: TableRowStyle, headerScope: CompileScope,
                             cellScope: CompileScope) -> [TableColumn] {
        guard let columnsNode = node["columns"], let items = record({ () throws(TemplateError) in try columnsNode.items() }) else {
            errors.append(node.error("a table needs 'columns:'"))
            return []
        }
        enum Width { case points(Double), percent(Double), auto }
        var widths: [Width] = []
        for column in items {
            guard let w = column["width"], w.string?.lowercased() != "auto" else { widths.append(.auto); continue }
            if let text = w.string, text.hasSuffix("%") {
                guard let p = Double(text.dropLast().trimmingCharacters(in: .whitespaces)), p > 0, p <= 100 else {
                    errors.append(w.error("a width in percent is from 0 to 100% of the table's width: '\(text)'"))
                    widths.append(.auto)
                    continue
                }
                widths.append(.percent(p))
                continue
            }
            guard let points = record({ () throws(TemplateError) in try w.requireNumber() }) else { widths.append(.auto); continue }
            if points <= 0 { errors.append(w.error("a column's width is above 0")) }
            widths.append(.points(points))
        }
        let fixed = widths.reduce(0.0) { sum, w in
            switch w {
            case .points(let p): sum + p
            case .percent(let p): sum + tableWidth * p / 100
            case .auto: sum
            }
        }
        let autoCount = widths.filter { if case .auto = $0 { true } else { false } }.count
        let share = autoCount > 0 ? (tableWidth - fixed) / Double(autoCount) : 0
        if autoCount > 0, share < 1 {
            errors.append(columnsNode.error("the columns with widths take \(Int(fixed)) pt of the table's \(Int(tableWidth)) pt: "
                + "nothing is left for the \(autoCount) auto column\(autoCount == 1 ? "" : "s")"))
        }

        var columns: [TableColumn] = []
        for (column, width) in zip(items, widths) {
            checkKeys(column, Self.columnKeys)
            let elements = column["elements"].map { readElements($0, scope: cellScope) } ?? []
            let valueNode = column["value"]
            if valueNode == nil, column["elements"] == nil {
                errors.append(column.error("a column needs 'value:' (text with {expressions} using '\(node["item"]?.string ?? "item")') "
                    + "or 'elements:'"))
                continue
            }
            let headerText = column["header"].flatMap { compileText($0, scope: headerScope) }
            var value = CompiledText.empty
            var rich: CompiledRichText?
            if let valueNode {
                guard let compiled = compileRichText(valueNode, scope: cellScope) else { continue }
                value = compiled.plain
                rich = compiled.rich
            }
            let resolved: Double
            switch width {
            case .points(let p): resolved = p
            case .percent(let p): resolved = tableWidth * p / 100
            case .auto: resolved = max(share, 1)
            }
            let built = record { () throws(TemplateError) in
                let hasStyle = ["style", "font", "size", "weight", "color"].contains { column[$0] != nil }
                var c = TableColumn(header: headerText ?? CompiledText.empty, width: resolved,
                                    align: try column.align(), value: value,
                                    style: hasStyle ? try styles.style(of: column, default: rowStyle.style) : nil,
                                    wrap: try column.bool("wrap", default: false))
                c.rich = rich
                c.elements = elements
                c.spanRows = try column.bool("span_rows", default: false)
                c.location = column.location
                return c
            }
            if let built { columns.append(built) }
        }
        return columns
    }

    /// `totals`, `group_header`, `group_footer`, `carried`, `brought`: one row (a mapping) or several (a list).
    /// `cells:` has one entry per column, or `{value, span, align}` entries whose spans add up to the columns;
    /// `value:` alone is one cell over every column.
    private func readSummaryRows(_ node: TemplateNode?, scope: CompileScope, rowStyle: TableRowStyle, columns: Int) -> [TotalsRow] {
        guard let node else { return [] }
        let items: [TemplateNode] = node.isMapping ? [node] : (record { () throws(TemplateError) in try node.items() } ?? [])
        var rows: [TotalsRow] = []
        for row in items {
            checkKeys(row, Self.summaryRowKeys)
            var cells: [SpanCell] = []
            if let value = row["value"] {
                if row["cells"] != nil { errors.append(value.error("a row has cells: or value: (one cell over every column), not both")) }
                let align = record { () throws(TemplateError) in try row["align"] == nil ? nil : row.align() } ?? nil
                if let text = compileText(value, scope: scope) { cells = [SpanCell(value: text, span: max(columns, 1), align: align)] }
            } else if let cellsNode = row["cells"] {
                for cell in record({ () throws(TemplateError) in try cellsNode.items() }) ?? [] {
                    if cell.isMapping {
                        checkKeys(cell, ["value", "span", "align"])
                        guard let valueNode = cell["value"], let text = compileText(valueNode, scope: scope) else {
                            if cell["value"] == nil { errors.append(cell.error("a cell is text, or {value, span, align}")) }
                            continue
                        }
                        let span = record { () throws(TemplateError) in Int(try cell.number("span", default: 1)) } ?? 1
                        if span < 1 { errors.append(cell.error("a cell spans 1 column or more")) }
                        let align = record { () throws(TemplateError) in try cell["align"] == nil ? nil : cell.align() } ?? nil
                        cells.append(SpanCell(value: text, span: max(span, 1), align: align))
                    } else if let text = compileText(cell, scope: scope) {
                        cells.append(SpanCell(value: text, span: 1, align: nil))
                    }
                }
                let spanned = cells.reduce(0) { $0 + $1.span }
                if spanned != columns {
                    errors.append(cellsNode.error("a row's cells cover \(spanned) column\(spanned == 1 ? "" : "s"), the table has \(columns): "
                        + "one cell per column (\"\" for an empty one), or give cells a span"))
                }
            }
            let when = row["when"].flatMap { condition($0, scope: scope) }
            let built = record { () throws(TemplateError) in
                TotalsRow(condition: when, height: try row.number("height", default: rowStyle.height),
                          style: try styles.style(of: row, default: rowStyle.style),
                          fill: try row["fill"].map { n throws(TemplateError) in try styles.color(n) },
                          rule: try row["rule"].map { n throws(TemplateError) in try readRule(n) }, cells: cells)
            }
            if let built { rows.append(built) }
        }
        return rows
    }

    /// A rule drawn along the top of a row: `{stroke: colour, line_width: points, dash: [on, off]}`.
    func readRule(_ node: TemplateNode) throws(TemplateError) -> Stroke {
        checkKeys(node, ["stroke", "line_width", "dash"])
        return Stroke(color: try node["stroke"].map { n throws(TemplateError) in try styles.color(n) } ?? .black,
                      width: try node.number("line_width", default: 0.5), dash: try node["dash"]?.requireNumbers() ?? [])
    }
}
