/// Something in the body flow: laid out top to bottom from the body top, broken across pages.
package indirect enum FlowItem: Sendable {
    case table(TableElement)
    case paragraph(ParagraphElement)
    case spacer(Double)
    /// A fixed-height group of positioned elements kept together on one page.
    case block(BlockElement)
    case conditional(CompiledExpression, [FlowItem])
    /// Bulleted or numbered items, nested, each a paragraph with a hanging indent.
    case list(ListElement)
    /// `- page_break: true` or `odd`.
    case pageBreak(PageBreak)
    /// The same flow once per element of a list from the data.
    case repetition(RepeatElement)
    /// A part from the component library that gives flow items.
    case component(ComponentFlow)
}

/// `- repeat: {over, item, index, flow}`: `flow` laid out once per element of `over`, with the element in
/// `itemSlot`, its 0-based position in `indexSlot` and `loop` (index, number, first, last, count) in `loopSlot`.
package struct RepeatElement: Sendable {
    package let over: CompiledExpression
    package let itemSlot: Int
    package let indexSlot: Int
    package let loopSlot: Int
    package let flow: [FlowItem]
    /// A page break between two repetitions (`break_between: true | odd`), none by default.
    package let breakBetween: PageBreak
    package let location: SourceLocation

    /// The fields of `loop`, in slot order.
    package static let loopSchema = RecordSchema(fields: [
        Field(name: "index", type: .number), Field(name: "number", type: .number), Field(name: "first", type: .bool),
        Field(name: "last", type: .bool), Field(name: "count", type: .number),
    ])

    /// `loop` for the element at `index` of `count`.
    package static func loop(_ index: Int, of count: Int) -> Value {
        .record([.number(Double(index)), .number(Double(index + 1)), .bool(index == 0), .bool(index == count - 1),
                 .number(Double(count))])
    }
}

/// Text that flows: wrapped to `width` and split between lines across pages.
package struct ParagraphElement: Sendable {
    package let value: CompiledText
    /// The styled pieces when the value has markup; nil for plain text.
    package let rich: CompiledRichText?
    package let x: Double
    package let width: Double
    package let align: TextAlign
    package let justify: Bool
    package let leading: Double?
    package let style: TextStyle
    package let spaceBefore: Double
    package let spaceAfter: Double
    package let location: SourceLocation
    package let pagination: Pagination
    /// `outline: N`: a heading of level N (1 is the top), with an entry in the PDF outline.
    package let outlineLevel: Int?
    package var hyphenate = false
    package var direction: TextDirection = .auto
}

package struct BlockElement: Sendable {
    package let height: Double
    package let elements: [Element]
    package let spaceBefore: Double
    package let pagination: Pagination
    package var location = SourceLocation(file: "", line: 0, column: 0)
}

/// A bulleted or numbered list. Each item is a paragraph whose lines hang at the text's indent; an item
/// may hold a nested list, indented one level more.
package struct ListElement: Sendable {
    package let items: [ListItem]
    /// Items from the data instead: one per element of `rows`, the text evaluated with it in `itemSlot`.
    package let rows: BoundListItems?
    package let marker: ListMarker
    /// The first number of a numbered list.
    package let start: Int
    package let x: Double
    package let width: Double
    /// From the marker's column to the text, per level.
    package let indent: Double
    package let align: TextAlign
    package let justify: Bool
    package let leading: Double?
    package let style: TextStyle
    package let markerStyle: TextStyle
    package let spaceBefore: Double
    package let spaceAfter: Double
    /// Between items.
    package let spacing: Double
    package let pagination: Pagination
    package let location: SourceLocation
    package var hyphenate = false
    package var direction: TextDirection = .auto
}

package struct ListItem: Sendable {
    package let value: CompiledText
    package let rich: CompiledRichText?
    package let condition: CompiledExpression?
    package let children: ListElement?
}

package struct BoundListItems: Sendable {
    package let rows: CompiledExpression
    package let itemSlot: Int
    package let indexSlot: Int
    package let value: CompiledText
    package let rich: CompiledRichText?
}

/// How items are marked: a bullet (any text) or a number in one of five styles.
package enum ListMarker: Sendable, Equatable {
    case bullet(String)
    case decimal, lowerAlpha, upperAlpha, lowerRoman, upperRoman

    /// The marker of the item numbered `n` (from `start`): "3.", "c.", "iv.", or the bullet.
    package func text(_ n: Int) -> String {
        switch self {
        case .bullet(let b): return b
        case .decimal: return "\(n)."
        case .lowerAlpha: return Self.letters(n) + "."
        case .upperAlpha: return Self.letters(n).uppercased() + "."
        case .lowerRoman: return Self.roman(n) + "."
        case .upperRoman: return Self.roman(n).uppercased() + "."
        }
    }

    /// a … z, aa, ab … (spreadsheet columns).
    static func letters(_ n: Int) -> String {
        guard n > 0 else { return String(n) }
        var n = n, result = ""
        while n > 0 {
            n -= 1
            result = String(UnicodeScalar(UInt8(97 + n % 26))) + result
            n /= 26
        }
        return result
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                                      (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var n = n, result = ""
        for (value, letters) in table {
            while n >= value { result += letters; n -= value }
        }
        return result
    }

    /// The marker a nested list gets when it names none: bullets alternate, numbers go 1. → a. → i.
    package var nested: ListMarker {
        switch self {
        case .bullet(let b): return .bullet(b == "•" ? "–" : "•")
        case .decimal: return .lowerAlpha
        case .lowerAlpha, .upperAlpha: return .lowerRoman
        case .lowerRoman, .upperRoman: return .decimal
        }
    }
}
