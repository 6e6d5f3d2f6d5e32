import Foundation

/// Walks a template's YAML and compiles it, collecting every mistake rather than stopping at the first.
final class TemplateCompiler {
    let file: String
    /// The folder relative paths start from: the template's, or a component's while its body compiles.
    var directory: String
    var errors: [TemplateError] = []
    var styles = StyleSheet()
    var maxSlots = 0
    /// The first element that asks for hyphenation (`hyphenate: true`), for the error when the locale has no patterns.
    var firstHyphenated: TemplateNode?
    /// Where images named by the data are looked up (`assets:`, default the template folder), absolute with
    /// symbolic links resolved; nil when it does not exist.
    var assetsFolder: String?
    /// Files read from outside the template (components, style sheets), absolute with links resolved.
    var dependencies: [String] = []
    /// `components:`, the library components are used from by name; absolute with links resolved.
    var componentsFolder: String?
    /// Components read so far, by name (nil: it could not be read; the error is already recorded).
    var componentDefinitions: [String: ComponentDefinition?] = [:]
    /// The components whose bodies are being compiled, outermost first (a component that uses itself).
    var componentStack: [String] = []

    init(file: String, directory: String) {
        self.file = file
        self.directory = directory
    }

    static let topKeys: Set<String> = ["name", "description", "locale", "page", "data", "document", "let",
                                       "styles", "colors", "regions", "body", "channels", "email", "sms", "limits", "overflow", "assets",
                                       "components", "stylesheets", "translations"]

    func compile(_ root: TemplateNode) throws(TemplateErrors) -> CompiledTemplate {
        checkKeys(root, Self.topKeys)
        let name = (try? root.string("name")) ?? ((directory as NSString).lastPathComponent)
        let locale = root["locale"]?.string ?? "en_US"
        let page = record { () throws(TemplateError) in try readPage(root["page"]) } ?? PageSetup.letter
        assetsFolder = record { () throws(TemplateError) in try readAssets(root["assets"]) } ?? nil
        componentsFolder = record { () throws(TemplateError) in try readComponentsFolder(root["components"]) } ?? nil
        readStylesheets(root["stylesheets"])
        record { () throws(TemplateError) in try styles.loadColors(root["colors"]) }
        record { () throws(TemplateError) in try styles.loadStyles(root["styles"]) }
        errors += styles.keyErrors
        guard let dataNode = root["data"] else {
            throw TemplateErrors(errors: errors + [root.error("missing 'data:' section: list the fields each record must have, e.g. 'customer_id: string'")])
        }
        var schemaReader = SchemaReader()
        guard let schema = record({ () throws(TemplateError) in try schemaReader.read(dataNode) }) else {
            throw TemplateErrors(errors: errors)
        }
        var derivations = DerivationPlan()
        for derived in schemaReader.pending {
            guard let owner = schema.schema(at: derived.path) else { continue }
            var ownerScope = CompileScope(root: owner)
            ownerScope.defaultLocale = locale
            guard let expression = compileExpression(derived.source, derived.node, scope: ownerScope, expecting: derived.type) else { continue }
            derivations.insert(.init(slot: derived.slot, expression: expression, slotCount: ownerScope.slotCount),
                               at: derived.path[...])
        }

        var scope = CompileScope(root: schema)
        scope.defaultLocale = locale
        let runDate: Int, pageSlot: Int, pagesSlot: Int
        (scope, runDate) = scope.adding("run_date", type: .date)
        (scope, pageSlot) = scope.adding("page", type: .number)
        (scope, pagesSlot) = scope.adding("pages", type: .number)
        // The record's locale (translations: {locale: …}, else the template's): what t() reads its tables in,
        // and a value formatters can be given (money(x, 'EUR', locale)).
        let localeSlot: Int
        (scope, localeSlot) = scope.adding("locale", type: .string)
        var localeExpression: CompiledExpression?
        if root["translations"] != nil || FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("translations")) {
            if let (translations, expression) = readTranslations(root["translations"], templateLocale: locale, localeSlot: localeSlot,
                                                                 scope: scope) {
                scope.translations = translations
                localeExpression = expression
            }
        }

        var definitions: [Definition] = []
        if let lets = root["let"] {
            let pairs: [(key: String, value: TemplateNode)] = record { () throws(TemplateError) in try lets.mappingPairs() } ?? []
            for (letName, value) in pairs {
                guard let source = value.string else { errors.append(value.error("a definition is one expression")); continue }
                guard let expression = compileExpression(source, value, scope: scope) else { continue }
                let slot: Int
                (scope, slot) = scope.adding(letName, type: expression.type)
                definitions.append(Definition(name: letName, slot: slot, expression: expression))
            }
        }
        note(scope)

        let document = readDocument(root["document"], scope: scope)
        let regions = readRegions(root["regions"], scope: scope)
        // Whether the body reads `pages` (page X of Y in the flow): then it is laid out again once the count is known.
        var bodyScope = scope
        let bodyReads = SlotReads()
        bodyScope.reads = bodyReads
        let body = readBody(root["body"], page: page, scope: bodyScope)
        let channels = readChannels(root["channels"], scope: scope)
        let email = readEmail(root["email"], scope: scope)
        let sms = readSMS(root["sms"], scope: scope)
        let limits = readLimits(root["limits"])

        var patterns: String?
        if let asking = firstHyphenated {
            patterns = HyphenationPatterns.path(for: locale)
            if patterns == nil {
                errors.append(asking.error("hyphenate: true needs hyphenation patterns for \(locale), and \(HyphenationPatterns.directory) "
                    + "has none: install Debian's \(HyphenationPatterns.package(for: locale)) (or leave hyphenate out)"))
            }
        }
        if !errors.isEmpty { throw TemplateErrors(errors: errors) }
        var compiled = CompiledTemplate(
            name: name, file: file, directory: directory, locale: locale, page: page, schema: schema, derivations: derivations,
            document: document!, definitions: definitions, regions: regions, body: body,
            channels: channels, email: email, sms: sms, limits: limits,
            slotCount: maxSlots, slots: SpecialSlots(runDate: runDate, page: pageSlot, pages: pagesSlot, locale: localeSlot))
        compiled.hyphenationPatterns = patterns
        compiled.localeExpression = localeExpression
        compiled.bodyReadsPages = bodyReads.slots.contains(pagesSlot)
        compiled.fontFamilies = FontNames.collect(root)
        if let node = root["overflow"] {
            guard let name = node.string, let policy = OverflowPolicy(rawValue: name) else {
                throw TemplateErrors(errors: [node.error("overflow is reject (the record is a reject naming what does not fit) or warn (it is made, and the run's report lists the warning)")])
            }
            compiled.overflow = policy
        }
        compiled.fontsDirectory = try fontsFolder(root)
        if root["assets"] != nil { compiled.assetsDirectory = assetsFolder }
        compiled.dependencies = outsideDependencies()
        return compiled
    }

    /// What the output depends on beyond the template's own folder, sorted, each once.
    private func outsideDependencies() -> [String] {
        let own = AssetPath.resolved(directory.isEmpty ? "." : directory)
        var paths = Set(dependencies)
        if let assetsFolder { paths.insert(assetsFolder) }
        return paths.filter { $0 != own && !$0.hasPrefix(own + "/") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// `assets: folder` (relative to the template's), the only place images named by the data come from.
    private func readAssets(_ node: TemplateNode?) throws(TemplateError) -> String? {
        let given = try node?.requireString()
        let path = given.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) } ?? directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            if let node { throw node.error("the assets folder \(path) does not exist (it is relative to the template's folder)") }
            return nil
        }
        return AssetPath.resolved(path)
    }

    /// The template's `fonts/` folder, every file in it checked to be a font (TrueType, OpenType or a collection).
    private func fontsFolder(_ root: TemplateNode) throws(TemplateErrors) -> String? {
        let folder = (directory as NSString).appendingPathComponent("fonts")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var problems: [TemplateError] = []
        for file in files {
            if let problem = AssetCheck.fontProblem(folder + "/" + file) {
                problems.append(TemplateError("fonts/\(file) \(problem)", at: SourceLocation(file: self.file, line: 1, column: 1), element: "fonts"))
            }
        }
        if !problems.isEmpty { throw TemplateErrors(errors: problems) }
        return folder
    }

    /// `hyphenate: true|false` on a text, paragraph or list (`inherited` from a parent list).
    func hyphenate(_ node: TemplateNode, inherited: Bool = false) throws(TemplateError) -> Bool {
        let asked = try node.bool("hyphenate", default: inherited)
        if asked, firstHyphenated == nil { firstHyphenated = node["hyphenate"] ?? node }
        return asked
    }

    // MARK: Error collection

    /// Every attribute of `node` it does not know, each an error at its key (not only the first).
    func checkKeys(_ node: TemplateNode?, _ allowed: Set<String>) {
        guard let node else { return }
        errors += node.unknownKeys(allowed)
    }

    /// Runs one step; a template mistake is kept and the step yields nil so compilation goes on.
    @discardableResult
    func record<T>(_ body: () throws(TemplateError) -> T) -> T? {
        do { return try body() } catch {
            errors.append(error)
            return nil
        }
    }

    func note(_ scope: CompileScope) { maxSlots = max(maxSlots, scope.slotCount) }

    func compileExpression(_ source: String, _ node: TemplateNode, scope: CompileScope,
                                    expecting: ValueType? = nil) -> CompiledExpression? {
        record { () throws(TemplateError) in
            try ExpressionCompiler.compile(source, at: node.textLocation, element: node.element, scope: scope, expecting: expecting)
        }
    }

    func compileText(_ node: TemplateNode, scope: CompileScope) -> CompiledText? {
        guard let source = node.string else {
            errors.append(node.error("expected text (it may hold {expressions})"))
            return nil
        }
        return record { () throws(TemplateError) in
            try ExpressionCompiler.compileText(source, at: node.textLocation, element: node.element, scope: scope)
        }
    }

    /// Print text, which may carry inline markup (`<b>`, `<a href>` …; see RichTextMarkup).
    func compileRichText(_ node: TemplateNode, scope: CompileScope) -> (plain: CompiledText, rich: CompiledRichText?)? {
        guard let source = node.string else {
            errors.append(node.error("expected text (it may hold {expressions} and <b>markup</b>)"))
            return nil
        }
        let styles = self.styles
        return record { () throws(TemplateError) in
            try RichTextMarkup.compile(source, at: node.textLocation, element: node.element, scope: scope,
                                       color: { styles.colors[$0] ?? Color(hex: $0) })
        }
    }

    // MARK: Sections

    private func readPage(_ node: TemplateNode?) throws(TemplateError) -> PageSetup {
        guard let node else { return .letter }
        checkKeys(node, ["size", "margins"])
        var width = 612.0, height = 792.0
        if let size = node["size"] {
            if size.isSequence {
                let numbers = try size.requireNumbers()
                guard numbers.count == 2 else { throw size.error("a page size is [width, height] in points") }
                (width, height) = (numbers[0], numbers[1])
            } else {
                switch try size.requireString().lowercased() {
                case "letter": (width, height) = (612, 792)
                case "legal": (width, height) = (612, 1008)
                case "a4": (width, height) = (595.276, 841.89)
                case "a5": (width, height) = (419.528, 595.276)
                case let other: throw size.error("unknown page size '\(other)'; use letter, legal, a4, a5 or [width, height]")
                }
            }
        }
        var margins = Margins(top: 54, right: 54, bottom: 54, left: 54)
        if let m = node["margins"] {
            if m.isMapping {
                checkKeys(m, ["top", "right", "bottom", "left"])
                margins = Margins(top: try m.number("top", default: 54), right: try m.number("right", default: 54),
                                  bottom: try m.number("bottom", default: 54), left: try m.number("left", default: 54))
            } else {
                let all = try m.requireNumber()
                margins = Margins(top: all, right: all, bottom: all, left: all)
            }
        }
        guard width >= 36, height >= 36, width <= 14_400, height <= 14_400 else {
            throw (node["size"] ?? node).error("a page of \(width) × \(height) pt is not a page: each side is 36 pt (½ in) to 14,400 pt (200 in)")
        }
        let m = node["margins"] ?? node
        guard [margins.top, margins.right, margins.bottom, margins.left].allSatisfy({ $0 >= 0 }) else {
            throw m.error("margins cannot be negative")
        }
        guard margins.left + margins.right < width - 36, margins.top + margins.bottom < height - 36 else {
            throw m.error("the margins (left \(margins.left) + right \(margins.right), top \(margins.top) + bottom \(margins.bottom)) "
                + "leave less than 36 pt of the \(width) × \(height) pt page")
        }
        return PageSetup(width: width, height: height, margins: margins)
    }

    private func readDocument(_ node: TemplateNode?, scope: CompileScope) -> DocumentInfo? {
        guard let node else {
            errors.append(TemplateError("missing 'document:' section: at least 'id: \"{customer_id}\"' names each document",
                                        at: SourceLocation(file: file, line: 1, column: 1), element: "document"))
            return nil
        }
        checkKeys(node, ["id", "title", "author", "subject", "index_label", "bundle", "organization"])
        guard let idNode = node["id"] else {
            errors.append(node.error("missing 'id:' (an expression naming each document, e.g. \"{customer_id}\")"))
            return nil
        }
        guard let id = compileText(idNode, scope: scope) else { return nil }
        return DocumentInfo(id: id, title: node["title"].flatMap { compileText($0, scope: scope) },
                            author: node["author"].flatMap { compileText($0, scope: scope) },
                            subject: node["subject"].flatMap { compileText($0, scope: scope) },
                            indexLabel: node["index_label"]?.string ?? "id",
                            bundle: node["bundle"].flatMap { compileText($0, scope: scope) },
                            organization: node["organization"]?.string)
    }

    private func readRegions(_ node: TemplateNode?, scope: CompileScope) -> Regions {
        guard let node else { return Regions(first: [], following: [], every: [], last: [], lastReserve: 0) }
        checkKeys(node, ["first", "following", "every", "last"])
        var reserve = 0.0
        var last: [Element] = []
        if let lastNode = node["last"] {
            if lastNode.isMapping {
                checkKeys(lastNode, ["reserve", "elements"])
                reserve = record { () throws(TemplateError) in try lastNode.number("reserve", default: 0) } ?? 0
                last = lastNode["elements"].map { readElements($0, scope: scope) } ?? []
            } else {
                last = readElements(lastNode, scope: scope)
            }
        }
        return Regions(first: node["first"].map { readElements($0, scope: scope) } ?? [],
                       following: node["following"].map { readElements($0, scope: scope) } ?? [],
                       every: node["every"].map { readElements($0, scope: scope) } ?? [],
                       last: last, lastReserve: reserve)
    }

    private func readBody(_ node: TemplateNode?, page: PageSetup, scope: CompileScope) -> Body {
        let top = page.margins.top, bottom = page.height - page.margins.bottom
        guard let node else { return Body(top: top, topFollowing: top, bottom: bottom, flow: []) }
        checkKeys(node, ["top", "top_following", "bottom", "flow"])
        let bodyTop = record { () throws(TemplateError) in try node.number("top", default: top) } ?? top
        let following = record { () throws(TemplateError) in try node.number("top_following", default: top) } ?? top
        let bodyBottom = record { () throws(TemplateError) in try node.number("bottom", default: bottom) } ?? bottom
        // A body that cannot hold one line would make every record a page per line, or no progress at all.
        for (key, value) in [("top", bodyTop), ("top_following", following)] where value < 0 || value > bodyBottom - 12 {
            errors.append((node[key] ?? node).error("body \(key) (\(value)) must be at least 0 and at least 12 pt above the body's "
                + "bottom (\(bodyBottom)), or no line fits"))
        }
        if bodyBottom > page.height {
            errors.append((node["bottom"] ?? node).error("body bottom (\(bodyBottom)) is below the page's foot (\(page.height))"))
        }
        return Body(top: bodyTop, topFollowing: following, bottom: bodyBottom,
                    flow: node["flow"].map { readFlow($0, page: page, scope: scope) } ?? [])
    }
}

extension PageSetup {
    static let letter = PageSetup(width: 612, height: 792, margins: Margins(top: 54, right: 54, bottom: 54, left: 54))
}
