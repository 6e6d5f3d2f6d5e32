import Templates

/// Turns positioned elements into drawing operations.
extension DocumentComposer {
    func paint(_ elements: [Element], into ops: inout [DrawOperation], env: inout Environment,
               dx: Double = 0, dy: Double = 0) throws(ComposeError) {
        for element in elements {
            switch element {
            case .text(var t):
                if let d = t.dynamic { t = t.resolved(try DynamicAttributeValues(d, composer: self, env: env)) }
                try paintText(t, into: &ops, env: &env, dx: dx, dy: dy)
            case .rect(var r):
                if let d = r.dynamic { r = r.resolved(try DynamicAttributeValues(d, composer: self, env: env)) }
                let rect = Rect(x: r.x + dx, y: r.y + dy, width: r.width, height: r.height)
                if let fill = r.fill { ops.append(.fillRects([rect], fill)) }
                if let stroke = r.stroke { ops.append(.strokeRect(rect, stroke)) }
            case .line(var l):
                if let d = l.dynamic { l = l.resolved(try DynamicAttributeValues(d, composer: self, env: env)) }
                ops.append(.line(from: Point(x: l.x1 + dx, y: l.y1 + dy), to: Point(x: l.x2 + dx, y: l.y2 + dy), l.stroke))
            case .circle(var c):
                if let d = c.dynamic { c = c.resolved(try DynamicAttributeValues(d, composer: self, env: env)) }
                ops.append(.circle(center: Point(x: c.cx + dx, y: c.cy + dy), radius: c.r, fill: c.fill, stroke: c.stroke))
            case .image(var i):
                if let d = i.dynamic { i = i.resolved(try DynamicAttributeValues(d, composer: self, env: env)) }
                if let source = i.source {
                    guard let image = try resolveImage(source, &env) else { continue }   // an empty name: no image
                    i.path = image.path
                    i.kind = image.kind
                }
                ops.append(.image(path: i.path, kind: i.kind, Rect(x: i.x + dx, y: i.y + dy, width: i.width, height: i.height)))
            case .barcode(let b):
                try paintBarcode(b, into: &ops, env: &env, dx: dx, dy: dy)
            case .barChart(let c):
                try paintBarChart(c, into: &ops, env: &env, dx: dx, dy: dy)
            case .chart(let c):
                try paintChart(c, into: &ops, env: &env, dx: dx, dy: dy)
            case .component(let c):
                try paintComponent(c, into: &ops, env: &env, dx: dx, dy: dy)
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
        let (shaped, spans) = try shapeElementText(t.value, rich: t.rich, style: t.style, width: t.width, align: t.align,
                                                   justify: t.justify, hyphenate: t.hyphenate, direction: t.direction,
                                                   location: t.location, env: &env)
        guard let shaped else { return }
        var left = t.x + dx
        if t.width == nil {
            switch t.align.physical(rightToLeft: shaped.rightToLeft) {
            case .right: left -= shaped.width
            case .center: left -= shaped.width / 2
            default: break
            }
        }
        try checkFits(t, shaped, left: left, top: t.y + dy)
        placeLines(shaped, left: left, top: t.y + dy, leading: t.leading, color: t.style.color, spans: spans, into: &ops)
    }

    /// Text taller than its box, or reaching past the page's edges, is an overflow (never drawn over what
    /// is below in silence).
    private func checkFits(_ t: TextElement, _ shaped: ShapedText, left: Double, top: Double) throws(ComposeError) {
        let lines = shaped.lines.count
        let height = t.leading.map { lead in (shaped.lines.first?.height ?? 0) + Double(max(0, lines - 1)) * lead } ?? shaped.height
        if let box = t.height, height > box + 0.5 {
            try overflow("text at \(t.location): its \(lines) line\(lines == 1 ? "" : "s") take \(Self.points(height)) pt, "
                + "its height is \(Self.points(box)) pt")
        }
        let page = template.page
        let right = left + (t.width ?? shaped.width)
        if top + height > page.height + 0.5 || left < -0.5 || right > page.width + 0.5 || top < -0.5 {
            try overflow("text at \(t.location) runs off the page: it spans x \(Self.points(left))–\(Self.points(right)), "
                + "y \(Self.points(top))–\(Self.points(top + height)) of a \(Self.points(page.width)) × \(Self.points(page.height)) pt page")
        }
    }

    static func points(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Evaluates and shapes the text of a text element or paragraph: through the rich-text path when it has
    /// markup. nil when the text is empty. A shaping failure (a character no font has) names the element.
    func shapeElementText(_ value: CompiledText, rich: CompiledRichText?, style: TextStyle, width: Double?,
                          align: TextAlign, justify: Bool, hyphenate: Bool = false, direction: TextDirection = .auto,
                          location: SourceLocation,
                          env: inout Environment) throws(ComposeError) -> (ShapedText?, [TextSpan]) {
        do throws(ComposeError) {
            if let rich {
                var evaluated: RichText
                do { evaluated = try rich.evaluate(env) } catch { throw ComposeError(error) }
                guard !evaluated.text.isEmpty else { return (nil, []) }
                try Self.checkLinks(evaluated.spans)
                if hyphenate {
                    let marked = try hyphenator().hyphenate(evaluated.text, spans: evaluated.spans)
                    evaluated = RichText(text: marked.text, spans: marked.spans)
                }
                return (try shaper.shape(evaluated, font: style.font, width: width, align: align, justify: justify,
                                         direction: direction), evaluated.spans)
            }
            var string = try text(value, &env)
            if string.isEmpty { return (nil, []) }
            if hyphenate { string = try hyphenator().hyphenate(string) }
            return (try shaper.shape(string, font: style.font, width: width, align: align, justify: justify, direction: direction), [])
        } catch {
            throw ComposeError("text at \(location): \(error.message)")
        }
    }

    /// A link target made from the data must still be a link a reader can follow.
    private static func checkLinks(_ spans: [TextSpan]) throws(ComposeError) {
        for span in spans {
            guard let link = span.style.link else { continue }
            let lower = link.lowercased()
            guard ["https://", "http://", "mailto:", "tel:"].contains(where: { lower.hasPrefix($0) }),
                  !link.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else {
                throw ComposeError("the link target \"\(link.prefix(80))\" is not a URL a reader can follow (https://, http://, "
                    + "mailto: or tel:, without spaces or control characters)")
            }
        }
    }

    /// Places each line at its baseline; with `leading`, baselines are exactly that far apart.
    func placeLines(_ shaped: ShapedText, left: Double, top: Double, leading: Double?, color: Color,
                    spans: [TextSpan] = [], into ops: inout [DrawOperation]) {
        guard let first = shaped.lines.first else { return }
        for (i, line) in shaped.lines.enumerated() where !line.runs.isEmpty {
            let baseline = leading.map { first.baseline + Double(i) * $0 } ?? line.baseline
            placeLine(line, origin: Point(x: left, y: top + baseline), color: color, spans: spans, into: &ops)
        }
    }

    /// One line's operations. Plain text is one text operation; rich text is one per run of the same
    /// colour, then its underlines and strike-throughs (filled bars, in the span's colour) and link areas
    /// (the line box over the run).
    func placeLine(_ line: ShapedLine, origin: Point, color: Color, spans: [TextSpan], into ops: inout [DrawOperation]) {
        guard !spans.isEmpty else {
            ops.append(.text(origin: origin, runs: line.runs, color: color))
            return
        }
        func colour(_ span: Int) -> Color { span >= 0 ? spans[span].style.color ?? color : color }
        var start = 0
        while start < line.runs.count {
            let c = colour(Int(line.runs[start].span))
            var end = start + 1
            while end < line.runs.count, colour(Int(line.runs[end].span)) == c { end += 1 }
            ops.append(.text(origin: origin, runs: Array(line.runs[start..<end]), color: c))
            start = end
        }
        for d in line.decorations {
            switch d.kind {
            case .underline, .strike:
                ops.append(.fillRects([Rect(x: origin.x + d.x, y: origin.y + d.y - d.thickness / 2, width: d.width,
                                            height: d.thickness)], colour(d.span)))
            case .link:
                guard let uri = spans[d.span].style.link else { continue }
                let top = origin.y - (line.baseline - line.top) + d.y
                ops.append(.link(Rect(x: origin.x + d.x, y: top, width: d.width, height: line.height), uri: uri))
            }
        }
    }

    private func paintBarcode(_ b: BarcodeElement, into ops: inout [DrawOperation], env: inout Environment,
                              dx: Double, dy: Double) throws(ComposeError) {
        let value = try text(b.value, &env)
        if b.symbology != .code128 || b.gs1 { return try paintZintBarcode(b, value: value, into: &ops, dx: dx, dy: dy) }
        let symbol: (bars: [(offset: Int, width: Int)], modules: Int)
        do { symbol = try Code128.bars(for: value) } catch {
            throw ComposeError("barcode at \(b.location): \(error.description)")
        }
        let width = Double(symbol.modules) * b.module
        let left = barcodeLeft(b, width: width, dx: dx)
        let top = b.y + dy
        ops.append(.fillRects(symbol.bars.map {
            Rect(x: left + Double($0.offset) * b.module, y: top, width: Double($0.width) * b.module, height: b.height)
        }, b.color))
        try barcodeCaption(b, value, left: left, width: width, below: top + b.height, into: &ops)
    }

    /// Where a barcode of `width` starts, from its `x` and `align`.
    func barcodeLeft(_ b: BarcodeElement, width: Double, dx: Double) -> Double {
        switch b.align {
        case .left, .start: b.x + dx
        case .right, .end: b.x + dx - width
        case .center: b.x + dx - width / 2
        }
    }

    /// The value as text centred under the symbol, when the barcode asks for a caption.
    func barcodeCaption(_ b: BarcodeElement, _ value: String, left: Double, width: Double, below bottom: Double,
                        into ops: inout [DrawOperation]) throws(ComposeError) {
        guard let caption = b.caption else { return }
        let shaped = try shaper.shape(value, font: caption.font)
        placeLines(shaped, left: left + width / 2 - shaped.width / 2, top: bottom + b.captionGap, leading: nil,
                   color: caption.color, into: &ops)
    }
}
