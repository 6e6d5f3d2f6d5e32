import Foundation
import CZint
import Templates

/// A barcode encoded by libzint: the dark modules as rectangles, in module units from the symbol's top left
/// (its quiet zone included when asked). One zint symbol per encoding, made and freed here: libzint keeps
/// no state between symbols, so encodings on several threads do not meet.
struct ZintSymbol {
    struct Bar { let x: Double, y: Double, width: Double, height: Double }
    let bars: [Bar]
    /// The whole symbol, in modules.
    let width: Double
    let height: Double

    struct Failure: Error { let message: String }

    /// `height`: the bar height of a linear symbology, in modules (ignored by matrix codes and IMb).
    static func encode(_ given: String, as symbology: BarcodeSymbology, gs1: Bool, errorCorrection: Int?,
                       quietZone: Bool, height: Double?) throws(Failure) -> ZintSymbol {
        // zint pads a short EAN or UPC with zeros: a different number than the data's. Lengths are checked here.
        var value = given
        if let lengths = symbology.digitLengths {
            // An IMb may be written with a dash between its tracking and routing codes.
            let digits = symbology == .imb ? value.replacingOccurrences(of: "-", with: "") : value
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), lengths.contains(digits.count) else {
                throw Failure(message: "\(symbology.rawValue): \(digits.count) characters; \(symbology.rawValue) takes \(symbology.takes)")
            }
            // zint reads an IMb as tracking-routing.
            if symbology == .imb, digits.count > 20 { value = String(digits.prefix(20)) + "-" + String(digits.dropFirst(20)) }
        }
        guard let symbol = ZBarcode_Create() else { throw Failure(message: "libzint could not make a symbol (out of memory)") }
        defer { ZBarcode_Delete(symbol) }
        // GS1 data in Code 128 is its own symbology in zint: GS1-128.
        symbol.pointee.symbology = symbology == .code128 && gs1 ? BARCODE_GS1_128 : symbology.zintCode
        symbol.pointee.show_hrt = 0
        symbol.pointee.scale = 0.5   // vector coordinates in modules (zint's vector unit is half a module at scale 1)
        symbol.pointee.output_options = quietZone ? BARCODE_QUIET_ZONES : BARCODE_NO_QUIET_ZONES
        symbol.pointee.input_mode = gs1 ? GS1_MODE : UNICODE_MODE
        if let errorCorrection { symbol.pointee.option_1 = Int32(errorCorrection) }
        if let height, symbology.isLinear, symbology != .imb { symbol.pointee.height = Float(height) }
        let bytes = Array(value.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            ZBarcode_Encode_and_Buffer_Vector(symbol, buffer.baseAddress, Int32(buffer.count), 0)
        }
        // Codes below ZINT_ERROR are warnings (a symbol was made).
        guard status < ZINT_ERROR, let vector = symbol.pointee.vector else {
            let text = withUnsafeBytes(of: symbol.pointee.errtxt) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw Failure(message: Self.explain(text, symbology))
        }
        var bars: [Bar] = []
        var rect = vector.pointee.rectangles
        while let r = rect {
            if r.pointee.colour == -1 {
                bars.append(Bar(x: Double(r.pointee.x), y: Double(r.pointee.y), width: Double(r.pointee.width),
                                height: Double(r.pointee.height)))
            }
            rect = r.pointee.next
        }
        return ZintSymbol(bars: bars, width: Double(vector.pointee.width), height: Double(vector.pointee.height))
    }

    /// zint's message ("Error 348: Invalid character in data (digits only)") without its number, with what
    /// the symbology takes.
    private static func explain(_ text: String, _ symbology: BarcodeSymbology) -> String {
        var message = text
        if let colon = text.firstIndex(of: ":"), text.hasPrefix("Error") || text.hasPrefix("Warning") {
            message = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return "\(symbology.rawValue): \(message)" + (symbology.takes.isEmpty ? "" : " (\(symbology.rawValue) takes \(symbology.takes))")
    }
}

extension BarcodeSymbology {
    /// How many digits a value of a numeric symbology has, nil for the others.
    var digitLengths: Set<Int>? {
        switch self {
        case .ean13: [12, 13]
        case .upca: [11, 12]
        case .imb: [20, 25, 29, 31]
        default: nil
        }
    }

    var zintCode: Int32 {
        switch self {
        case .code128: BARCODE_CODE128
        case .qr: BARCODE_QRCODE
        case .datamatrix: BARCODE_DATAMATRIX
        case .pdf417: BARCODE_PDF417
        case .aztec: BARCODE_AZTEC
        case .imb: BARCODE_USPS_IMAIL
        case .ean13: BARCODE_EANX
        case .upca: BARCODE_UPCA
        case .code39: BARCODE_CODE39
        }
    }
}
