/// How a piece of text looks: the font (family, size in points, weight, slant) and its colour.
package struct TextStyle: Sendable, Hashable {
    package var family: String
    package var size: Double
    package var bold: Bool
    package var italic: Bool
    package var color: Color
    /// Families tried, in order, for characters the first one lacks (`fallback:`), before fontconfig's own.
    package var fallback: [String] = []

    package init(family: String = "DejaVu Sans", size: Double = 10, bold: Bool = false, italic: Bool = false,
                color: Color = .black) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
    }

    /// The same font in another colour: shaping depends on the font only, so caches key on `font`.
    /// A fallback chain is Pango's comma-separated family list: each character from the first family that has it.
    package var font: FontKey {
        FontKey(family: fallback.isEmpty ? family : ([family] + fallback).joined(separator: ","), size: size, bold: bold, italic: italic)
    }
}

/// The part of a style that shaping depends on.
package struct FontKey: Sendable, Hashable {
    package var family: String
    package var size: Double
    package var bold: Bool
    package var italic: Bool
}

/// Horizontal placement of text relative to its anchor or box. `start` and `end` follow the text's
/// direction (start is right in right-to-left text); left, right and center are where they say.
package enum TextAlign: String, Sendable, Hashable {
    case left, right, center, start, end

    /// Left, right or center, for text whose base direction is right-to-left or not.
    package func physical(rightToLeft: Bool) -> TextAlign {
        switch self {
        case .start: rightToLeft ? .right : .left
        case .end: rightToLeft ? .left : .right
        default: self
        }
    }
}

/// The base direction of a paragraph: from its first letter with a direction (`auto`), or as given.
package enum TextDirection: String, Sendable, Hashable {
    case auto, ltr, rtl
}

/// The outline of a shape or a rule.
package struct Stroke: Sendable, Hashable {
    package var color: Color
    package var width: Double
    package var dash: [Double]

    package init(color: Color = .black, width: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}
