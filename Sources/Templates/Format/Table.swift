/// A table bound to a list: one row per item, header repeated on each page it continues on; optionally
/// grouped (consecutive items with the same `group_by` value), with group headers and footers, a carried
/// forward row at the foot of a page it continues from and a brought forward row at the top of the next.
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
    package let pagination: Pagination
    package var grouping: TableGrouping? = nil
    /// At the foot of a page the table goes on from, and at the top of the next (below the header).
    package var carried: [TotalsRow] = []
    package var brought: [TotalsRow] = []
    /// `running`: {rows (the items so far), count}, bound for carried, brought and totals rows.
    package var runningSlot: Int = -1
    /// `group`: {key, rows, count, index, number}, bound while a group is laid out.
    package var groupSlot: Int = -1
}

/// `group_by: EXPR`: items in a row with the same value of EXPR (as text) form a group.
package struct TableGrouping: Sendable {
    package let key: CompiledExpression
    package let header: [TotalsRow]
    package let footer: [TotalsRow]
    /// The group header never stands alone at the foot of a page: it goes with the group's first row.
    package let keepTogether: Bool

    /// The fields of `group`, in slot order (the rows' type is filled in per table).
    package static func schema(item: ValueType) -> RecordSchema {
        RecordSchema(fields: [Field(name: "key", type: .string), Field(name: "rows", type: .list(item)),
                              Field(name: "count", type: .number), Field(name: "index", type: .number),
                              Field(name: "number", type: .number)])
    }

    package static func runningSchema(item: ValueType) -> RecordSchema {
        RecordSchema(fields: [Field(name: "rows", type: .list(item)), Field(name: "count", type: .number)])
    }
}

package struct TableColumn: Sendable {
    package let header: CompiledText
    package let width: Double
    package let align: TextAlign
    package let value: CompiledText
    package let style: TextStyle?
    /// Long values wrap onto more lines (the row grows); otherwise they are cut with an ellipsis.
    package let wrap: Bool
    /// `<b>` … markup in the value: shaped as rich text, wrapped inside the column.
    package var rich: CompiledRichText? = nil
    /// `elements:` drawn in the cell (an image, a barcode, a meter), x and y from the cell's top left.
    package var elements: [Element] = []
    /// `span_rows: true`: a value equal to the row above's is not repeated; the cell spans those rows (no
    /// rule across it) and shows the value again at the top of a page.
    package var spanRows = false
    package var location = SourceLocation(file: "", line: 0, column: 0)

    package init(header: CompiledText, width: Double, align: TextAlign, value: CompiledText, style: TextStyle?, wrap: Bool) {
        self.header = header
        self.width = width
        self.align = align
        self.value = value
        self.style = style
        self.wrap = wrap
    }
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

/// A row of the table's own (totals, a group's header or footer, carried and brought forward): one cell per
/// column, or cells that span columns.
package struct TotalsRow: Sendable {
    package let condition: CompiledExpression?
    package let height: Double
    package let style: TextStyle
    package let fill: Color?
    package let rule: Stroke?
    package let cells: [SpanCell]
}

/// A cell of a table's own row: text, over `span` columns, aligned as its first column unless it says.
package struct SpanCell: Sendable {
    package let value: CompiledText
    package let span: Int
    package let align: TextAlign?
}
