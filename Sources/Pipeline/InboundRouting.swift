import Foundation
import Inbound
import Yams

/// `Templates/inbound/routing.yaml`: which template each transaction set becomes, and who hears about
/// rejections. Configuration, not code: a new set type needs a mapping and a template, nothing else here.
package struct InboundRouting: Sendable {
    package let file: String
    /// Set id ("850") → template folder.
    package let sets: [String: String]
    /// Template for sets that are rejected (by our acknowledgement or by a partner's 997/999).
    package let rejected: String?
    package let operationsName: String
    package let operationsEmail: String?
    /// Rules of the 855 answering each accepted 850; nil: no 855s are sent.
    package let purchaseOrderRules: PurchaseOrderRules?
    /// Trading-partner profiles by ISA06 sender id (trimmed); empty: every sender is answered alike.
    package let partners: [String: PartnerProfile]
    /// What to do with a sender that has no profile when profiles are given.
    package let unknownPartners: UnknownPartnerPolicy
    /// Whether test interchanges (ISA15 = T) make customer communications. Default false: they are
    /// acknowledged (the partner is testing its side too) and recorded, and reach no customer.
    package let communicateTestInterchanges: Bool

    package static func load(_ path: String) throws(RunError) -> InboundRouting {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .input("cannot read the routing configuration \(path) (give one with --routing)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else { throw RunError.input("\(path) is empty") }
            root = node
        } catch let error as RunError { throw error } catch {
            throw .input("\(path): \(error)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        func folder(_ name: String, _ key: String) throws(RunError) -> String {
            let full = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent("template.yaml")) else {
                throw .input("\(path): \(key): no template folder \(full)")
            }
            return full
        }
        var sets: [String: String] = [:]
        for (key, value) in root.mapping?["sets"]?.mapping ?? [:] {
            guard let id = key.string, let name = value.string else { continue }
            sets[id] = try folder(name, "sets.\(id)")
        }
        let rejected = try root.mapping?["rejected"]?.string.map { name throws(RunError) in try folder(name, "rejected") }
        let operations = root.mapping?["operations"]?.mapping
        var rules: PurchaseOrderRules?
        if let ack = root.mapping?["po_acknowledgement"]?.mapping {
            let products = ack["products"]?.sequence.map { Set($0.compactMap(\.string)) }
            var limit: Double?
            if let text = ack["max_quantity"]?.string {
                guard let value = Double(text), value > 0 else { throw .input("\(path): po_acknowledgement.max_quantity must be a positive number") }
                limit = value
            }
            rules = PurchaseOrderRules(products: products, maxQuantity: limit)
        }
        var communicateTests = false
        if let value = root.mapping?["test_interchanges"]?.string {
            guard value == "record" || value == "communicate" else {
                throw .input("\(path): test_interchanges must be record (the default) or communicate, not \"\(value)\"")
            }
            communicateTests = value == "communicate"
        }
        var partners: [String: PartnerProfile] = [:]
        for (key, value) in root.mapping?["partners"]?.mapping ?? [:] {
            guard let id = key.string, let fields = value.mapping else { throw .input("\(path): partners: each partner is a mapping under its ISA06 id") }
            partners[id] = try PartnerProfile(id: id, fields, defaults: communicateTests, file: path)
        }
        var unknown = UnknownPartnerPolicy.answer
        if let value = root.mapping?["unknown_partners"]?.string {
            guard let policy = UnknownPartnerPolicy(rawValue: value) else {
                throw .input("\(path): unknown_partners must be answer or refuse, not \"\(value)\"")
            }
            unknown = policy
        }
        return InboundRouting(file: path, sets: sets, rejected: rejected,
                              operationsName: operations?["name"]?.string ?? "EDI operations",
                              operationsEmail: operations?["email"]?.string, purchaseOrderRules: rules,
                              partners: partners, unknownPartners: unknown, communicateTestInterchanges: communicateTests)
    }

    /// The profile for a sender, or the defaults; nil when profiles are given, the sender has none and
    /// unknown senders are refused.
    package func profile(for sender: String) -> PartnerProfile? {
        if let known = partners[sender] { return known }
        if !partners.isEmpty && unknownPartners == .refuse { return nil }
        return PartnerProfile(id: sender, name: sender, ackPolicy: X12AckPolicy(), purchaseOrderAcks: true,
                              communicateTestInterchanges: communicateTestInterchanges)
    }
}

package enum UnknownPartnerPolicy: String, Sendable {
    /// Answered and processed like any partner (the default).
    case answer
    /// Answered with TA1 R 006 (invalid sender id); nothing in it reaches a customer; operations hear of it.
    case refuse
}

/// A trading partner as the routing file describes it (`partners:` in routing.yaml, by ISA06 id).
package struct PartnerProfile: Sendable {
    package var id: String
    package var name: String
    package var ackPolicy: X12AckPolicy
    /// Whether accepted 850s are answered with an 855 (when the routing file has po_acknowledgement rules).
    package var purchaseOrderAcks: Bool
    package var communicateTestInterchanges: Bool
    /// How long the partner has to acknowledge what we send, in hours (`inkstream x12 overdue`); nil: the
    /// command's --hours.
    package var acknowledgementWindowHours: Double?
    /// The ISA05 qualifier its ISA06 id goes with ("ZZ", "01", "12"…); another one is TA1 R 005.
    package var qualifier: String?
    /// The GS08 versions its agreement covers, by their first six digits ("004010"); a group of another
    /// version is AK9 R 2 (functional group version not supported). Empty: any.
    package var versions: [String] = []
    /// People to call about its EDI, as given (name, email, phone, role).
    package var contacts: [[String: String]] = []
    /// How to reach it (`kind`: as2, sftp, van, none, and the kind's settings), for delivery; as given.
    package var transport: [String: String] = [:]

    package init(id: String, name: String, ackPolicy: X12AckPolicy, purchaseOrderAcks: Bool, communicateTestInterchanges: Bool,
                 acknowledgementWindowHours: Double? = nil) {
        (self.id, self.name, self.ackPolicy, self.purchaseOrderAcks, self.communicateTestInterchanges, self.acknowledgementWindowHours) =
            (id, name, ackPolicy, purchaseOrderAcks, communicateTestInterchanges, acknowledgementWindowHours)
    }

    init(id: String, _ fields: Node.Mapping, defaults communicateTests: Bool, file: String) throws(RunError) {
        let known: Set<String> = ["name", "acknowledgement", "ta1", "purchase_order_acks", "test_interchanges", "acknowledgement_window_hours",
                                  "qualifier", "versions", "separators", "contacts", "transport"]
        for key in fields.keys.compactMap(\.string) where !known.contains(key) {
            throw .input("\(file): partners.\(id).\(key): not a partner setting (\(known.sorted().joined(separator: ", ")))")
        }
        func choice<T: RawRepresentable>(_ key: String, _ make: (String) -> T?, _ fallback: T) throws(RunError) -> T where T.RawValue == String {
            guard let text = fields[key]?.string else { return fallback }
            guard let value = make(text) else { throw .input("\(file): partners.\(id).\(key): \"\(text)\" is not allowed") }
            return value
        }
        let functional = try choice("acknowledgement", X12AckPolicy.Functional.init(rawValue:), .byVersion)
        let ta1 = try choice("ta1", X12AckPolicy.TA1.init(rawValue:), .requested)
        var acks = true
        if let text = fields["purchase_order_acks"]?.string {
            guard let value = Bool(text) else { throw .input("\(file): partners.\(id).purchase_order_acks must be true or false") }
            acks = value
        }
        var communicate = communicateTests
        if let text = fields["test_interchanges"]?.string {
            guard text == "record" || text == "communicate" else { throw .input("\(file): partners.\(id).test_interchanges must be record or communicate") }
            communicate = text == "communicate"
        }
        var window: Double?
        if let text = fields["acknowledgement_window_hours"]?.string {
            guard let hours = Double(text), hours >= 0 else {
                throw .input("\(file): partners.\(id).acknowledgement_window_hours must be a number of hours, not \"\(text)\"")
            }
            window = hours
        }
        let delimiters = try fields["separators"].map { node throws(RunError) in try Self.separators(node, "\(file): partners.\(id).separators") }
        self.init(id: id, name: fields["name"]?.string ?? id,
                  ackPolicy: X12AckPolicy(ta1: ta1, functional: functional, delimiters: delimiters),
                  purchaseOrderAcks: acks, communicateTestInterchanges: communicate, acknowledgementWindowHours: window)
        let place = "\(file): partners.\(id)"
        if let q = fields["qualifier"] {
            guard let text = q.string, text.count == 2 else { throw .input("\(place).qualifier: an ISA05 qualifier is two characters (ZZ, 01, 12…)") }
            qualifier = text
        }
        if let list = fields["versions"] {
            let values = (list.sequence.map { Array($0) } ?? [list]).compactMap(\.string)
            guard !values.isEmpty, values.allSatisfy({ $0.count >= 6 && $0.prefix(6).allSatisfy(\.isNumber) }) else {
                throw .input("\(place).versions: a list of GS08 versions such as \"004010\" or \"005010\"")
            }
            versions = values.map { String($0.prefix(6)) }
        }
        if let list = fields["contacts"] {
            guard let items = list.sequence else { throw .input("\(place).contacts: a list of {name, email, phone, role}") }
            contacts = try items.map { item throws(RunError) in
                guard let map = item.mapping else { throw .input("\(place).contacts: each contact is a mapping {name, email, phone, role}") }
                var contact: [String: String] = [:]
                for (k, v) in map {
                    guard let key = k.string, ["name", "email", "phone", "role"].contains(key), let value = v.string else {
                        throw .input("\(place).contacts: \(k.string ?? "?"): a contact has name, email, phone and role")
                    }
                    contact[key] = value
                }
                return contact
            }
        }
        if let node = fields["transport"] {
            guard let map = node.mapping else { throw .input("\(place).transport: a mapping with kind (as2, sftp, van, none) and its settings") }
            for (k, v) in map { if let key = k.string, let value = v.string { transport[key] = value } }
            guard let kind = transport["kind"], ["as2", "sftp", "van", "none"].contains(kind) else {
                throw .input("\(place).transport.kind: one of as2, sftp, van, none")
            }
        }
    }

    /// `separators: {element: "*", component: ">", segment: "~", repetition: "^", line_break: true}`: single
    /// printable ASCII characters, not letters, digits or spaces, all different.
    static func separators(_ node: Node, _ place: String) throws(RunError) -> X12Delimiters {
        guard let map = node.mapping else { throw .input("\(place): a mapping of element, component, segment, repetition, line_break") }
        func byte(_ key: String, _ fallback: UInt8) throws(RunError) -> UInt8 {
            guard let text = map[key]?.string else { return fallback }
            guard text.utf8.count == 1, let b = text.utf8.first, b >= 0x21, b <= 0x7E else {
                throw .input("\(place).\(key): one printable ASCII character, not \"\(text)\"")
            }
            return b
        }
        var lineBreak = ""
        if let text = map["line_break"]?.string {
            guard let value = Bool(text) else { throw .input("\(place).line_break must be true or false") }
            lineBreak = value ? "\n" : ""
        }
        let delimiters = X12Delimiters(element: try byte("element", 0x2A), repetition: try byte("repetition", 0x5E),
                                       component: try byte("component", 0x3E), segment: try byte("segment", 0x7E), lineBreak: lineBreak)
        if let problem = delimiters.problem() { throw .input("\(place): \(problem)") }
        return delimiters
    }
}
