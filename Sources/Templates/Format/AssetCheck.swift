import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Opens a template's static files when it compiles, so a broken logo or font fails `check` and the run's
/// start rather than every record of a night: a PNG must be a whole PNG (signature, a valid IHDR with its
/// CRC, an IEND), an SVG well-formed XML with an `<svg>` root, a font file an OpenType/TrueType file or
/// collection.
package enum AssetCheck {
    /// Why the file is not usable, or nil.
    package static func problem(_ path: String, kind: ImageElement.Kind) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return "cannot be read" }
        let bytes = [UInt8](data)
        switch kind {
        case .png: return pngProblem(bytes)
        case .svg: return svgProblem(data)
        }
    }

    /// Why a file of a template's `fonts/` folder is not a font file, or nil.
    static func fontProblem(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot be read" }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        guard head.count == 12 else { return "is too short to be a font" }
        let tag = Array(head[0..<4])
        let known: [[UInt8]] = [[0, 1, 0, 0], Array("OTTO".utf8), Array("true".utf8), Array("ttcf".utf8)]
        guard known.contains(tag) else {
            return "is not a TrueType or OpenType font (.ttf, .otf, .ttc); WOFF and Type 1 fonts are not supported"
        }
        if tag != Array("ttcf".utf8) {
            let tables = Int(head[4]) << 8 | Int(head[5])
            guard tables > 0, tables < 200 else { return "is a damaged font (it lists \(tables) tables)" }
        }
        return nil
    }

    static func pngProblem(_ b: [UInt8]) -> String? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard b.count >= 33, Array(b[0..<8]) == signature else { return "is not a PNG file (no PNG signature)" }
        func u32(_ i: Int) -> UInt32 { b[i..<i + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard u32(8) == 13, Array(b[12..<16]) == Array("IHDR".utf8) else { return "is not a valid PNG (its first chunk is not IHDR)" }
        guard crc32(b[12..<29]) == u32(29) else { return "is a damaged PNG (the IHDR checksum does not match)" }
        let width = u32(16), height = u32(20)
        guard width > 0, height > 0, width <= 30_000, height <= 30_000 else {
            return "is a PNG of \(width) × \(height) pixels; each side must be 1 to 30,000"
        }
        // Chunks to IEND, each length within the file.
        var i = 8
        while i + 12 <= b.count {
            let length = Int(u32(i))
            let type = String(decoding: b[i + 4..<i + 8], as: UTF8.self)
            if type == "IEND" { return nil }
            guard length >= 0, i + 12 + length <= b.count else { return "is a truncated PNG (chunk \(type) runs past the end)" }
            i += 12 + length
        }
        return "is a truncated PNG (no IEND chunk)"
    }

    static func svgProblem(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        let root = RootFinder()
        parser.delegate = root
        // On Linux parse() can say true after an error; the delegate keeps the first one and its line.
        let parsed = parser.parse()
        if !parsed || root.firstError != nil || parser.parserError != nil {
            let code = root.firstError?.code ?? (parser.parserError as NSError?)?.code ?? -1
            return "is not well-formed XML (libxml2 error \(code) at line \(root.errorLine ?? parser.lineNumber))"
        }
        guard root.name == "svg" else { return "is not an SVG (its root element is <\(root.name ?? "none")>, not <svg>)" }
        return nil
    }

    private final class RootFinder: NSObject, XMLParserDelegate {
        var name: String?
        var firstError: NSError?
        var errorLine: Int?
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard firstError == nil else { return }
            firstError = parseError as NSError
            errorLine = parser.lineNumber
        }
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == nil { name = elementName.split(separator: ":").last.map(String.init) }
        }
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
