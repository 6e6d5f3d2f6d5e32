import Foundation
import Templates

/// Pies and donuts: one slice per category, clockwise from 12 o'clock, each as large as its share, with
/// its percentage on it when there is room. A negative slice has no area to show: the record's reject.
extension DocumentComposer {
    func paintPie(_ c: ChartElement, _ data: ChartData, in area: Rect, into ops: inout [DrawOperation]) throws(ComposeError) {
        guard let series = data.series.first else { return }
        var values: [Double] = []
        for (i, value) in series.values.enumerated() {
            let v = value ?? 0
            if v < 0 {
                throw ComposeError("chart at \(c.location): pie slice '\(data.categories[i])' is \(Self.valueText(v)); "
                    + "pie slices must be positive")
            }
            values.append(v)
        }
        let total = values.reduce(0, +)
        guard total > 0 else { return }
        let centre = Point(x: area.x + area.width / 2, y: area.y + area.height / 2)
        let radius = max(min(area.width, area.height) / 2 - 2, 1)
        let inner = c.kind == .donut ? radius * c.hole : 0
        let white = Color(hex: "#FFFFFF")!
        var start = -Double.pi / 2
        var labels: [(String, Point)] = []
        for (i, v) in values.enumerated() where v > 0 {
            let sweep = v / total * 2 * .pi
            let end = start + sweep
            var path: [PathElement] = inner > 0 ? [.move(Self.onCircle(centre, radius, start))] : [.move(centre), .line(Self.onCircle(centre, radius, start))]
            path += Self.arc(centre, radius, from: start, to: end)
            if inner > 0 {
                path.append(.line(Self.onCircle(centre, inner, end)))
                path += Self.arc(centre, inner, from: end, to: start)
            }
            path.append(.close)
            ops.append(.path(path, fill: c.palette[i % c.palette.count], stroke: Stroke(color: white, width: 0.75)))
            if sweep > 0.3 {
                let share = v / total * 100
                let text = share < 1 ? "<1%" : "\(Int(share.rounded()))%"
                labels.append((text, Self.onCircle(centre, inner > 0 ? (radius + inner) / 2 : radius * 0.62, start + sweep / 2)))
            }
            start = end
        }
        var style = c.labelStyle
        style.color = white
        for (text, p) in labels {
            let shaped = try shaper.shape(text, font: style.font)
            placeLines(shaped, left: p.x - shaped.width / 2, top: p.y - (shaped.lines.first?.height ?? 0) / 2, leading: nil,
                       color: white, into: &ops)
        }
    }

    /// The point at `angle` (radians, clockwise from 3 o'clock on a page whose y grows downwards).
    static func onCircle(_ c: Point, _ r: Double, _ angle: Double) -> Point {
        Point(x: c.x + r * cos(angle), y: c.y + r * sin(angle))
    }

    /// An arc as cubic Béziers of a quarter turn or less each (from the current point, which is its start).
    static func arc(_ c: Point, _ r: Double, from a0: Double, to a1: Double) -> [PathElement] {
        let pieces = max(1, Int((abs(a1 - a0) / (.pi / 2)).rounded(.up)))
        let step = (a1 - a0) / Double(pieces)
        var elements: [PathElement] = []
        for k in 0..<pieces {
            let s = a0 + Double(k) * step, e = s + step
            let h = 4.0 / 3.0 * tan((e - s) / 4) * r
            let p0 = onCircle(c, r, s), p3 = onCircle(c, r, e)
            elements.append(.curve(Point(x: p0.x - h * sin(s), y: p0.y + h * cos(s)),
                                   Point(x: p3.x + h * sin(e), y: p3.y - h * cos(e)), p3))
        }
        return elements
    }
}
