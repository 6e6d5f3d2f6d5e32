/// How a stretch of rich text differs from its element's style. nil and false mean "as the element".
package struct SpanStyle: Sendable, Hashable {
    package var bold: Bool?
    package var italic: Bool?
    package var underline = false
    package var strike = false
    package var color: Color?
    /// Absolute size in points.
    package var size: Double?
    package var family: String?
    package var script: ScriptPosition = .baseline
    /// The target of a link (`<a href>`), evaluated per record.
    package var link: String?

    package init() {}

    package var isPlain: Bool { self == SpanStyle() }
}

package enum ScriptPosition: Sendable, Hashable {
    case baseline, superscript, `subscript`
}

/// A stretch of UTF-8 bytes `start..<end` of a rich text with its style. Spans never overlap and are in
/// order; bytes outside every span have the element's style.
package struct TextSpan: Sendable, Hashable {
    package let start: Int32
    package let end: Int32
    package let style: SpanStyle

    package init(start: Int32, end: Int32, style: SpanStyle) {
        self.start = start
        self.end = end
        self.style = style
    }
}

/// Text with its styled spans, as one record's values made it.
package struct RichText: Sendable, Hashable {
    package let text: String
    package let spans: [TextSpan]

    package init(text: String, spans: [TextSpan]) {
        self.text = text
        self.spans = spans
    }
}

/// A text whose literal parts carry markup (`<b>`, `<a href>` …): pieces of interpolated text, each with
/// the style of the tags around it. Values from the data are never read as markup: a name `<b>` prints
/// as written.
package struct CompiledRichText: Sendable {
    package struct Piece: Sendable {
        let text: CompiledText
        let style: SpanStyle
        /// The link target, when the piece is inside `<a href="…">` (it may hold expressions).
        let href: CompiledText?
    }

    let pieces: [Piece]

    package func evaluate(_ environment: Environment) throws(EvaluationError) -> RichText {
        var text = ""
        var spans: [TextSpan] = []
        for piece in pieces {
            let value: String
            if let constant = piece.text.constantValue { value = constant } else { value = try piece.text.evaluate(environment) }
            guard !value.isEmpty else { continue }
            var style = piece.style
            if let href = piece.href {
                if let constant = href.constantValue { style.link = constant } else { style.link = try href.evaluate(environment) }
            }
            let start = Int32(truncatingIfNeeded: text.utf8.count)
            text += value
            let end = Int32(truncatingIfNeeded: text.utf8.count)
            guard !style.isPlain else { continue }
            if let last = spans.last, last.end == start, last.style == style {
                spans[spans.count - 1] = TextSpan(start: last.start, end: end, style: style)
            } else {
                spans.append(TextSpan(start: start, end: end, style: style))
            }
        }
        return RichText(text: text, spans: spans)
    }
}
