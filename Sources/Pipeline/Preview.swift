import Foundation
import Layout
import Records
import Render
import Templates

/// Renders one document of an input file to PNG pages for a designer: `page 1 → PATH`, page n → PATH with
/// `-n` before the extension. The record goes through the same steps as in a run (`RecordProcessor`: limits,
/// parse, bind, environment, id, layout), so a preview shows what the run makes, or says why it makes nothing.
package enum Preview {
    package struct Result: Sendable {
        package let id: String
        package let provenance: Provenance
        package let files: [String]
    }

    package static func render(templatePath: String, inputPath: String, documentID: String, pngPath: String,
                              dpi: Double, runDate: RunDate, pdfPath: String? = nil,
                              pdfWriter: PDFWriterKind = .direct) throws(RunError) -> Result {
        let template: CompiledTemplate
        do { template = try TemplateLoader.load(templatePath) } catch { throw .template(error) }
        let processor = RecordProcessor(template: template, runDate: runDate.daysSinceEpoch, pdfWriter: pdfWriter)
        let document: LaidOutDocument
        let provenance: Provenance
        (document, provenance) = try find(documentID, in: inputPath, with: processor)
        let painter = CairoPainter()
        var files: [String] = []
        let folder = (pngPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        for (i, page) in document.pages.enumerated() {
            let path = i == 0 ? pngPath : pagePath(pngPath, i + 1)
            do { try PNGRenderer.write(page, width: document.width, height: document.height, dpi: dpi, to: path, painter: painter) } catch {
                throw RunError.output(because: error)
            }
            files.append(path)
        }
        if let pdfPath {
            // The same writer and bytes as a per-document run of this record.
            do { try DocumentPDF.write(document, to: pdfPath, runDate: runDate, writer: processor.pdf, atomic: true) } catch {
                throw RunError.output(because: error)
            }
            files.append(pdfPath)
        }
        return Result(id: document.id, provenance: provenance, files: files)
    }

    /// The first record whose document id is `documentID`, laid out. Records that a run would reject are
    /// passed over; when none matches, the error says how many there were and why the first was rejected
    /// (the wanted one may be among them).
    static func find(_ documentID: String, in inputPath: String,
                     with processor: RecordProcessor) throws(RunError) -> (LaidOutDocument, Provenance) {
        let reader: JSONLinesReader
        do { reader = try JSONLinesReader(path: inputPath) } catch { throw .input(because: error) }
        reader.maxLineBytes = processor.template.limits.maxLineBytes
        var rejected = 0
        var firstReject: Reject?
        do {
            while let line = try reader.nextLine() {
                switch processor.prepare(line, routing: false) {
                case .failure(let reject):
                    rejected += 1
                    if firstReject == nil { firstReject = reject }
                case .success(let record) where record.id == documentID:
                    switch processor.layOut(record) {
                    case .success(let document): return (document, record.provenance)
                    case .failure(let reject):
                        throw RunError.input("\(record.provenance): cannot lay out document \(documentID): \(reject.reason)")
                    }
                case .success:
                    continue
                }
            }
        } catch let error as RunError {
            throw error
        } catch {
            throw .input(because: error)
        }
        let note = firstReject.map { "; \(rejected) record\(rejected == 1 ? "" : "s") a run would reject, the first at \($0.provenance): \($0.reason)" } ?? ""
        throw .notFound("no record in \(inputPath) has document id '\(documentID)' (the template's document.id)\(note)")
    }

    static func pagePath(_ path: String, _ page: Int) -> String {
        let ns = path as NSString
        let ext = ns.pathExtension
        let stem = ns.deletingPathExtension
        return ext.isEmpty ? "\(stem)-\(page)" : "\(stem)-\(page).\(ext)"
    }
}
