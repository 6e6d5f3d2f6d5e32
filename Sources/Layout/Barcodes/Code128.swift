/// Code 128 symbols (ISO/IEC 15417): the encoder picks code set C for runs of digits and B (or A, for
/// control characters) for the rest, adds the check symbol, and gives the bars as module offsets.
package enum Code128 {
    package struct EncodingError: Error, Sendable, CustomStringConvertible {
        package let description: String
    }

    /// Dark bars as (offset, width) in modules, and the symbol's total width in modules (quiet zones excluded).
    package static func bars(for text: String) throws(EncodingError) -> (bars: [(offset: Int, width: Int)], modules: Int) {
        let codes = try symbols(for: text)
        var bars: [(offset: Int, width: Int)] = []
        var x = 0
        for code in codes {
            for (k, w) in patterns[code].enumerated() {
                if k % 2 == 0 { bars.append((x, w)) }
                x += w
            }
        }
        return (bars, x)
    }

    /// Symbol values from the start code to the stop code, check symbol included.
    package static func symbols(for text: String) throws(EncodingError) -> [Int] {
        let chars = Array(text.unicodeScalars)
        guard !chars.isEmpty else { throw EncodingError(description: "a Code 128 barcode needs at least one character") }
        for c in chars where c.value > 127 {
            throw EncodingError(description: "Code 128 encodes ASCII only; '\(c)' cannot be encoded")
        }
        func isDigit(_ i: Int) -> Bool { i < chars.count && chars[i].value >= 48 && chars[i].value <= 57 }
        func digitRun(from i: Int) -> Int { var n = 0; while isDigit(i + n) { n += 1 }; return n }

        enum CodeSet { case a, b, c }
        var codes: [Int] = []
        var set: CodeSet?
        var i = 0
        while i < chars.count {
            let run = digitRun(from: i)
            let atEdge = i == 0 || i + run == chars.count
            if run >= 2 && (run == chars.count || (atEdge && run >= 4) || run >= 6) {
                if set != .c { codes.append(set == nil ? 105 : 99); set = .c }
                for _ in 0..<(run / 2) {
                    codes.append(Int(chars[i].value - 48) * 10 + Int(chars[i + 1].value - 48))
                    i += 2
                }
                continue
            }
            let value = Int(chars[i].value)
            let wanted: CodeSet = value < 32 ? .a : (set == .a && value < 96 ? .a : .b)
            if set != wanted {
                codes.append(set == nil ? (wanted == .a ? 103 : 104) : (wanted == .a ? 101 : 100))
                set = wanted
            }
            codes.append(value < 32 ? value + 64 : value - 32)
            i += 1
        }
        var check = codes[0]
        for (position, code) in codes.enumerated().dropFirst() { check += position * code }
        codes.append(check % 103)
        codes.append(106)
        return codes
    }

    /// Bar and space widths of each symbol value, from the Code 128 specification.
    static let patterns: [[Int]] = """
        212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 \
        113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 \
        212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 \
        113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 \
        314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 \
        241211 221114 413111 241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 \
        214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 \
        211232 2331112
        """.split(separator: " ").map { $0.map { Int(String($0))! } }
}
