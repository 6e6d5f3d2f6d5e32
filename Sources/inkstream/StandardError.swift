import Foundation

/// Where the library's notices and the progress line go: the library never prints, the CLI decides.
enum StandardError {
    /// A notice from a run ("resuming run …"), one line with the command's name before it.
    @Sendable static func notice(_ message: String) {
        FileHandle.standardError.write(Data("inkstream: \(message)\n".utf8))
    }

    /// Text as it is (the progress line redraws itself with carriage returns).
    @Sendable static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
