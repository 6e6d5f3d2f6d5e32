/// The symbology of a `barcode` and its options: `type`, `gs1`, `error_correction`, `quiet_zone`.
extension TemplateCompiler {
    func readBarcodeOptions(_ node: TemplateNode) -> (BarcodeSymbology, Bool, Int?, Bool)? {
        var symbology = BarcodeSymbology.code128
        if let type = node["type"] {
            let name = type.string?.lowercased() ?? ""
            guard let known = BarcodeSymbology(rawValue: name) else {
                let names = BarcodeSymbology.allCases.map(\.rawValue)
                errors.append(type.error("unknown barcode type '\(type.string ?? "")'.\(Suggestions.hint(for: name, among: names)) "
                    + "Supported: \(names.joined(separator: ", "))"))
                return nil
            }
            symbology = known
        }
        return record { () throws(TemplateError) in
            let gs1 = try node.bool("gs1", default: false)
            if gs1, !symbology.takesGS1 {
                throw node["gs1"]!.error("\(symbology.rawValue) carries no GS1 data; gs1: true is for "
                    + BarcodeSymbology.allCases.filter(\.takesGS1).map(\.rawValue).joined(separator: ", "))
            }
            var level: Int?
            if let ec = node["error_correction"] {
                switch symbology {
                case .qr:
                    guard let index = ["L", "M", "Q", "H"].firstIndex(of: ec.string?.uppercased() ?? "") else {
                        throw ec.error("a QR code's error_correction is L, M, Q or H")
                    }
                    level = index + 1
                case .pdf417, .aztec:
                    let range = symbology == .pdf417 ? 0...8 : 1...4
                    let n = try ec.requireNumber()
                    guard n == n.rounded(), range.contains(Int(n)) else {
                        throw ec.error("\(symbology.rawValue)'s error_correction is a level from \(range.lowerBound) to \(range.upperBound)")
                    }
                    level = Int(n)
                default:
                    throw ec.error("error_correction is for qr, pdf417 and aztec; \(symbology.rawValue) has none to choose")
                }
            }
            return (symbology, gs1, level, try node.bool("quiet_zone", default: true))
        }
    }
}
