/// Something in the body flow: laid out top to bottom from the body top, broken across pages.
public indirect enum FlowItem: Sendable {
    case table(TableElement)
    case paragraph(ParagraphElement)
    case spacer(Double)
    /// A fixed-height group of positioned elements kept together on one page.
    case block(BlockElement)
    case conditional(CompiledExpression, [FlowItem])
}

/// A table bound to a list: one row per item, header repeated on each page it continues on.
public struct TableElement: Sendable {
    public let rows: CompiledExpression
    public let itemSlot: Int
    public let indexSlot: Int
    public let x: Double
    public let padding: Double
    public let columns: [TableColumn]
    public let header: TableHeader?
    public let row: TableRowStyle
    public let totals: [TotalsRow]
    public let spaceBefore: Double
    public let spaceAfter: Double
    /// How many of the last item rows must share a page with the totals rows (orphan control): when they
    /// do not fit together, they move to the next page together. 0 lets totals stand alone.
    public let keepTotalsWithRows: Int
}

public struct TableColumn: Sendable {
    public let header: CompiledText
    public let width: Double
    public let align: TextAlign
    public let value: CompiledText
    public let style: TextStyle?
    /// Long values wrap onto more lines (the row grows); otherwise they are cut with an ellipsis.
    public let wrap: Bool
}

public struct TableHeader: Sendable {
    public let height: Double
    public let fill: Color?
    public let style: TextStyle
    public let repeats: Bool
}

public struct TableRowStyle: Sendable {
    public let height: Double
    public let style: TextStyle
    public let fill: Color?
    public let alternateFill: Color?
    public let rule: Stroke?
}

/// A row after the last item: sums, notes. One text per column ("" leaves a cell empty).
public struct TotalsRow: Sendable {
    public let condition: CompiledExpression?
    public let height: Double
    public let style: TextStyle
    public let fill: Color?
    public let rule: Stroke?
    public let cells: [CompiledText]
}

/// Text that flows: wrapped to `width` and split between lines across pages.
public struct ParagraphElement: Sendable {
    public let value: CompiledText
    public let x: Double
    public let width: Double
    public let align: TextAlign
    public let justify: Bool
    public let leading: Double?
    public let style: TextStyle
    public let spaceBefore: Double
    public let spaceAfter: Double
    public let location: SourceLocation
}

public struct BlockElement: Sendable {
    public let height: Double
    public let elements: [Element]
    public let spaceBefore: Double
}
