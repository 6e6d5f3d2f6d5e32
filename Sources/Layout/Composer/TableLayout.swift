import Templates

/// Tables bound to a list: rows flow across pages, the header repeats on each page the table continues on,
/// odd rows get the alternate fill, and totals rows follow the last item.
extension DocumentComposer {
    func layOutTable(_ table: TableElement, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        guard case .list(let items) = try evaluate(table.rows, env) else { return }
        let totalWidth = table.columns.reduce(0) { $0 + $1.width }
        flow.y += table.spaceBefore

        var header: [DrawOperation] = []
        if let spec = table.header {
            header.append(contentsOf: spec.fill.map { [DrawOperation.fillRects([Rect(x: table.x, y: 0, width: totalWidth, height: spec.height)], $0)] } ?? [])
            var x = table.x
            for column in table.columns {
                let label = try text(column.header, &env)
                cell(label, column: column, x: x, top: 0, height: spec.height, style: spec.style, padding: table.padding, into: &header)
                x += column.width
            }
            if !flow.fits(spec.height + table.row.height) { flow.newPage() }
            emit(header, at: flow.y, into: &flow)
            flow.y += spec.height
        }

        func breakPage(_ flow: inout FlowState) {
            flow.newPage()
            if let spec = table.header, spec.repeats {
                emit(header, at: flow.y, into: &flow)
                flow.y += spec.height
            }
        }

        for (index, item) in items.enumerated() {
            env.locals[table.itemSlot] = item
            env.locals[table.indexSlot] = .number(Double(index))
            var ops: [DrawOperation] = []
            let height = try row(table, &env, index: index, into: &ops)
            if !flow.fits(height) { breakPage(&flow) }
            emit(ops, at: flow.y, into: &flow)
            flow.y += height
        }

        for totals in table.totals {
            if let condition = totals.condition, !(try holds(condition, env)) { continue }
            if !flow.fits(totals.height) { breakPage(&flow) }
            var ops: [DrawOperation] = []
            if let fill = totals.fill { ops.append(.fillRects([Rect(x: table.x, y: 0, width: totalWidth, height: totals.height)], fill)) }
            if let rule = totals.rule {
                ops.append(.line(from: Point(x: table.x, y: rule.width / 2), to: Point(x: table.x + totalWidth, y: rule.width / 2), rule))
            }
            var x = table.x
            for (column, value) in zip(table.columns, totals.cells) {
                cell(try text(value, &env), column: column, x: x, top: 0, height: totals.height, style: totals.style,
                     padding: table.padding, into: &ops)
                x += column.width
            }
            emit(ops, at: flow.y, into: &flow)
            flow.y += totals.height
        }
        flow.y += table.spaceAfter
    }

    /// One item's row at y = 0; returns its height (taller than the row height when a wrapping cell needs it).
    private func row(_ table: TableElement, _ env: inout Environment, index: Int, into ops: inout [DrawOperation]) throws(ComposeError) -> Double {
        let spec = table.row
        var height = spec.height
        var cells: [(String, TableColumn, Double)] = []
        var x = table.x
        for column in table.columns {
            let value = try text(column.value, &env)
            if column.wrap {
                let style = column.style ?? spec.style
                let shaped = shaper.shape(value, font: style.font, width: column.width - 2 * table.padding, align: column.align)
                let firstLine = shaped.lines.first?.height ?? 0
                height = max(height, shaped.height + (spec.height - firstLine))
            }
            cells.append((value, column, x))
            x += column.width
        }
        let fill = index % 2 == 1 ? (spec.alternateFill ?? spec.fill) : spec.fill
        if let fill { ops.append(.fillRects([Rect(x: table.x, y: 0, width: x - table.x, height: height)], fill)) }
        if let rule = spec.rule {
            ops.append(.line(from: Point(x: table.x, y: rule.width / 2), to: Point(x: x, y: rule.width / 2), rule))
        }
        for (value, column, cellX) in cells {
            cell(value, column: column, x: cellX, top: 0, height: spec.height, style: column.style ?? spec.style,
                 padding: table.padding, into: &ops)
        }
        return height
    }

    /// A cell's text: vertically centred in `height` (the first line, for wrapped text), aligned per column;
    /// a value too wide for a non-wrapping column is cut with an ellipsis.
    private func cell(_ value: String, column: TableColumn, x: Double, top: Double, height: Double, style: TextStyle,
                      padding: Double, into ops: inout [DrawOperation]) {
        guard !value.isEmpty else { return }
        let inner = column.width - 2 * padding
        var shaped: ShapedText
        if column.wrap {
            shaped = shaper.shape(value, font: style.font, width: inner, align: column.align)
        } else {
            shaped = shaper.shape(value, font: style.font)
            if shaped.width > inner + 0.01 {
                shaped = shaper.shape(value, font: style.font, width: inner, align: column.align, ellipsize: true)
            }
        }
        let lineHeight = shaped.lines.first?.height ?? 0
        var left = x + padding
        if !column.wrap && shaped.width <= inner + 0.01 {
            switch column.align {
            case .left: break
            case .right: left = x + column.width - padding - shaped.width
            case .center: left = x + column.width / 2 - shaped.width / 2
            }
        }
        placeLines(shaped, left: left, top: top + (height - lineHeight) / 2, leading: nil, color: style.color, into: &ops)
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
        case .text(let origin, let runs, let color): return .text(origin: p(origin), runs: runs, color: color)
        case .image(let path, let kind, let rect): return .image(path: path, kind: kind, r(rect))
        }
    }
}
