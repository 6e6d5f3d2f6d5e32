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
                try cell(label, column: column, x: x, top: 0, height: spec.height, style: spec.style, padding: table.padding, into: &header)
                x += column.width
            }
            if !flow.fits(spec.height + table.row.height) { try flow.newPage() }
            emit(header, at: flow.y, into: &flow)
            flow.y += spec.height
        }

        func breakPage(_ flow: inout FlowState) throws(ComposeError) {
            try flow.newPage()
            if let spec = table.header, spec.repeats {
                emit(header, at: flow.y, into: &flow)
                flow.y += spec.height
            }
        }

        var values: [String] = []
        values.reserveCapacity(table.columns.count)
        for (index, item) in items.enumerated() {
            env.locals[table.itemSlot] = item
            env.locals[table.indexSlot] = .number(Double(index))
            let height = try rowValues(table, &env, into: &values)
            // A row taller than a whole page below the header starts where it is and goes on over the next pages.
            let repeated = table.header.map { $0.repeats ? $0.height : 0 } ?? 0
            let tall = height > flow.bodyHeight - repeated
            if !flow.fits(height), !tall || !flow.fits(table.row.height) {
                try breakPage(&flow)
            } else if index == items.count - table.keepTotalsWithRows, index > 0, !flow.fits(keptHeight(table, from: index, count: items.count)) {
                // Orphan control: the last rows go over with the totals rather than leave them alone.
                try breakPage(&flow)
            }
            if flow.fits(height) {
                try drawRow(table, values: values, index: index, width: totalWidth, height: height, at: flow.y,
                            into: &flow.pages[flow.pages.count - 1])
                flow.y += height
            } else {
                // Taller than a whole page below the header: the row goes on over the next pages, between lines.
                var ops: [DrawOperation] = []
                try drawRow(table, values: values, index: index, width: totalWidth, height: height, at: 0, into: &ops)
                try splitRow(ops, height: height, &flow, breakPage: breakPage)
            }
        }

        for totals in table.totals {
            if let condition = totals.condition, !(try holds(condition, env)) { continue }
            if !flow.fits(totals.height) { try breakPage(&flow) }
            let y = flow.y
            if let fill = totals.fill { flow.append(.fillRects([Rect(x: table.x, y: y, width: totalWidth, height: totals.height)], fill)) }
            if let rule = totals.rule {
                flow.append(.line(from: Point(x: table.x, y: y + rule.width / 2), to: Point(x: table.x + totalWidth, y: y + rule.width / 2), rule))
            }
            var x = table.x
            for (column, value) in zip(table.columns, totals.cells) {
                try cell(try text(value, &env), column: column, x: x, top: y, height: totals.height, style: totals.style,
                     padding: table.padding, into: &flow.pages[flow.pages.count - 1])
                x += column.width
            }
            flow.y += totals.height
        }
        flow.y += table.spaceAfter
    }

    /// The height of the rows from `index` to the end (at the plain row height) and of the totals rows.
    private func keptHeight(_ table: TableElement, from index: Int, count: Int) -> Double {
        Double(count - index) * table.row.height + table.totals.reduce(0) { $0 + $1.height }
    }

    /// Evaluates one item's cells into `values`; returns the row's height (taller than the row height when
    /// a wrapping cell needs more lines).
    private func rowValues(_ table: TableElement, _ env: inout Environment, into values: inout [String]) throws(ComposeError) -> Double {
        let spec = table.row
        var height = spec.height
        values.removeAll(keepingCapacity: true)
        for i in table.columns.indices {
            let value = try text(table.columns[i].value, &env)
            if table.columns[i].wrap {
                let column = table.columns[i]
                let shaped = try shaper.shape(value, font: (column.style ?? spec.style).font, width: column.width - 2 * table.padding,
                                          align: column.align)
                height = max(height, shaped.height + (spec.height - (shaped.lines.first?.height ?? 0)))
            }
            values.append(value)
        }
        return height
    }

    private func drawRow(_ table: TableElement, values: [String], index: Int, width: Double, height: Double, at y: Double,
                         into ops: inout [DrawOperation]) throws(ComposeError) {
        let spec = table.row
        let fill = index % 2 == 1 ? (spec.alternateFill ?? spec.fill) : spec.fill
        if let fill { ops.append(.fillRects([Rect(x: table.x, y: y, width: width, height: height)], fill)) }
        if let rule = spec.rule {
            ops.append(.line(from: Point(x: table.x, y: y + rule.width / 2), to: Point(x: table.x + width, y: y + rule.width / 2), rule))
        }
        var x = table.x
        for i in table.columns.indices {
            try cell(values[i], column: table.columns[i], x: x, top: y, height: spec.height,
                 style: table.columns[i].style ?? spec.style, padding: table.padding, into: &ops)
            x += table.columns[i].width
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
        case .text(let origin, let runs, let color): return .text(origin: p(origin), runs: runs, color: color)
        case .image(let path, let kind, let rect): return .image(path: path, kind: kind, r(rect))
        case .link(let rect, let uri): return .link(r(rect), uri: uri)
        }
    }
}
