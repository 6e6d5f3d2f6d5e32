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
        let string = try text(p.value, &env)
        flow.y += p.spaceBefore
        guard !string.isEmpty else { return }
        let shaped = try shaper.shape(string, font: p.style.font, width: p.width, align: p.align, justify: p.justify)
        for line in shaped.lines {
            let height = p.leading ?? line.height
            if !flow.fits(height) { try flow.newPage() }
            if !line.runs.isEmpty {
                let baseline = line.baseline - line.top
                flow.append(.text(origin: Point(x: p.x, y: flow.y + baseline), runs: line.runs, color: p.style.color))
            }
            flow.y += height
        }
        flow.y += p.spaceAfter
    }
}
