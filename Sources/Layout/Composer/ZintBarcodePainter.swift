import Templates

/// Barcodes libzint encodes, drawn as filled rectangles (vectors in the PDF): `module` points per module,
/// `height` the bar height of a linear code (matrix codes are square modules; IMb's bars are as the USPS
/// specifies them, in modules).
extension DocumentComposer {
    func paintZintBarcode(_ b: BarcodeElement, value: String, into ops: inout [DrawOperation],
                          dx: Double, dy: Double) throws(ComposeError) {
        let symbol: ZintSymbol
        do {
            symbol = try ZintSymbol.encode(value, as: b.symbology, gs1: b.gs1, errorCorrection: b.errorCorrection,
                                           quietZone: b.quietZone, height: b.module > 0 ? b.height / b.module : nil)
        } catch {
            throw ComposeError("barcode at \(b.location): \(error.message); the value was \"\(value.prefix(80))\"")
        }
        let width = symbol.width * b.module
        let left = barcodeLeft(b, width: width, dx: dx)
        let top = b.y + dy
        ops.append(.fillRects(symbol.bars.map {
            Rect(x: left + $0.x * b.module, y: top + $0.y * b.module, width: $0.width * b.module, height: $0.height * b.module)
        }, b.color))
        try barcodeCaption(b, value, left: left, width: width, below: top + symbol.height * b.module, into: &ops)
    }
}
