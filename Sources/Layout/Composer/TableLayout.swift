import Templates

/// Tables bound to a list: rows flow across pages, the header repeats on each page the table continues on,
/// odd rows get the alternate fill; groups of rows get their header and footer rows, a page the table goes on
/// from ends with the carried forward rows and the next starts with the brought forward rows, and totals rows
/// follow the last item.
extension DocumentComposer {
    /// One cell of an item row, evaluated: text, text already shaped (markup), or nothing (a spanned cell).
    enum CellValue {
        case text(String)
        case shaped(ShapedText, [TextSpan])
        case spanned
    }

    func layOutTable(_ table: TableElement, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        guard case .list(let items) = try evaluate(table.rows, env) else { return }
        let totalWidth = table.columns.reduce(0) { $0 + $1.width }
        flow.y += table.spaceBefore
        // Room kept at the foot of every page for the carried forward rows.
        let reserve = table.carried.reduce(0) { $0 + $1.height }
        var done = 0
        var rowsOnPage = 0

        var header: [DrawOperation] = []
        if let spec = table.header {
            header.append(contentsOf: spec.fill.map { [DrawOperation.fillRects([Rect(x: table.x, y: 0, width: totalWidth, height: spec.height)], $0)] } ?? [])
            var x = table.x
            for column in table.columns {
                let label = try text(column.header, &env)
                try cell(label, column: column, x: x, top: 0, height: spec.height, style: spec.style, padding: table.padding, into: &header)
                x += column.width
            }
            if !flow.fits(spec.height + table.row.height + reserve) { try flow.newPage() }
            emit(header, at: flow.y, into: &flow)
            flow.y += spec.height
        }

        func bindRunning(_ env: inout Environment) {
            guard table.runningSlot >= 0 else { return }
            env.locals[table.runningSlot] = .record([.list(Array(items[..<done])), .number(Double(done))])
        }

        func breakPage(_ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
            if !table.carried.isEmpty {
                bindRunning(&env)
                for row in table.carried { try summaryRow(row, table, width: totalWidth, &flow, &env) }
            }
            try flow.newPage()
            rowsOnPage = 0
            if let spec = table.header, spec.repeats {
                emit(header, at: flow.y, into: &flow)
                flow.y += spec.height
            }
            if !table.brought.isEmpty {
                bindRunning(&env)
                for row in table.brought { try summaryRow(row, table, width: totalWidth, &flow, &env) }
            }
        }
        func breakHere(_ flow: inout FlowState) throws(ComposeError) { try breakPage(&flow, &env) }

        /// Rows of the table's own (a group's header or footer, the totals): each where it fits.
        func ownRows(_ rows: [TotalsRow], _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
            for row in rows {
                if let condition = row.condition, !(try holds(condition, env)) { continue }
                if !flow.fits(row.height + reserve) { try breakPage(&flow, &env) }
                try summaryRow(row, table, width: totalWidth, &flow, &env)
            }
        }

        var values: [CellValue] = []
        var previous: [String?] = []
        values.reserveCapacity(table.columns.count)
        for group in try groups(of: items, table, &env) {
            if let grouping = table.grouping {
                env.locals[table.groupSlot] = .record([.string(group.key), .list(Array(items[group.range])),
                                                       .number(Double(group.range.count)), .number(Double(group.index)),
                                                       .number(Double(group.index + 1))])
                let headerHeight = grouping.header.reduce(0) { $0 + $1.height }
                if !grouping.header.isEmpty,
                   !flow.fits(headerHeight + (grouping.keepTogether ? table.row.height : 0) + reserve) {
                    try breakPage(&flow, &env)
                }
                try ownRows(grouping.header, &flow, &env)
                previous = []
            }
            for index in group.range {
                env.locals[table.itemSlot] = items[index]
                env.locals[table.indexSlot] = .number(Double(index))
                var height = try rowValues(table, &env, into: &values)
                // A row taller than a whole page below the header starts where it is and goes on over the next pages.
                let repeated = table.header.map { $0.repeats ? $0.height : 0 } ?? 0
                let tall = height > flow.bodyHeight - repeated - reserve
                if !flow.fits(height + reserve), !tall || !flow.fits(table.row.height + reserve) {
                    try breakPage(&flow, &env)
                } else if index == items.count - table.keepTotalsWithRows, index > 0,
                          !flow.fits(keptHeight(table, from: index, count: items.count)) {
                    // Orphan control: the last rows go over with the totals rather than leave them alone.
                    try breakPage(&flow, &env)
                }
                let spans = spanRows(table, &values, previous: &previous, firstOnPage: rowsOnPage == 0)
                if spans.contains(true) { height = try rowHeight(table, values) }
                if flow.fits(height) {
                    try drawRow(table, values: values, spans: spans, index: index, width: totalWidth, height: height, at: flow.y,
                                into: &flow.pages[flow.pages.count - 1], env: &env)
                    flow.y += height
                } else {
                    // Taller than a whole page below the header: the row goes on over the next pages, between lines.
                    var ops: [DrawOperation] = []
                    try drawRow(table, values: values, spans: spans, index: index, width: totalWidth, height: height, at: 0,
                                into: &ops, env: &env)
                    try splitRow(ops, height: height, &flow, breakPage: breakHere)
                }
                done = index + 1
                rowsOnPage += 1
            }
            if let grouping = table.grouping { try ownRows(grouping.footer, &flow, &env) }
        }

        if !table.totals.isEmpty {
            bindRunning(&env)
            for totals in table.totals {
                if let condition = totals.condition, !(try holds(condition, env)) { continue }
                // The table ends here: no carried forward row is needed below the totals.
                if !flow.fits(totals.height) { try breakPage(&flow, &env) }
                try summaryRow(totals, table, width: totalWidth, &flow, &env)
            }
        }
        flow.y += table.spaceAfter
    }

    /// Runs of items with the same `group_by` value, in order; the whole list when the table is not grouped.
    private func groups(of items: [Value], _ table: TableElement, _ env: inout Environment)
        throws(ComposeError) -> [(key: String, range: Range<Int>, index: Int)] {
        guard let grouping = table.grouping else { return [("", 0..<items.count, 0)] }
        var runs: [(key: String, range: Range<Int>, index: Int)] = []
        var start = 0
        var current: String?
        for (index, item) in items.enumerated() {
            env.locals[table.itemSlot] = item
            env.locals[table.indexSlot] = .number(Double(index))
            let key = Self.keyText(try evaluate(grouping.key, env))
            if key != current {
                if let current { runs.append((current, start..<index, runs.count)) }
                current = key
                start = index
            }
        }
        if let current { runs.append((current, start..<items.count, runs.count)) }
        return runs
    }

    private static func keyText(_ value: Value) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        case .date(let d): String(d)
        default: ""
        }
    }

    /// Which cells of `span_rows` columns repeat the value above them on this page (then drawn empty, the
    /// cell reaching up into the row above).
    private func spanRows(_ table: TableElement, _ values: inout [CellValue], previous: inout [String?],
                          firstOnPage: Bool) -> [Bool] {
        var spans = [Bool](repeating: false, count: values.count)
        guard table.columns.contains(where: \.spanRows) else { return spans }
        if previous.count != values.count { previous = [String?](repeating: nil, count: values.count) }
        for i in values.indices where table.columns[i].spanRows {
            guard case .text(let text) = values[i] else { continue }
            if !firstOnPage, previous[i] == text { spans[i] = true; values[i] = .spanned }
            previous[i] = text
        }
        return spans
    }

    /// A table row of its own: fill, rule, and its cells (a cell over several columns takes their width).
    private func summaryRow(_ row: TotalsRow, _ table: TableElement, width totalWidth: Double, _ flow: inout FlowState,
                            _ env: inout Environment) throws(ComposeError) {
        if let condition = row.condition, !(try holds(condition, env)) { return }
        let y = flow.y
        if let fill = row.fill { flow.append(.fillRects([Rect(x: table.x, y: y, width: totalWidth, height: row.height)], fill)) }
        if let rule = row.rule {
            flow.append(.line(from: Point(x: table.x, y: y + rule.width / 2), to: Point(x: table.x + totalWidth, y: y + rule.width / 2), rule))
        }
        var x = table.x
        var columnIndex = 0
        for spanCell in row.cells where columnIndex < table.columns.count {
            let first = table.columns[columnIndex]
            let end = min(columnIndex + spanCell.span, table.columns.count)
            let column = spanCell.span == 1 && spanCell.align == nil ? first
                : TableColumn(header: first.header, width: table.columns[columnIndex..<end].reduce(0) { $0 + $1.width },
                              align: spanCell.align ?? first.align, value: first.value, style: first.style, wrap: false)
            try cell(try text(spanCell.value, &env), column: column, x: x, top: y, height: row.height, style: row.style,
                     padding: table.padding, into: &flow.pages[flow.pages.count - 1])
            x += column.width
            columnIndex = end
        }
        flow.y += row.height
    }

    /// The height of the rows from `index` to the end (at the plain row height) and of the totals rows.
    private func keptHeight(_ table: TableElement, from index: Int, count: Int) -> Double {
        Double(count - index) * table.row.height + table.totals.reduce(0) { $0 + $1.height }
    }

    /// Evaluates one item's cells into `values`; returns the row's height (taller than the row height when
    /// a wrapping or marked-up cell needs more lines).
    private func rowValues(_ table: TableElement, _ env: inout Environment, into values: inout [CellValue]) throws(ComposeError) -> Double {
        values.removeAll(keepingCapacity: true)
        for column in table.columns {
            if let rich = column.rich {
                let (shaped, spans) = try shapeElementText(column.value, rich: rich, style: column.style ?? table.row.style,
                                                           width: column.width - 2 * table.padding, align: column.align,
                                                           justify: false, location: column.location, env: &env)
                values.append(shaped.map { .shaped($0, spans) } ?? .text(""))
                continue
            }
            values.append(.text(try text(column.value, &env)))
        }
        return try rowHeight(table, values)
    }

    private func rowHeight(_ table: TableElement, _ values: [CellValue]) throws(ComposeError) -> Double {
        let spec = table.row
        var height = spec.height
        for (column, value) in zip(table.columns, values) {
            switch value {
            case .text(let text) where column.wrap:
                let shaped = try shaper.shape(text, font: (column.style ?? spec.style).font, width: column.width - 2 * table.padding,
                                              align: column.align)
                height = max(height, shaped.height + (spec.height - (shaped.lines.first?.height ?? 0)))
            case .shaped(let shaped, _):
                height = max(height, shaped.height + (spec.height - (shaped.lines.first?.height ?? 0)))
            default: break
            }
        }
        return height
    }

    private func drawRow(_ table: TableElement, values: [CellValue], spans: [Bool], index: Int, width: Double, height: Double,
                         at y: Double, into ops: inout [DrawOperation], env: inout Environment) throws(ComposeError) {
        let spec = table.row
        let fill = index % 2 == 1 ? (spec.alternateFill ?? spec.fill) : spec.fill
        if let fill { ops.append(.fillRects([Rect(x: table.x, y: y, width: width, height: height)], fill)) }
        if let rule = spec.rule {
            let ry = y + rule.width / 2
            if spans.contains(true) {
                // The rule stops at a cell that spans up into the row above.
                var x = table.x
                var from: Double?
                for (i, column) in table.columns.enumerated() {
                    if spans[i] {
                        if let start = from { ops.append(.line(from: Point(x: start, y: ry), to: Point(x: x, y: ry), rule)) }
                        from = nil
                    } else if from == nil { from = x }
                    x += column.width
                }
                if let start = from { ops.append(.line(from: Point(x: start, y: ry), to: Point(x: x, y: ry), rule)) }
            } else {
                ops.append(.line(from: Point(x: table.x, y: ry), to: Point(x: table.x + width, y: ry), rule))
            }
        }
        var x = table.x
        for (i, column) in table.columns.enumerated() {
            let style = column.style ?? spec.style
            switch values[i] {
            case .text(let text):
                try cell(text, column: column, x: x, top: y, height: spec.height, style: style, padding: table.padding, into: &ops)
            case .shaped(let shaped, let spans):
                let lineHeight = shaped.lines.first?.height ?? 0
                placeLines(shaped, left: x + table.padding, top: y + (spec.height - lineHeight) / 2, leading: nil,
                           color: style.color, spans: spans, into: &ops)
            case .spanned: break
            }
            if !column.elements.isEmpty { try paint(column.elements, into: &ops, env: &env, dx: x, dy: y) }
            x += column.width
        }
    }

    /// A cell's text: vertically centred in `height` (the first line, for wrapped text), aligned per column;
    /// a value too wide for a non-wrapping column is cut with an ellipsis.
    private func cell(_ value: String, column: TableColumn, x: Double, top: Double, height: Double, style: TextStyle,
                      padding: Double, into ops: inout [DrawOperation]) throws(ComposeError) {
        guard !value.isEmpty else { return }
        let inner = column.width - 2 * padding
        var shaped: ShapedText
        if column.wrap {
            shaped = try shaper.shape(value, font: style.font, width: inner, align: column.align)
        } else {
            shaped = try shaper.shape(value, font: style.font)
            if shaped.width > inner + 0.01 {
                shaped = try shaper.shape(value, font: style.font, width: inner, align: column.align, ellipsize: true)
            }
        }
        let lineHeight = shaped.lines.first?.height ?? 0
        var left = x + padding
        if !column.wrap && shaped.width <= inner + 0.01 {
            switch column.align {
            case .left, .start: break
            case .right, .end: left = x + column.width - padding - shaped.width
            case .center: left = x + column.width / 2 - shaped.width / 2
            }
        }
        placeLines(shaped, left: left, top: top + (height - lineHeight) / 2, leading: nil, color: style.color, into: &ops)
    }

    /// Lays a row drawn at y = 0 (`ops`) over as many pages as it needs: each page takes the lines whose
    /// foot fits, the row's fills are cut at the same place, and the rest goes on below the next page's
    /// header. A single line taller than a page is an overflow.
    private func splitRow(_ ops: [DrawOperation], height: Double, _ flow: inout FlowState,
                          breakPage: (inout FlowState) throws(ComposeError) -> Void) throws(ComposeError) {
        // The foot of each line of text: its baseline plus a descent (a third of the font size).
        let feet = ops.compactMap { op -> Double? in
            guard case .text(let origin, let runs, _) = op else { return nil }
            return origin.y + (runs.map(\.size).max() ?? 0) * 0.3
        }.sorted()
        var offset = 0.0
        while offset < height - 0.01 {
            let available = template.body.bottom - flow.y
            var cut = min(height, offset + available)
            if cut < height {
                if let foot = feet.last(where: { $0 > offset + 0.01 && $0 <= offset + available }) {
                    cut = foot
                } else {
                    try overflow("a table row holds a line taller than the \(DocumentComposer.points(available)) pt a page has for it")
                }
            }
            let shift = flow.y - offset
            for op in ops {
                switch op {
                case .text(let origin, let runs, _):
                    // A line goes with the slice its foot is in (the last slice takes whatever is left).
                    let foot = origin.y + (runs.map(\.size).max() ?? 0) * 0.3
                    if foot > offset + 0.01 || offset == 0, foot <= cut + 0.01 || cut >= height - 0.01 {
                        flow.append(op.offset(dy: shift))
                    }
                case .fillRects(let rects, let color):
                    let sliced = rects.compactMap { r -> Rect? in
                        let top = max(r.y, offset), bottom = min(r.y + r.height, cut)
                        return bottom > top ? Rect(x: r.x, y: top + shift, width: r.width, height: bottom - top) : nil
                    }
                    if !sliced.isEmpty { flow.append(.fillRects(sliced, color)) }
                default:
                    // The row's rule (at its top) and anything else at the top go with the first slice.
                    if offset == 0 { flow.append(op.offset(dy: shift)) }
                }
            }
            flow.y += cut - offset
            offset = cut
            if offset < height - 0.01 { try breakPage(&flow) }
        }
    }

    /// Moves operations laid out at y = 0 down to `y` on the current page.
    private func emit(_ ops: [DrawOperation], at y: Double, into flow: inout FlowState) {
        for op in ops { flow.append(op.offset(dy: y)) }
    }
}

extension DrawOperation {
    func offset(dy: Double) -> DrawOperation {
        func p(_ point: Point) -> Point { Point(x: point.x, y: point.y + dy) }
        func r(_ rect: Rect) -> Rect { Rect(x: rect.x, y: rect.y + dy, width: rect.width, height: rect.height) }
        switch self {
        case .fillRects(let rects, let color): return .fillRects(rects.map(r), color)
        case .strokeRect(let rect, let stroke): return .strokeRect(r(rect), stroke)
        case .line(let from, let to, let stroke): return .line(from: p(from), to: p(to), stroke)
        case .polyline(let points, let stroke): return .polyline(points.map(p), stroke)
        case .circle(let center, let radius, let fill, let stroke): return .circle(center: p(center), radius: radius, fill: fill, stroke: stroke)
        case .path(let elements, let fill, let stroke):
            return .path(elements.map { e in
                switch e {
                case .move(let a): .move(p(a))
                case .line(let a): .line(p(a))
                case .curve(let a, let b, let c): .curve(p(a), p(b), p(c))
                case .close: .close
                }
            }, fill: fill, stroke: stroke)
        case .text(let origin, let runs, let color): return .text(origin: p(origin), runs: runs, color: color)
        case .image(let path, let kind, let rect): return .image(path: path, kind: kind, r(rect))
        case .link(let rect, let uri): return .link(r(rect), uri: uri)
        }
    }
}
