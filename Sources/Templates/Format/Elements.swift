/// A positioned element of a page region (or of a block in the flow). Coordinates are points from the
/// top-left corner of the page (of the block, inside a block).
public indirect enum Element: Sendable {
    case text(TextElement)
    case rect(RectElement)
    case line(LineElement)
    case circle(CircleElement)
    case image(ImageElement)
    case barcode(BarcodeElement)
    case barChart(BarChartElement)
    /// Shown only when the condition holds.
    case conditional(CompiledExpression, [Element])
    /// The first branch whose condition holds (a nil condition is `otherwise`).
    case choose([ChooseBranch])
}

public struct ChooseBranch: Sendable {
    public let condition: CompiledExpression?
    public let elements: [Element]
}

/// Text at a point (no width: one line per `\n`, anchored by `align`) or in a box of `width` (wrapped,
/// aligned or justified inside it). `y` is the top of the first line.
public struct TextElement: Sendable {
    public let value: CompiledText
    public let x: Double
    public let y: Double
    public let width: Double?
    public let align: TextAlign
    public let justify: Bool
    /// Distance between baselines; nil uses the font's own line height.
    public let leading: Double?
    public let style: TextStyle
    public let location: SourceLocation
}

public struct RectElement: Sendable {
    public let x: Double, y: Double, width: Double, height: Double
    public let fill: Color?
    public let stroke: Stroke?
}

public struct LineElement: Sendable {
    public let x1: Double, y1: Double, x2: Double, y2: Double
    public let stroke: Stroke
}

public struct CircleElement: Sendable {
    public let cx: Double, cy: Double, r: Double
    public let fill: Color?
    public let stroke: Stroke?
}

/// A PNG or SVG file from the template folder, scaled into its box.
public struct ImageElement: Sendable {
    public enum Kind: String, Sendable { case png, svg }
    public let path: String
    public let kind: Kind
    public let x: Double, y: Double, width: Double, height: Double
}

/// A Code 128 barcode; `x` is its left, right or centre edge as `align` says.
public struct BarcodeElement: Sendable {
    public let value: CompiledText
    public let x: Double, y: Double
    public let align: TextAlign
    public let module: Double
    public let height: Double
    public let color: Color
    /// Human-readable text under the bars, centred.
    public let caption: TextStyle?
    public let captionGap: Double
    public let location: SourceLocation
}

/// Vertical bars for a list of numbers, with a value axis, grid lines and a label under each bar.
public struct BarChartElement: Sendable {
    public let values: CompiledExpression
    public let x: Double, y: Double, width: Double, height: Double
    /// Top of the value axis; nil scales to the largest value.
    public let max: Double?
    public let gridStep: Double?
    public let barWidth: Double
    public let barColor: Color
    public let gridColor: Color
    public let axisColor: Color
    /// Evaluated per bar with the bar's index and value in the slots below.
    public let label: CompiledText?
    public let barSlot: Int
    public let valueSlot: Int
    public let labelStyle: TextStyle
    public let tickStyle: TextStyle
}
