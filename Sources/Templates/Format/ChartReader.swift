/// Reads `- chart:`.
extension TemplateCompiler {
    static let chartKeys: Set<String> = ["type", "x", "y", "width", "height", "categories", "series", "min", "max", "grid_step",
                                         "legend", "value_labels", "label_style", "tick_style", "legend_style", "palette",
                                         "grid_color", "axis_color", "hole", "when"]

    func readChart(_ node: TemplateNode, scope: CompileScope) -> ChartElement? {
        checkKeys(node, Self.chartKeys)
        let typeName = node["type"]?.string ?? "bar"
        guard let kind = ChartElement.Kind(rawValue: typeName) else {
            let names = ChartElement.Kind.allCases.map(\.rawValue)
            errors.append((node["type"] ?? node).error("unknown chart type '\(typeName)'.\(Suggestions.hint(for: typeName, among: names)) "
                + "Types: \(names.joined(separator: ", "))"))
            return nil
        }
        let categories = node["categories"].flatMap { c -> CompiledExpression? in
            guard let source = c.string else { errors.append(c.error("categories is an expression giving a list of texts")); return nil }
            return compileExpression(source, c, scope: scope, expecting: .list(.string))
        }
        var series: [ChartElement.Series] = []
        guard let seriesNode = node["series"], let items = record({ () throws(TemplateError) in try seriesNode.items() }), !items.isEmpty else {
            errors.append(node.error("a chart needs 'series:' (a list of {name, values, color})"))
            return nil
        }
        for item in items {
            checkKeys(item, ["name", "values", "color"])
            guard let valuesNode = item["values"], let source = valuesNode.string else {
                errors.append(item.error("a series needs 'values:' (an expression giving a list of numbers)"))
                continue
            }
            guard let values = compileExpression(source, valuesNode, scope: scope, expecting: .list(.number)) else { continue }
            let name = item["name"].flatMap { compileText($0, scope: scope) } ?? CompiledText.empty
            let color = record { () throws(TemplateError) in try item["color"].map { n throws(TemplateError) in try styles.color(n) } } ?? nil
            series.append(.init(name: name, values: values, color: color))
        }
        if kind.isRound, series.count > 1 {
            errors.append(seriesNode.error("a \(kind.rawValue) shows one series; this one has \(series.count)"))
        }
        return record { () throws(TemplateError) in
            let width = try node.number("width"), height = try node.number("height")
            guard width > 0, height > 0 else { throw node.error("a chart's width and height are above 0") }
            let minimum = try node.optionalNumber("min"), maximum = try node.optionalNumber("max")
            if let minimum, let maximum, minimum >= maximum { throw node["max"]!.error("max must be above min") }
            let defaultLegend: ChartElement.LegendPlace = kind.isRound || series.count > 1 ? .bottom : .none
            let legendName = node["legend"]?.string ?? defaultLegend.rawValue
            guard let legend = ChartElement.LegendPlace(rawValue: legendName) else {
                throw node["legend"]!.error("legend is top, bottom, right or none")
            }
            let hole = try node.number("hole", default: 0.55)
            guard hole > 0, hole < 0.95 else { throw node["hole"]!.error("a donut's hole is a fraction of its radius, above 0 and below 0.95") }
            if let step = try node.optionalNumber("grid_step"), step <= 0 { throw node["grid_step"]!.error("grid_step is above 0") }
            var palette = ChartElement.defaultPalette
            if let p = node["palette"] {
                palette = try p.items().map { n throws(TemplateError) in try styles.color(n) }
                if palette.isEmpty { throw p.error("a palette names at least one colour") }
            }
            func style(_ key: String) throws(TemplateError) -> TextStyle {
                try node[key].map { n throws(TemplateError) in try styles.resolve(n, over: styles.base) } ?? styles.base
            }
            return ChartElement(
                kind: kind, x: try node.number("x"), y: try node.number("y"), width: width, height: height,
                categories: categories, series: series, min: minimum, max: maximum, gridStep: try node.optionalNumber("grid_step"),
                legend: legend, valueLabels: try node.bool("value_labels", default: false),
                labelStyle: try style("label_style"), tickStyle: try style("tick_style"), legendStyle: try style("legend_style"),
                palette: palette,
                gridColor: try node["grid_color"].map { n throws(TemplateError) in try styles.color(n) } ?? Color(hex: "#D9D9D9")!,
                axisColor: try node["axis_color"].map { n throws(TemplateError) in try styles.color(n) } ?? .black,
                hole: hole, location: node.location)
        }
    }
}
