/// The inline markup of print text: a few HTML-like tags in the designer's literal text, around and
/// between `{expressions}`.
///
///     Dear <b>{name}</b>, your <a href="https://example.com/a/{account_id}">account</a> is <span color="alert">overdue</span>.
///
/// Tags: `<b>`, `<i>`, `<u>`, `<s>`, `<sup>`, `<sub>`, `<span color= size= font=>`, `<a href=>`, `<br>`;
/// entities `&lt;` `&gt;` `&amp;`. A `<` followed by a letter or `/` starts a tag and must be one of
/// these (a typo is an error, never printed); any other `<` is literal. Inside `{…}` nothing is markup,
/// and values from the data are never parsed as markup.
enum RichTextMarkup {
    static let tagNames = ["b", "i", "u", "s", "sup", "sub", "span", "a", "br"]

    /// The text without markup when it has none (`rich` nil: the plain fast path), else the pieces.
    static func compile(_ source: String, at location: SourceLocation, element: String, scope: CompileScope,
                        color: @escaping (String) -> Color?) throws(TemplateError) -> (plain: CompiledText, rich: CompiledRichText?) {
        let scalars = Array(source.unicodeScalars)
        guard hasMarkup(scalars) else {
            return (try ExpressionCompiler.compileText(source, at: location, element: element, scope: scope), nil)
        }
        var reader = Reader(scalars: scalars, location: location, element: element, scope: scope, color: color)
        return try reader.read()
    }

    /// Whether any `<letter`, `</` or entity occurs outside `{…}`: most texts have none and skip the rest.
    private static func hasMarkup(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            switch s[i] {
            case "{":
                if i + 1 < s.count, s[i + 1] == "{" { i += 2; continue }
                i = skipExpression(s, from: i + 1)
                continue
            case "<":
                if i + 1 < s.count, s[i + 1] == "/" || s[i + 1].properties.isAlphabetic { return true }
            case "&":
                if entity(s, at: i) != nil { return true }
            default: break
            }
            i += 1
        }
        return false
    }

    /// The index after the `}` that closes an expression starting at `from` (the end of the text when
    /// it is malformed: the expression compiler reports that, at its place).
    static func skipExpression(_ s: [Unicode.Scalar], from: Int) -> Int {
        guard let close = try? TextInterpolation.closingBrace(s, from: from, opening: from - 1) else { return s.count }
        return close + 1
    }

    static func entity(_ s: [Unicode.Scalar], at i: Int) -> (text: String, length: Int)? {
        for (name, text) in [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            let n = Array(name.unicodeScalars)
            if i + n.count <= s.count, Array(s[i..<i + n.count]) == n { return (text, n.count) }
        }
        return nil
    }

    private struct OpenTag {
        let name: String
        let offset: Int
        let style: SpanStyle
        let href: CompiledText?
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        let location: SourceLocation
        let element: String
        let scope: CompileScope
        let color: (String) -> Color?
        var pieces: [CompiledRichText.Piece] = []
        var open: [OpenTag] = []
        var style = SpanStyle()
        var href: CompiledText?

        init(scalars: [Unicode.Scalar], location: SourceLocation, element: String, scope: CompileScope,
             color: @escaping (String) -> Color?) {
            self.scalars = scalars
            self.location = location
            self.element = element
            self.scope = scope
            self.color = color
        }

        func error(_ message: String, at offset: Int) -> TemplateError {
            TemplateError(message, at: location.advanced(by: offset), element: element)
        }

        mutating func read() throws(TemplateError) -> (plain: CompiledText, rich: CompiledRichText?) {
            var chunkStart = 0
            var i = 0
            while i < scalars.count {
                let c = scalars[i]
                if c == "{" {
                    i = i + 1 < scalars.count && scalars[i + 1] == "{" ? i + 2 : RichTextMarkup.skipExpression(scalars, from: i + 1)
                    continue
                }
                if c == "&", let (text, length) = RichTextMarkup.entity(scalars, at: i) {
                    try flush(chunkStart, i)
                    pieces.append(.init(text: CompiledText.literal(text), style: style, href: href))
                    i += length
                    chunkStart = i
                    continue
                }
                if c == "<", i + 1 < scalars.count, scalars[i + 1] == "/" || scalars[i + 1].properties.isAlphabetic {
                    try flush(chunkStart, i)
                    i = try tag(at: i)
                    chunkStart = i
                    continue
                }
                i += 1
            }
            try flush(chunkStart, scalars.count)
            if let unclosed = open.last {
                throw error("<\(unclosed.name)> is not closed: add </\(unclosed.name)>", at: unclosed.offset)
            }
            let plain = CompiledText.joined(pieces.map(\.text), source: String(String.UnicodeScalarView(scalars)),
                                            location: location)
            return (plain, CompiledRichText(pieces: pieces))
        }

        /// Compiles the interpolated text between two tags.
        mutating func flush(_ start: Int, _ end: Int) throws(TemplateError) {
            guard end > start else { return }
            let source = String(String.UnicodeScalarView(scalars[start..<end]))
            let text = try ExpressionCompiler.compileText(source, at: location.advanced(by: start), element: element, scope: scope)
            pieces.append(.init(text: text, style: style, href: href))
        }

        /// Reads the tag at `start` (a `<`) and returns the offset after its `>`.
        mutating func tag(at start: Int) throws(TemplateError) -> Int {
            var i = start + 1
            let closing = scalars[i] == "/"
            if closing { i += 1 }
            let nameStart = i
            while i < scalars.count, scalars[i].properties.isAlphabetic { i += 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<i])).lowercased()
            guard RichTextMarkup.tagNames.contains(name) else {
                let hint = Suggestions.hint(for: name, among: RichTextMarkup.tagNames)
                throw error("unknown tag <\(closing ? "/" : "")\(name)>.\(hint) Tags are "
                    + RichTextMarkup.tagNames.map { "<\($0)>" }.joined(separator: " ") + "; write &lt; for a literal <", at: start)
            }
            var attributes: [(name: String, value: String, offset: Int)] = []
            var selfClosing = false
            while true {
                while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
                guard i < scalars.count else { throw error("<\(name) is not finished: add >", at: start) }
                if scalars[i] == ">" { i += 1; break }
                if scalars[i] == "/", i + 1 < scalars.count, scalars[i + 1] == ">" { selfClosing = true; i += 2; break }
                let attributeStart = i
                while i < scalars.count, scalars[i].properties.isAlphabetic || scalars[i] == "_" { i += 1 }
                let attribute = String(String.UnicodeScalarView(scalars[attributeStart..<i])).lowercased()
                guard !attribute.isEmpty, i < scalars.count, scalars[i] == "=",
                      i + 1 < scalars.count, scalars[i + 1] == "\"" || scalars[i + 1] == "'" else {
                    throw error("in <\(name)>, write attributes as name=\"value\"", at: attributeStart)
                }
                let quote = scalars[i + 1]
                let valueStart = i + 2
                var end = valueStart
                while end < scalars.count, scalars[end] != quote {
                    if scalars[end] == "{" { end = RichTextMarkup.skipExpression(scalars, from: end + 1) } else { end += 1 }
                }
                guard end < scalars.count else { throw error("the value of \(attribute)= is not closed: add \(quote)", at: i + 1) }
                attributes.append((attribute, String(String.UnicodeScalarView(scalars[valueStart..<end])), valueStart))
                i = end + 1
            }
            if closing {
                guard attributes.isEmpty else { throw error("a closing tag </\(name)> takes no attributes", at: start) }
                try close(name, at: start)
                return i
            }
            if name == "br" {
                guard attributes.isEmpty else { throw error("<br> takes no attributes", at: start) }
                pieces.append(.init(text: CompiledText.literal("\n"), style: style, href: href))
                return i
            }
            if selfClosing { throw error("<\(name)/> is empty: write <\(name)>…</\(name)>", at: start) }
            try openTag(name, attributes: attributes, at: start)
            return i
        }

        mutating func openTag(_ name: String, attributes: [(name: String, value: String, offset: Int)], at start: Int) throws(TemplateError) {
            let allowed: Set<String> = switch name {
            case "span": ["color", "size", "font"]
            case "a": ["href"]
            default: []
            }
            for attribute in attributes where !allowed.contains(attribute.name) {
                let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
                throw error("<\(name)> has no attribute '\(attribute.name)' (it takes: \(list))", at: attribute.offset)
            }
            open.append(OpenTag(name: name, offset: start, style: style, href: href))
            switch name {
            case "b": style.bold = true
            case "i": style.italic = true
            case "u": style.underline = true
            case "s": style.strike = true
            case "sup": style.script = .superscript
            case "sub": style.script = .subscript
            case "a":
                guard open.dropLast().allSatisfy({ $0.name != "a" }) else { throw error("a link cannot hold another <a>", at: start) }
                guard let target = attributes.first(where: { $0.name == "href" }) else {
                    throw error("<a> needs href=\"…\" (a URL, which may hold {expressions})", at: start)
                }
                href = try ExpressionCompiler.compileText(target.value, at: location.advanced(by: target.offset),
                                                          element: element, scope: scope)
                if let constant = href?.constantValue { try checkURL(constant, at: target.offset) }
            default:
                for attribute in attributes {
                    switch attribute.name {
                    case "color":
                        guard let value = color(attribute.value) else {
                            throw error("'\(attribute.value)' is not a colour: write #RRGGBB or a name defined under colors:", at: attribute.offset)
                        }
                        style.color = value
                    case "size":
                        guard let size = Double(attribute.value), size > 0, size <= 1000 else {
                            throw error("size=\"\(attribute.value)\" is not a font size in points (above 0, up to 1000)", at: attribute.offset)
                        }
                        style.size = size
                    default:
                        guard !attribute.value.isEmpty else { throw error("font=\"\" names no font", at: attribute.offset) }
                        style.family = attribute.value
                    }
                }
            }
        }

        mutating func close(_ name: String, at start: Int) throws(TemplateError) {
            guard let top = open.last else { throw error("</\(name)> closes nothing: no <\(name)> is open", at: start) }
            guard top.name == name else {
                throw error("</\(name)> closes <\(top.name)> (opened at column \(location.column + top.offset)): close </\(top.name)> first", at: start)
            }
            open.removeLast()
            style = top.style
            href = top.href
        }

        /// A link must be something a reader can follow; `javascript:` and friends are refused.
        func checkURL(_ url: String, at offset: Int) throws(TemplateError) {
            let lower = url.lowercased()
            guard ["https://", "http://", "mailto:", "tel:"].contains(where: { lower.hasPrefix($0) }) else {
                throw error("href=\"\(url)\" is not a link a reader can follow: start it with https://, http://, mailto: or tel:", at: offset)
            }
        }
    }
}

extension CompiledText {
    static func literal(_ text: String) -> CompiledText {
        CompiledText(source: text, location: SourceLocation(file: "", line: 0, column: 0), constantValue: text,
                     evaluator: { _ in text }, parts: [.literal(text)])
    }

    /// The texts one after the other, as one text (the markup-free form of a rich text).
    static func joined(_ texts: [CompiledText], source: String, location: SourceLocation) -> CompiledText {
        let parts = texts.flatMap(\.parts)
        if texts.allSatisfy({ $0.constantValue != nil }) {
            let text = texts.map { $0.constantValue! }.joined()
            return CompiledText(source: source, location: location, constantValue: text, evaluator: { _ in text }, parts: parts)
        }
        return CompiledText(source: source, location: location, constantValue: nil, evaluator: { environment throws(EvaluationError) in
            var output = ""
            for text in texts { output += try text.evaluate(environment) }
            return output
        }, parts: parts)
    }
}
