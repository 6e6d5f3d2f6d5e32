import Foundation
import XCTest
@testable import Inbound

/// Fixtures/x12 and helpers shared by the X12 tests.
enum X12Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".x12") }.sorted()
    }

    static let valid = ["850_4010.x12", "850_5010.x12", "856_4010.x12", "856_5010.x12", "810_4010.x12", "810_5010.x12",
                        "824_4010.x12", "824_5010.x12", "997_4010.x12", "997_5010.x12", "999_5010.x12", "837P_5010X222A1.x12"]

    static func read(_ name: String, chunkSize: Int = 64 * 1024) -> [X12ReadResult] {
        X12Reader(path: path(name), chunkSize: chunkSize).readAll()
    }

    static func interchanges(_ results: [X12ReadResult]) -> [X12Interchange] {
        results.compactMap { if case let .interchange(x) = $0 { x } else { nil } }
    }

    static func failures(_ results: [X12ReadResult]) -> [X12Error] {
        results.compactMap { if case let .failure(e) = $0 { e } else { nil } }
    }

    static func errors(_ results: [X12ReadResult]) -> [X12Error] {
        failures(results) + interchanges(results).flatMap(\.allErrors)
    }

    static func bytes(_ name: String) -> [UInt8] {
        Array((try? Data(contentsOf: URL(fileURLWithPath: path(name)))) ?? Data())
    }

    static func temporaryFile(_ bytes: [UInt8]) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("x12-\(UUID().uuidString).x12")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }
}

extension X12Interchange {
    /// Segments and delimiters only: positions and errors dropped, for comparing what two reads hold.
    var content: X12Interchange {
        var copy = X12Interchange(isa: isa.content, delimiters: delimiters, iea: iea?.content)
        copy.ta1 = ta1.map(\.content)
        copy.groups = groups.map { group in
            X12FunctionalGroup(gs: group.gs.content, sets: group.sets.map { set in
                X12TransactionSet(st: set.st.content, segments: set.segments.map(\.content), se: set.se?.content)
            }, ge: group.ge?.content)
        }
        return copy
    }
}
