import FuzzSupport
import Records
import Templates

// Input: the text of a template.yaml. It is compiled as if it sat in Templates/statement (so the assets
// and body files the seeds name resolve and mutated seeds get past them); compile errors are the normal
// outcome. A template that compiles also binds and evaluates one sample record, as `check` and a run do.

private let file = repositoryRoot + "/Templates/statement/template.yaml"
/// The first record of the sample accounts, which the statement template (the main seed) accepts.
private let sampleRecord: JSONValue = {
    let path = repositoryRoot + "/Fixtures/accounts.jsonl"
    guard let reader = try? JSONLinesReader(path: path), case let .record(json, _)? = try? reader.next() else {
        fatalError("no sample record in \(path)")
    }
    return json
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // Decoding repairs invalid UTF-8 (the loader refuses it before the compiler sees it): keep mutating.
    let yaml = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let template: CompiledTemplate
    do {
        template = try TemplateLoader.compile(yaml: yaml, file: file)
    } catch {
        for mistake in error.errors where mistake.description.isEmpty { fatalError("a compile error without text") }
        return 0
    }
    guard let value = try? template.bind(sampleRecord),
          let environment = try? template.environment(for: value, runDate: 20_779) else { return 0 }
    _ = try? template.document.id.evaluate(environment)
    _ = try? template.channels?.choose.evaluate(environment)
    return 0
}
