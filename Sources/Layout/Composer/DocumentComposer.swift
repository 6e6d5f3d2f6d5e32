import Templates

/// Lays out one record with a compiled template: evaluates definitions, flows the body across pages, then
/// draws the page regions once the page count is known ("Page X of Y"). One composer per thread: it owns
/// a text shaper and reuses it for every document.
public final class DocumentComposer {
    public let template: CompiledTemplate
    let shaper: TextShaper
    /// What did not fit in the document being composed, when the template's overflow policy is `warn`.
    private(set) var documentWarnings: [String] = []
    /// Images named by the data, by the path the record gave: checked once per composer (a night's records
    /// name the same few logos again and again).
    var imageSources: [String: Result<ResolvedImage, ComposeError>] = [:]

    /// Forgets the warnings after the first `count` (those of a trial layout that is laid out again).
    func keepWarnings(_ count: Int) { documentWarnings.removeLast(documentWarnings.count - count) }

    /// Something does not fit (a box, the page, the body): the record's reject, or a warning of its document.
    func overflow(_ message: String) throws(ComposeError) {
        switch template.overflow {
        case .reject:
            throw ComposeError(message + " (the template's overflow: reject; overflow: warn makes such documents and lists them)")
        case .warn:
            documentWarnings.append(message)
        }
    }

    /// Loaded on first use, when the template hyphenates (its patterns take a few milliseconds to read).
    private var hyphenatorLoaded = false
    private var loadedHyphenator: Hyphenator?

    func hyphenator() throws(ComposeError) -> Hyphenator {
        if !hyphenatorLoaded {
            hyphenatorLoaded = true
            loadedHyphenator = template.hyphenationPatterns.flatMap { Hyphenator(path: $0) }
        }
        guard let loadedHyphenator else {
            throw ComposeError("the hyphenation patterns \(template.hyphenationPatterns ?? "(none)") could not be read: "
                + "reinstall the hyphen package for \(template.locale), or take hyphenate: true out of the template")
        }
        return loadedHyphenator
    }

    package init(template: CompiledTemplate, shaper: TextShaper) {
        self.template = template
        self.shaper = shaper
    }

    /// With a shaper of its own (the shaper type stays inside the package).
    public convenience init(template: CompiledTemplate) {
        self.init(template: template, shaper: TextShaper(fontDirectory: template.fontsDirectory, language: template.languageTag))
    }

    /// The document's id alone (for selecting one record without laying it out).
    public func documentID(of record: Value, runDate: Int32) throws(ComposeError) -> String {
        try documentID(in: try environment(for: record, runDate: runDate))
    }

    /// The same, in an environment the caller already made (`CompiledTemplate.environment(for:runDate:)`).
    package func documentID(in environment: Environment) throws(ComposeError) -> String {
        var env = environment
        return try text(template.document.id, &env)
    }

    public func compose(_ record: Value, runDate: Int32) throws(ComposeError) -> LaidOutDocument {
        try compose(in: try environment(for: record, runDate: runDate))
    }

    /// Lays out the record of an environment the caller already made, so `let` values are not computed twice;
    /// `id`: the document id when the caller already evaluated it (`documentID(in:)`).
    package func compose(in environment: Environment, id knownID: String? = nil) throws(ComposeError) -> LaidOutDocument {
        var env = environment
        documentWarnings = []
        let info = template.document
        let id: String
        if let knownID { id = knownID } else { id = try text(info.id, &env) }
        let metadata = DocumentMetadata(title: try info.title.map { t throws(ComposeError) in try text(t, &env) },
                                        author: try info.author.map { t throws(ComposeError) in try text(t, &env) },
                                        subject: try info.subject.map { t throws(ComposeError) in try text(t, &env) },
                                        bundle: try info.bundle.map { t throws(ComposeError) in try text(t, &env) },
                                        language: template.languageTag)

        var flow = try layOutBody(env, pages: nil)
        if template.bodyReadsPages {
            // "Page 2 of {pages}" in the body: again with the count, until the count stays (a longer number
            // can push the flow onto another page); three passes settle any real document.
            for _ in 0..<3 {
                let count = flow.pages.count
                flow = try layOutBody(env, pages: count)
                if flow.pages.count == count { break }
            }
        }

        let total = flow.pages.count
        var pages: [Page] = []
        pages.reserveCapacity(total)
        env.locals[template.slots.pages] = .number(Double(total))
        for (index, body) in flow.pages.enumerated() {
            env.locals[template.slots.page] = .number(Double(index + 1))
            var page = Page()
            try paint(index == 0 ? template.regions.first : template.regions.following, into: &page.operations, env: &env)
            page.operations.append(contentsOf: body)
            try paint(template.regions.every, into: &page.operations, env: &env)
            if index == total - 1 { try paint(template.regions.last, into: &page.operations, env: &env) }
            pages.append(page)
        }
        return LaidOutDocument(id: id, width: template.page.width, height: template.page.height, pages: pages,
                               metadata: metadata, headings: flow.headings, warnings: documentWarnings)
    }

    /// The body flow on its pages; `pages` is what `{pages}` reads in the body (null on a first pass).
    private func layOutBody(_ environment: Environment, pages: Int?) throws(ComposeError) -> FlowState {
        var env = environment
        documentWarnings = []
        env.locals[template.slots.pages] = pages.map { .number(Double($0)) } ?? .null
        var flow = FlowState(body: template.body, maxPages: template.limits.maxPages)
        env.locals[template.slots.page] = .number(1)
        try layOut(template.body.flow, &flow, &env)
        let reserve = template.regions.lastReserve
        if reserve > 0, flow.y > template.body.bottom - reserve { try flow.newPage() }
        return flow
    }

    private func environment(for record: Value, runDate: Int32) throws(ComposeError) -> Environment {
        do { return try template.environment(for: record, runDate: runDate) } catch { throw ComposeError(error) }
    }

    // MARK: Evaluation helpers

    func evaluate(_ expression: CompiledExpression, _ env: Environment) throws(ComposeError) -> Value {
        if let constant = expression.constantValue { return constant }
        do { return try expression.evaluate(env) } catch { throw ComposeError(error) }
    }

    func text(_ text: CompiledText, _ env: inout Environment) throws(ComposeError) -> String {
        if let constant = text.constantValue { return constant }
        do { return try text.evaluate(env) } catch { throw ComposeError(error) }
    }

    func holds(_ condition: CompiledExpression, _ env: Environment) throws(ComposeError) -> Bool {
        if case .bool(true) = try evaluate(condition, env) { return true }
        return false
    }
}

/// The body's pages as they fill: finished pages' body operations and the cursor on the current one.
struct FlowState {
    let body: Body
    /// `limits.max_pages`: a record whose flow needs more pages is rejected rather than laid out.
    let maxPages: Int
    var pages: [[DrawOperation]] = [[]]
    var y: Double
    /// Headings met so far (paragraphs with `outline:`), for the PDF outline.
    var headings: [Heading] = []
    /// A break that the next item starts with (`page_break_after`, `- page_break`).
    var pendingBreak: PageBreak = .none

    init(body: Body, maxPages: Int = RecordLimits.defaults.maxPages) {
        self.body = body
        self.maxPages = maxPages
        self.y = body.top
    }

    var pageNumber: Int { pages.count }

    /// Every page break goes through here, so no record can make a document beyond the limit (a list of
    /// millions of rows, a table row taller than the page breaking before every row).
    mutating func newPage() throws(ComposeError) {
        guard pages.count < maxPages else {
            throw ComposeError("the document needs more than \(maxPages) pages, the template's \(RecordLimits.pagesKey) "
                + "(raise it in the template's limits: section if such documents are real)")
        }
        pages.append([])
        y = body.topFollowing
    }

    /// Nothing of the body is on the current page yet.
    var isPageEmpty: Bool { pages[pages.count - 1].isEmpty }

    /// The height of a following page's body: what a kept-together piece must fit in.
    var bodyHeight: Double { body.bottom - body.topFollowing }

    /// Starts the next page, unless this one has nothing yet; for `oddPage`, adds a blank page when the
    /// next would be even.
    mutating func pageBreak(_ kind: PageBreak) throws(ComposeError) {
        guard kind != .none else { return }
        if !isPageEmpty { try newPage() }
        if kind == .oddPage, pageNumber % 2 == 0 { try newPage() }
    }

    mutating func append(_ operation: DrawOperation) {
        pages[pages.count - 1].append(operation)
    }

    /// Whether `height` more points fit above the body's bottom on the current page.
    func fits(_ height: Double) -> Bool { y + height <= body.bottom + 1e-9 }
}
