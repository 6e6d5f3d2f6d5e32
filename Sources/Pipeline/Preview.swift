import Foundation
import Layout
import Records
import Render
import Templates

/// Renders one document of an input file to PNG pages for a designer: `page 1 → PATH`, page n → PATH with
/// `-n` before the extension.
public enum Preview {
    public struct Result: Sendable {
        public let id: String
        public let provenance: Provenance
        public let files: [String]
    }

    public static func render(templatePath: String, inputPath: String, documentID: String, pngPath: String,
                              dpi: Double, runDate: RunDate, pdfPath: String? = nil) throws(RunError) -> Result {
        let template: CompiledTemplate
        do { template = try TemplateLoader.load(templatePath) } catch { throw .template(error) }
        let reader: JSONLinesReader
        do { reader = try JSONLinesReader(path: inputPath) } catch { throw .input(error.description) }
        let composer = DocumentComposer(template: template)
        let days = runDate.daysSinceEpoch
        do {
            while let result = try reader.next() {
                guard case .record(let json, let provenance) = result,
                      let value = try? template.bind(json),
                      let id = try? composer.documentID(of: value, runDate: days), id == documentID else { continue }
                let document: LaidOutDocument
                do { document = try composer.compose(value, runDate: days) } catch {
                    throw RunError.input("\(provenance): cannot lay out document \(documentID): \(error.message)")
                }
                let painter = CairoPainter()
                var files: [String] = []
                let folder = (pngPath as NSString).deletingLastPathComponent
                if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                for (i, page) in document.pages.enumerated() {
                    let path = i == 0 ? pngPath : pagePath(pngPath, i + 1)
                    do { try PNGRenderer.write(page, width: document.width, height: document.height, dpi: dpi, to: path, painter: painter) } catch {
                        throw RunError.output(error.description)
                    }
                    files.append(path)
                }
                if let pdfPath {
                    // The same writer and bytes as a per-document run of this record.
                    do { try DocumentPDF.write(document, to: pdfPath, runDate: runDate, writer: DirectPDFWriter(), atomic: true) } catch {
                        throw RunError.output(error.description)
                    }
                    files.append(pdfPath)
                }
                return Result(id: id, provenance: provenance, files: files)
            }
        } catch let error as RunError {
            throw error
        } catch {
            throw .input("\(error)")
        }
        throw .notFound("no record in \(inputPath) has document id '\(documentID)' (the template's document.id)")
    }

    static func pagePath(_ path: String, _ page: Int) -> String {
        let ns = path as NSString
        let ext = ns.pathExtension
        let stem = ns.deletingPathExtension
        return ext.isEmpty ? "\(stem)-\(page)" : "\(stem)-\(page).\(ext)"
    }
}
