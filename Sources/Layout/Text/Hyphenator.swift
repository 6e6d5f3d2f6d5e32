import CHyphen
import Glibc
import Synchronization
import Templates

/// Finds where words may break with a hyphen, with libhyphen and a locale's patterns, and marks those
/// places with soft hyphens (U+00AD): Pango then breaks a line there only when it needs to, drawing the
/// hyphen. Words under `minimumWord` letters, words holding a soft hyphen already (the designer's or the
/// data's own), and tokens that look like addresses, numbers or codes are left alone.
package final class Hyphenator {
    private let dictionary: UnsafeMutablePointer<HyphenDict>
    /// Keeps the shared patterns alive as long as this hyphenator.
    private let patterns: LoadedPatterns
    private let encoding: String
    private var converter: iconv_t?
    /// Break points of words seen, by word; cleared when full so memory stays flat.
    private var known: [String: [Int]] = [:]
    package let minimumWord: Int

    package init?(path: String, minimumWord: Int = 6) {
        guard let patterns = LoadedPatterns.shared(path) else { return nil }
        self.patterns = patterns
        let dictionary = patterns.dictionary
        self.dictionary = dictionary
        self.minimumWord = minimumWord
        // The pattern file's first line names its encoding (UTF-8, ISO8859-1, ISO8859-2, KOI8-R …).
        encoding = withUnsafeBytes(of: dictionary.pointee.cset) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }.uppercased()
        if encoding != "UTF-8" {
            let handle = iconv_open(encoding + "//IGNORE", "UTF-8")
            guard let handle, Int(bitPattern: handle) != -1 else { return nil }
            converter = handle
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// `text` with soft hyphens where its words may break.
    package func hyphenate(_ text: String) -> String {
        hyphenate(text, spans: []).text
    }

    /// The same for rich text: spans move with the bytes they cover.
    package func hyphenate(_ text: String, spans: [TextSpan]) -> (text: String, spans: [TextSpan]) {
        var output = String.UnicodeScalarView()
        // For each input byte offset where something was inserted, how many bytes came before it.
        var inserted: [(at: Int, count: Int)] = []
        var byteOffset = 0, added = 0
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            // A token: up to the next white space.
            var end = i
            while end < scalars.count, !scalars[end].properties.isWhitespace { end += 1 }
            let token = scalars[i..<end]
            if Self.isWordLike(token) {
                var k = token.startIndex
                while k < token.endIndex {
                    guard scalars[k].properties.isAlphabetic else {
                        output.append(scalars[k]); byteOffset += scalars[k].utf8.count; k += 1
                        continue
                    }
                    var w = k
                    while w < token.endIndex, scalars[w].properties.isAlphabetic || scalars[w].properties.generalCategory == .nonspacingMark { w += 1 }
                    let word = scalars[k..<w]
                    let points = word.count >= minimumWord ? breakPoints(String(String.UnicodeScalarView(word))) : []
                    var next = 0
                    for (n, scalar) in word.enumerated() {
                        output.append(scalar)
                        byteOffset += scalar.utf8.count
                        if next < points.count, points[next] == n {
                            output.append("\u{00AD}")
                            added += 2
                            inserted.append((byteOffset, added))
                            next += 1
                        }
                    }
                    k = w
                }
            } else {
                for scalar in token { output.append(scalar); byteOffset += scalar.utf8.count }
            }
            while end < scalars.count, scalars[end].properties.isWhitespace {
                output.append(scalars[end]); byteOffset += scalars[end].utf8.count; end += 1
            }
            i = end
        }
        guard !inserted.isEmpty else { return (text, spans) }
        func moved(_ offset: Int32) -> Int32 {
            // Bytes inserted strictly before `offset` (a soft hyphen at a span's end stays outside it).
            var low = 0, high = inserted.count
            while low < high {
                let mid = (low + high) / 2
                if inserted[mid].at < Int(offset) { low = mid + 1 } else { high = mid }
            }
            return offset + Int32(low == 0 ? 0 : inserted[low - 1].count)
        }
        return (String(output), spans.map { TextSpan(start: moved($0.start), end: moved($0.end), style: $0.style) })
    }

    /// Whether a token is prose: letters (with marks, hyphens and closing punctuation), not an e-mail
    /// address, a URL, a number or a code, and not holding a soft hyphen already.
    private static func isWordLike(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        var letters = 0
        for scalar in token {
            switch scalar {
            case "@", "/", "\\", "_", "=", "\u{00AD}", "#", "<", ">": return false
            default:
                if scalar.properties.numericType != nil { return false }
                if scalar.properties.isAlphabetic { letters += 1 }
            }
        }
        return letters > 0
    }

    /// The scalar indices after which `word` may break, from the patterns; cached per word.
    private func breakPoints(_ word: String) -> [Int] {
        if let hit = known[word] { return hit }
        let lower = word.lowercased()
        var points: [Int] = []
        if var encoded = encode(lower) {
            let length = encoded.count
            // NUL-terminated: libhyphen looks for its NOHYPHEN strings with strstr.
            encoded.append(0)
            var hyphens = [CChar](repeating: 0, count: length + 5)
            var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            var pos: UnsafeMutablePointer<Int32>?
            var cut: UnsafeMutablePointer<Int32>?
            let failed = encoded.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    hnj_hyphen_hyphenate3(dictionary, chars.baseAddress, Int32(length), &hyphens, nil, &rep, &pos, &cut,
                                          2, 3, 2, 2)
                }
            }
            // Marks are per character: a single-byte encoding has one byte a character, and libhyphen
            // renumbers a UTF-8 word's marks by character before it returns.
            let count = lower.unicodeScalars.count
            if failed == 0 {
                for n in 0..<max(0, count - 1) where hyphens[n] & 1 == 1 {
                    // A non-standard break (a letter changes, old German "ck" → "k-k") is skipped: only plain breaks.
                    if let rep, rep[n] != nil { continue }
                    points.append(n)
                }
            }
            if let rep {
                for b in 0..<length { free(rep[b]) }
                free(rep)
            }
            free(pos)
            free(cut)
        }
        // The lower-cased word may differ in length (rare: "İ"); then its points do not apply.
        if lower.unicodeScalars.count != word.unicodeScalars.count { points = [] }
        if known.count >= 20_000 { known.removeAll(keepingCapacity: true) }
        known[word] = points
        return points
    }

    /// The word in the patterns' encoding, or nil when it has a character the encoding lacks.
    private func encode(_ word: String) -> [UInt8]? {
        guard let converter else { return Array(word.utf8) }
        var input = Array(word.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 4)
        var inLeft = input.count, outLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                iconv(converter, nil, nil, nil, nil)
                return iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        guard converted != -1, inLeft == 0 else { return nil }
        let bytes = output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
        // //IGNORE drops what the encoding lacks: a shorter result means a character was lost.
        return bytes.count == word.unicodeScalars.count ? bytes : nil
    }
}

/// A pattern file loaded once per process (the German one is a megabyte and takes a while to read):
/// libhyphen only reads a loaded dictionary, so every worker's hyphenator shares it.
final class LoadedPatterns: @unchecked Sendable {
    let dictionary: UnsafeMutablePointer<HyphenDict>

    private init(_ dictionary: UnsafeMutablePointer<HyphenDict>) { self.dictionary = dictionary }

    deinit { hnj_hyphen_free(dictionary) }

    private static let loaded = Mutex<[String: LoadedPatterns]>([:])

    static func shared(_ path: String) -> LoadedPatterns? {
        loaded.withLock { table in
            if let known = table[path] { return known }
            guard let dictionary = hnj_hyphen_load(path) else { return nil }
            let patterns = LoadedPatterns(dictionary)
            table[path] = patterns
            return patterns
        }
    }
}
