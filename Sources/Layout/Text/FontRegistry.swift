import Synchronization

/// A font file and face, as fontconfig found it: what a renderer needs to open the same face Pango shaped
/// with. The registry gives each one a small number that display lists carry instead of pointers.
package struct FontFile: Sendable, Hashable {
    package let path: String
    package let index: Int32

    package init(path: String, index: Int32) {
        self.path = path
        self.index = index
    }
}

package struct FontID: Sendable, Hashable {
    package let rawValue: UInt32
}

/// Process-wide table of the font files in use. Append-only; looked up by every layout and render worker.
package final class FontRegistry: Sendable {
    package static let shared = FontRegistry()

    private struct State {
        var files: [FontFile] = []
        var ids: [FontFile: FontID] = [:]
    }
    private let state = Mutex(State())

    package func id(for file: FontFile) -> FontID {
        state.withLock { state in
            if let id = state.ids[file] { return id }
            let id = FontID(rawValue: UInt32(state.files.count))
            state.files.append(file)
            state.ids[file] = id
            return id
        }
    }

    package func file(for id: FontID) -> FontFile {
        state.withLock { $0.files[Int(id.rawValue)] }
    }
}
