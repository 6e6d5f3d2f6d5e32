import FuzzSupport
import Records
import Templates

// Input: a JSON Lines file. Each line goes through the reader (both ways a run reads: parsed in place,
// and copied out then parsed), and every record is bound to the statement template's data section and
// evaluated as a run would before layout: its `let` values, document id and channel rule.

private let scratch = ScratchFile(name: "jsonlines")
private let template: CompiledTemplate = {
    do { return try TemplateLoader.load(repositoryRoot + "/Templates/statement") } catch {
        fatalError("the statement template does not compile: \(error)")
    }
}()
/// 2026-11-22 as days since 1970-01-01, the sample run's date.
private let runDate: Int32 = 20_779

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    scratch.write(fuzzInput(data, size))
    let inPlace = read { (reader) throws(RecordsError) in try reader.next() }
    let copied = read { (reader) throws(RecordsError) in try reader.nextLine().map(JSONLinesReader.parseLine) }
    // The two ways of reading must agree record for record (a run may use either).
    guard inPlace == copied else { fatalError("next() and nextLine()+parseLine disagree") }
    for result in inPlace {
        guard result.provenance.byteOffset >= 0, result.provenance.byteOffset <= size, result.provenance.line >= 1 else {
            fatalError("provenance outside the input: \(result.provenance) of \(size) bytes")
        }
        if case let .record(json, _) = result { bindAndEvaluate(json) }
    }
    return 0
}

private func read(_ next: (JSONLinesReader) throws(RecordsError) -> RecordResult?) -> [RecordResult] {
    do {
        let reader = try JSONLinesReader(path: scratch.path)
        var results: [RecordResult] = []
        while let result = try next(reader) { results.append(result) }
        return results
    } catch {
        fatalError("reading a regular file failed: \(error)")  // not the input's fault: stop the fuzzer
    }
}

private func bindAndEvaluate(_ json: JSONValue) {
    // Rejects are expected (that is what most mutated records are); only crashes and hangs matter here.
    guard let value = try? template.bind(json),
          let environment = try? template.environment(for: value, runDate: runDate) else { return }
    _ = try? template.document.id.evaluate(environment)
    _ = try? template.channels?.choose.evaluate(environment)
}
