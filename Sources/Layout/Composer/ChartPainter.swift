import Foundation
import Templates

/// `chart`: the data checked, the legend, then an axis chart (bars, grouped or stacked, lines) or a pie.
/// A value beyond the axis is drawn to its edge with a triangle pointing on and its value written by it.
extension DocumentComposer {
    struct ChartData {
        var categories: [String]
        /// nil: no value (null) at that category.
        var series: [(name: String, values: [Double?], color: Color)]
    }

    func paintChart(_ c: ChartElement, into ops: inout [DrawOperation], env: inout Environment,
                    dx: Double, dy: Double) throws(ComposeError) {
        let data = try chartData(c, &env)
        guard !data.categories.isEmpty else { return }
        var area = Rect(x: c.x + dx, y: c.y + dy, width: c.width, height: c.height)
        let entries = c.kind.isRound
            ? data.categories.enumerated().map { ($0.element, c.palette[$0.offset % c.palette.count]) }
            : data.series.map { ($0.name, $0.color) }
        if c.legend != .none { area = try paintLegend(entries, c, in: area, into: &ops) }
        if c.kind.isRound {
            try paintPie(c, data, in: area, into: &ops)
        } else {
            try paintAxisChart(c, data, in: area, into: &ops)
        }
    }

    /// The categories and each series' numbers, the same count everywhere and every number finite.
    private func chartData(_ c: ChartElement, _ env: inout Environment) throws(ComposeError) -> ChartData {
        var series: [(name: String, values: [Double?], color: Color)] = []
        for (i, s) in c.series.enumerated() {
            var values: [Double?] = []
            if case .list(let items) = try evaluate(s.values, env) {
                for item in items {
                    switch item {
                    case .number(let v):
                        guard v.isFinite else { throw ComposeError("chart at \(c.location): a value of series \(i + 1) is \(v)") }
                        values.append(v)
                    default: values.append(nil)
                    }
                }
            }
            series.append((try text(s.name, &env), values, s.color ?? c.palette[i % c.palette.count]))
        }
        var categories: [String] = []
        if let expression = c.categories, case .list(let items) = try evaluate(expression, env) {
            categories = items.map { if case .string(let s) = $0 { s } else { "" } }
        } else {
            categories = (series.first?.values.indices).map { $0.map { String($0 + 1) } } ?? []
        }
        for (i, s) in series.enumerated() where s.values.count != categories.count {
            throw ComposeError("chart at \(c.location): series \(i + 1)\(s.name.isEmpty ? "" : " (\(s.name))") has \(s.values.count) "
                + "value\(s.values.count == 1 ? "" : "s") for \(categories.count) categor\(categories.count == 1 ? "y" : "ies")")
        }
        return ChartData(categories: categories, series: series)
    }

    /// Colour swatches with their names at the top, the foot or the right of the chart; returns what is left.
    private func paintLegend(_ entries: [(String, Color)], _ c: ChartElement, in area: Rect,
                             into ops: inout [DrawOperation]) throws(ComposeError) -> Rect {
        let style = c.legendStyle
        let shaped = try entries.map { e throws(ComposeError) in try shaper.shape(e.0.isEmpty ? " " : e.0, font: style.font) }
        let lineHeight = shaped.map { $0.lines.first?.height ?? 0 }.max() ?? 0
        let swatch = min(8, lineHeight)
        func place(_ i: Int, _ x: Double, _ y: Double) {
            ops.append(.fillRects([Rect(x: x, y: y + (lineHeight - swatch) / 2, width: swatch, height: swatch)], entries[i].1))
            placeLines(shaped[i], left: x + swatch + 4, top: y, leading: nil, color: style.color, into: &ops)
        }
        if c.legend == .right {
            let column = (shaped.map(\.width).max() ?? 0) + swatch + 4
            let x = area.x + area.width - column
            for i in entries.indices { place(i, x, area.y + Double(i) * (lineHeight + 3)) }
            return Rect(x: area.x, y: area.y, width: max(area.width - column - 10, 1), height: area.height)
        }
        // Rows of entries, centred, as many rows as they need.
        var rows: [[Int]] = [[]]
        var used = 0.0
        for i in entries.indices {
            let w = swatch + 4 + shaped[i].width + (rows[rows.count - 1].isEmpty ? 0 : 12)
            if used + w > area.width, !rows[rows.count - 1].isEmpty { rows.append([]); used = 0 }
            used += rows[rows.count - 1].isEmpty ? swatch + 4 + shaped[i].width : w
            rows[rows.count - 1].append(i)
        }
        let height = Double(rows.count) * (lineHeight + 3)
        var y = c.legend == .top ? area.y : area.y + area.height - height
        for row in rows {
            let width = row.map { swatch + 4 + shaped[$0].width }.reduce(0, +) + Double(row.count - 1) * 12
            var x = area.x + (area.width - width) / 2
            for i in row {
                place(i, x, y)
                x += swatch + 4 + shaped[i].width + 12
            }
            y += lineHeight + 3
        }
        let rest = max(area.height - height - 6, 1)
        return Rect(x: area.x, y: c.legend == .top ? area.y + height + 6 : area.y, width: area.width, height: rest)
    }

    private func paintAxisChart(_ c: ChartElement, _ data: ChartData, in area: Rect,
                                into ops: inout [DrawOperation]) throws(ComposeError) {
        let stacked = c.kind == .stacked_bar
        let all = data.series.flatMap { $0.values.compactMap { $0 } }
        var lowData = min(0, all.min() ?? 0), highData = max(0, all.max() ?? 0)
        if stacked {
            for i in data.categories.indices {
                let column = data.series.compactMap { $0.values[i] }
                highData = max(highData, column.filter { $0 > 0 }.reduce(0, +))
                lowData = min(lowData, column.filter { $0 < 0 }.reduce(0, +))
            }
        }
        var low = c.min ?? lowData, high = c.max ?? highData
        if high <= low { high = low + 1 }
        let step = c.gridStep ?? Self.niceStep((high - low) / 5)
        if c.min == nil { low = (low / step).rounded(.down) * step }
        if c.max == nil { high = (high / step).rounded(.up) * step }
        if high <= low { high = low + step }
        let lines = ((high - low) / step + 1e-9).rounded(.down) + 1
        guard lines <= Double(Self.maxGridLines) else {
            throw ComposeError("chart at \(c.location): from \(Self.tickText(low)) to \(Self.tickText(high)) in steps of "
                + "\(Self.tickText(step)) is \(Self.tickText(lines)) grid lines, more than \(Self.maxGridLines) (give min:, max: or grid_step:)")
        }
        let ticks = (0..<Int(lines)).map { low + Double($0) * step }
        let tickShapes = try ticks.map { v throws(ComposeError) in try shaper.shape(Self.valueText(v), font: c.tickStyle.font) }
        let tickHeight = tickShapes.first?.lines.first?.height ?? 0
        let labelShape = try shaper.shape("Ag", font: c.labelStyle.font)
        let labelHeight = labelShape.lines.first?.height ?? 0
        let left = area.x + (tickShapes.map(\.width).max() ?? 0) + 6
        let right = area.x + area.width
        let top = area.y + max(tickHeight / 2, labelHeight + 2)
        let bottom = area.y + area.height - labelHeight - 4
        guard right - left > 4, bottom - top > 4 else {
            throw ComposeError("chart at \(c.location): \(Self.points(area.width)) × \(Self.points(area.height)) pt leaves no room "
                + "for the plot beside its labels and legend")
        }
        func y(_ v: Double) -> Double { bottom - (min(max(v, low), high) - low) / (high - low) * (bottom - top) }

        for (v, shaped) in zip(ticks, tickShapes) {
            ops.append(.line(from: Point(x: left, y: y(v)), to: Point(x: right, y: y(v)), Stroke(color: c.gridColor, width: 0.5)))
            placeLines(shaped, left: left - 4 - shaped.width, top: y(v) - tickHeight / 2, leading: nil, color: c.tickStyle.color, into: &ops)
        }

        let band = (right - left) / Double(data.categories.count)
        for (i, name) in data.categories.enumerated() where !name.isEmpty {
            var shaped = try shaper.shape(name, font: c.labelStyle.font)
            if shaped.width > band - 2 { shaped = try shaper.shape(name, font: c.labelStyle.font, width: max(band - 2, 4), align: .center, ellipsize: true) }
            placeLines(shaped, left: left + Double(i) * band + (band - min(shaped.width, band - 2)) / 2, top: bottom + 3, leading: nil,
                       color: c.labelStyle.color, into: &ops)
        }

        var labels: [(text: String, x: Double, y: Double, above: Bool)] = []
        switch c.kind {
        case .line:
            for s in data.series {
                var points: [Point] = []
                for (i, value) in s.values.enumerated() {
                    guard let v = value else {
                        if points.count > 1 { ops.append(.polyline(points, Stroke(color: s.color, width: 1.5))) }
                        points = []
                        continue
                    }
                    points.append(Point(x: left + (Double(i) + 0.5) * band, y: y(v)))
                }
                if points.count > 1 { ops.append(.polyline(points, Stroke(color: s.color, width: 1.5))) }
                for (i, value) in s.values.enumerated() {
                    guard let v = value else { continue }
                    let p = Point(x: left + (Double(i) + 0.5) * band, y: y(v))
                    if v > high || v < low {
                        ops.append(Self.triangle(at: p, up: v > high, size: 4, color: s.color))
                        labels.append((Self.valueText(v), p.x, p.y, v > high))
                    } else {
                        ops.append(.circle(center: p, radius: 2.5, fill: s.color, stroke: nil))
                        if c.valueLabels { labels.append((Self.valueText(v), p.x, p.y - 3, true)) }
                    }
                }
            }
        default:
            let group = band * 0.7
            let side = stacked ? 1 : data.series.count
            let barWidth = group / Double(side)
            let base = y(min(max(0, low), high))
            for i in data.categories.indices {
                var up = 0.0, down = 0.0
                for (k, s) in data.series.enumerated() {
                    guard let v = s.values[i] else { continue }
                    let x = left + Double(i) * band + (band - group) / 2 + (stacked ? 0 : Double(k) * barWidth)
                    let from: Double, to: Double
                    if stacked {
                        if v >= 0 { from = up; up += v; to = up } else { from = down; down += v; to = down }
                    } else {
                        from = 0; to = v
                    }
                    let y0 = stacked ? y(from) : base, y1 = y(to)
                    let rect = Rect(x: x, y: min(y0, y1), width: max(barWidth - (side > 1 ? 1 : 0), 0.5), height: abs(y1 - y0))
                    if rect.height > 0 { ops.append(.fillRects([rect], s.color)) }
                    let centre = rect.x + rect.width / 2
                    if to > high || to < low {
                        // Cut at the axis: a triangle on the cut end, pointing on, and the value written by it.
                        let end = to > high ? top : bottom
                        ops.append(Self.triangle(at: Point(x: centre, y: to > high ? end + 5 : end - 5), up: to > high,
                                                 size: min(rect.width * 0.35, 4), color: Color(hex: "#FFFFFF")!))
                        labels.append((Self.valueText(stacked ? to : v), centre, end, to > high))
                    } else if c.valueLabels {
                        labels.append((Self.valueText(v), centre, y1, v >= 0))
                    }
                }
            }
        }
        // The axes, and the zero line when the range crosses zero.
        if low < 0, high > 0 {
            ops.append(.line(from: Point(x: left, y: y(0)), to: Point(x: right, y: y(0)), Stroke(color: c.axisColor, width: 0.75)))
        }
        ops.append(.polyline([Point(x: left, y: top), Point(x: left, y: bottom), Point(x: right, y: bottom)],
                             Stroke(color: c.axisColor, width: 0.75)))
        for label in labels {
            let shaped = try shaper.shape(label.text, font: c.labelStyle.font)
            let h = shaped.lines.first?.height ?? 0
            // Below a bar's end only when that stays above the category labels; else just inside the plot.
            let below = min(label.y + 1, bottom - h - 1)
            placeLines(shaped, left: label.x - shaped.width / 2, top: label.above ? label.y - h - 1 : below, leading: nil,
                       color: c.labelStyle.color, into: &ops)
        }
    }

    /// A filled triangle centred on `p`, its point up or down.
    static func triangle(at p: Point, up: Bool, size: Double, color: Color) -> DrawOperation {
        let tip = up ? -size : size
        return .path([.move(Point(x: p.x - size, y: p.y - tip / 2)), .line(Point(x: p.x + size, y: p.y - tip / 2)),
                      .line(Point(x: p.x, y: p.y + tip / 2)), .close], fill: color, stroke: nil)
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * power >= rough * 0.999 { return m * power }
        return 10 * power
    }

    /// A value as a label: whole numbers without decimals, others with up to two.
    static func valueText(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(format: "%.2f", rounded).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }
}
