import ArgumentParser
import Foundation
import Pipeline

/// The trading-partner profiles of a routing file, checked and shown as the engine reads them.
struct X12PartnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Check the routing file's trading-partner profiles and show them (exit 66 naming a bad setting).")

    @Option(help: "Routing configuration (default: Templates/inbound/routing.yaml).")
    var routing = "Templates/inbound/routing.yaml"

    @Flag(help: "One JSON object per partner instead of text.")
    var json = false

    func run() throws {
        let loaded: InboundRouting
        do { loaded = try InboundRouting.load(routing) } catch {
            FileHandle.standardError.write(Data("inkstream: \(error)\n".utf8))
            throw ExitStatus(error).exit
        }
        for p in loaded.partners.values.sorted(by: { $0.id < $1.id }) {
            let separators = p.ackPolicy.delimiters.map { d in
                [d.element, d.component, d.segment].map { String(UnicodeScalar($0)) }.joined(separator: " ")
                    + (d.repetition.map { " " + String(UnicodeScalar($0)) } ?? "") + (d.lineBreak.isEmpty ? "" : " + line break")
            }
            let fields: [String: Any] = [
                "id": p.id, "name": p.name, "qualifier": p.qualifier ?? "", "versions": p.versions,
                "acknowledgement": p.ackPolicy.functional.rawValue, "ta1": p.ackPolicy.ta1.rawValue,
                "purchase_order_acks": p.purchaseOrderAcks, "test_interchanges": p.communicateTestInterchanges ? "communicate" : "record",
                "acknowledgement_window_hours": p.acknowledgementWindowHours ?? NSNull(), "separators": separators ?? "as received",
                "contacts": p.contacts, "transport": p.transport,
            ]
            if json {
                let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
                continue
            }
            print("\(p.id) (\(p.name))\(p.qualifier.map { ", ISA05 \($0)" } ?? "")")
            print("    versions \(p.versions.isEmpty ? "any" : p.versions.joined(separator: ", ")); answered with \(p.ackPolicy.functional.rawValue == "version" ? "997/999 by version" : p.ackPolicy.functional.rawValue), TA1 \(p.ackPolicy.ta1.rawValue), 855s \(p.purchaseOrderAcks ? "yes" : "no"), test interchanges \(p.communicateTestInterchanges ? "communicated" : "recorded only")")
            print("    separators \(separators ?? "as received"); acknowledgements due within \(p.acknowledgementWindowHours.map { "\($0) h" } ?? "the --hours of x12 overdue")")
            for c in p.contacts {
                print("    contact \(["role", "name", "email", "phone"].compactMap { c[$0] }.joined(separator: ", "))")
            }
            if !p.transport.isEmpty {
                print("    transport \(p.transport.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            }
        }
        if !json {
            print("\(loaded.partners.count) partner profile\(loaded.partners.count == 1 ? "" : "s") in \(routing); senders without one are \(loaded.unknownPartners == .refuse ? "refused (TA1 R 006)" : "answered alike")")
        }
    }
}
