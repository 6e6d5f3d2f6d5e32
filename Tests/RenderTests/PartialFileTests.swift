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
        let watch = inotify_init1(Int32(IN_NONBLOCK))
        XCTAssertGreaterThanOrEqual(watch, 0)
        defer { close(watch) }
        XCTAssertGreaterThanOrEqual(inotify_add_watch(watch, folder, UInt32(IN_CREATE | IN_MOVED_TO)), 0)

        let handle = try PartialFile.create(folder + "/.report.json.partial")
        try handle.close()

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
        XCTAssertEqual(names, [".report.json.partial"], "files created or moved into the folder")
    }
}
