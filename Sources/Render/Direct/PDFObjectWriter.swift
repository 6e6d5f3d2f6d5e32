/// Writes numbered objects in order and ends the file the way cairo does, so PDFAssembler's parser
/// (CairoPDF) reads it: one revision, a classic cross-reference table of 20-byte entries, no object
/// streams, `/Length` first and direct in every stream dictionary.
struct PDFObjectWriter {
    private(set) var out: PDFBuffer
    private var offsets: [Int] = [0]
    /// The number of `offsets[0]`.
    private var base = 0

    /// With `openTypeFonts` (a CFF font embedded as /FontFile3 /OpenType, a PDF 1.6 feature) the header
    /// says 1.6; otherwise 1.5.
    init(capacity: Int, openTypeFonts: Bool = false) {
        out = PDFBuffer(capacity: capacity)
        out.append(openTypeFonts ? "%PDF-1.6\n%" : "%PDF-1.5\n%")
        out.append([0xB5, 0xED, 0xAE, 0xFB])
        out.byte(10)
    }

    /// Objects from `firstNumber` on, for the middle of another file (no header; no `finish`): their
    /// offsets in `out` are `objectOffsets`.
    init(capacity: Int, firstNumber: Int) {
        out = PDFBuffer(capacity: capacity)
        offsets = []
        base = firstNumber
    }

    var objectOffsets: [Int] { offsets }

    /// The number the next object gets.
    var nextNumber: Int { base + offsets.count }

    /// `N 0 obj` + `dictionary` + `endobj`. The dictionary is written by `body`, without the object header.
    mutating func object(_ number: Int, _ body: (inout PDFBuffer) -> Void) {
        begin(number)
        body(&out)
        out.append("\nendobj\n")
    }

    /// A FlateDecode stream: `data` is already compressed; `extra` adds entries after /Length and /Filter.
    /// Without `filter`, `extra` writes every entry after /Length, the dictionary's closing `>>` included.
    mutating func stream(_ number: Int, _ data: [UInt8], filter: Bool = true, extra: (inout PDFBuffer) -> Void = { _ in }) {
        begin(number)
        out.append("<< /Length ")
        out.integer(data.count)
        if filter {
            out.append("\n   /Filter /FlateDecode\n")
            extra(&out)
            out.append(">>")
        } else {
            extra(&out)
        }
        out.append("\nstream\n")
        out.append(data)
        out.append("\nendstream\nendobj\n")
    }

    /// Cross-reference table, trailer and `%%EOF`; the file's bytes.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let xref = out.count
        out.append("xref\n0 ")
        out.integer(offsets.count)
        out.append("\n0000000000 65535 f \n")
        for offset in offsets.dropFirst() {
            out.zeroPadded(offset, width: 10)
            out.append(" 00000 n \n")
        }
        out.append("trailer\n<< /Size ")
        out.integer(offsets.count)
        out.append("\n   /Root ")
        out.integer(root)
        out.append(" 0 R\n   /Info ")
        out.integer(info)
        out.append(" 0 R\n>>\nstartxref\n")
        out.integer(xref)
        out.append("\n%%EOF\n")
        return out.bytes
    }

    private mutating func begin(_ number: Int) {
        precondition(number == nextNumber, "objects are written in number order")
        offsets.append(out.count)
        out.integer(number)
        out.append(" 0 obj\n")
    }
}

extension PDFBuffer {
    /// `N 0 R`
    mutating func reference(_ number: Int) {
        integer(number)
        append(" 0 R")
    }

    /// A resources entry naming objects `/<prefix>1`, `/<prefix>2`, …: ` /Font << /F1 9 0 R /F2 14 0 R >>`.
    mutating func namedReferences(_ key: StaticString, prefix: StaticString, _ objects: [Int]) {
        append(" /")
        append(key)
        append(" <<")
        for (i, object) in objects.enumerated() {
            append(" /")
            append(prefix)
            integer(i + 1)
            byte(32)
            reference(object)
        }
        append(" >>")
    }
}
