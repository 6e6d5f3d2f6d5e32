import Templates

/// Lays the body flow out top to bottom, starting a new page whenever the next piece does not fit.
extension DocumentComposer {
    func layOut(_ items: [FlowItem], _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        for item in items {
            env.locals[template.slots.page] = .number(Double(flow.pageNumber))
            switch item {
            case .table(let table):
                try layOutTable(table, &flow, &env)
            case .paragraph(let paragraph):
                try layOutParagraph(paragraph, &flow, &env)
            case .spacer(let height):
                flow.y += height
            case .block(let block):
                flow.y += block.spaceBefore
                if !flow.fits(block.height) { try flow.newPage() }
                var ops: [DrawOperation] = []
                try paint(block.elements, into: &ops, env: &env, dy: flow.y)
                for op in ops { flow.append(op) }
                flow.y += block.height
            case .conditional(let condition, let children):
                if try holds(condition, env) { try layOut(children, &flow, &env) }
            }
        }
    }

    private func layOutParagraph(_ p: ParagraphElement, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        flow.y += p.spaceBefore
        let (shaped, spans) = try shapeElementText(p.value, rich: p.rich, style: p.style, width: p.width, align: p.align,
                                                   justify: p.justify, location: p.location, env: &env)
        guard let shaped else { return }
        for line in shaped.lines {
            let height = p.leading ?? line.height
            if !flow.fits(height) { try flow.newPage() }
            if !line.runs.isEmpty {
                var ops: [DrawOperation] = []
                placeLine(line, origin: Point(x: p.x, y: flow.y + line.baseline - line.top), color: p.style.color,
                          spans: spans, into: &ops)
                for op in ops { flow.append(op) }
            }
            flow.y += height
        }
        flow.y += p.spaceAfter
    }
}
