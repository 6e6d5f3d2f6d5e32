/// A template compiled once per run: every expression parsed and type-checked, styles resolved, asset
/// paths made absolute. Shared read-only by all workers.
public struct CompiledTemplate: Sendable {
    package let name: String
    /// The template file, as given (for messages) and its folder (for assets).
    package let file: String
    package let directory: String
    package let locale: String
    package let page: PageSetup
    package let schema: RecordSchema
    /// Derived fields of the data section, computed when a record is bound.
    package let derivations: DerivationPlan
    public let document: DocumentInfo
    /// Computed values, evaluated in order into their slots before anything is laid out.
    package let definitions: [Definition]
    package let regions: Regions
    package let body: Body
    /// How each record's channel is chosen; nil: every record is printed.
    public let channels: ChannelRules?
    package let email: EmailVariant?
    package let sms: SMSVariant?
    /// How large one record may be (`limits:`).
    package let limits: RecordLimits
    /// How many local slots an Environment needs.
    package let slotCount: Int
    package let slots: SpecialSlots
    /// The hyphenation pattern file for the locale, when some text asks `hyphenate: true`.
    package var hyphenationPatterns: String? = nil
    /// The font families the template names, for `check` and the run identity.
    package var fontFamilies: [FontFamilyUse] = []
    /// The template's own `fonts/` folder, when it has one: fonts for this template only.
    package var fontsDirectory: String? = nil
    /// What a record whose content does not fit its box, page or body gets (`overflow:`).
    package var overflow: OverflowPolicy = .reject
    /// The body flow uses `pages`: it is laid out again with the page count of the first layout.
    package var bodyReadsPages = false
    /// `assets:`: the folder images named by the data come from, when the template names one (it is part of
    /// the run's identity like the template folder).
    package var assetsDirectory: String? = nil
    /// Files and folders outside the template's folder that its output depends on (an assets folder kept
    /// elsewhere, components and style sheets from a shared library), absolute: part of the run's identity
    /// and of a reprint's proof, like the template folder.
    package var dependencies: [String] = []
    /// `translations: {locale: …}`: each record's locale, from its data; nil: the template's for every record.
    package var localeExpression: CompiledExpression? = nil
}

/// `overflow: reject | warn`: text taller than its box, beyond the page's edge, a block or a line taller than
/// the body. Never drawn over the footer in silence: the record is rejected with the reason, or made and
/// the reason listed among the run's warnings.
package enum OverflowPolicy: String, Sendable {
    case reject, warn
}

package struct PageSetup: Sendable {
    package let width: Double
    package let height: Double
    package let margins: Margins
}

package struct Margins: Sendable {
    package let top: Double, right: Double, bottom: Double, left: Double
}

public struct DocumentInfo: Sendable {
    /// Identifies the document in file names, the page index, rejects and `preview --account`.
    public let id: CompiledText
    package let title: CompiledText?
    package let author: CompiledText?
    package let subject: CompiledText?
    /// The id column's name in a print stream's page index (e.g. "account").
    package let indexLabel: String
    /// Which delivery bundle (trading partner) a document goes into; nil: one bundle for the whole run.
    package let bundle: CompiledText?
    /// Who sends the bundles (BagIt Source-Organization); nil: the document author, else the template name.
    package let organization: String?
}

package struct Definition: Sendable {
    package let name: String
    package let slot: Int
    package let expression: CompiledExpression
}

/// Slots the layout fills: the run date (all scopes), page numbers (page regions).
package struct SpecialSlots: Sendable {
    package let runDate: Int
    package let page: Int
    package let pages: Int
    package let locale: Int
}

/// Elements drawn on the first page, on the pages after it, on every page, and on the last page. The last
/// region reserves space at the foot of the body on the last page; the flow never runs into it.
package struct Regions: Sendable {
    package let first: [Element]
    package let following: [Element]
    package let every: [Element]
    package let last: [Element]
    package let lastReserve: Double
}

/// The flowing part: from `top` (page one) or `topFollowing` (later pages) down to `bottom`.
package struct Body: Sendable {
    package let top: Double
    package let topFollowing: Double
    package let bottom: Double
    package let flow: [FlowItem]
}

extension CompiledTemplate {
    /// The environment every expression of a record is evaluated in: the bound record, the run date and
    /// the `let` values in order.
    public func environment(for record: Value, runDate: Int32) throws(EvaluationError) -> Environment {
        var env = Environment(root: record, slotCount: slotCount)
        env.locals[slots.runDate] = .date(runDate)
        env.locals[slots.locale] = .string(locale)
        if let localeExpression {
            let given = try localeExpression.evaluate(env)
            if case .string(let text) = given, !text.isEmpty {
                guard let name = Translations.normalized(text) else {
                    throw EvaluationError("the record's locale \"\(text.prefix(40))\" is not a locale name (de_DE, de-DE, fr)",
                                          at: localeExpression.location)
                }
                env.locals[slots.locale] = .string(name)
            }
        }
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

extension CompiledTemplate {
    /// The locale as a BCP 47 language tag ("en_US" → "en-US"), for a PDF's /Lang.
    package var languageTag: String { String(locale.map { $0 == "_" ? "-" : $0 }) }
}
