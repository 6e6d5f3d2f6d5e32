import ArgumentParser
import Foundation
import Inbound

/// X12 tools beside `inbound`: acknowledge a file, dump what was read (developer tools), list groups awaiting a 997/999.
struct X12Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x12", abstract: "Developer tools: X12 acknowledgements and dumps.", shouldDisplay: false,
        subcommands: [X12AckCommand.self, X12DumpCommand.self, X12OverdueCommand.self, X12PartnersCommand.self])
}

struct X12AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Write DIR/<stem>-<n>.x12, the acknowledgement of the file's n-th interchange.")

    @Option(help: "The inbound X12 file.") var input: String
    @Option(help: "Directory for the acknowledgements.") var out: String
    @Option(help: "Date of the ack envelopes, YYYY-MM-DD.") var date: String
    @Option(help: "First interchange/group control number.") var firstControl: Int

    func run() throws {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { throw ValidationError("--date must be YYYY-MM-DD") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let stem = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        var numbers = SequentialControlNumbers(startingAt: firstControl)
        var n = 0
        for result in X12Reader(path: input).readAll() {
            switch result {
            case let .failure(error):
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            case let .interchange(inbound):
                n += 1
                for error in inbound.allErrors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
                guard let ack = X12Acknowledger.acknowledge(inbound, date: X12AckDate(year: parts[0], month: parts[1], day: parts[2]),
                                                            controlNumbers: &numbers) else { continue }
                let path = URL(fileURLWithPath: out).appendingPathComponent("\(stem)-\(n).x12").path
                guard FileManager.default.createFile(atPath: path, contents: Data(X12Writer.serialize(ack))) else {
                    throw ValidationError("cannot write \(path)")
                }
                print(path)
            }
        }
    }
}

struct X12DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump", abstract: "Print what was read as JSON.")

    @Argument(help: "The X12 file.") var file: String

    func run() throws {
        let results: [[String: Any]] = X12Reader(path: file).readAll().map { result in
            switch result {
            case let .failure(error): ["failure": json(error)]
            case let .interchange(x): ["interchange": json(x)]
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["file": file, "results": results], options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    private func json(_ x: X12Interchange) -> [String: Any] {
        func segments(_ list: [X12Segment?]) -> [[String: Any]] { list.compactMap { $0.map(json) } }
        let groups: [[String: Any]] = x.groups.map { group in
            let sets: [[String: Any]] = group.sets.map { set in
                ["segments": segments([set.st] + set.segments + [set.se]), "errors": set.errors.map(json)]
            }
            return ["gs": json(group.gs), "ge": group.ge.map(json) ?? NSNull(), "sets": sets, "errors": group.errors.map(json)]
        }
        let d = x.delimiters
        let delimiters: [String: Any] = ["element": Int(d.element), "repetition": d.repetition.map { Int($0) } ?? NSNull(),
                                         "component": Int(d.component), "segment": Int(d.segment), "lineBreak": d.lineBreak]
        return ["isa": json(x.isa), "ta1": segments(x.ta1), "delimiters": delimiters, "groups": groups,
                "iea": x.iea.map(json) ?? NSNull(), "errors": x.errors.map(json)]
    }

    private func json(_ segment: X12Segment) -> [String: Any] {
        ["id": segment.id, "elements": segment.elements, "index": segment.position.index, "byteOffset": segment.position.byteOffset]
    }

    private func json(_ error: X12Error) -> [String: Any] {
        var out: [String: Any] = ["level": error.code.level.rawValue, "code": error.code.code, "message": error.message,
                                  "index": error.position.index, "byteOffset": error.position.byteOffset]
        if let id = error.segmentID { out["segment"] = id }
        if let p = error.positionInSet { out["positionInSet"] = p }
        if let e = error.element { out["element"] = e }
        return out
    }
}
