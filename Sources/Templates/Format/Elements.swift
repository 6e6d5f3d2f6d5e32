/// A positioned element of a page region (or of a block in the flow). Coordinates are points from the
/// top-left corner of the page (of the block, inside a block).
package indirect enum Element: Sendable {
    case text(TextElement)
    case rect(RectElement)
    case line(LineElement)
    case circle(CircleElement)
    case image(ImageElement)
    case barcode(BarcodeElement)
    case barChart(BarChartElement)
    case chart(ChartElement)
    /// A part from the component library, with its arguments.
    case component(ComponentUse)
    /// Shown only when the condition holds.
    case conditional(CompiledExpression, [Element])
    /// The first branch whose condition holds (a nil condition is `otherwise`).
    case choose([ChooseBranch])
}

package struct ChooseBranch: Sendable {
    package let condition: CompiledExpression?
    package let elements: [Element]
}

/// Text at a point (no width: one line per `\n`, anchored by `align`) or in a box of `width` (wrapped,
/// aligned or justified inside it). `y` is the top of the first line.
package struct TextElement: Sendable {
    package let value: CompiledText
    /// The styled pieces when the value has markup (`<b>` …); nil for plain text, which shapes faster.
    package let rich: CompiledRichText?
    package var x: Double
    package var y: Double
    package var width: Double?
    package let align: TextAlign
    package let justify: Bool
    /// Distance between baselines; nil uses the font's own line height.
    package let leading: Double?
    package var style: TextStyle
    package let location: SourceLocation
    /// Words may break with a hyphen (the locale's patterns); only with a width.
    package var hyphenate = false
    package var direction: TextDirection = .auto
    /// The box's height: text taller than it overflows (see `overflow:`).
    package var height: Double?
    /// `x`, `y`, `width`, `height` or `color` computed per record.
    package var dynamic: DynamicAttributes?
}

package struct RectElement: Sendable {
    package var x: Double, y: Double, width: Double, height: Double
    package var fill: Color?
    package var stroke: Stroke?
    package var dynamic: DynamicAttributes? = nil
}

package struct LineElement: Sendable {
    package var x1: Double, y1: Double, x2: Double, y2: Double
    package var stroke: Stroke
    package var dynamic: DynamicAttributes? = nil
}

package struct CircleElement: Sendable {
    package var cx: Double, cy: Double, r: Double
    package var fill: Color?
    package var stroke: Stroke?
    package var dynamic: DynamicAttributes? = nil
}

/// A PNG or SVG file, scaled into its box: from the template folder, or named per record inside the assets
/// folder (`source`).
package struct ImageElement: Sendable {
    package enum Kind: String, Sendable { case png, svg }
    package var path: String
    package var kind: Kind
    package var x: Double, y: Double, width: Double, height: Double
    package var dynamic: DynamicAttributes? = nil
    /// `src: "logos/{brand}.png"`: the file's path inside `assets`, made per record.
    package var source: DynamicImageSource? = nil
}

extension ImageElement.Kind {
    /// The kind a file name's extension says (.png, .svg), nil for anything else.
    package init?(path: String) {
        switch path.split(separator: ".").last?.lowercased() {
        case "png": self = .png
        case "svg": self = .svg
        default: return nil
        }
    }
}

/// An image file named by the data, resolved inside the template's assets folder: no path may leave it.
package struct DynamicImageSource: Sendable {
    package let path: CompiledText
    /// The assets folder, absolute and with symbolic links resolved.
    package let assets: String
    package let location: SourceLocation
}

/// The barcode types: Code 128 is Inkstream's own encoder, the others libzint's.
package enum BarcodeSymbology: String, Sendable, CaseIterable {
    case code128, qr, datamatrix, pdf417, aztec, imb, ean13, upca, code39

    /// Bars of one height (`height:` sets it), as opposed to matrix codes and IMb's four-state bars.
    package var isLinear: Bool { [.code128, .ean13, .upca, .code39, .imb].contains(self) }
    /// Whether the symbology carries GS1 application identifiers (`gs1: true`).
    package var takesGS1: Bool { [.code128, .qr, .datamatrix, .aztec].contains(self) }
    /// What a value must be, for messages.
    package var takes: String {
        switch self {
        case .ean13: "12 digits, or 13 with its check digit"
        case .upca: "11 digits, or 12 with its check digit"
        case .imb: "a 20-digit tracking code, then a routing code of 0, 5, 9 or 11 digits"
        case .code39: "digits, A–Z, space and - . $ / + %"
        default: ""
        }
    }
}

/// A barcode; `x` is its left, right or centre edge as `align` says.
package struct BarcodeElement: Sendable {
    package let value: CompiledText
    package let x: Double, y: Double
    package let align: TextAlign
    package let module: Double
    package let height: Double
    package let color: Color
    /// Human-readable text under the bars, centred.
    package let caption: TextStyle?
    package let captionGap: Double
    package let location: SourceLocation
    package var symbology: BarcodeSymbology = .code128
    package var gs1 = false
    /// zint's option_1 (QR 1–4 for L, M, Q, H; PDF417 0–8; Aztec 1–4); nil: the symbology's default.
    package var errorCorrection: Int? = nil
    package var quietZone = true
}

/// Vertical bars for a list of numbers, with a value axis, grid lines and a label under each bar.
package struct BarChartElement: Sendable {
    package let values: CompiledExpression
    package let x: Double, y: Double, width: Double, height: Double
    /// Top of the value axis; nil scales to the largest value.
    package let max: Double?
    package let gridStep: Double?
    package let barWidth: Double
    package let barColor: Color
    package let gridColor: Color
    package let axisColor: Color
    /// Evaluated per bar with the bar's index and value in the slots below.
    package let label: CompiledText?
    package let barSlot: Int
    package let valueSlot: Int
    package let labelStyle: TextStyle
    package let tickStyle: TextStyle
}
