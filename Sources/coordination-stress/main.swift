import Coordination
import Foundation

// Drives Permits and BoundedQueue the way BatchRun does (a reader bounded by permits, two workers, a
// committer releasing permits in order) and Monitor's timed waits the way delivery does, many times over.
// It exists for the *release* build: the optimizer once hoisted the state read out of a wait loop, which
// hung every optimized run while the debug-built unit tests passed. A watchdog turns a hang into exit 1;
// Tests/integration/test_coordination_release.py builds this with `-c release` and runs it.

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200 : 200
let watchdog = Thread {
    Thread.sleep(forTimeInterval: 60)
    FileHandle.standardError.write(Data("coordination-stress: no progress for 60 s: a wait was never woken\n".utf8))
    exit(1)
}
watchdog.start()

/// Reader → input queue → 2 workers → output queue → in-order committer, with `permits` batches in flight.
func pipelineRound(items: Int, permits: Int) -> Int {
    let input = BoundedQueue<Int>(capacity: 4)
    let output = BoundedQueue<Int>(capacity: .max)
    let inFlight = Permits(permits)
    let workers = DispatchGroup()
    for _ in 0..<2 {
        workers.enter()
        Thread {
            while let item = input.pop() { output.push(item) }
            workers.leave()
        }.start()
    }
    Thread {
        for item in 0..<items {
            inFlight.acquire()
            input.push(item)
        }
        input.close()
    }.start()
    Thread {
        workers.wait()
        output.close()
    }.start()
    var pending = Set<Int>()
    var next = 0
    while let item = output.pop() {
        pending.insert(item)
        while pending.remove(next) != nil {
            inFlight.release()
            next += 1
        }
    }
    return next
}

/// Threads take turns in a fixed order through `when` (as IDClaims does).
func turnsRound(threads: Int) -> Int {
    let turn = Monitor(0)
    let done = DispatchGroup()
    for sequence in (0..<threads).reversed() {
        done.enter()
        Thread {
            turn.when({ $0 == sequence }) { $0 += 1 }
            done.leave()
        }.start()
    }
    done.wait()
    return turn.read { $0 }
}

/// A waiter with a deadline far off is woken by a change, not by the deadline (as delivery's queue).
func timedRound() -> Bool {
    let flag = Monitor(false)
    Thread {
        Thread.sleep(forTimeInterval: 0.001)
        flag.withLock { $0 = true }
    }.start()
    let far = Date().addingTimeInterval(30)
    return flag.loop { set in set ? .done(true) : (Date() < far ? .waitUntil(far) : .done(false)) }
}

for round in 0..<rounds {
    let made = pipelineRound(items: 100, permits: 8)
    guard made == 100 else { print("round \(round): \(made) of 100 items committed"); exit(1) }
    guard turnsRound(threads: 8) == 8 else { print("round \(round): turns out of order"); exit(1) }
    guard timedRound() else { print("round \(round): a timed wait ran to its deadline"); exit(1) }
}
print("coordination-stress: \(rounds) rounds, every wait woken")
