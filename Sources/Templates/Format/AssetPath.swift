import Foundation

/// Paths of files named by the data, kept inside one folder.
package enum AssetPath {
    /// `path` with symbolic links resolved (realpath); the path itself when it does not exist.
    package static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(real) }
        return String(cString: real)
    }

    /// The file `relative` names inside `folder` (already resolved), or why it may not be used: an absolute
    /// path, a `..` step, a control character, or a symbolic link that leads out of the folder.
    package static func inside(_ folder: String, _ relative: String) -> Result<String, AssetPathError> {
        if relative.isEmpty { return .failure(.init("is empty")) }
        if relative.hasPrefix("/") || relative.hasPrefix("~") { return .failure(.init("is an absolute path; name a file inside the assets folder")) }
        if relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return .failure(.init("holds a control character or a backslash"))
        }
        if relative.split(separator: "/").contains("..") { return .failure(.init("steps out of the assets folder with '..'")) }
        let joined = folder + "/" + relative
        guard FileManager.default.fileExists(atPath: joined) else { return .failure(.init("is not a file in the assets folder \(folder)")) }
        let real = resolved(joined)
        guard real.hasPrefix(folder + "/") else { return .failure(.init("leads out of the assets folder (a symbolic link)")) }
        return .success(real)
    }
}

package struct AssetPathError: Error, Sendable {
    package let reason: String
    init(_ reason: String) { self.reason = reason }
}
