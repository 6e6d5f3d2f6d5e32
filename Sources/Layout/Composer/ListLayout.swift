import Templates

/// Lists: each item a paragraph whose lines hang at the text indent, its marker on the first line's
/// baseline, right-aligned just before the text; nested lists one indent further in. Items break across
/// pages between lines, as paragraphs do (widows and orphans from the list).
extension DocumentComposer {
    func layOutList(_ list: ListElement, level: Int, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        // keep_together on a list keeps the whole list on one page when it fits on one: laid out once on a
        // copy of the flow to see whether it would break, then on a new page if it would and fits there.
        if level == 0, list.pagination.keepTogether, !flow.isPageEmpty {
            var trial = flow
            var trialEnv = env
            let (page, top, warnings) = (flow.pages.count, flow.y, documentWarnings.count)
            try layOutListItems(list, level: level, &trial, &trialEnv)
            keepWarnings(warnings)
            if trial.pages.count == page + 1, (flow.body.bottom - top) + (trial.y - flow.body.topFollowing) <= flow.bodyHeight {
                try flow.newPage()
            }
        }
        try layOutListItems(list, level: level, &flow, &env)
    }

    private func layOutListItems(_ list: ListElement, level: Int, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        flow.y += list.spaceBefore
        var number = list.start
        var first = true
        func item(_ value: CompiledText, _ rich: CompiledRichText?, _ children: ListElement?,
                  _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
            if !first { flow.y += list.spacing }
            first = false
            let textX = list.x + list.indent
            let (shaped, spans) = try shapeElementText(value, rich: rich, style: list.style, width: list.width - list.indent,
                                                       align: list.align, justify: list.justify, hyphenate: list.hyphenate, direction: list.direction,
                                                       location: list.location, env: &env)
            let marker = try shaper.shape(list.marker.text(number), font: list.markerStyle.font)
            number += 1
            if let shaped {
                let markerColor = list.markerStyle.color
                let gap = min(list.indent * 0.3, list.markerStyle.size * 0.5)
                try flowLines(shaped, x: textX, leading: list.leading, color: list.style.color, spans: spans,
                              pagination: list.pagination, location: list.location, &flow) { line, origin, flow in
                    guard let markerLine = marker.lines.first else { return }
                    let markerOrigin = Point(x: textX - gap - markerLine.width, y: origin.y)
                    flow.append(.text(origin: markerOrigin, runs: markerLine.runs, color: markerColor))
                }
            }
            if let children { try layOutList(children, level: level + 1, &flow, &env) }
        }
        if let bound = list.rows {
            guard case .list(let rows) = try evaluate(bound.rows, env) else { return }
            for (index, row) in rows.enumerated() {
                env.locals[bound.itemSlot] = row
                env.locals[bound.indexSlot] = .number(Double(index))
                try item(bound.value, bound.rich, nil, &flow, &env)
            }
        } else {
            for entry in list.items {
                if let condition = entry.condition, !(try holds(condition, env)) { continue }
                try item(entry.value, entry.rich, entry.children, &flow, &env)
            }
        }
        flow.y += list.spaceAfter
    }

    /// The first lines of a list's first item (for keep_with_next on the item before the list).
    func firstItemHeight(_ list: ListElement, _ env: inout Environment) throws(ComposeError) -> Double {
        var value: CompiledText?, rich: CompiledRichText?
        if let bound = list.rows {
            guard case .list(let rows) = try evaluate(bound.rows, env), let row = rows.first else { return 0 }
            env.locals[bound.itemSlot] = row
            env.locals[bound.indexSlot] = .number(0)
            (value, rich) = (bound.value, bound.rich)
        } else {
            for entry in list.items {
                if let condition = entry.condition, !(try holds(condition, env)) { continue }
                (value, rich) = (entry.value, entry.rich)
                break
            }
        }
        guard let value else { return 0 }
        let (shaped, _) = try shapeElementText(value, rich: rich, style: list.style, width: list.width - list.indent,
                                               align: list.align, justify: list.justify, hyphenate: list.hyphenate, direction: list.direction,
                                                       location: list.location, env: &env)
        guard let lines = shaped?.lines else { return 0 }
        return lines.prefix(max(1, list.pagination.orphans)).reduce(0) { $0 + (list.leading ?? $1.height) }
    }
}
