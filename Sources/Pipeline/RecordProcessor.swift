import Layout
import Records
import Render
import Templates

/// One worker's tools: turns raw input lines into laid-out documents or rejects. Owns Pango and Cairo
/// state, so each worker thread makes its own.
final class RecordProcessor {
    let template: CompiledTemplate
    let composer: DocumentComposer
    let pdf = DirectPDFWriter()
    let runDate: Int32
    let router: ChannelRouter

    init(template: CompiledTemplate, runDate: Int32, channel: Channel? = nil) {
        self.template = template
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

    /// Parse, bind, choose the channel, lay out what needs a layout. Every failure names its reason.
    func make(_ line: RawLine) -> (Made, Provenance) {
        if let reason = RecordLimitCheck.line(line, template.limits) {
            return (.reject(Reject(provenance: line.provenance, reason: reason)), line.provenance)
        }
        switch line.parse() {
        case .malformed(let provenance, let reason):
            return (.reject(Reject(provenance: provenance, reason: reason)), provenance)
        case .record(let json, let provenance):
            func reject(_ reason: String) -> (Made, Provenance) { (.reject(Reject(provenance: provenance, reason: reason)), provenance) }
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
            let routed = router.route(env)
            do {
                switch routed {
                case .reject(let reason):
                    return reject(reason)
                case .sms(let draft, let fallback):
                    let id = try composer.documentID(in: env)
                    if id.isEmpty { return reject("the document id is empty (template document.id)") }
                    return (.sms(id: id, draft, fallback: fallback), provenance)
                case .print(let fallback), .email(_, let fallback):
                    let document = try composer.compose(in: env)
                    if document.id.isEmpty { return reject("the document id is empty (template document.id)") }
                    if case .email(let draft, _) = routed { return (.email(document, draft, fallback: fallback), provenance) }
                    return (.print(document, fallback: fallback), provenance)
                }
            } catch {
                return reject(error.message)
            }
        }
    }

    /// Parse, check against the template's data section, lay out (the print variant, whatever the channel
    /// rule says: reprints and print-stream rebuilds). Every failure names its reason.
    func process(_ line: RawLine) -> Outcome {
        if let reason = RecordLimitCheck.line(line, template.limits) {
            return .reject(Reject(provenance: line.provenance, reason: reason))
        }
        switch line.parse() {
        case .malformed(let provenance, let reason):
            return .reject(Reject(provenance: provenance, reason: reason))
        case .record(let json, let provenance):
            if let reason = RecordLimitCheck.fields(json, template.limits) {
                return .reject(Reject(provenance: provenance, reason: reason))
            }
            let value: Value
            do { value = try template.bind(json) } catch {
                return .reject(Reject(provenance: provenance, reason: "\(error.path.isEmpty ? "" : "\(error.path): ")\(error.reason)"))
            }
            do {
                let document = try composer.compose(value, runDate: runDate)
                if document.id.isEmpty {
                    return .reject(Reject(provenance: provenance, reason: "the document id is empty (template document.id)"))
                }
                return .document(document, provenance)
            } catch {
                return .reject(Reject(provenance: provenance, reason: error.message))
            }
        }
    }
}

enum DocumentFileName {
    /// A safe file name for a document id: letters, digits, '.', '-', '_' kept; anything else becomes '_'.
    static func make(_ id: String) -> String {
        var name = String(id.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 45 || v == 46 || v == 95
            return ok ? Character(scalar) : "_"
        })
        if name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name
    }
}
