import Foundation
import Templates

// Times compiling one template (YAML, components, style sheets, translations, every expression): the first
// compile in the process (cold: files read, ICU's plural rules opened) and the next ones (warm), as a
// designer's `check` and a run's start see them.
// swift build -c release --product compile-measure && .build/release/compile-measure TEMPLATE [repeats]
let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: compile-measure TEMPLATE [repeats]\n".utf8))
    exit(64)
}
let repeats = arguments.count > 2 ? max(Int(arguments[2]) ?? 50, 1) : 50

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

let cold = try milliseconds { _ = try TemplateLoader.load(arguments[1]) }
var warm: [Double] = []
for _ in 0..<repeats { warm.append(try milliseconds { _ = try TemplateLoader.load(arguments[1]) }) }
warm.sort()
func format(_ v: Double) -> String { String(format: "%.2f", v) }
print("\(arguments[1]): cold \(format(cold)) ms; warm over \(repeats): min \(format(warm[0])) ms, "
    + "median \(format(warm[warm.count / 2])) ms, max \(format(warm[warm.count - 1])) ms")
