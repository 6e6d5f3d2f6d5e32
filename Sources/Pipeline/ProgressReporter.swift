import Foundation

/// A one-line progress display on a terminal (records, documents/s, ETA), redrawn at most a few times a
/// second. The library never prints: the caller says where the text goes (the CLI: standard error, only
/// when that is a terminal, so piped and CI runs stay clean).
// Unchecked: its state is used from the committing thread only; Sendable so the run's threads can carry it.
package final class ProgressReporter: @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let start = DispatchTime.now()
    private var lastDraw: UInt64 = 0
    private let enabled: Bool

    package init(enabled: Bool, write: @escaping @Sendable (String) -> Void) {
        self.enabled = enabled
        self.write = write
    }

    func update(records: Int, documents: Int, byteOffset: Int, inputSize: Int?) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 250_000_000 else { return }
        lastDraw = now
        let seconds = Double(now - start.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Double(documents) / seconds : 0
        var line = "\r  \(records) records  \(documents) documents  \(Int(rate)) documents/s"
        if let inputSize, inputSize > 0, byteOffset > 0 {
            let fraction = min(1, Double(byteOffset) / Double(inputSize))
            let remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
            line += String(format: "  %3.0f%%  ETA %d:%02d", fraction * 100, Int(remaining) / 60, Int(remaining) % 60)
        }
        write(line + "   ")
    }

    /// Clears the progress line (the caller prints the summary).
    func finish() {
        guard enabled else { return }
        write("\r\u{1B}[K")
    }
}
