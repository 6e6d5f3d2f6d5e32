/// PDF syntax copied from another file with its indirect references taken out: `refs` says where in
/// `bytes` each reference goes (its `N 0 R` text left out) and which imported object, 1-based, it names.
/// Written into a document with `PDFBuffer.append(_:base:)`, imported object k becoming object base + k.
struct ImportedSyntax {
    var bytes: [UInt8] = []
    var refs: [(at: Int, object: Int)] = []
}

extension PDFBuffer {
    mutating func append(_ syntax: ImportedSyntax, base: Int) {
        var from = 0
        for ref in syntax.refs {
            bytes.append(contentsOf: syntax.bytes[from..<ref.at])
            reference(base + ref.object)
            from = ref.at
        }
        bytes.append(contentsOf: syntax.bytes[from...])
    }
}

/// The single page of a PDF file cairo wrote, taken apart to become a Form XObject in another file: its
/// content stream as cairo compressed it, its resources, and every object those resources reach (fonts,
/// their files, graphics states, groups, images…), renumbered 1… in the order they are first met.
struct ImportedPage {
    let width: Double
    let height: Double
    /// The content stream's data, still encoded.
    let content: [UInt8]
    /// The content stream's dictionary entries other than /Length (its /Filter), without `<<` and `>>`.
    let contentEntries: ImportedSyntax
    /// The page's resource dictionary, `<< … >>`.
    let resources: ImportedSyntax
    /// The objects reached from the resources: the object (a stream's dictionary without /Length and
    /// without its opening `<<`) and, for a stream, its encoded data.
    let objects: [(body: ImportedSyntax, data: [UInt8]?)]

    struct Unsupported: Error { let description: String }

    init(_ pdf: CairoPDF, width: Double, height: Double) throws(Unsupported) {
        self.width = width
        self.height = height
        let bytes = pdf.bytes
        guard pdf.pages.count == 1 else { throw Unsupported(description: "\(pdf.pages.count) pages, not one") }
        let pageSpan = try Self.span(pdf, pdf.pages[0])
        let page = bytes[pageSpan.headerEnd..<pageSpan.dictionaryEnd]

        var importer = Importer(pdf: pdf, excluded: [pdf.root, pdf.info, pdf.pageTree, pdf.pages[0]])

        // /Contents N 0 R: one stream (cairo writes one per page).
        guard let contentsKey = CairoPDF.firstIndex(of: Array("/Contents".utf8), in: bytes, from: page.startIndex, before: page.endIndex)
        else { throw Unsupported(description: "page without /Contents") }
        var i = contentsKey + 9
        let contentsNumber = CairoPDF.integer(bytes, &i)
        guard contentsNumber > 0, contentsNumber < pdf.offsets.count else { throw Unsupported(description: "page /Contents is not one stream") }
        let contentSpan = try Self.span(pdf, contentsNumber)
        guard let contentData = contentSpan.data else { throw Unsupported(description: "page /Contents is not a stream") }
        content = Array(bytes[contentData])
        var entries = try importer.syntax(Self.dictionaryInside(bytes, contentSpan.headerEnd..<contentSpan.dictionaryEnd), dropLength: true)
        // Leave out the closing `>>`; the Form XObject's own entries follow.
        guard let close = entries.bytes.lastIndex(of: UInt8(ascii: ">")), close > 0, entries.bytes[close - 1] == UInt8(ascii: ">")
        else { throw Unsupported(description: "content stream dictionary") }
        entries.bytes.removeSubrange((close - 1)...)
        entries.refs.removeAll { $0.at > close - 1 }
        contentEntries = entries

        // /Resources N 0 R (cairo's way) or an inline dictionary.
        guard let resourcesKey = CairoPDF.firstIndex(of: Array("/Resources".utf8), in: bytes, from: page.startIndex, before: page.endIndex)
        else { throw Unsupported(description: "page without /Resources") }
        var r = resourcesKey + 10
        while r < page.endIndex, ImportedPage.isSpace(bytes[r]) { r += 1 }
        let resourceDictionary: ArraySlice<UInt8>
        if r + 1 < page.endIndex, bytes[r] == UInt8(ascii: "<"), bytes[r + 1] == UInt8(ascii: "<") {
            resourceDictionary = try Self.balancedDictionary(bytes, from: r, before: page.endIndex)
        } else {
            let n = CairoPDF.integer(bytes, &r)
            guard n > 0, n < pdf.offsets.count else { throw Unsupported(description: "page /Resources") }
            let span = try Self.span(pdf, n)
            let body = bytes[span.headerEnd..<span.dictionaryEnd]
            guard let start = body.firstIndex(of: UInt8(ascii: "<")) else { throw Unsupported(description: "resources are not a dictionary") }
            resourceDictionary = try Self.balancedDictionary(bytes, from: start, before: body.endIndex)
        }
        resources = try importer.syntax(resourceDictionary, dropLength: false)

        // Everything the resources reach, breadth first; each object's references may add more.
        var objects: [(body: ImportedSyntax, data: [UInt8]?)] = []
        var k = 0
        while k < importer.order.count {
            let span = try Self.span(pdf, importer.order[k])
            if let data = span.data {
                let body = try importer.syntax(Self.dictionaryInside(bytes, span.headerEnd..<span.dictionaryEnd), dropLength: true)
                objects.append((body, Array(bytes[data])))
            } else {
                var end = span.dictionaryEnd
                while end > span.headerEnd, Self.isSpace(bytes[end - 1]) { end -= 1 }
                objects.append((try importer.syntax(bytes[span.headerEnd..<end], dropLength: false), nil))
            }
            k += 1
        }
        self.objects = objects
    }

    private static func span(_ pdf: CairoPDF, _ number: Int) throws(Unsupported) -> CairoPDF.Span {
        do { return try pdf.object(number) } catch { throw Unsupported(description: error.description) }
    }

    /// A stream's dictionary after its opening `<<`, through its closing `>>`.
    private static func dictionaryInside(_ bytes: [UInt8], _ range: Range<Int>) throws(Unsupported) -> ArraySlice<UInt8> {
        guard let start = bytes[range].firstIndex(of: UInt8(ascii: "<")) else { throw Unsupported(description: "stream without a dictionary") }
        let dictionary = try balancedDictionary(bytes, from: start, before: range.upperBound)
        return dictionary.dropFirst(2)
    }

    /// `<< … >>` starting at `start`, nested dictionaries and strings included.
    private static func balancedDictionary(_ bytes: [UInt8], from start: Int, before limit: Int) throws(Unsupported) -> ArraySlice<UInt8> {
        var depth = 0, i = start
        while i < limit {
            let c = bytes[i]
            if c == UInt8(ascii: "("), let end = Importer.stringEnd(bytes, i, limit) {
                i = end
                continue
            }
            if c == UInt8(ascii: "<"), i + 1 < limit, bytes[i + 1] == UInt8(ascii: "<") {
                depth += 1
                i += 2
                continue
            }
            if c == UInt8(ascii: ">"), i + 1 < limit, bytes[i + 1] == UInt8(ascii: ">") {
                depth -= 1
                i += 2
                if depth == 0 { return bytes[start..<i] }
                continue
            }
            i += 1
        }
        throw Unsupported(description: "unbalanced dictionary")
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 13 || c == 9 || c == 12 || c == 0 }

    /// Takes references out of PDF syntax, numbering the objects they name in order of first use.
    private struct Importer {
        let pdf: CairoPDF
        /// Objects that must not be imported (the page, its tree, the catalog, the info dictionary).
        let excluded: Set<Int>
        var local: [Int: Int] = [:]
        var order: [Int] = []

        init(pdf: CairoPDF, excluded: Set<Int>) {
            self.pdf = pdf
            self.excluded = excluded
        }

        mutating func number(_ n: Int) throws(Unsupported) -> Int {
            if let known = local[n] { return known }
            guard n > 0, n < pdf.offsets.count, !excluded.contains(n) else {
                throw Unsupported(description: "the page's resources refer to object \(n) (the page, its tree or the catalog)")
            }
            order.append(n)
            local[n] = order.count
            return order.count
        }

        /// Copies `source`, each `N 0 R` becoming a reference to imported object number(N); with
        /// `dropLength`, a top-level `/Length` entry is left out (the writer puts its own first).
        mutating func syntax(_ source: ArraySlice<UInt8>, dropLength: Bool) throws(Unsupported) -> ImportedSyntax {
            let bytes = pdf.bytes
            var out = ImportedSyntax()
            out.bytes.reserveCapacity(source.count)
            var i = source.startIndex, depth = 0
            let end = source.endIndex
            while i < end {
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "("):
                    let stop = Self.stringEnd(bytes, i, end) ?? end
                    out.bytes.append(contentsOf: bytes[i..<stop])
                    i = stop
                case UInt8(ascii: "%"):
                    var stop = i
                    while stop < end, bytes[stop] != 10, bytes[stop] != 13 { stop += 1 }
                    out.bytes.append(contentsOf: bytes[i..<stop])
                    i = stop
                case UInt8(ascii: "<") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "<"):
                    depth += 1
                    out.bytes.append(contentsOf: [c, c])
                    i += 2
                case UInt8(ascii: ">") where i + 1 < end && bytes[i + 1] == UInt8(ascii: ">"):
                    depth -= 1
                    out.bytes.append(contentsOf: [c, c])
                    i += 2
                case UInt8(ascii: "<"):
                    // A hex string.
                    var stop = i
                    while stop < end, bytes[stop] != UInt8(ascii: ">") { stop += 1 }
                    stop = min(end, stop + 1)
                    out.bytes.append(contentsOf: bytes[i..<stop])
                    i = stop
                case UInt8(ascii: "/"):
                    var stop = i + 1
                    while stop < end, Self.isRegular(bytes[stop]) { stop += 1 }
                    if dropLength, depth == 0, bytes[i..<stop].elementsEqual("/Length".utf8) {
                        // The value: an integer, or `N 0 R`.
                        var j = stop
                        _ = CairoPDF.integer(bytes, &j)
                        var k = j
                        let generation = CairoPDF.integer(bytes, &k)
                        while k < end, ImportedPage.isSpace(bytes[k]) { k += 1 }
                        if generation >= 0, k < end, bytes[k] == UInt8(ascii: "R") { j = k + 1 }
                        i = j
                        continue
                    }
                    out.bytes.append(contentsOf: bytes[i..<stop])
                    i = stop
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    var j = i
                    while j < end, Self.isRegular(bytes[j]) { j += 1 }
                    // `N G R`?
                    var k = j
                    while k < end, ImportedPage.isSpace(bytes[k]) { k += 1 }
                    var g = k
                    while g < end, bytes[g] >= 48 && bytes[g] <= 57 { g += 1 }
                    var r = g
                    while r < end, ImportedPage.isSpace(bytes[r]) { r += 1 }
                    if g > k, k > j, r > g, r < end, bytes[r] == UInt8(ascii: "R"), r + 1 == end || !Self.isRegular(bytes[r + 1]),
                       let n = Int(String(decoding: bytes[i..<j], as: UTF8.self)) {
                        out.refs.append((out.bytes.count, try number(n)))
                        i = r + 1
                    } else {
                        out.bytes.append(contentsOf: bytes[i..<j])
                        i = j
                    }
                default:
                    out.bytes.append(c)
                    i += 1
                }
            }
            return out
        }

        /// The index after a literal string's closing parenthesis.
        static func stringEnd(_ bytes: [UInt8], _ start: Int, _ limit: Int) -> Int? {
            var depth = 0, i = start
            while i < limit {
                let b = bytes[i]
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "(") { depth += 1 }
                if b == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { return i + 1 }
                }
                i += 1
            }
            return nil
        }

        static func isRegular(_ c: UInt8) -> Bool {
            !(ImportedPage.isSpace(c) || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
              || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
              || c == UInt8(ascii: "/") || c == UInt8(ascii: "%"))
        }
    }
}
