import Layout
import Records
import Render
import Templates

/// One worker's tools: turns raw input lines into laid-out documents or rejects. Owns Pango and Cairo
/// state, so each worker thread makes its own.
final class RecordProcessor {
    let template: CompiledTemplate
    let composer: DocumentComposer
    let pdf: PDFMaker
    let runDate: Int32
    let router: ChannelRouter

    init(template: CompiledTemplate, runDate: Int32, channel: Channel? = nil, pdfWriter: PDFWriterKind = .direct) {
        self.template = template
        pdf = PDFMaker(pdfWriter)
        self.composer = DocumentComposer(template: template)
        self.runDate = runDate
        router = ChannelRouter(template: template, override: channel)
    }

    enum Outcome {
        case document(LaidOutDocument, Provenance)
        case reject(Reject)
    }

    /// A record on the channel the template chose for it.
    enum Made {
        case print(LaidOutDocument, fallback: String?)
        /// The laid-out document too: its PDF may be attached.
        case email(LaidOutDocument, ChannelRouter.EmailDraft, fallback: String?)
        case sms(id: String, ChannelRouter.SMSDraft, fallback: String?)
        case reject(Reject)
    }

    /// A record after the steps every command takes first: parsed, bound to the template's data section,
    /// its environment made, its channel chosen, its document id evaluated. Nothing is laid out yet, so a
    /// duplicate id can be refused before any rendering.
    struct Prepared {
        let environment: Environment
        let routed: ChannelRouter.Routed
        let id: String
        let provenance: Provenance
    }

    /// Parse → bind → environment → channel rule → id. Every failure names its reason. Without `routing`
    /// the record goes to print whatever the rule says (reprints of print documents).
    func prepare(_ line: RawLine, routing: Bool = true) -> Result<Prepared, Reject> {
        prepare(.line(line), routing: routing)
    }

    /// The same for either kind of input: a line is checked against the line limit and parsed first; a value
    /// made in memory goes straight to binding.
    func prepare(_ input: InputRecord, routing: Bool = true) -> Result<Prepared, Reject> {
        switch input {
        case .line(let line):
            if let reason = RecordLimitCheck.line(line, template.limits) {
                return .failure(Reject(provenance: line.provenance, reason: reason))
            }
            switch line.parse() {
            case .malformed(let provenance, let reason):
                return .failure(Reject(provenance: provenance, reason: reason))
            case .record(let json, let provenance):
                return prepare(json, provenance, routing: routing)
            }
        case .value(let json, let provenance):
            return prepare(json, provenance, routing: routing)
        }
    }

    private func prepare(_ json: JSONValue, _ provenance: Provenance, routing: Bool) -> Result<Prepared, Reject> {
        func reject(_ reason: String) -> Result<Prepared, Reject> { .failure(Reject(provenance: provenance, reason: reason)) }
        if let reason = RecordLimitCheck.fields(json, template.limits) { return reject(reason) }
        let value: Value
        do { value = try template.bind(json) } catch {
            return reject("\(error.path.isEmpty ? "" : "\(error.path): ")\(error.reason)")
        }
        // One environment per record: the channel rule, the email and SMS texts and the layout share it.
        let env: Environment
        do { env = try template.environment(for: value, runDate: runDate) } catch {
            return reject("\(error.message) (template \(error.location))")
        }
        let routed = routing ? router.route(env) : .print(fallback: nil)
        if case .reject(let reason) = routed { return reject(reason) }
        let id: String
        do { id = try composer.documentID(in: env) } catch { return reject(error.message) }
        if id.isEmpty { return reject("the document id is empty (template document.id)") }
        return .success(Prepared(environment: env, routed: routed, id: id, provenance: provenance))
    }

    /// Lays out what the chosen channel needs (print and email: the document; SMS: nothing).
    func make(_ record: Prepared) -> Made {
        do {
            switch record.routed {
            case .reject(let reason):
                return .reject(Reject(provenance: record.provenance, reason: reason))
            case .sms(let draft, let fallback):
                return .sms(id: record.id, draft, fallback: fallback)
            case .print(let fallback):
                return .print(try composer.compose(in: record.environment, id: record.id), fallback: fallback)
            case .email(let draft, let fallback):
                return .email(try composer.compose(in: record.environment, id: record.id), draft, fallback: fallback)
            }
        } catch {
            return .reject(Reject(provenance: record.provenance, reason: error.message))
        }
    }

    /// Both steps at once, on the channel the template chose.
    func make(_ line: RawLine) -> (Made, Provenance) {
        switch prepare(line) {
        case .failure(let reject): (.reject(reject), reject.provenance)
        case .success(let record): (make(record), record.provenance)
        }
    }

    /// The print variant, whatever the channel rule says (reprints and previews of print documents).
    func process(_ line: RawLine) -> Outcome {
        switch prepare(line, routing: false) {
        case .failure(let reject): return .reject(reject)
        case .success(let record):
            switch layOut(record) {
            case .success(let document): return .document(document, record.provenance)
            case .failure(let reject): return .reject(reject)
            }
        }
    }

    /// The print document of a prepared record, or the reason it cannot be laid out.
    func layOut(_ record: Prepared) -> Result<LaidOutDocument, Reject> {
        do { return .success(try composer.compose(in: record.environment, id: record.id)) } catch {
            return .failure(Reject(provenance: record.provenance, reason: error.message))
        }
    }
}


/// A reject is what `prepare` fails with.
extension Reject: Error {}
