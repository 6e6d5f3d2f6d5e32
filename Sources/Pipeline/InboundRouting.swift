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
        return InboundRouting(file: path, sets: sets, rejected: rejected,
                              operationsName: operations?["name"]?.string ?? "EDI operations",
                              operationsEmail: operations?["email"]?.string, purchaseOrderRules: rules,
                              communicateTestInterchanges: communicateTests)
    }
}
