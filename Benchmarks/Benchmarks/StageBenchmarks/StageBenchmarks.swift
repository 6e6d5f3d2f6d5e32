import Benchmark
import Foundation
import Journal
import Layout
import Records
import Render
import Templates

/// One benchmark per pipeline stage, on the reference statement and the sample accounts: parsing a record,
/// binding it to the template's data section, laying it out, writing it as PDF, and recording it in the
/// run journal (to compare with the render benchmarks: the journal's share of a document's cost).
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    let template = try! TemplateLoader.load(root + "/Templates/statement")
    let lines: [[UInt8]] = try! String(contentsOfFile: root + "/Fixtures/accounts.jsonl", encoding: .utf8)
        .split(separator: "\n").prefix(200).map { Array($0.utf8) }
    let records: [JSONValue] = lines.map { try! JSONParser.parse($0) }
    let bound: [Value] = records.map { try! template.bind($0) }
    let runDate: Int32 = 20_779
    let config = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                         maxDuration: .seconds(3), maxIterations: 10_000)

    Benchmark("Records: parse 200 JSON lines", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            for line in lines { blackHole(try! JSONParser.parse(line)) }
        }
    }

    Benchmark("Templates: bind 200 records", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            for record in records { blackHole(try! template.bind(record)) }
        }
    }

    Benchmark("Layout: compose 200 statements", configuration: config) { benchmark in
        let composer = DocumentComposer(template: template)
        for value in bound { blackHole(try! composer.compose(value, runDate: runDate)) }  // warm the shape cache
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for value in bound { blackHole(try! composer.compose(value, runDate: runDate)) }
        }
    }

    // Both render benchmarks paint the same laid-out statements; only how they group them into files differs.
    let laidOut = bound.map { try! DocumentComposer(template: template).compose($0, runDate: runDate) }
    func writePDF(_ documents: ArraySlice<LaidOutDocument>, to path: String, painter: CairoPainter) {
        let writer = try! PDFWriter(path: path, info: .init(creationDate: "2026-11-22T00:00:00Z"), painter: painter)
        for document in documents { writer.write(document) }
        try! writer.finish()
    }

    Benchmark("Render: 200 statements into one PDF", configuration: config) { benchmark in
        let painter = CairoPainter()
        let path = NSTemporaryDirectory() + "inkstream-bench-\(getpid()).pdf"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { writePDF(laidOut[...], to: path, painter: painter) }
        benchmark.stopMeasurement()
        unlink(path)
    }

    Benchmark("Render: 200 statements, one PDF each", configuration: config) { benchmark in
        let painter = CairoPainter()
        let path = NSTemporaryDirectory() + "inkstream-bench-doc-\(getpid()).pdf"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for i in laidOut.indices { writePDF(laidOut[i...i], to: path, painter: painter) }
        }
        benchmark.stopMeasurement()
        unlink(path)
    }

    // The direct writer (what runs use for documents without images), the same statements, file writes included.
    func writeDirect(_ documents: ArraySlice<LaidOutDocument>, to path: String, writer: DirectPDFWriter) {
        let bytes = try! writer.makePDF(Array(documents), info: .init(creationDate: "2026-11-22T00:00:00Z"))
        try! FileBytes.write(bytes, to: path, atomic: false)
    }

    Benchmark("Render (direct): 200 statements into one PDF", configuration: config) { benchmark in
        let writer = DirectPDFWriter()
        let path = NSTemporaryDirectory() + "inkstream-bench-direct-\(getpid()).pdf"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { writeDirect(laidOut[...], to: path, writer: writer) }
        benchmark.stopMeasurement()
        unlink(path)
    }

    Benchmark("Render (direct): 200 statements, one PDF each", configuration: config) { benchmark in
        let writer = DirectPDFWriter()
        let path = NSTemporaryDirectory() + "inkstream-bench-direct-doc-\(getpid()).pdf"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for i in laidOut.indices { writeDirect(laidOut[i...i], to: path, writer: writer) }
        }
        benchmark.stopMeasurement()
        unlink(path)
    }

    Benchmark("Preview: first page of one account to PNG (warm)", configuration: config) { benchmark in
        // What a designer waits for in a running preview server: find the record, lay it out, paint page 1.
        let composer = DocumentComposer(template: template)
        let painter = CairoPainter()
        let path = NSTemporaryDirectory() + "inkstream-bench-preview-\(getpid()).png"
        let wanted = "100000175"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for line in lines {
                let value = try! template.bind(try! JSONParser.parse(line))
                guard try! composer.documentID(of: value, runDate: runDate) == wanted else { continue }
                let document = try! composer.compose(value, runDate: runDate)
                try! PNGRenderer.write(document.pages[0], width: document.width, height: document.height, dpi: 96,
                                       to: path, painter: painter)
                break
            }
        }
        benchmark.stopMeasurement()
        unlink(path)
    }

    Benchmark("Journal: record 200 documents (one checkpoint)", configuration: config) { benchmark in
        // What a checkpoint writes for 200 per-document statements: their rows and the checkpoint, one transaction.
        let path = NSTemporaryDirectory() + "inkstream-bench-journal-\(getpid()).sqlite"
        let journal = try! Journal(path: path)
        let run = try! journal.startRun(RunDescription(
            runID: "bench", outputDirectory: "/bench", engine: "bench", templateName: "statement", templateFile: "t",
            templateHash: "h", inputPath: "i", inputHash: "h", inputBytes: 0, runDate: "2026-11-22", mode: "per-doc", options: "{}"))
        let hash = String(repeating: "ab", count: 32)
        var line = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let documents = (0..<200).map { i in
                DocumentEntry(line: line + i + 1, documentID: String(100_000_000 + line + i), byteOffset: (line + i) * 3_500,
                              channel: "print", path: "documents/\(100_000_000 + line + i).pdf", firstPage: nil, pages: 2,
                              size: 36_000, sha256: hash, contentSHA256: hash, bundle: "bench")
            }
            line += 200
            try! journal.commit(run: run, documents: documents, rejects: [], counts: RunCounts(records: line, documents: line),
                                checkpoint: "{\"batches\":\(line / 4)}")
        }
        benchmark.stopMeasurement()
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
