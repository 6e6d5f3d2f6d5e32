/// How a piece of text looks: the font (family, size in points, weight, slant) and its colour.
public struct TextStyle: Sendable, Hashable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color

    public init(family: String = "DejaVu Sans", size: Double = 10, bold: Bool = false, italic: Bool = false,
                color: Color = .black) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
    }

    /// The same font in another colour: shaping depends on the font only, so caches key on `font`.
    public var font: FontKey { FontKey(family: family, size: size, bold: bold, italic: italic) }
}

/// The part of a style that shaping depends on.
public struct FontKey: Sendable, Hashable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
}

/// Horizontal placement of text relative to its anchor or box.
public enum TextAlign: String, Sendable, Hashable {
    case left, right, center
}

/// The outline of a shape or a rule.
public struct Stroke: Sendable, Hashable {
    public var color: Color
    public var width: Double
    public var dash: [Double]

    public init(color: Color = .black, width: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}
