import Foundation
import Layout
import Records
import Render
import Templates

// Times writing sample documents as one PDF file each: cairo's PDFWriter against DirectPDFWriter. The
// statements by default; `orders` for the order confirmations (an SVG logo and a PNG signature), `inbound`
// for the purchase-order confirmations (a translucent PNG logo; 2 records, each written 50 times).
// swift build -c release --product render-measure && .build/release/render-measure [orders|inbound] [count] [folder] [direct-only]
var arguments = CommandLine.arguments
let samples: (template: String, records: String, noun: String, repeats: Int)
switch arguments.count > 1 ? arguments[1] : "" {
case "orders":
    samples = ("order_confirmation", "orders.jsonl", "order confirmations", 1)
    arguments.remove(at: 1)
case "inbound":
    samples = ("inbound/purchase_order", "inbound/orders.jsonl", "purchase-order confirmations", 50)
    arguments.remove(at: 1)
default:
    samples = ("statement", "accounts.jsonl", "statements", 1)
}
let count = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
let folder = arguments.count > 2 ? arguments[2] : NSTemporaryDirectory() + "inkstream-render-measure-\(getpid())"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let template = try TemplateLoader.load(root + "/Templates/" + samples.template)
let records = try String(contentsOfFile: root + "/Fixtures/" + samples.records, encoding: .utf8)
    .split(separator: "\n").prefix(count).map { try JSONParser.parse(Array($0.utf8)) }
let composer = DocumentComposer(template: template)
let laidOut = try records.map { try composer.compose(try template.bind($0), runDate: 20_779) }
let documents = (0..<samples.repeats).flatMap { _ in laidOut }
/// File names apart when records repeat.
let names = documents.indices.map { i in "\(documents[i].id)-\(i)" }
let info = PDFWriter.Info(creationDate: "2026-11-22T00:00:00Z")
for sub in ["cairo", "direct"] { try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }

func writeFile(_ bytes: [UInt8], _ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create \(path)")
    bytes.withUnsafeBytes { b in
        var done = 0
        while done < b.count {
            let n = write(fd, b.baseAddress! + done, b.count - done)
            precondition(n > 0)
            done += n
        }
    }
    close(fd)
}

let painter = CairoPainter()
@MainActor func cairoPass() throws {
    for (d, name) in zip(documents, names) {
        let writer = try PDFWriter(path: "\(folder)/cairo/\(name).pdf", info: info, painter: painter)
        writer.write(d)
        try writer.finish()
    }
}
let direct = DirectPDFWriter()
@MainActor func directPass(_ writer: DirectPDFWriter) throws {
    for (d, name) in zip(documents, names) {
        writeFile(try writer.makePDF(d, info: info), "\(folder)/direct/\(name).pdf")
    }
}

let n = Double(documents.count)
if arguments.count > 3, arguments[3] == "direct-only" {
    // For a profiler: the direct writer alone, a cold pass then nine warm ones.
    for _ in 0..<10 { try directPass(direct) }
    exit(0)
}
let directCold = try seconds { try directPass(direct) }
let coldStats = direct.fontCacheStatistics
var cairoTimes: [Double] = [], directTimes: [Double] = []
for _ in 0..<3 {
    cairoTimes.append(try seconds { try cairoPass() })
    directTimes.append(try seconds { try directPass(direct) })
}
let cairoBytes = names.reduce(0) { $0 + size("\(folder)/cairo/\($1).pdf") }
let directBytes = names.reduce(0) { $0 + size("\(folder)/direct/\($1).pdf") }
func ms(_ t: Double) -> String { String(format: "%.3f", t / n * 1000) }
print("\(documents.count) \(samples.noun), \(documents.reduce(0) { $0 + $1.pages.count }) pages; per document:")
print("cairo PDFWriter:          best \(ms(cairoTimes.min()!)) ms (runs: \(cairoTimes.map(ms).joined(separator: ", ")))")
print("DirectPDFWriter, cold:    \(ms(directCold)) ms (a new writer: first use of every subset)")
print("DirectPDFWriter, warm:    best \(ms(directTimes.min()!)) ms (runs: \(directTimes.map(ms).joined(separator: ", ")))")
print("ratio direct/cairo:       cold \(String(format: "%.3f", directCold / cairoTimes.min()!)), warm \(String(format: "%.3f", directTimes.min()! / cairoTimes.min()!))")
let hitRate = Double(coldStats.hits) / Double(max(1, coldStats.hits + coldStats.misses))
print("font cache, first pass:   \(coldStats.hits) hits, \(coldStats.misses) misses (hit rate \(String(format: "%.1f", hitRate * 100))%)")
print("bytes per document:       cairo \(cairoBytes / documents.count), direct \(directBytes / documents.count)")
print("files in \(folder)")
