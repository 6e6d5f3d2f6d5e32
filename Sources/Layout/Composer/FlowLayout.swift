import Templates

/// Lays the body flow out top to bottom, starting a new page whenever the next piece does not fit, and
/// where an item's pagination asks: breaks before and after, an item kept with the start of the next.
extension DocumentComposer {
    func layOut(_ items: [FlowItem], _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        for (index, item) in items.enumerated() {
            env.locals[template.slots.page] = .number(Double(flow.pageNumber))
            let pagination = item.pagination
            // A break asked for after the previous item (or a page_break) happens once something follows it,
            // so a document never ends on a blank page.
            let before = pagination?.breakBefore ?? PageBreak.none, pending = flow.pendingBreak
            flow.pendingBreak = .none
            // The stronger of the two asks: an odd-page break wins over a plain one.
            try flow.pageBreak(before == .oddPage || pending == .oddPage ? .oddPage
                               : before == .page || pending == .page ? .page : .none)
            if let pagination {
                if pagination.keepWithNext, !flow.isPageEmpty {
                    let own = try height(of: item, &env, whole: true)
                    let next = try leadHeight(of: items[(index + 1)...], &env)
                    if !flow.fits(own + next), own + next <= flow.bodyHeight { try flow.newPage() }
                }
            }
            switch item {
            case .table(let table):
                try layOutTable(table, &flow, &env)
            case .paragraph(let paragraph):
                try layOutParagraph(paragraph, &flow, &env)
            case .list(let list):
                try layOutList(list, level: 0, &flow, &env)
            case .spacer(let height):
                flow.y += height
            case .pageBreak(let kind):
                flow.pendingBreak = kind
            case .block(let block):
                flow.y += block.spaceBefore
                if block.height > flow.bodyHeight + 0.5 {
                    try overflow("block at \(block.location) is \(Self.points(block.height)) pt tall; the body holds "
                        + "\(Self.points(flow.bodyHeight)) pt a page, so its foot would print over the page's footer")
                }
                if !flow.fits(block.height) { try flow.newPage() }
                var ops: [DrawOperation] = []
                try paint(block.elements, into: &ops, env: &env, dy: flow.y)
                for op in ops { flow.append(op) }
                flow.y += block.height
            case .conditional(let condition, let children):
                if try holds(condition, env) { try layOut(children, &flow, &env) }
            case .repetition(let r):
                try layOutRepeat(r, &flow, &env)
            case .component(let c):
                try layOutComponent(c, &flow, &env)
            }
            if let pagination, pagination.breakAfter != .none { flow.pendingBreak = pagination.breakAfter }
        }
    }

    private func layOutParagraph(_ p: ParagraphElement, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        flow.y += p.spaceBefore
        let (shaped, spans) = try shapeElementText(p.value, rich: p.rich, style: p.style, width: p.width, align: p.align,
                                                   justify: p.justify, hyphenate: p.hyphenate, direction: p.direction,
                                                   location: p.location, env: &env)
        guard let shaped else { return }
        let start = try flowLines(shaped, x: p.x, leading: p.leading, color: p.style.color, spans: spans,
                                  pagination: p.pagination, location: p.location, &flow)
        if let level = p.outlineLevel, let start {
            let title = p.rich == nil ? try text(p.value, &env) : shaped.lines.flatMap(\.runs).map(\.text).joined()
            flow.headings.append(Heading(level: level, title: Heading.clean(title), page: start.page, y: start.top))
        }
        flow.y += p.spaceAfter
    }

    /// Places shaped lines from the cursor down, breaking pages between lines: never leaving fewer than
    /// `orphans` lines at the foot of a page or `widows` at the top of the next, and starting on a new page
    /// when `keepTogether` and the lines fit on one. Returns where the first line went (page index and
    /// top), or nil for no lines.
    @discardableResult
    func flowLines(_ shaped: ShapedText, x: Double, leading: Double?, color: Color, spans: [TextSpan],
                   pagination: Pagination, location: SourceLocation, _ flow: inout FlowState,
                   firstLine: ((ShapedLine, Point, inout FlowState) -> Void)? = nil) throws(ComposeError) -> (page: Int, top: Double)? {
        let lines = shaped.lines
        guard !lines.isEmpty else { return nil }
        let heights = lines.map { leading ?? $0.height }
        let total = heights.reduce(0, +)
        if pagination.keepTogether, !flow.fits(total), total <= flow.bodyHeight, !flow.isPageEmpty { try flow.newPage() }
        var start: (page: Int, top: Double)?
        var i = 0
        while i < lines.count {
            var fitting = 0, used = 0.0
            while i + fitting < lines.count, flow.fits(used + heights[i + fitting]) {
                used += heights[i + fitting]
                fitting += 1
            }
            var count = fitting
            if i + fitting < lines.count {
                // A break inside the lines: keep `widows` for the next page, `orphans` on this one.
                let rest = lines.count - i - fitting
                if rest < pagination.widows { count = max(0, fitting - (pagination.widows - rest)) }
                if count < min(pagination.orphans, lines.count - i) { count = 0 }
                if count == 0 {
                    if flow.isPageEmpty {
                        if fitting == 0 {
                            try overflow("a line of the text at \(location) is \(Self.points(heights[i])) pt tall; the body holds "
                                + "\(Self.points(flow.bodyHeight)) pt a page")
                        }
                        count = max(1, fitting)   // a page of its own still overflows: place what fits, and go on
                    } else {
                        try flow.newPage()
                        continue
                    }
                }
            }
            for k in i..<i + count {
                let line = lines[k]
                if start == nil { start = (flow.pages.count - 1, flow.y) }
                if !line.runs.isEmpty {
                    var ops: [DrawOperation] = []
                    let origin = Point(x: x, y: flow.y + line.baseline - line.top)
                    placeLine(line, origin: origin, color: color, spans: spans, into: &ops)
                    for op in ops { flow.append(op) }
                    if k == 0 { firstLine?(line, origin, &flow) }
                }
                flow.y += heights[k]
            }
            i += count
            if i < lines.count { try flow.newPage() }
        }
        return start
    }

    // MARK: Measuring ahead (keep_with_next)

    /// The height an item takes: whole (all its lines), or at its start only (what must share a page with
    /// an item kept with it: the first `orphans` lines, a table's header and first row).
    func height(of item: FlowItem, _ env: inout Environment, whole: Bool) throws(ComposeError) -> Double {
        switch item {
        case .paragraph(let p):
            let (shaped, _) = try shapeElementText(p.value, rich: p.rich, style: p.style, width: p.width, align: p.align,
                                                   justify: p.justify, hyphenate: p.hyphenate, direction: p.direction,
                                                   location: p.location, env: &env)
            guard let lines = shaped?.lines else { return p.spaceBefore }
            let count = whole ? lines.count : min(lines.count, max(p.pagination.orphans, p.pagination.keepTogether ? lines.count : 1))
            // Whole, the space after counts too: the next item starts below it.
            return p.spaceBefore + lines.prefix(count).reduce(0) { $0 + (p.leading ?? $1.height) } + (whole ? p.spaceAfter : 0)
        case .list(let list):
            return list.spaceBefore + (try firstItemHeight(list, &env))
        case .table(let t):
            return t.spaceBefore + (t.header?.height ?? 0) + t.row.height
        case .block(let b):
            return b.spaceBefore + b.height
        case .spacer(let h):
            return h
        case .pageBreak:
            return 0
        case .conditional(let condition, let children):
            guard try holds(condition, env) else { return 0 }
            return try leadHeight(of: children[...], &env)
        case .repetition(let r):
            return try leadHeight(of: r, &env)
        case .component(let c):
            return try leadHeight(of: c, &env)
        }
    }

    /// The start height of the first item that shows among `items` (spacers add to it).
    func leadHeight(of items: ArraySlice<FlowItem>, _ env: inout Environment) throws(ComposeError) -> Double {
        var height = 0.0
        for item in items {
            if case .pageBreak = item { return 0 }
            height += try self.height(of: item, &env, whole: false)
            switch item {
            case .spacer: continue
            case .conditional(let condition, _) where !(try holds(condition, env)): continue
            case .repetition(let r) where (try leadHeight(of: r, &env)) == 0: continue   // an empty list shows nothing
            case .component(let c) where (try leadHeight(of: c, &env)) == 0: continue
            default: return height
            }
        }
        return height
    }
}

extension FlowItem {
    var pagination: Pagination? {
        switch self {
        case .paragraph(let p): p.pagination
        case .list(let l): l.pagination
        case .table(let t): t.pagination
        case .block(let b): b.pagination
        case .spacer, .pageBreak, .conditional, .repetition, .component: nil
        }
    }
}
