import FuzzSupport
import Inbound

// Input: an X12 file. It is read twice, in 64 KiB chunks and in tiny ones (the reader must not depend on
// where a chunk ends), every error must point into the file, and every interchange read is serialized,
// turned into records and acknowledged as `inkstream inbound` does.

private let scratch = ScratchFile(name: "x12")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzX12(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    scratch.write(fuzzInput(data, size))
    let results = X12Reader(path: scratch.path).readAll()
    // The second reading uses small chunks, so chunk ends fall inside ISA headers, segments and line
    // breaks. Its size comes from the input's first byte (1-7 bytes, so the fuzzer can steer it) and grows
    // with the input's length so that no reading takes more than about 256 chunks: each chunk is a read and
    // an allocation, and 1-7-byte chunks over the whole input made this target 5x slower than the others.
    let tinyChunk = max(1 + Int(data?.pointee ?? 0) % 7, size / 256)
    let tiny = X12Reader(path: scratch.path, chunkSize: tinyChunk).readAll()
    guard results == tiny else { fatalError("the reader's result depends on its chunk size (\(tinyChunk) bytes, input \(size) bytes)") }
    guard !results.isEmpty else { fatalError("no result at all for \(size) bytes") }
    var numbers = SequentialControlNumbers(startingAt: 1)
    for result in results {
        switch result {
        case let .failure(error):
            check(error, size)
        case let .interchange(interchange):
            for error in interchange.allErrors { check(error, size) }
            _ = X12Writer.serialize(interchange)
            for group in interchange.groups {
                for set in group.sets { _ = TransactionSetRecords.record(set, interchange: interchange) }
            }
            if let ack = X12Acknowledger.acknowledge(interchange, date: X12AckDate(year: 2026, month: 11, day: 22),
                                                     controlNumbers: &numbers) {
                _ = X12Writer.serialize(ack)
            }
        }
    }
    return 0
}

private func check(_ error: X12Error, _ size: Int) {
    guard (0...size).contains(error.position.byteOffset), error.position.index >= 1, !error.message.isEmpty else {
        fatalError("an error outside the input (\(size) bytes): \(error)")
    }
}
