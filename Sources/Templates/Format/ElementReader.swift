import Foundation

/// Compiles positioned elements (page regions, blocks).
extension TemplateCompiler {
    static let elementKinds = ["text", "rect", "line", "circle", "image", "barcode", "bar_chart", "chart", "choose", "group", "component"]

    func readElements(_ node: TemplateNode, scope: CompileScope) -> [Element] {
        guard let items = record({ () throws(TemplateError) in try node.items() }) else { return [] }
        return items.compactMap { readElement($0, scope: scope) }
    }

    private func readElement(_ item: TemplateNode, scope: CompileScope) -> Element? {
        guard let pairs = record({ () throws(TemplateError) in try item.mappingPairs() }), pairs.count == 1 else {
            errors.append(item.error("an element is one of \(Self.elementKinds.joined(separator: ", ")), written '- text: {...}'"))
            return nil
        }
        let (kind, node) = pairs[0]
        let named = TemplateNode(node: node.node, file: node.file, element: "\(item.element) \(kind)")
        let element: Element?
        switch kind {
        case "text": element = readText(named, scope: scope).map(Element.text)
        case "rect": element = record { () throws(TemplateError) in .rect(try readRect(named, scope: scope)) }
        case "line": element = record { () throws(TemplateError) in .line(try readLine(named, scope: scope)) }
        case "circle": element = record { () throws(TemplateError) in .circle(try readCircle(named, scope: scope)) }
        case "image": element = record { () throws(TemplateError) in .image(try readImage(named, scope: scope)) }
        case "barcode": element = readBarcode(named, scope: scope).map(Element.barcode)
        case "bar_chart": element = readBarChart(named, scope: scope).map(Element.barChart)
        case "component": element = readComponentElement(named, scope: scope)
        case "chart": element = readChart(named, scope: scope).map(Element.chart)
        case "choose": return readChoose(named, scope: scope)
        case "group":
            checkKeys(named, ["when", "elements"])
            element = nil
            guard let children = named["elements"] else {
                errors.append(named.error("a group needs 'elements:'"))
                return nil
            }
            let inner = readElements(children, scope: scope)
            guard let when = named["when"] else { return .conditional(CompiledExpression.alwaysTrue, inner) }
            return condition(when, scope: scope).map { .conditional($0, inner) }
        default:
            let hint = Suggestions.hint(for: kind, among: Self.elementKinds)
            errors.append(item.error("unknown element '\(kind)'.\(hint) Elements: \(Self.elementKinds.joined(separator: ", "))"))
            return nil
        }
        guard let element else { return nil }
        guard let when = named["when"] else { return element }
        return condition(when, scope: scope).map { .conditional($0, [element]) }
    }

    func condition(_ node: TemplateNode, scope: CompileScope) -> CompiledExpression? {
        guard let source = node.string else {
            errors.append(node.error("a condition is one expression, e.g. 'late and balance > 0'"))
            return nil
        }
        return compileExpression(source, node, scope: scope, expecting: .bool)
    }

    private func readChoose(_ node: TemplateNode, scope: CompileScope) -> Element? {
        guard let items = record({ () throws(TemplateError) in try node.items() }) else { return nil }
        var branches: [ChooseBranch] = []
        for item in items {
            if let otherwise = item["otherwise"] {
                checkKeys(item, ["otherwise"])
                branches.append(ChooseBranch(condition: nil, elements: readElements(otherwise, scope: scope)))
                continue
            }
            checkKeys(item, ["when", "then"])
            guard let when = item["when"], let then = item["then"] else {
                errors.append(item.error("each choice is '- when: condition' with 'then: [elements]', or '- otherwise: [elements]'"))
                continue
            }
            guard let test = condition(when, scope: scope) else { continue }
            branches.append(ChooseBranch(condition: test, elements: readElements(then, scope: scope)))
        }
        return .choose(branches)
    }

    static let textKeys: Set<String> = ["value", "x", "y", "width", "align", "justify", "leading", "style", "font",
                                        "size", "weight", "italic", "color", "when", "hyphenate", "direction", "height"]

    func readText(_ node: TemplateNode, scope: CompileScope) -> TextElement? {
        checkKeys(node, Self.textKeys)
        guard let valueNode = node["value"] else {
            errors.append(node.error("a text needs 'value:' (text that may hold {expressions})"))
            return nil
        }
        let value = compileRichText(valueNode, scope: scope)
        let element = record { () throws(TemplateError) -> TextElement? in
            guard let value else { return nil }
            var dynamic = DynamicAttributes(location: node.location)
            let x = try dynamicNumber(node, "x", scope: scope, into: &dynamic)
            let y = try dynamicNumber(node, "y", scope: scope, into: &dynamic)
            let width = try node["width"] == nil ? nil : dynamicNumber(node, "width", scope: scope, into: &dynamic)
            let height = try node["height"] == nil ? nil : dynamicNumber(node, "height", default: 1, scope: scope, into: &dynamic)
            // A colour from the data replaces the style's; the style is read without it.
            let computedColor = node["color"].flatMap(Self.expressionSource) != nil
            if computedColor { _ = try dynamicColor(node, "color", scope: scope, into: &dynamic) }
            var element = TextElement(value: value.plain, rich: value.rich, x: x, y: y,
                                      width: width, align: try node.align(logical: true),
                                      justify: try node.bool("justify", default: false),
                                      leading: try node.optionalNumber("leading"),
                                      style: try styles.style(of: computedColor ? node.removing("color") : node),
                                      location: node.location)
            element.hyphenate = try hyphenate(node)
            element.direction = try node.direction()
            element.height = height
            if !dynamic.isEmpty { element.dynamic = dynamic }
            if let height = element.height, height <= 0 { throw node["height"]!.error("a text box's height must be above 0") }
            if element.hyphenate, element.width == nil {
                throw node.error("hyphenate: true needs a width: text without one never wraps")
            }
            return element
        }
        return element ?? nil
    }

    private func fillAndStroke(_ node: TemplateNode, scope: CompileScope,
                               into dynamic: inout DynamicAttributes) throws(TemplateError) -> (Color?, Stroke?) {
        let fill = try dynamicColor(node, "fill", scope: scope, into: &dynamic)
        var stroke: Stroke?
        if let color = try dynamicColor(node, "stroke", scope: scope, into: &dynamic) {
            stroke = Stroke(color: color, width: try dynamicNumber(node, "line_width", default: 1, scope: scope, into: &dynamic),
                            dash: try node["dash"]?.requireNumbers() ?? [])
        }
        if fill == nil && stroke == nil { throw node.error("give 'fill:' or 'stroke:' (a colour), or both") }
        return (fill, stroke)
    }

    private func readRect(_ node: TemplateNode, scope: CompileScope) throws(TemplateError) -> RectElement {
        checkKeys(node, ["x", "y", "width", "height", "fill", "stroke", "line_width", "dash", "when"])
        var dynamic = DynamicAttributes(location: node.location)
        let (fill, stroke) = try fillAndStroke(node, scope: scope, into: &dynamic)
        return RectElement(x: try dynamicNumber(node, "x", scope: scope, into: &dynamic),
                           y: try dynamicNumber(node, "y", scope: scope, into: &dynamic),
                           width: try dynamicNumber(node, "width", scope: scope, into: &dynamic),
                           height: try dynamicNumber(node, "height", scope: scope, into: &dynamic), fill: fill, stroke: stroke,
                           dynamic: dynamic.isEmpty ? nil : dynamic)
    }

    private func readLine(_ node: TemplateNode, scope: CompileScope) throws(TemplateError) -> LineElement {
        checkKeys(node, ["x1", "y1", "x2", "y2", "stroke", "line_width", "dash", "when"])
        var dynamic = DynamicAttributes(location: node.location)
        let color = try dynamicColor(node, "stroke", scope: scope, into: &dynamic) ?? .black
        return LineElement(x1: try dynamicNumber(node, "x1", scope: scope, into: &dynamic),
                           y1: try dynamicNumber(node, "y1", scope: scope, into: &dynamic),
                           x2: try dynamicNumber(node, "x2", scope: scope, into: &dynamic),
                           y2: try dynamicNumber(node, "y2", scope: scope, into: &dynamic),
                           stroke: Stroke(color: color, width: try dynamicNumber(node, "line_width", default: 1, scope: scope, into: &dynamic),
                                          dash: try node["dash"]?.requireNumbers() ?? []),
                           dynamic: dynamic.isEmpty ? nil : dynamic)
    }

    private func readCircle(_ node: TemplateNode, scope: CompileScope) throws(TemplateError) -> CircleElement {
        checkKeys(node, ["cx", "cy", "r", "fill", "stroke", "line_width", "dash", "when"])
        var dynamic = DynamicAttributes(location: node.location)
        let (fill, stroke) = try fillAndStroke(node, scope: scope, into: &dynamic)
        return CircleElement(cx: try dynamicNumber(node, "cx", scope: scope, into: &dynamic),
                             cy: try dynamicNumber(node, "cy", scope: scope, into: &dynamic),
                             r: try dynamicNumber(node, "r", scope: scope, into: &dynamic), fill: fill, stroke: stroke,
                             dynamic: dynamic.isEmpty ? nil : dynamic)
    }

    private func readImage(_ node: TemplateNode, scope: CompileScope) throws(TemplateError) -> ImageElement {
        checkKeys(node, ["src", "x", "y", "width", "height", "when"])
        var dynamic = DynamicAttributes(location: node.location)
        let x = try dynamicNumber(node, "x", scope: scope, into: &dynamic)
        let y = try dynamicNumber(node, "y", scope: scope, into: &dynamic)
        let width = try dynamicNumber(node, "width", scope: scope, into: &dynamic)
        let height = try dynamicNumber(node, "height", scope: scope, into: &dynamic)
        guard let srcNode = node["src"] else { throw node.error("missing attribute 'src'") }
        let src = try srcNode.requireString()
        if src.contains("{") {
            // Named by the data: resolved per record inside the assets folder (see ImageSources in Layout).
            let path = try ExpressionCompiler.compileText(src, at: srcNode.textLocation, element: srcNode.element, scope: scope)
            guard let assets = assetsFolder else {
                throw srcNode.error("an image named by the data needs the template's assets folder; it does not exist")
            }
            var image = ImageElement(path: "", kind: .png, x: x, y: y, width: width, height: height)
            image.source = DynamicImageSource(path: path, assets: assets, location: srcNode.location)
            if !dynamic.isEmpty { image.dynamic = dynamic }
            return image
        }
        let path = src.hasPrefix("/") ? src : ((directory as NSString).appendingPathComponent(src) as NSString).standardizingPath
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw srcNode.error("image file not found: \(path) (paths are relative to the template folder)")
        }
        guard let kind = ImageElement.Kind(path: src) else {
            throw srcNode.error("images are PNG or SVG files (.png, .svg); got '\(src)'")
        }
        if let problem = AssetCheck.problem(path, kind: kind) {
            throw srcNode.error("the image \(src) \(problem)")
        }
        dependencies.append(AssetPath.resolved(path))
        var image = ImageElement(path: path, kind: kind, x: x, y: y, width: width, height: height)
        if !dynamic.isEmpty { image.dynamic = dynamic }
        return image
    }

    private func readBarcode(_ node: TemplateNode, scope: CompileScope) -> BarcodeElement? {
        checkKeys(node, ["type", "value", "x", "y", "align", "module", "height", "color", "caption",
                                "caption_style", "caption_gap", "when", "gs1", "error_correction", "quiet_zone"])
        guard let options = readBarcodeOptions(node) else { return nil }
        guard let valueNode = node["value"] else {
            errors.append(node.error("a barcode needs 'value:'"))
            return nil
        }
        guard let value = compileText(valueNode, scope: scope) else { return nil }
        return record { () throws(TemplateError) in
            let caption = try node.bool("caption", default: false)
            let captionStyle = try node["caption_style"].map { n throws(TemplateError) in try styles.resolve(n, over: styles.base) }
            return BarcodeElement(
                value: value, x: try node.number("x"), y: try node.number("y"), align: try node.align(),
                module: try node.number("module", default: 1), height: try node.number("height", default: 40),
                color: try node["color"].map { n throws(TemplateError) in try styles.color(n) } ?? .black,
                caption: caption ? (captionStyle ?? styles.base) : nil,
                captionGap: try node.number("caption_gap", default: 2), location: node.location)
        }.map { (element: BarcodeElement) in
            var b = element
            (b.symbology, b.gs1, b.errorCorrection, b.quietZone) = options
            return b
        }
    }

    private func readBarChart(_ node: TemplateNode, scope: CompileScope) -> BarChartElement? {
        checkKeys(node, ["values", "x", "y", "width", "height", "max", "grid_step", "bar_width", "bar_color",
                                "grid_color", "axis_color", "label", "label_style", "tick_style", "when"])
        guard let valuesNode = node["values"], let source = valuesNode.string,
              let values = compileExpression(source, valuesNode, scope: scope, expecting: .list(.number)) else {
            if node["values"] == nil { errors.append(node.error("a bar chart needs 'values:' (a list of numbers)")) }
            return nil
        }
        var inner = scope
        let barSlot: Int, valueSlot: Int
        (inner, barSlot) = inner.adding("bar", type: .number)
        (inner, valueSlot) = inner.adding("value", type: .number)
        note(inner)
        let label = node["label"].flatMap { compileText($0, scope: inner) }
        return record { () throws(TemplateError) in
            BarChartElement(
                values: values, x: try node.number("x"), y: try node.number("y"), width: try node.number("width"),
                height: try node.number("height"), max: try node.optionalNumber("max"),
                gridStep: try node.optionalNumber("grid_step"), barWidth: try node.number("bar_width", default: 20),
                barColor: try node["bar_color"].map { n throws(TemplateError) in try styles.color(n) } ?? Color(hex: "#4A90C2")!,
                gridColor: try node["grid_color"].map { n throws(TemplateError) in try styles.color(n) } ?? Color(hex: "#D9D9D9")!,
                axisColor: try node["axis_color"].map { n throws(TemplateError) in try styles.color(n) } ?? .black,
                label: label, barSlot: barSlot, valueSlot: valueSlot,
                labelStyle: try node["label_style"].map { n throws(TemplateError) in try styles.resolve(n, over: styles.base) } ?? styles.base,
                tickStyle: try node["tick_style"].map { n throws(TemplateError) in try styles.resolve(n, over: styles.base) } ?? styles.base)
        }
    }
}

extension CompiledExpression {
    /// The condition of a group without `when:`.
    static let alwaysTrue: CompiledExpression = try! ExpressionCompiler.compile(
        "true", at: SourceLocation(file: "", line: 0, column: 0), element: "group",
        scope: CompileScope(root: RecordSchema(fields: [])))
}
