/// The template's named colours and text styles. Every style starts from `base` (or the built-in default:
/// DejaVu Sans 10 pt black) and changes only what it names.
struct StyleSheet {
    private(set) var colors: [String: Color] = [:]
    private(set) var styles: [String: TextStyle] = [:]
    private(set) var base = TextStyle()
    /// Unknown attributes of named styles, every one (a typo such as `colour:` must not pass).
    private(set) var keyErrors: [TemplateError] = []

    static let styleKeys: Set<String> = ["font", "fallback", "size", "weight", "style", "color", "inherit"]

    mutating func loadColors(_ node: TemplateNode?) throws(TemplateError) {
        guard let node else { return }
        for (name, value) in try node.mappingPairs() {
            colors[name] = try color(value)
        }
    }

    mutating func loadStyles(_ node: TemplateNode?) throws(TemplateError) {
        guard let node else { return }
        let pairs = try node.mappingPairs()
        for (_, value) in pairs { keyErrors += value.unknownKeys(Self.styleKeys) }
        if let baseNode = pairs.first(where: { $0.key == "base" })?.value {
            base = try apply(baseNode, to: TextStyle())
            styles["base"] = base
        }
        for (name, value) in pairs where name != "base" {
            var parent = base
            if let inherit = value["inherit"] {
                let parentName = try inherit.requireString()
                guard let found = styles[parentName] else {
                    throw inherit.error("unknown style '\(parentName)' (a style can inherit only from one defined above it)")
                }
                parent = found
            }
            styles[name] = try apply(value, to: parent)
        }
    }

    /// A colour attribute: `#RRGGBB`, `#RRGGBBAA` or a name from `colors:`.
    func color(_ node: TemplateNode) throws(TemplateError) -> Color {
        let text = try node.requireString()
        if let named = colors[text] { return named }
        if let parsed = Color(hex: text) { return parsed }
        let hint = Suggestions.hint(for: text, among: colors.keys)
        throw node.error("'\(text)' is not a colour: write #RRGGBB or a name defined under colors:.\(hint)")
    }

    /// The style of an element: its `style:` (a name or an inline mapping) plus any font attributes set on
    /// the element itself.
    func style(of element: TemplateNode, default fallback: TextStyle? = nil) throws(TemplateError) -> TextStyle {
        var style = fallback ?? base
        if let styleNode = element["style"] {
            style = try resolve(styleNode, over: fallback ?? base)
        }
        return try apply(element, to: style, onlyFontKeys: true)
    }

    func resolve(_ node: TemplateNode, over fallback: TextStyle) throws(TemplateError) -> TextStyle {
        if node.isMapping {
            try node.checkKeys(Self.styleKeys)
            return try apply(node, to: fallback)
        }
        let name = try node.requireString()
        guard let style = styles[name] else {
            let hint = Suggestions.hint(for: name, among: styles.keys)
            throw node.error("unknown style '\(name)'.\(hint) Defined styles: \(styles.keys.sorted().joined(separator: ", "))")
        }
        return style
    }

    private func apply(_ node: TemplateNode, to start: TextStyle, onlyFontKeys: Bool = false) throws(TemplateError) -> TextStyle {
        var style = start
        if let family = node["font"] {
            style.family = try family.requireString()
            guard !style.family.isEmpty, !style.family.contains(",") else {
                throw family.error("font is one family name; list the families to try after it under fallback: [...]")
            }
        }
        if !onlyFontKeys, let fallback = node["fallback"] {
            let names = try fallback.items().map { n throws(TemplateError) in try n.requireString() }
            guard !names.contains(where: { $0.isEmpty || $0.contains(",") }) else {
                throw fallback.error("fallback is a list of font family names, e.g. [Noto Sans CJK SC, Symbola]")
            }
            style.fallback = names
        }
        if let size = node["size"] {
            style.size = try size.requireNumber()
            guard style.size > 0 else { throw size.error("a font size must be above 0") }
        }
        if let weight = node["weight"] {
            switch try weight.requireString() {
            case "bold": style.bold = true
            case "normal", "regular": style.bold = false
            case let other: throw weight.error("unknown weight '\(other)'; use normal or bold")
            }
        }
        if !onlyFontKeys, let slant = node["style"] {
            switch try slant.requireString() {
            case "italic": style.italic = true
            case "normal": style.italic = false
            case let other: throw slant.error("unknown font style '\(other)'; use normal or italic")
            }
        }
        if let italic = node["italic"] { style.italic = try italic.requireBool() }
        if let color = node["color"] { style.color = try self.color(color) }
        return style
    }
}
