import Templates

/// Turns positioned elements into drawing operations.
extension DocumentComposer {
    func paint(_ elements: [Element], into ops: inout [DrawOperation], env: inout Environment,
               dx: Double = 0, dy: Double = 0) throws(ComposeError) {
        for element in elements {
            switch element {
            case .text(let t):
                try paintText(t, into: &ops, env: &env, dx: dx, dy: dy)
            case .rect(let r):
                let rect = Rect(x: r.x + dx, y: r.y + dy, width: r.width, height: r.height)
                if let fill = r.fill { ops.append(.fillRects([rect], fill)) }
                if let stroke = r.stroke { ops.append(.strokeRect(rect, stroke)) }
            case .line(let l):
                ops.append(.line(from: Point(x: l.x1 + dx, y: l.y1 + dy), to: Point(x: l.x2 + dx, y: l.y2 + dy), l.stroke))
            case .circle(let c):
                ops.append(.circle(center: Point(x: c.cx + dx, y: c.cy + dy), radius: c.r, fill: c.fill, stroke: c.stroke))
            case .image(let i):
                ops.append(.image(path: i.path, kind: i.kind, Rect(x: i.x + dx, y: i.y + dy, width: i.width, height: i.height)))
            case .barcode(let b):
                try paintBarcode(b, into: &ops, env: &env, dx: dx, dy: dy)
            case .barChart(let c):
                try paintBarChart(c, into: &ops, env: &env, dx: dx, dy: dy)
            case .conditional(let condition, let children):
                if try holds(condition, env) { try paint(children, into: &ops, env: &env, dx: dx, dy: dy) }
            case .choose(let branches):
                for branch in branches {
                    if let condition = branch.condition, !(try holds(condition, env)) { continue }
                    try paint(branch.elements, into: &ops, env: &env, dx: dx, dy: dy)
                    break
                }
            }
        }
    }

    private func paintText(_ t: TextElement, into ops: inout [DrawOperation], env: inout Environment,
                           dx: Double, dy: Double) throws(ComposeError) {
        let string = try text(t.value, &env)
        if string.isEmpty { return }
        let shaped = try shaper.shape(string, font: t.style.font, width: t.width, align: t.align, justify: t.justify)
        var left = t.x + dx
        if t.width == nil {
            switch t.align {
            case .left: break
            case .right: left -= shaped.width
            case .center: left -= shaped.width / 2
            }
        }
        placeLines(shaped, left: left, top: t.y + dy, leading: t.leading, color: t.style.color, into: &ops)
    }

    /// Places each line at its baseline; with `leading`, baselines are exactly that far apart.
    func placeLines(_ shaped: ShapedText, left: Double, top: Double, leading: Double?, color: Color,
                    into ops: inout [DrawOperation]) {
        guard let first = shaped.lines.first else { return }
        for (i, line) in shaped.lines.enumerated() where !line.runs.isEmpty {
            let baseline = leading.map { first.baseline + Double(i) * $0 } ?? line.baseline
            ops.append(.text(origin: Point(x: left, y: top + baseline), runs: line.runs, color: color))
        }
    }

    private func paintBarcode(_ b: BarcodeElement, into ops: inout [DrawOperation], env: inout Environment,
                              dx: Double, dy: Double) throws(ComposeError) {
        let value = try text(b.value, &env)
        let symbol: (bars: [(offset: Int, width: Int)], modules: Int)
        do { symbol = try Code128.bars(for: value) } catch {
            throw ComposeError("barcode at \(b.location): \(error.description)")
        }
        let width = Double(symbol.modules) * b.module
        var left = b.x + dx
        switch b.align {
        case .left: break
        case .right: left -= width
        case .center: left -= width / 2
        }
        let top = b.y + dy
        ops.append(.fillRects(symbol.bars.map {
            Rect(x: left + Double($0.offset) * b.module, y: top, width: Double($0.width) * b.module, height: b.height)
        }, b.color))
        if let caption = b.caption {
            let shaped = try shaper.shape(value, font: caption.font)
            placeLines(shaped, left: left + width / 2 - shaped.width / 2, top: top + b.height + b.captionGap, leading: nil,
                       color: caption.color, into: &ops)
        }
    }
}
