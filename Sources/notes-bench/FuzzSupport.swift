import Foundation

// Shared by `notes-bench fuzz` and the tests (Tests/NotesCoreTests/Robustness and Tests/NotesServerTests/Fuzz link to
// this file): a seeded generator and a worker that runs one input at a time under a deadline, so a hang is reported
// without stopping the run.

/// SplitMix64: small, fast and deterministic, so every fuzz input (and every generated workspace, and the random-byte
/// tests) reproduces from its seed.
struct FuzzRandom: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The generator for input `index` of a run seeded with `seed`: inputs are independent of one another, so any one
  /// can be replayed alone (`notes-bench fuzz --seed S --only I`).
  init(seed: UInt64, index: Int) {
    var mixer = FuzzRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
    state = mixer.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (0 when `bound` is not positive).
  mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

  /// True with probability `1 / n`.
  mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

  mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// Runs jobs one at a time on a worker thread with a large stack and waits for each at most `deadline` seconds.
/// A job that overruns is reported as a hang and abandoned: its thread is left to finish (or spin) on its own and a
/// fresh thread takes the next job, so one hang never stops the run.
final class DeadlineWorker: @unchecked Sendable {
  /// What became of one job.
  enum Outcome {
    case finished(seconds: Double)
    case timedOut(afterSeconds: Double)
  }

  private final class Job: @unchecked Sendable {
    let work: () -> Void
    let done = DispatchSemaphore(value: 0)
    init(_ work: @escaping () -> Void) { self.work = work }
  }

  private final class Lane: @unchecked Sendable {
    let lock = NSCondition()
    var job: Job?
    var abandoned = false
  }

  let deadline: Double
  private var lane: Lane?
  /// Jobs that overran their deadline and have not finished yet (their threads still run).
  private(set) var stuck = 0
  private let stuckLock = NSLock()

  init(deadline: Double) { self.deadline = deadline }

  /// Runs `work` on the worker; returns when it finished or when the deadline passed.
  func run(_ work: @escaping () -> Void) -> Outcome {
    let lane = self.lane ?? startLane()
    let job = Job(work)
    let started = DispatchTime.now().uptimeNanoseconds
    lane.lock.lock()
    lane.job = job
    lane.lock.signal()
    lane.lock.unlock()
    let result = job.done.wait(timeout: .now() + deadline)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    if result == .timedOut {
      lane.lock.lock()
      lane.abandoned = true
      lane.lock.signal()
      lane.lock.unlock()
      self.lane = nil
      stuckLock.withLock { stuck += 1 }
      return .timedOut(afterSeconds: seconds)
    }
    return .finished(seconds: seconds)
  }

  /// Stops the current worker thread once it is idle.
  func stop() {
    guard let lane else { return }
    lane.lock.lock()
    lane.abandoned = true
    lane.lock.signal()
    lane.lock.unlock()
    self.lane = nil
  }

  private func startLane() -> Lane {
    let lane = Lane()
    let thread = Thread { [self] in
      while true {
        lane.lock.lock()
        while lane.job == nil && !lane.abandoned { lane.lock.wait() }
        guard let job = lane.job else {
          lane.lock.unlock()
          return
        }
        lane.job = nil
        let wasAbandoned = lane.abandoned
        lane.lock.unlock()
        if wasAbandoned { return }
        job.work()
        job.done.signal()
        lane.lock.lock()
        let abandonedNow = lane.abandoned
        lane.lock.unlock()
        if abandonedNow {
          // A job that overran finished after all.
          stuckLock.withLock { stuck -= 1 }
          return
        }
      }
    }
    thread.name = "fuzz worker"
    // Deeply nested inputs recurse; give the worker the main thread's stack size.
    thread.stackSize = 64 << 20
    thread.start()
    self.lane = lane
    return lane
  }
}
