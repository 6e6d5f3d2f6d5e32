import Foundation

/// A component file as read: its parameters and its body, compiled at each use in the scope of that use.
struct ComponentDefinition {
    let name: String
    /// Absolute, with symbolic links resolved.
    let file: String
    let params: RecordSchema
    /// `elements:` or `flow:`.
    let body: TemplateNode
    let isFlow: Bool
}

/// Reads `components:`, `stylesheets:` and each `- component: {use, x, y, with}`.
extension TemplateCompiler {
    static let componentKeys: Set<String> = ["component", "description", "params", "elements", "flow"]
    static let componentUseKeys: Set<String> = ["use", "x", "y", "with", "when"]
    /// How deep components may use components: deeper is a mistake, not a design.
    static let maxComponentDepth = 8

    /// `components: folder` (relative to the template's).
    func readComponentsFolder(_ node: TemplateNode?) throws(TemplateError) -> String? {
        guard let node else { return nil }
        let given = try node.requireString()
        let path = given.hasPrefix("/") ? given : (directory as NSString).appendingPathComponent(given)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw node.error("the components folder \(path) does not exist (it is relative to the template's folder)")
        }
        return AssetPath.resolved(path)
    }

    /// `stylesheets: [file, …]`: colours and styles shared by several templates, read in order before the
    /// template's own (which may redefine any of them).
    func readStylesheets(_ node: TemplateNode?) {
        guard let node else { return }
        let items: [TemplateNode]
        if node.isSequence { items = record { () throws(TemplateError) in try node.items() } ?? [] } else { items = [node] }
        for item in items {
            guard let given = record({ () throws(TemplateError) in try item.requireString() }) else { continue }
            let path = AssetPath.resolved(given.hasPrefix("/") ? given : (directory as NSString).appendingPathComponent(given))
            guard FileManager.default.isReadableFile(atPath: path) else {
                errors.append(item.error("the style sheet \(path) does not exist (it is relative to the template's folder)"))
                continue
            }
            let sheet: TemplateNode
            do { sheet = TemplateNode(node: try TemplateLoader.parse(file: path), file: path, element: "stylesheet") } catch {
                errors += error.errors
                continue
            }
            dependencies.append(path)
            checkKeys(sheet, ["description", "colors", "styles"])
            record { () throws(TemplateError) in try styles.loadColors(sheet["colors"]) }
            record { () throws(TemplateError) in try styles.loadStyles(sheet["styles"]) }
        }
    }

    /// `- component: {use: name, x, y, with: {param: value}}` among elements.
    func readComponentElement(_ node: TemplateNode, scope: CompileScope) -> Element? {
        guard let (definition, arguments) = readComponentUse(node, scope: scope, flow: false) else { return nil }
        let elements = compileComponentBody(definition, scope: scope) { body, inner in self.readElements(body, scope: inner) }
        guard let elements else { return nil }
        return record { () throws(TemplateError) in
            .component(ComponentUse(arguments: arguments, x: try node.number("x", default: 0), y: try node.number("y", default: 0),
                                    elements: elements))
        }
    }

    /// `- component: {use: name, with: {…}}` in the body's flow.
    func readComponentFlow(_ node: TemplateNode, page: PageSetup, scope: CompileScope) -> FlowItem? {
        guard let (definition, arguments) = readComponentUse(node, scope: scope, flow: true) else { return nil }
        if node["x"] != nil || node["y"] != nil {
            errors.append(node.error("a component in the flow goes where the flow is: x and y are for components among elements"))
        }
        let flow = compileComponentBody(definition, scope: scope) { body, inner in self.readFlow(body, page: page, scope: inner) }
        guard let flow else { return nil }
        return .component(ComponentFlow(arguments: arguments, flow: flow))
    }

    /// The component a use names and its arguments, checked against its parameters.
    private func readComponentUse(_ node: TemplateNode, scope: CompileScope, flow: Bool)
        -> (ComponentDefinition, ComponentArguments)? {
        checkKeys(node, Self.componentUseKeys)
        guard let useNode = node["use"], let name = useNode.string, !name.isEmpty else {
            errors.append(node.error("a component needs 'use:' (its name in the components folder)"))
            return nil
        }
        guard let definition = component(named: name, at: useNode) else { return nil }
        if definition.isFlow != flow {
            errors.append(useNode.error("the component '\(name)' (\(definition.file)) has \(definition.isFlow ? "flow items" : "elements"): "
                + (definition.isFlow ? "use it in the body's flow" : "use it among elements (regions, a block's elements)")))
            return nil
        }
        let given: [(key: String, value: TemplateNode)] = node["with"].flatMap { with in
            record { () throws(TemplateError) in try with.mappingPairs() }
        } ?? []
        let params = definition.params.fields
        var failed = false
        for (key, value) in given where definition.params.index(of: key) == nil {
            let hint = Suggestions.hint(for: key, among: params.map(\.name))
            errors.append(value.error("the component '\(name)' has no parameter '\(key)'.\(hint) Its parameters: "
                + Self.describe(definition.params)))
            failed = true
        }
        var values: [ComponentArguments.Argument] = []
        for field in params {
            guard let value = given.first(where: { $0.key == field.name })?.value else {
                if field.optional { values.append(.constant(.null)); continue }
                errors.append(node.error("the component '\(name)' needs '\(field.name)' (\(field.type)) under with: "
                    + "(its parameters: \(Self.describe(definition.params)))"))
                failed = true
                continue
            }
            guard let argument = readArgument(value, for: field, component: name, scope: scope) else { failed = true; continue }
            values.append(argument)
        }
        if failed { return nil }
        return (definition, ComponentArguments(values: values, name: name, location: node.location))
    }

    /// A text parameter takes text with {expressions}; any other an expression (`"{…}"` or bare), whose type
    /// must be the parameter's, a record having at least the fields the parameter's record names.
    private func readArgument(_ value: TemplateNode, for field: Field, component name: String,
                              scope: CompileScope) -> ComponentArguments.Argument? {
        if field.type == .string {
            return compileText(value, scope: scope).map(ComponentArguments.Argument.text)
        }
        if value.isSequence, field.type == .list(.string) {
            let items = record { () throws(TemplateError) in try value.items() } ?? []
            let texts = items.compactMap { compileText($0, scope: scope) }
            return texts.count == items.count ? .texts(texts) : nil
        }
        guard let text = value.string else {
            errors.append(value.error("'\(field.name)' of the component '\(name)' is \(field.type): give an expression\(field.type == .list(.string) ? " or a list of texts" : "")"))
            return nil
        }
        let source = Self.expressionSource(value) ?? (text, 0)
        let expression: CompiledExpression
        do {
            expression = try ExpressionCompiler.compile(source.text, at: value.textLocation.advanced(by: source.offset),
                                                        element: value.element, scope: scope)
        } catch {
            errors.append(error)
            return nil
        }
        switch ValueProjection.from(expression.type, to: field.type) {
        case .success(let projection): return .expression(expression, projection)
        case .failure(let why):
            errors.append(value.error("'\(field.name)' of the component '\(name)' is \(field.type); '\(source.text)' \(why.reason)"))
            return nil
        }
    }

    /// The body compiled in the scope of this use: its parameters as the record, its own folder for relative
    /// paths, its file among the template's dependencies.
    private func compileComponentBody<T>(_ definition: ComponentDefinition, scope: CompileScope,
                                         _ read: (TemplateNode, CompileScope) -> T) -> T? {
        guard !componentStack.contains(definition.file) else {
            errors.append(definition.body.error("the component '\(definition.name)' uses itself: "
                + (componentStack + [definition.file]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")))
            return nil
        }
        guard componentStack.count < Self.maxComponentDepth else {
            errors.append(definition.body.error("components are used \(Self.maxComponentDepth) deep here; flatten them"))
            return nil
        }
        let outer = directory
        componentStack.append(definition.file)
        directory = (definition.file as NSString).deletingLastPathComponent
        defer {
            directory = outer
            componentStack.removeLast()
        }
        let inner = scope.component(root: definition.params)
        note(inner)
        return read(definition.body, inner)
    }

    /// The component `name` of the library, read once.
    private func component(named name: String, at node: TemplateNode) -> ComponentDefinition? {
        if let known = componentDefinitions[name] { return known }
        let definition = loadComponent(name, at: node)
        componentDefinitions[name] = .some(definition)
        return definition
    }

    private func loadComponent(_ name: String, at node: TemplateNode) -> ComponentDefinition? {
        guard let folder = componentsFolder else {
            errors.append(node.error("the template has no components folder: add 'components: ../components' (a folder of "
                + "NAME.yaml files, relative to the template's folder)"))
            return nil
        }
        let file: String
        switch AssetPath.inside(folder, name + ".yaml") {
        case .success(let path): file = path
        case .failure(let why):
            let known = Self.componentNames(in: folder)
            let hint = Suggestions.hint(for: name, among: known)
            errors.append(node.error("no component '\(name)': \(name).yaml \(why.reason).\(hint) Components: "
                + (known.isEmpty ? "none" : known.joined(separator: ", "))))
            return nil
        }
        let root: TemplateNode
        do { root = TemplateNode(node: try TemplateLoader.parse(file: file), file: file, element: "component \(name)") } catch {
            errors += error.errors
            return nil
        }
        dependencies.append(file)
        checkKeys(root, Self.componentKeys)
        var params = RecordSchema(fields: [])
        if let paramsNode = root["params"] {
            var reader = SchemaReader()
            guard let read = record({ () throws(TemplateError) in try reader.read(paramsNode) }) else { return nil }
            if let derived = reader.pending.first {
                errors.append(derived.node.error("a component's parameters are given, not derived: compute the value where "
                    + "the component is used"))
                return nil
            }
            params = read
        }
        let elements = root["elements"], flow = root["flow"]
        guard (elements == nil) != (flow == nil), let body = elements ?? flow else {
            errors.append(root.error("a component has 'elements:' (for regions and blocks) or 'flow:' (for the body), one of them"))
            return nil
        }
        return ComponentDefinition(name: name, file: file, params: params, body: body, isFlow: flow != nil)
    }

    private static func componentNames(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func describe(_ params: RecordSchema) -> String {
        params.fields.isEmpty ? "none"
            : params.fields.map { "\($0.name): \($0.type)\($0.optional ? "?" : "")" }.joined(separator: ", ")
    }
}
