import Channels
import Layout
import Records
import Templates

/// Decides each record's channel by the template's `channels.choose` rule, checks that the channel can
/// take it (a valid email address, a phone number that normalises to E.164, an SMS within its segment
/// limit, a variant for that channel), and falls back as the template says, recording why.
struct ChannelRouter {
    let template: CompiledTemplate
    /// `run --channel`: every record to this channel, whatever the rule says.
    var override: Channel? = nil

    /// A record's outcome on its channel, ready for the writer.
    enum Routed {
        case print(fallback: String?)
        case email(EmailDraft, fallback: String?)
        case sms(SMSDraft, fallback: String?)
        case reject(String)
    }

    struct EmailDraft {
        let from: EmailAddress
        let to: EmailAddress
        let replyTo: EmailAddress?
        let subject: String
        let html: String
        let text: String
        /// File name of the attached print PDF; nil: none.
        let pdfName: String?
    }

    struct SMSDraft {
        let to: String
        let text: String
        let analysis: SMSAnalysis
        /// Unsafe characters removed from the data's values (`sms.unsafe_characters: strip`).
        var strippedCharacters = 0
    }

    func route(_ env: Environment) -> Routed {
        guard let rules = template.channels else {
            guard let override, override != .print else { return .print(fallback: nil) }
            return fallBack(.channel(.print), reason: "\(override.rawValue) asked for, but the template has no channels section",
                            env: env, excluding: override)
        }
        let chosenText: String
        if let override { chosenText = override.rawValue } else {
            do { chosenText = try text(rules.choose, env) } catch { return .reject("channels.choose: \(error)") }
        }
        guard let chosen = Channel(rawValue: chosenText.trimmingCharacters(in: .whitespaces).lowercased()) else {
            return fallBack(rules.fallback, reason: "the channel rule gave '\(chosenText)', not print, email or sms", env: env)
        }
        switch attempt(chosen, env) {
        case .success(let routed): return routed
        case .failure(let refusal):
            return fallBack(refusal.fallback ?? rules.fallback, reason: refusal.reason, env: env, excluding: chosen)
        }
    }

    /// Why a channel cannot take the record, and where it goes instead when that is not `channels.fallback`.
    private struct Refusal: Error {
        let reason: String
        var fallback: ChannelFallback? = nil
    }

    private func fallBack(_ fallback: ChannelFallback, reason: String, env: Environment, excluding: Channel? = nil) -> Routed {
        guard case .channel(let channel) = fallback, channel != excluding else {
            return .reject(reason + (fallback == .reject ? " (the template's fallback is reject)" : ""))
        }
        switch attempt(channel, env) {
        case .success(let routed):
            switch routed {
            case .print: return .print(fallback: reason)
            case .email(let draft, _): return .email(draft, fallback: reason)
            case .sms(let draft, _): return .sms(draft, fallback: reason)
            case .reject: return routed
            }
        case .failure(let second): return .reject("\(reason); the fallback \(channel.rawValue) failed too: \(second.reason)")
        }
    }

    private func attempt(_ channel: Channel, _ env: Environment) -> Result<Routed, Refusal> {
        do {
            switch channel {
            case .print: return .success(.print(fallback: nil))
            case .email: return .success(.email(try email(env), fallback: nil))
            case .sms: return try sms(env)
            }
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(Refusal(reason: "\(error)"))
        }
    }

    private func email(_ env: Environment) throws -> EmailDraft {
        guard let variant = template.email else { throw Refusal(reason: "the template has no email variant") }
        let to = try address(variant.to, env, what: "email address")
        let from = try address(variant.from, env, what: "email.from (fix the template)")
        let replyTo = try variant.replyTo.map { try address($0, env, what: "email.reply_to") }
        return EmailDraft(from: from, to: to, replyTo: replyTo, subject: try text(variant.subject, env),
                          html: try variant.html.render(env), text: try variant.text.render(env),
                          pdfName: try variant.attachPDF.map { try text($0, env) })
    }

    private func address(_ template: AddressTemplate, _ env: Environment, what: String) throws -> EmailAddress {
        switch template {
        case .text(let compiled):
            let raw = try text(compiled, env)
            switch EmailAddress.parse(raw) {
            case .success(let address): return address
            case .failure(let error): throw Refusal(reason: "\(what) '\(raw)' is not valid: \(error)")
            }
        case .parts(let name, let compiled):
            let raw = try text(compiled, env)
            switch EmailAddress.parse(raw) {
            case .success(let parsed) where parsed.displayName == nil:
                let display = try name.map { try text($0, env) }.flatMap { $0.isEmpty ? nil : $0 }
                return EmailAddress(displayName: display, address: parsed.address)
            case .success: throw Refusal(reason: "\(what) '\(raw)' must be the address alone (the name goes in name:)")
            case .failure(let error): throw Refusal(reason: "\(what) '\(raw)' is not valid: \(error)")
            }
        }
    }

    private func sms(_ env: Environment) throws -> Result<Routed, Refusal> {
        guard let variant = template.sms else { return .failure(Refusal(reason: "the template has no sms variant")) }
        let raw = try text(variant.to, env)
        let number: String
        switch PhoneNumber.e164(raw, defaultRegion: variant.region) {
        case .success(let normalised): number = normalised
        case .failure(let error): return .failure(Refusal(reason: "phone number '\(raw)' is not valid: \(error)"))
        }
        // Controls, bidi and zero-width characters from the data: stripped (counted) or the record rejected.
        var removed = 0
        var firstUnsafe: Unicode.Scalar?
        let message = try variant.text.evaluate(env) { value throws(EvaluationError) in
            let cleaned = SMSSanitizer.strip(value)
            removed += cleaned.removed
            if firstUnsafe == nil { firstUnsafe = cleaned.first }
            return cleaned.text
        }
        if let firstUnsafe, variant.unsafeCharacters == .reject {
            return .success(.reject("the SMS text from the data holds \(SMSSanitizer.describe(firstUnsafe))"
                + (removed > 1 ? " and \(removed - 1) more unsafe character(s)" : "")
                + " (sms.unsafe_characters is reject; strip would remove them)"))
        }
        let analysis = SMSEncoder.analyze(message)
        if analysis.segments > variant.maxSegments {
            let why = "the SMS needs \(analysis.segments) segments (\(analysis.units) \(analysis.encoding == .gsm7 ? "GSM-7 septets" : "UCS-2 units")"
                + (analysis.nonGSMCharacters.isEmpty ? "" : ", UCS-2 because of \(analysis.nonGSMCharacters.map { "'\($0)'" }.joined(separator: " "))")
                + "), more than sms.max_segments \(variant.maxSegments)"
            if variant.overLimit == .reject { return .success(.reject(why + " (sms.over_limit is reject)")) }
            return .failure(Refusal(reason: why, fallback: variant.overLimit))
        }
        return .success(.sms(SMSDraft(to: number, text: message, analysis: analysis, strippedCharacters: removed), fallback: nil))
    }

    private func text(_ compiled: CompiledText, _ env: Environment) throws(EvaluationError) -> String {
        if let constant = compiled.constantValue { return constant }
        return try compiled.evaluate(env)
    }
}
