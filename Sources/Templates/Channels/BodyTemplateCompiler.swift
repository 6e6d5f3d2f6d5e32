import Foundation

/// Parses and compiles a body template file (see `CompiledBody`), reporting every mistake with its line
/// and column in that file.
struct BodyTemplateCompiler {
    let file: String
    let element: String
    var errors: [TemplateError] = []
    var maxSlots = 0

    /// One `{{…}}` tag or the text before it, with where it starts.
    private enum Token {
        case text(String)
        case tag(String, SourceLocation, raw: Bool)
    }

    init(file: String, element: String) {
        self.file = file
        self.element = element
    }

    mutating func compile(_ source: String, scope: CompileScope, html: Bool) -> CompiledBody {
        var tokens = tokenize(source)[...]
        let nodes = parse(&tokens, scope: scope, until: [])
        return CompiledBody(nodes: nodes.nodes, file: file, html: html)
    }

    // MARK: Tokens

    private mutating func tokenize(_ source: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(source)
        var i = 0, line = 1, column = 1
        var text = ""
        func advance(_ c: Character) {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        while i < chars.count {
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else {
                text.append(chars[i]); advance(chars[i]); i += 1
                continue
            }
            let raw = i + 2 < chars.count && chars[i + 2] == "{"
            let open = raw ? 3 : 2
            let start = SourceLocation(file: file, line: line, column: column + open)
            var j = i + open
            let close = raw ? "}}}" : "}}"
            var found = false
            while j < chars.count {
                if String(chars[j..<min(chars.count, j + close.count)]) == close { found = true; break }
                j += 1
            }
            guard found else {
                errors.append(TemplateError("'\(raw ? "{{{" : "{{")' is never closed with '\(close)'", at: start, element: element))
                text += String(chars[i...])
                break
            }
            if !text.isEmpty { tokens.append(.text(text)); text = "" }
            tokens.append(.tag(String(chars[(i + open)..<j]), start, raw: raw))
            for k in i..<(j + close.count) { advance(chars[k]) }
            i = j + close.count
        }
        if !text.isEmpty { tokens.append(.text(text)) }
        return Self.strippingStandaloneTags(tokens)
    }

    private static func isBlockTag(_ body: String) -> Bool {
        let t = body.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("#") || t.hasPrefix("/") || t.hasPrefix("!") || t == "else"
    }

    /// A block tag alone on its line (only spaces or tabs around it) takes its indentation and line break
    /// along, so `{{#each}}` on a line of its own adds no blank line to a text body.
    private static func strippingStandaloneTags(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        func text(_ i: Int) -> String? {
            guard tokens.indices.contains(i) else { return "" }  // the file's start or end
            if case .text(let t) = tokens[i] { return t }
            return nil
        }
        for i in tokens.indices {
            guard case .tag(let body, _, false) = tokens[i], isBlockTag(body),
                  let before = text(i - 1), let after = text(i + 1) else { continue }
            let newlineBefore = before.lastIndex(of: "\n")
            // Without a line break before it, the tag starts its line only when the text before starts the file.
            guard newlineBefore != nil || i <= 1 else { continue }
            let lineStart = newlineBefore.map { before.index(after: $0) } ?? before.startIndex
            guard before[lineStart...].allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let newlineAfter = after.firstIndex(of: "\n")
            guard newlineAfter != nil || i + 1 >= tokens.count - 1 else { continue }
            guard after[..<(newlineAfter ?? after.endIndex)].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
            if i > 0 { tokens[i - 1] = .text(String(before[..<lineStart])) }
            if i + 1 < tokens.count {
                tokens[i + 1] = .text(newlineAfter.map { String(after[after.index(after: $0)...]) } ?? "")
            }
        }
        return tokens
    }

    // MARK: Blocks

    private mutating func parse(_ tokens: inout ArraySlice<Token>, scope: CompileScope, until ends: Set<String>)
        -> (nodes: [CompiledBody.Node], end: String?) {
        maxSlots = max(maxSlots, scope.slotCount)
        var nodes: [CompiledBody.Node] = []
        while let token = tokens.popFirst() {
            switch token {
            case .text(let text):
                if !text.isEmpty { nodes.append(.literal(text)) }
            case .tag(let body, let location, let raw):
                let trimmed = body.trimmingCharacters(in: .whitespaces)
                let offset = body.prefix(while: { $0 == " " }).count
                let at = location.advanced(by: offset)
                if raw {
                    if let text = compileValue(trimmed, at: at, scope: scope) { nodes.append(.value(text, raw: true)) }
                } else if trimmed.hasPrefix("!") {
                    continue
                } else if ends.contains(trimmed) {
                    return (nodes, trimmed)
                } else if trimmed.hasPrefix("#each ") {
                    nodes += parseEach(String(trimmed.dropFirst(6)), at: at.advanced(by: 6), &tokens, scope: scope)
                } else if trimmed.hasPrefix("#if ") {
                    nodes += parseIf(String(trimmed.dropFirst(4)), at: at.advanced(by: 4), &tokens, scope: scope)
                } else if trimmed.hasPrefix("#") || trimmed.hasPrefix("/") || trimmed == "else" {
                    errors.append(TemplateError("unexpected '{{\(trimmed)}}'"
                        + (ends.isEmpty ? " (no block is open)" : "; expected \(ends.sorted().map { "{{\($0)}}" }.joined(separator: " or "))")
                        + "; blocks are {{#each list as item}}…{{/each}} and {{#if condition}}…{{else}}…{{/if}}",
                        at: at, element: element))
                } else if let text = compileValue(trimmed, at: at, scope: scope) {
                    nodes.append(.value(text, raw: false))
                }
            }
        }
        if !ends.isEmpty {
            errors.append(TemplateError("the file ends before \(ends.sorted().map { "{{\($0)}}" }.joined(separator: " or "))",
                                        at: SourceLocation(file: file, line: 1, column: 1), element: element))
        }
        return (nodes, nil)
    }

    private mutating func parseEach(_ spec: String, at location: SourceLocation, _ tokens: inout ArraySlice<Token>,
                                    scope: CompileScope) -> [CompiledBody.Node] {
        guard let asRange = spec.range(of: " as ", options: .backwards) else {
            errors.append(TemplateError("write {{#each LIST as NAME}}, e.g. {{#each transactions as t}}", at: location, element: element))
            _ = parse(&tokens, scope: scope, until: ["/each"])
            return []
        }
        let listSource = String(spec[..<asRange.lowerBound])
        let name = spec[asRange.upperBound...].trimmingCharacters(in: .whitespaces)
        var list: CompiledExpression?
        do { list = try ExpressionCompiler.compile(listSource, at: location, element: element, scope: scope) } catch {
            errors.append(error)
        }
        var itemType = ValueType.any
        if let list {
            if case .list(let element) = list.type { itemType = element } else if list.type != .any {
                errors.append(TemplateError("{{#each}} needs a list; '\(listSource)' is \(list.type)", at: location, element: element))
            }
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            errors.append(TemplateError("'\(name)' is not a name for the item (letters, digits, _)", at: location, element: element))
            _ = parse(&tokens, scope: scope, until: ["/each"])
            return []
        }
        let (inner, slot) = scope.adding(name, type: itemType)
        let body = parse(&tokens, scope: inner, until: ["/each"])
        guard let list, body.end != nil else { return [] }
        return [.each(list, slot: slot, body: body.nodes)]
    }

    private mutating func parseIf(_ source: String, at location: SourceLocation, _ tokens: inout ArraySlice<Token>,
                                  scope: CompileScope) -> [CompiledBody.Node] {
        var condition: CompiledExpression?
        do { condition = try ExpressionCompiler.compile(source, at: location, element: element, scope: scope, expecting: .bool) } catch {
            errors.append(error)
        }
        let then = parse(&tokens, scope: scope, until: ["else", "/if"])
        var otherwise: [CompiledBody.Node] = []
        if then.end == "else" { otherwise = parse(&tokens, scope: scope, until: ["/if"]).nodes }
        guard let condition else { return [] }
        return [.conditional(condition, then: then.nodes, otherwise: otherwise)]
    }

    private mutating func compileValue(_ source: String, at location: SourceLocation, scope: CompileScope) -> CompiledText? {
        guard !source.isEmpty else {
            errors.append(TemplateError("empty {{ }}: put an expression inside, e.g. {{ name }}", at: location, element: element))
            return nil
        }
        // The expression as a one-part text: the same value-to-text rules as everywhere else.
        do {
            return try ExpressionCompiler.compileText("{" + source + "}", at: location.advanced(by: -1), element: element, scope: scope)
        } catch {
            errors.append(error)
            return nil
        }
    }
}
