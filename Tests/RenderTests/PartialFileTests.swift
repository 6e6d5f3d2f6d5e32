import Foundation
import Render
import XCTest

final class PartialFileTests: XCTestCase {
    /// A run killed while it creates a partial file must not leave another file behind: the partial file is
    /// created under its own name, with no temporary sibling renamed into place (Foundation's `createFile`
    /// writes `.dat.nosync…` first; a random-kill test once found one left in a run's output folder).
    func testCreateMakesOnlyTheFileItself() throws {
        let folder = NSTemporaryDirectory() + "partial-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = try Self.namesCreated(in: folder) {
            let handle = try PartialFile.create(folder + "/.report.json.partial")
            try handle.close()
        }
        XCTAssertEqual(names, [".report.json.partial"], "files created or moved into the folder")
    }

    /// Atomic writes of bytes made in memory (reprints, previews, acknowledgements) go through a hidden
    /// name, so a kill mid-write leaves nothing a folder listing or a `*.pdf` glob would show.
    func testAtomicBytesGoThroughAHiddenName() throws {
        let folder = NSTemporaryDirectory() + "atomic-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = try Self.namesCreated(in: folder) {
            try FileBytes.write(Array("%PDF-1.5\n".utf8), to: folder + "/reprint.pdf", atomic: true)
        }
        XCTAssertEqual(names, [".reprint.pdf.tmp-\(getpid())", "reprint.pdf"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["reprint.pdf"])
    }

    /// Names of the files created in or moved into `folder` while `body` runs (inotify).
    static func namesCreated(in folder: String, _ body: () throws -> Void) throws -> [String] {
        let watch = inotify_init1(Int32(IN_NONBLOCK))
        XCTAssertGreaterThanOrEqual(watch, 0)
        defer { close(watch) }
        XCTAssertGreaterThanOrEqual(inotify_add_watch(watch, folder, UInt32(IN_CREATE | IN_MOVED_TO)), 0)
        try body()
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
        var offset = 0
        while count > 0, offset < count {
            let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
            let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
            names.append(String(decoding: nameBytes, as: UTF8.self))
            offset += 16 + length
        }
        return names
    }
}
