import Synchronization

/// A font file and face, as fontconfig found it: what a renderer needs to open the same face Pango shaped
/// with. The registry gives each one a small number that display lists carry instead of pointers.
public struct FontFile: Sendable, Hashable {
    public let path: String
    public let index: Int32

    public init(path: String, index: Int32) {
        self.path = path
        self.index = index
    }
}

public struct FontID: Sendable, Hashable {
    public let rawValue: UInt32
}

/// Process-wide table of the font files in use. Append-only; looked up by every layout and render worker.
public final class FontRegistry: Sendable {
    public static let shared = FontRegistry()

    private struct State {
        var files: [FontFile] = []
        var ids: [FontFile: FontID] = [:]
    }
    private let state = Mutex(State())

    public func id(for file: FontFile) -> FontID {
        state.withLock { state in
            if let id = state.ids[file] { return id }
            let id = FontID(rawValue: UInt32(state.files.count))
            state.files.append(file)
            state.ids[file] = id
            return id
        }
    }

    public func file(for id: FontID) -> FontFile {
        state.withLock { $0.files[Int(id.rawValue)] }
    }
}
