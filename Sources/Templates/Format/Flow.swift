/// Something in the body flow: laid out top to bottom from the body top, broken across pages.
package indirect enum FlowItem: Sendable {
    case table(TableElement)
    case paragraph(ParagraphElement)
    case spacer(Double)
    /// A fixed-height group of positioned elements kept together on one page.
    case block(BlockElement)
    case conditional(CompiledExpression, [FlowItem])
}

/// A table bound to a list: one row per item, header repeated on each page it continues on.
package struct TableElement: Sendable {
    package let rows: CompiledExpression
    package let itemSlot: Int
    package let indexSlot: Int
    package let x: Double
    package let padding: Double
    package let columns: [TableColumn]
    package let header: TableHeader?
    package let row: TableRowStyle
    package let totals: [TotalsRow]
    package let spaceBefore: Double
    package let spaceAfter: Double
    /// How many of the last item rows must share a page with the totals rows (orphan control): when they
    /// do not fit together, they move to the next page together. 0 lets totals stand alone.
    package let keepTotalsWithRows: Int
}

package struct TableColumn: Sendable {
    package let header: CompiledText
    package let width: Double
    package let align: TextAlign
    package let value: CompiledText
    package let style: TextStyle?
    /// Long values wrap onto more lines (the row grows); otherwise they are cut with an ellipsis.
    package let wrap: Bool
}

package struct TableHeader: Sendable {
    package let height: Double
    package let fill: Color?
    package let style: TextStyle
    package let repeats: Bool
}

package struct TableRowStyle: Sendable {
    package let height: Double
    package let style: TextStyle
    package let fill: Color?
    package let alternateFill: Color?
    package let rule: Stroke?
}

/// A row after the last item: sums, notes. One text per column ("" leaves a cell empty).
package struct TotalsRow: Sendable {
    package let condition: CompiledExpression?
    package let height: Double
    package let style: TextStyle
    package let fill: Color?
    package let rule: Stroke?
    package let cells: [CompiledText]
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
}

package struct BlockElement: Sendable {
    package let height: Double
    package let elements: [Element]
    package let spaceBefore: Double
}
