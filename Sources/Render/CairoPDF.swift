/// The structure of a PDF file as cairo (and the direct writer, on purpose) writes it: object offsets
/// from its cross-reference table, the trailer's root and info, and the page objects of its (flat) page
/// tree.
struct CairoPDF {
    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    /// Byte ranges of one object: after `N 0 obj`, the end of its dictionary part (where `stream` starts,
    /// or the end of the object), and the end (after `endobj` and its line break); for a stream, where its
    /// data lies.
    struct Span {
        let headerEnd: Int
        let dictionaryEnd: Int
        let end: Int
        var data: Range<Int>? = nil
    }

    let bytes: [UInt8]
    let offsets: [Int]
    let root: Int
    let info: Int
    let pageTree: Int
    let pages: [Int]

    init(_ bytes: [UInt8]) throws(FormatError) {
        self.bytes = bytes
        guard let startxref = Self.lastIndex(of: Keyword.startxref, in: bytes) else {
            throw FormatError(description: "no startxref: not a complete PDF")
        }
        var i = startxref + 9
        let xrefAt = Self.integer(bytes, &i)
        guard xrefAt > 0, xrefAt < bytes.count, bytes[xrefAt..<min(xrefAt + 4, bytes.count)].elementsEqual("xref".utf8) else {
            throw FormatError(description: "no classic cross-reference table (only cairo's own output can be joined)")
        }
        i = xrefAt + 4
        let first = Self.integer(bytes, &i), count = Self.integer(bytes, &i)
        guard first == 0, count > 1 else { throw FormatError(description: "unexpected cross-reference section") }
        while i < bytes.count, bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 32 { i += 1 }
        var offsets = [Int](repeating: 0, count: count)
        for n in 0..<count {
            var j = i + n * 20
            offsets[n] = Self.integer(bytes, &j)
        }
        self.offsets = offsets
        let trailerAt = i + count * 20
        guard let trailer = Self.firstIndex(of: Keyword.trailer, in: bytes, from: trailerAt) else {
            throw FormatError(description: "no trailer")
        }
        root = Self.reference(after: "/Root", in: bytes, from: trailer) ?? 0
        info = Self.reference(after: "/Info", in: bytes, from: trailer) ?? 0
        guard root > 0, root < count else { throw FormatError(description: "no /Root in the trailer") }
        let catalog = offsets[root]
        pageTree = Self.reference(after: "/Pages", in: bytes, from: catalog) ?? 0
        guard pageTree > 0, pageTree < count else { throw FormatError(description: "no page tree") }
        // /Kids [ a 0 R b 0 R … ]
        guard let kids = Self.firstIndex(of: Keyword.kids, in: bytes, from: offsets[pageTree]) else {
            throw FormatError(description: "no /Kids in the page tree")
        }
        var k = kids + 5
        while k < bytes.count, bytes[k] != UInt8(ascii: "[") { k += 1 }
        k += 1
        var pages: [Int] = []
        while k < bytes.count, bytes[k] != UInt8(ascii: "]") {
            let n = Self.integer(bytes, &k)
            if n > 0 {
                pages.append(n)
                _ = Self.integer(bytes, &k)  // generation
                while k < bytes.count, bytes[k] != UInt8(ascii: "R") { k += 1 }
                k += 1
            }
            while k < bytes.count, bytes[k] == 32 || bytes[k] == 10 || bytes[k] == 13 { k += 1 }
        }
        self.pages = pages
    }

    func object(_ number: Int) throws(FormatError) -> Span {
        let start = offsets[number]
        guard start > 0, let headerEnd = Self.firstIndex(of: Keyword.obj, in: bytes, from: start).map({ $0 + 3 }) else {
            throw FormatError(description: "object \(number) not found")
        }
        var h = headerEnd
        while h < bytes.count, bytes[h] == 10 || bytes[h] == 13 { h += 1 }
        // The dictionary part ends where a stream starts or where the object ends, whichever comes first.
        let endobj = Self.firstIndex(of: Keyword.endobj, in: bytes, from: h) ?? bytes.count
        let streamAt = Self.firstIndex(of: Keyword.stream, in: bytes, from: h, before: endobj)
        guard let streamAt else {
            return Span(headerEnd: h, dictionaryEnd: endobj, end: lineEnd(after: endobj + 6))
        }
        // Skip the stream's data by its /Length (direct or a reference), never by searching binary data.
        var length = -1
        if let at = Self.firstIndex(of: Keyword.length, in: bytes, from: h, before: streamAt) {
            var p = at + 7
            let value = Self.integer(bytes, &p)
            var q = p
            let generation = Self.integer(bytes, &q)
            while q < streamAt, bytes[q] == 32 { q += 1 }
            if q < streamAt, bytes[q] == UInt8(ascii: "R"), generation == 0 {
                var v = offsets[value]
                guard let o = Self.firstIndex(of: Keyword.obj, in: bytes, from: v) else { throw FormatError(description: "bad /Length") }
                v = o + 3
                length = Self.integer(bytes, &v)
            } else {
                length = value
            }
        }
        guard length >= 0 else { throw FormatError(description: "object \(number): stream without /Length") }
        var dataStart = streamAt + 6
        if dataStart < bytes.count, bytes[dataStart] == 13 { dataStart += 1 }
        if dataStart < bytes.count, bytes[dataStart] == 10 { dataStart += 1 }
        guard let end = Self.firstIndex(of: Keyword.endobj, in: bytes, from: dataStart + length) else {
            throw FormatError(description: "object \(number): no endobj after its stream")
        }
        guard dataStart + length <= bytes.count else { throw FormatError(description: "object \(number): stream data past the end") }
        return Span(headerEnd: h, dictionaryEnd: streamAt, end: lineEnd(after: end + 6), data: dataStart..<dataStart + length)
    }

    private func lineEnd(after index: Int) -> Int {
        var i = index
        while i < bytes.count, bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        return i
    }

    // MARK: Scanning

    /// The keywords searched for, made once rather than per object.
    enum Keyword {
        static let startxref = Array("startxref".utf8), trailer = Array("trailer".utf8), kids = Array("/Kids".utf8)
        static let obj = Array("obj".utf8), endobj = Array("endobj".utf8), stream = Array("stream".utf8)
        static let length = Array("/Length".utf8), parent = Array("/Parent".utf8)
    }

    static func integer(_ bytes: [UInt8], _ i: inout Int) -> Int {
        while i < bytes.count, !(bytes[i] >= 48 && bytes[i] <= 57) {
            if bytes[i] != 32 && bytes[i] != 10 && bytes[i] != 13 { return -1 }
            i += 1
        }
        var value = 0
        var any = false
        while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 {
            value = value * 10 + Int(bytes[i] - 48)
            i += 1
            any = true
        }
        return any ? value : -1
    }

    static func reference(after key: String, in bytes: [UInt8], from start: Int) -> Int? {
        guard let at = firstIndex(of: Array(key.utf8), in: bytes, from: start) else { return nil }
        var i = at + key.utf8.count
        let n = integer(bytes, &i)
        return n > 0 ? n : nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = min(limit ?? bytes.count, bytes.count) - needle.count
        guard start <= end else { return nil }
        var i = start
        while i <= end {
            if bytes[i] == needle[0] {
                var match = true
                for k in 1..<needle.count where bytes[i + k] != needle[k] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}

/// Rewrites `N 0 R` references in a dictionary part by a shift of object numbers.
enum PDFReferences {
    static func shift(_ source: ArraySlice<UInt8>, by shift: Int, parentOverride: Int?, into out: inout [UInt8]) {
        let bytes = Array(source)
        var i = 0
        let parentKey = CairoPDF.Keyword.parent
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "("), true {
                // Literal strings are copied untouched (balanced parentheses, backslash escapes).
                var depth = 0
                repeat {
                    let b = bytes[i]
                    out.append(b)
                    if b == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1; out.append(bytes[i]) }
                    else if b == UInt8(ascii: "(") { depth += 1 }
                    else if b == UInt8(ascii: ")") { depth -= 1 }
                    i += 1
                } while depth > 0 && i < bytes.count
                continue
            }
            if let parentOverride, c == UInt8(ascii: "/"), i + parentKey.count <= bytes.count,
               bytes[i..<i + parentKey.count].elementsEqual(parentKey) {
                var j = i + parentKey.count
                let n = CairoPDF.integer(bytes, &j)
                var k = j
                let g = CairoPDF.integer(bytes, &k)
                while k < bytes.count, bytes[k] == 32 { k += 1 }
                if n > 0, g == 0, k < bytes.count, bytes[k] == UInt8(ascii: "R") {
                    out.append(contentsOf: Array("/Parent \(parentOverride) 0 R".utf8))
                    i = k + 1
                    continue
                }
            }
            if c >= 48 && c <= 57, i == 0 || !isRegular(bytes[i - 1]) {
                // A number: is it `N 0 R`?
                var j = i
                let n = CairoPDF.integer(bytes, &j)
                var k = j
                if k < bytes.count, bytes[k] == 32 {
                    let g = CairoPDF.integer(bytes, &k)
                    var r = k
                    while r < bytes.count, bytes[r] == 32 { r += 1 }
                    if g == 0, r < bytes.count, bytes[r] == UInt8(ascii: "R"),
                       r + 1 == bytes.count || !isRegular(bytes[r + 1]) {
                        out.append(contentsOf: Array("\(n + shift) 0 R".utf8))
                        i = r + 1
                        continue
                    }
                }
                out.append(contentsOf: bytes[i..<j])
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
    }

    /// Letters, digits and other characters that continue a token (not white space or a delimiter).
    private static func isRegular(_ c: UInt8) -> Bool {
        !(c == 32 || c == 10 || c == 13 || c == 9 || c == 0 || c == 12 || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
          || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
          || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "/") || c == UInt8(ascii: "%"))
    }
}
