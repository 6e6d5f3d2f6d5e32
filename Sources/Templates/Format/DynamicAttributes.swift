/// Attributes of a positioned element whose values come from the data: `width: "{usage / peak * 200}"`,
/// `fill: "{overdue ? 'alert' : '#2E7D32'}"`. Compiled with the element; the layout evaluates them per
/// record and checks what they give (a finite number in range, a colour) before anything is drawn.
package struct DynamicAttributes: Sendable {
    package struct Entry: Sendable {
        package let key: String
        package let expression: CompiledExpression
    }
    package var numbers: [Entry] = []
    package var colors: [Entry] = []
    /// The template's named colours, for a colour expression that gives a name.
    package var palette: [String: Color] = [:]
    package let location: SourceLocation

    package var isEmpty: Bool { numbers.isEmpty && colors.isEmpty }

    /// How far from the page's origin a computed position or size may reach: beyond it a value is a mistake
    /// in the data, not a layout (and would overflow the PDF's number range).
    package static let limit = 100_000.0

    /// Sizes (width, height, radius …) are never negative; positions may be.
    package static let sizeKeys: Set<String> = ["width", "height", "r", "line_width"]
}
