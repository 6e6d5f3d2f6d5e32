/// A template compiled once per run: every expression parsed and type-checked, styles resolved, asset
/// paths made absolute. Shared read-only by all workers.
public struct CompiledTemplate: Sendable {
    public let name: String
    /// The template file, as given (for messages) and its folder (for assets).
    public let file: String
    public let directory: String
    public let locale: String
    public let page: PageSetup
    public let schema: RecordSchema
    /// Derived fields of the data section, computed when a record is bound.
    public let derivations: DerivationPlan
    public let document: DocumentInfo
    /// Computed values, evaluated in order into their slots before anything is laid out.
    public let definitions: [Definition]
    public let regions: Regions
    public let body: Body
    /// How each record's channel is chosen; nil: every record is printed.
    public let channels: ChannelRules?
    public let email: EmailVariant?
    public let sms: SMSVariant?
    /// How large one record may be (`limits:`).
    public let limits: RecordLimits
    /// How many local slots an Environment needs.
    public let slotCount: Int
    public let slots: SpecialSlots
}

public struct PageSetup: Sendable {
    public let width: Double
    public let height: Double
    public let margins: Margins
}

public struct Margins: Sendable {
    public let top: Double, right: Double, bottom: Double, left: Double
}

public struct DocumentInfo: Sendable {
    /// Identifies the document in file names, the page index, rejects and `preview --account`.
    public let id: CompiledText
    public let title: CompiledText?
    public let author: CompiledText?
    public let subject: CompiledText?
    /// The id column's name in a print stream's page index (e.g. "account").
    public let indexLabel: String
    /// Which delivery bundle (trading partner) a document goes into; nil: one bundle for the whole run.
    public let bundle: CompiledText?
    /// Who sends the bundles (BagIt Source-Organization); nil: the document author, else the template name.
    public let organization: String?
}

public struct Definition: Sendable {
    public let name: String
    public let slot: Int
    public let expression: CompiledExpression
}

/// Slots the layout fills: the run date (all scopes), page numbers (page regions).
public struct SpecialSlots: Sendable {
    public let runDate: Int
    public let page: Int
    public let pages: Int
}

/// Elements drawn on the first page, on the pages after it, on every page, and on the last page. The last
/// region reserves space at the foot of the body on the last page; the flow never runs into it.
public struct Regions: Sendable {
    public let first: [Element]
    public let following: [Element]
    public let every: [Element]
    public let last: [Element]
    public let lastReserve: Double
}

/// The flowing part: from `top` (page one) or `topFollowing` (later pages) down to `bottom`.
public struct Body: Sendable {
    public let top: Double
    public let topFollowing: Double
    public let bottom: Double
    public let flow: [FlowItem]
}

extension CompiledTemplate {
    /// The environment every expression of a record is evaluated in: the bound record, the run date and
    /// the `let` values in order.
    public func environment(for record: Value, runDate: Int32) throws(EvaluationError) -> Environment {
        var env = Environment(root: record, slotCount: slotCount)
        env.locals[slots.runDate] = .date(runDate)
        for definition in definitions {
            if let constant = definition.expression.constantValue {
                env.locals[definition.slot] = constant
            } else {
                env.locals[definition.slot] = try definition.expression.evaluate(env)
            }
        }
        return env
    }
}
