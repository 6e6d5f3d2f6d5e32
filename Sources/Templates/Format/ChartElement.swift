/// A chart of one or more series over categories: bars (side by side or stacked), lines, or a pie or donut
/// of one series. Values beyond the axis are drawn to its edge with a mark, never cut off in silence.
package struct ChartElement: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case bar, grouped_bar, stacked_bar, line, pie, donut
        package var isRound: Bool { self == .pie || self == .donut }
    }
    package enum LegendPlace: String, Sendable { case top, bottom, right, none }

    package struct Series: Sendable {
        package let name: CompiledText
        package let values: CompiledExpression
        package let color: Color?
    }

    package let kind: Kind
    package let x: Double, y: Double, width: Double, height: Double
    /// A list of texts: the axis labels, or the pie's slice names.
    package let categories: CompiledExpression?
    package let series: [Series]
    package let min: Double?
    package let max: Double?
    package let gridStep: Double?
    package let legend: LegendPlace
    package let valueLabels: Bool
    package let labelStyle: TextStyle
    package let tickStyle: TextStyle
    package let legendStyle: TextStyle
    package let palette: [Color]
    package let gridColor: Color
    package let axisColor: Color
    /// A donut's hole, as a fraction of its radius.
    package let hole: Double
    package let location: SourceLocation

    /// The default colours of series and slices, in order (colour-blind friendly: Okabe and Ito's).
    package static let defaultPalette: [Color] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
        .map { Color(hex: $0)! }
}
