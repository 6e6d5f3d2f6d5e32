import Foundation

/// The language of email bodies (HTML and plain text): the template's own expressions inside double braces,
/// so CSS and other literal braces need no escaping.
///
///     {{ expr }}                  a value; HTML-escaped in HTML bodies
///     {{{ expr }}}                a value, not escaped (marked safe by the designer)
///     {{#each list as item}} … {{/each}}
///     {{#if condition}} … {{else}} … {{/if}}
///     {{! comment }}
///
/// Expressions are the same as everywhere else (fields, `let` values, formatters such as money() and
/// date()), type-checked when the template compiles, with errors at the file's line and column. A block
/// tag alone on its line takes the line with it, so text bodies keep their layout.
package struct CompiledBody: Sendable {
    indirect enum Node: Sendable {
        case literal(String)
        case value(CompiledText, raw: Bool)
        case each(CompiledExpression, slot: Int, body: [Node])
        case conditional(CompiledExpression, then: [Node], otherwise: [Node])
    }

    let nodes: [Node]
    package let file: String
    /// Escape values for HTML.
    package let html: Bool

    /// The body for one record; `environment` must hold the record and its `let` values.
    package func render(_ environment: Environment) throws(EvaluationError) -> String {
        var env = environment
        var out = ""
        try Self.render(nodes, &env, html: html, into: &out)
        return out
    }

    private static func render(_ nodes: [Node], _ env: inout Environment, html: Bool, into out: inout String) throws(EvaluationError) {
        for node in nodes {
            switch node {
            case .literal(let text):
                out += text
            case .value(let text, let raw):
                let value: String
                if let constant = text.constantValue { value = constant } else { value = try evaluate(text, env) }
                out += raw || !html ? value : HTMLEscaping.escape(value)
            case .each(let list, let slot, let body):
                guard case .list(let items) = try value(of: list, env) else { continue }
                let saved = env.locals[slot]
                for item in items {
                    env.locals[slot] = item
                    try render(body, &env, html: html, into: &out)
                }
                env.locals[slot] = saved
            case .conditional(let condition, let then, let otherwise):
                if case .bool(true) = try value(of: condition, env) {
                    try render(then, &env, html: html, into: &out)
                } else {
                    try render(otherwise, &env, html: html, into: &out)
                }
            }
        }
    }
}

private func evaluate(_ text: CompiledText, _ env: Environment) throws(EvaluationError) -> String {
    try text.evaluate(env)
}

private func value(of expression: CompiledExpression, _ env: Environment) throws(EvaluationError) -> Value {
    if let constant = expression.constantValue { return constant }
    return try expression.evaluate(env)
}

package enum HTMLEscaping {
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
