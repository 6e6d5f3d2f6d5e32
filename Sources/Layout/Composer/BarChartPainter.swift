import Templates

/// A bar chart: grid lines with value ticks, one bar per value, a label under each bar, and the axes.
extension DocumentComposer {
    func paintBarChart(_ c: BarChartElement, into ops: inout [DrawOperation], env: inout Environment,
                       dx: Double, dy: Double) throws(ComposeError) {
        guard case .list(let items) = try evaluate(c.values, env), !items.isEmpty else { return }
        let values: [Double] = items.map { item in
            if case .number(let v) = item { return v }
            return 0
        }
        let left = c.x + dx, top = c.y + dy
        let top_ = max(c.max ?? values.max() ?? 1, 1e-9)
        // Negative values hang below a zero line raised to make room for them (without any, zero is the foot).
        let lowest = min(0, values.min() ?? 0)
        let scale = lowest < 0 ? c.height / (top_ - lowest) : c.height / top_
        let base = lowest < 0 ? top + top_ * scale : top + c.height

        if let step = c.gridStep, step > 0 {
            // Bounded: a value from the data far above the grid step would otherwise mean
            // billions of grid lines (or none ending: v + step == v once v is large enough).
            let lines = ((top_ + 1e-9) / step).rounded(.down) + 1
            guard lines <= Double(Self.maxGridLines) else {
                throw ComposeError("the bar chart's values reach \(Self.tickText(top_)): with grid_step \(Self.tickText(step)) that is "
                    + "\(Self.tickText(lines)) grid lines, more than \(Self.maxGridLines) (give the chart a max:, or check the values)")
            }
            var v = 0.0, drawn = 0
            while v <= top_ + 1e-9, drawn <= Self.maxGridLines {
                drawn += 1
                let gy = base - v * scale
                ops.append(.line(from: Point(x: left, y: gy), to: Point(x: c.x + dx + c.width, y: gy), Stroke(color: c.gridColor, width: 0.5)))
                let shaped = try shaper.shape(Self.tickText(v), font: c.tickStyle.font)
                let lineHeight = shaped.lines.first?.height ?? 0
                placeLines(shaped, left: left - 4 - shaped.width, top: gy - lineHeight / 2, leading: nil,
                           color: c.tickStyle.color, into: &ops)
                v += step
            }
        }

        let slot = c.width / Double(values.count)
        let inset = (slot - c.barWidth) / 2
        ops.append(.fillRects(values.enumerated().map { i, v in
            if v < 0 { return Rect(x: left + Double(i) * slot + inset, y: base, width: c.barWidth, height: -v * scale) }
            let h = max(0, min(v, top_)) * scale
            return Rect(x: left + Double(i) * slot + inset, y: base - h, width: c.barWidth, height: h)
        }, c.barColor))
        // A value above max is cut at the top: a triangle on its end, pointing on, and the value over it.
        for (i, v) in values.enumerated() where v > top_ {
            let centre = left + Double(i) * slot + slot / 2
            ops.append(Self.triangle(at: Point(x: centre, y: top + 5), up: true, size: min(c.barWidth * 0.35, 4), color: Color(hex: "#FFFFFF")!))
            let shaped = try shaper.shape(Self.valueText(v), font: c.labelStyle.font)
            placeLines(shaped, left: centre - shaped.width / 2, top: top - (shaped.lines.first?.height ?? 0) - 1, leading: nil,
                       color: c.labelStyle.color, into: &ops)
        }
        if lowest < 0 {
            ops.append(.line(from: Point(x: left, y: base), to: Point(x: left + c.width, y: base), Stroke(color: c.axisColor, width: 0.75)))
        }

        if let label = c.label {
            for (i, v) in values.enumerated() {
                env.locals[c.barSlot] = .number(Double(i))
                env.locals[c.valueSlot] = .number(v)
                let shaped = try shaper.shape(try text(label, &env), font: c.labelStyle.font)
                placeLines(shaped, left: left + Double(i) * slot + slot / 2 - shaped.width / 2, top: top + c.height + 4, leading: nil,
                           color: c.labelStyle.color, into: &ops)
            }
        }

        ops.append(.polyline([Point(x: left, y: top), Point(x: left, y: top + c.height), Point(x: left + c.width, y: top + c.height)],
                             Stroke(color: c.axisColor, width: 0.75)))
    }

    /// More grid lines than a chart can show: only data far outside the chart's range gets here.
    static let maxGridLines = 1_000

    /// Tick values print as plain numbers: whole numbers without decimals.
    static func tickText(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
