import Foundation
import NotesCore

// `notes-bench fuzz [--inputs N] [--seed S] [--deadline SECONDS] [--corpus NOTES] [--chunk N] [--jobs J] [--minutes M]`
// `notes-bench fuzz --only I [--write FILE]`          replays one input (and writes its bytes)
// `notes-bench fuzz --small ...`                       the in-test configuration (small notes, small mutations)
// `notes-bench fuzz --protocol [--messages N]`         the protocol fuzzer against the in-process server
// `notes-bench fuzz --edits [--count N]`               random incremental edits in utf-8/16/32 against a model
//
// The mutation fuzzer runs its inputs in child processes of this one, a chunk at a time (`--jobs` chunks at once, one
// per core by default): a crash ends only the child, the supervisor names the input that was running, counts it and
// goes on after it. A hang is found inside the child
// (each input runs on a worker with a deadline) and reported without stopping the run.

struct FuzzOptions {
  var inputs = 10_000
  var seed: UInt64 = 1
  var deadline = 10.0
  var corpus = URL(fileURLWithPath: "../shared/corpus/notes")
  var chunk = 5_000
  /// How many children run at once (default: one per core).
  var jobs = ProcessInfo.processInfo.activeProcessorCount
  var inProcess = false
  var only: Int?
  var write: String?
  var child: Range<Int>?
  var positions = 8
  var mode = Mode.mutations
  var small = false
  /// Stop starting new chunks after this many minutes (the report covers the inputs run).
  var minutes: Double?
  var messages = 5_000
  var edits = 5_000

  enum Mode {
    case mutations
    case protocolMessages
    case edits
  }

  static let usage = """
    usage: notes-bench fuzz [--inputs N] [--seed S] [--deadline SECONDS] [--corpus NOTES-FOLDER] [--chunk N] [--jobs J]
                            [--positions P] [--in-process] [--small] [--minutes M]
           notes-bench fuzz --only INDEX [--seed S] [--write FILE]
           notes-bench fuzz --protocol [--messages N] [--seed S]
           notes-bench fuzz --edits [--count N] [--seed S]

    """

  init?(arguments: [String]) {
    var rest = arguments[...]
    func value() -> String? { rest.isEmpty ? nil : rest.removeFirst() }
    while let argument = rest.popFirst() {
      switch argument {
      case "--inputs":
        guard let v = value().flatMap(Int.init) else { return nil }
        inputs = v
      case "--seed":
        guard let v = value().flatMap({ UInt64($0) }) else { return nil }
        seed = v
      case "--deadline":
        guard let v = value().flatMap(Double.init) else { return nil }
        deadline = v
      case "--corpus":
        guard let v = value() else { return nil }
        corpus = URL(fileURLWithPath: v)
      case "--chunk":
        guard let v = value().flatMap(Int.init), v > 0 else { return nil }
        chunk = v
      case "--positions":
        guard let v = value().flatMap(Int.init) else { return nil }
        positions = v
      case "--jobs":
        guard let v = value().flatMap(Int.init), v > 0 else { return nil }
        jobs = v
      case "--in-process": inProcess = true
      case "--small": small = true
      case "--minutes":
        guard let v = value().flatMap(Double.init) else { return nil }
        minutes = v
      case "--only":
        guard let v = value().flatMap(Int.init) else { return nil }
        only = v
      case "--write":
        guard let v = value() else { return nil }
        write = v
      case "--protocol": mode = .protocolMessages
      case "--messages":
        guard let v = value().flatMap(Int.init) else { return nil }
        messages = v
      case "--edits": mode = .edits
      case "--count":
        guard let v = value().flatMap(Int.init) else { return nil }
        edits = v
      case "--child":
        guard let from = value().flatMap(Int.init), let to = value().flatMap(Int.init), from <= to else { return nil }
        child = from..<to
      default: return nil
      }
    }
  }
}

/// Runs `notes-bench fuzz`; returns the exit code (1 when anything was found).
func runFuzz(arguments: [String]) -> Int32 {
  guard let options = FuzzOptions(arguments: arguments) else {
    FileHandle.standardError.write(Data(FuzzOptions.usage.utf8))
    return 2
  }
  switch options.mode {
  case .protocolMessages: return runProtocolFuzzCommand(options)
  case .edits: return runLostEditCommand(options)
  case .mutations: break
  }
  let seeds = fuzzSeeds(under: options.corpus).filter { !options.small || $0.bytes.count <= SmallFuzz.maxSeedBytes }
  if seeds.isEmpty && options.child == nil {
    FileHandle.standardError.write(
      Data("notes-bench fuzz: no notes under \(options.corpus.path); using one built-in note\n".utf8))
  }
  let mutator = NoteMutator(seeds: seeds, seed: options.seed, limits: options.small ? .test : NoteMutator.Limits())
  if let only = options.only {
    let mutant = mutator.mutant(only)
    print("input \(only) (seed \(options.seed)): \(mutant.seedURI), \(mutant.bytes.count) bytes, \(mutant.mutations)")
    if let write = options.write {
      _ = FileManager.default.createFile(atPath: write, contents: Data(mutant.bytes))
      print("wrote \(write)")
    }
    let probe = options.probe(seeds: seeds)
    let report = runMutationFuzz(mutator: mutator, probe: probe, indexes: only..<(only + 1), deadline: options.deadline)
    printMutationReport(report, crashes: [], options: options)
    return report.failures.isEmpty && report.hangs.isEmpty ? 0 : 1
  }
  if let range = options.child {
    return runFuzzChild(options, mutator: mutator, seeds: seeds, range: range)
  }
  if options.inProcess {
    let probe = options.probe(seeds: seeds)
    var report = MutationFuzzReport()
    var from = 0
    while from < options.inputs {
      let to = min(options.inputs, from + options.chunk)
      report.merge(runMutationFuzz(mutator: mutator, probe: probe, indexes: from..<to, deadline: options.deadline))
      from = to
      printProgress(report, crashes: 0, total: options.inputs)
    }
    printMutationReport(report, crashes: [], options: options)
    return report.failures.isEmpty && report.hangs.isEmpty ? 0 : 1
  }
  return superviseFuzz(options)
}

extension FuzzOptions {
  /// The probe for this run: the seeds as a workspace per folder with the corpus rosters and registries.
  func probe(seeds: [NoteMutator.Seed]) -> FeatureProbe {
    let reference = corpus.deletingLastPathComponent().appendingPathComponent("reference")
    let bases = fuzzBaseWorkspaces(seeds: seeds, reference: reference)
    return small
      ? FeatureProbe(bases: bases, positions: SmallFuzz.positions, widePositions: SmallFuzz.widePositions)
      : FeatureProbe(bases: bases, positions: positions)
  }
}

// MARK: - Supervisor and child

/// Runs chunks of inputs in child processes, `jobs` children at a time; an input that kills its child is a crash,
/// and the run goes on after it.
func superviseFuzz(_ options: FuzzOptions) -> Int32 {
  let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
  let state = FuzzSupervisorState()
  let started = Date()
  let chunks = stride(from: 0, to: options.inputs, by: options.chunk).map {
    $0..<min(options.inputs, $0 + options.chunk)
  }
  DispatchQueue.concurrentPerform(iterations: max(1, options.jobs)) { _ in
    while let chunk = state.nextChunk(of: chunks) {
      if let minutes = options.minutes, Date().timeIntervalSince(started) > minutes * 60 { return }
      do {
        let (report, crashes) = try runFuzzChunk(chunk, executable: executable, options: options)
        let (total, crashCount) = state.add(report, crashes: crashes)
        // What went wrong is printed as soon as it is known: a long run may be stopped before its report.
        for crash in crashes { print("crash: input \(crash.index), \(crash.reason)") }
        for hang in report.hangs { print("hang: input \(hang.index) \(hang.mutations), over \(hang.seconds) s") }
        for failure in report.failures { print("failure: input \(failure.index) \(failure.problems.first ?? "")") }
        printProgress(total, crashes: crashCount, total: options.inputs, elapsed: Date().timeIntervalSince(started))
      } catch {
        FileHandle.standardError.write(Data("notes-bench fuzz: cannot start \(executable.path): \(error)\n".utf8))
        state.fail()
        return
      }
    }
  }
  if state.failedToStart { return 2 }
  var (report, crashes) = state.result()
  report.seconds = Date().timeIntervalSince(started)
  printMutationReport(report, crashes: crashes, options: options)
  return report.failures.isEmpty && report.hangs.isEmpty && crashes.isEmpty ? 0 : 1
}

/// What the supervisor's lanes share: the next chunk to run and the merged reports.
final class FuzzSupervisorState: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var report = MutationFuzzReport()
  private var crashes: [(index: Int, reason: String)] = []
  private(set) var failedToStart = false

  func nextChunk(of chunks: [Range<Int>]) -> Range<Int>? {
    lock.withLock {
      guard !failedToStart, next < chunks.count else { return nil }
      next += 1
      return chunks[next - 1]
    }
  }

  /// Merges a chunk's report; returns the totals so far.
  func add(_ chunk: MutationFuzzReport, crashes found: [(index: Int, reason: String)]) -> (MutationFuzzReport, Int) {
    lock.withLock {
      let seconds = report.seconds
      report.merge(chunk)
      report.seconds = seconds
      crashes += found
      return (report, crashes.count)
    }
  }

  func fail() { lock.withLock { failedToStart = true } }

  func result() -> (MutationFuzzReport, [(index: Int, reason: String)]) {
    lock.withLock { (report, crashes.sorted { $0.index < $1.index }) }
  }
}

/// Runs the inputs of `chunk` in child processes: one child, and after a crash or a hang a new one from the input
/// after it, until the chunk is done.
func runFuzzChunk(_ chunk: Range<Int>, executable: URL, options: FuzzOptions) throws -> (
  MutationFuzzReport, [(index: Int, reason: String)]
) {
  var report = MutationFuzzReport()
  var crashes: [(index: Int, reason: String)] = []
  var from = chunk.lowerBound
  while from < chunk.upperBound {
    // A child stops after its first hang (its exit ends the stuck thread) and the next one goes on after it.
    let process = Process()
    process.executableURL = executable
    process.arguments =
      [
        "fuzz", "--child", String(from), String(chunk.upperBound), "--seed", String(options.seed), "--deadline",
        String(options.deadline), "--corpus", options.corpus.path, "--positions", String(options.positions),
      ] + (options.small ? ["--small"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var lastStarted = from - 1
    var childReport = MutationFuzzReport()
    var finished = false
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ", maxSplits: 1).map(String.init)
      switch fields.first {
      case "R": lastStarted = Int(fields[1]) ?? lastStarted
      case "J":
        if let data = fields.count > 1 ? fields[1].data(using: .utf8) : nil,
          let decoded = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
          childReport = MutationFuzzReport(childJSON: decoded)
          finished = true
        }
      default: break
      }
    }
    if finished && process.terminationStatus <= 1 && process.terminationReason == .exit {
      report.merge(childReport)
      from += max(1, childReport.inputs)
    } else {
      // The child died on input `lastStarted`: count it, and go on after it.
      let reason =
        process.terminationReason == .uncaughtSignal
        ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
      let crashed = max(from, lastStarted)
      crashes.append((crashed, reason))
      report.inputs += crashed - from + 1
      from = crashed + 1
    }
  }
  return (report, crashes)
}

/// A child: runs `range`, writing `R index` before each input, then one `J {json}` line with its report.
func runFuzzChild(_ options: FuzzOptions, mutator: NoteMutator, seeds: [NoteMutator.Seed], range: Range<Int>) -> Int32 {
  let probe = options.probe(seeds: seeds)
  let out = FileHandle.standardOutput
  let report = runMutationFuzz(
    mutator: mutator, probe: probe, indexes: range, deadline: options.deadline, stopAfterHang: true
  ) { index in
    out.write(Data("R \(index)\n".utf8))
  }
  let json = try? JSONSerialization.data(withJSONObject: report.childJSON)
  out.write(Data("J ".utf8) + (json ?? Data("{}".utf8)) + Data("\n".utf8))
  // A hung worker thread may still run: leave without waiting for it.
  exit(0)
}

extension MutationFuzzReport {
  var childJSON: [String: Any] {
    [
      "inputs": inputs, "bytes": bytes, "seconds": seconds, "slowestIndex": slowest.index,
      "slowestSeconds": slowest.seconds,
      "hangs": hangs.map { ["index": $0.index, "seconds": $0.seconds, "mutations": $0.mutations] as [String: Any] },
      "failures": failures.map {
        ["index": $0.index, "seed": $0.seedURI, "mutations": $0.mutations, "problems": $0.problems] as [String: Any]
      },
    ]
  }

  init(childJSON json: [String: Any]) {
    self.init()
    inputs = json["inputs"] as? Int ?? 0
    bytes = json["bytes"] as? Int ?? 0
    seconds = json["seconds"] as? Double ?? 0
    slowest = (json["slowestIndex"] as? Int ?? -1, json["slowestSeconds"] as? Double ?? 0)
    for hang in json["hangs"] as? [[String: Any]] ?? [] {
      hangs.append((hang["index"] as? Int ?? -1, hang["seconds"] as? Double ?? 0, hang["mutations"] as? [String] ?? []))
    }
    for failure in json["failures"] as? [[String: Any]] ?? [] {
      failures.append(
        .init(
          index: failure["index"] as? Int ?? -1, seedURI: failure["seed"] as? String ?? "",
          mutations: failure["mutations"] as? [String] ?? [], problems: failure["problems"] as? [String] ?? []))
    }
  }
}

// MARK: - Protocol and edits

/// `notes-bench fuzz --protocol [--messages N] [--seed S]`.
func runProtocolFuzzCommand(_ options: FuzzOptions) -> Int32 {
  let report = ProtocolFuzzer(seed: options.seed, steps: options.messages).run()
  print("protocol fuzzer, seed \(options.seed)")
  print("steps:      \(report.steps) (each followed by a valid hover), \(report.requests) requests checked")
  print("violations: \(report.violations.count)")
  for violation in report.violations.prefix(30) { print("  \(violation)") }
  let codes = report.mistypedAnswers.sorted { $0.key < $1.key }.map {
    "\($0.key == 0 ? "result" : String($0.key)): \($0.value)"
  }
  print("mistyped requests answered: \(codes.joined(separator: ", "))")
  if !report.mistypedResults.isEmpty {
    let methods = report.mistypedResults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    print("  with a result (fields of the right type, or optional ones left out): \(methods.joined(separator: ", "))")
  }
  print("params contract broken (not -32602 for a missing or mistyped field): \(report.contractBreaks.count)")
  for line in report.contractBreaks.prefix(30) { print("  \(line)") }
  print("time:       \(String(format: "%.1f", report.seconds)) s")
  return report.violations.isEmpty && report.contractBreaks.isEmpty ? 0 : 1
}

/// `notes-bench fuzz --edits [--count N] [--seed S]`.
func runLostEditCommand(_ options: FuzzOptions) -> Int32 {
  let report = LostEditFuzzer(seed: options.seed, edits: options.edits).run()
  print("lost-edit check, seed \(options.seed), utf-8 / utf-16 / utf-32")
  print("edits:       \(report.edits) in \(report.batches) didChange batches, \(report.comparisons) comparisons")
  print("mismatches:  \(report.mismatches.count)")
  for mismatch in report.mismatches { print("  \(mismatch)") }
  print("time:        \(String(format: "%.1f", report.seconds)) s")
  return report.mismatches.isEmpty ? 0 : 1
}

// MARK: - Printing

func printProgress(_ report: MutationFuzzReport, crashes: Int, total: Int, elapsed: Double? = nil) {
  let seconds = elapsed ?? report.seconds
  let rate = seconds > 0 ? Double(report.inputs) / seconds : 0
  print(
    "\(report.inputs)/\(total) inputs, \(String(format: "%.0f", rate))/s, \(crashes) crashes, "
      + "\(report.hangs.count) hangs, \(report.failures.count) failures, \(String(format: "%.0f", seconds)) s")
  fflush(nil)
}

func printMutationReport(_ report: MutationFuzzReport, crashes: [(index: Int, reason: String)], options: FuzzOptions) {
  let rate = report.seconds > 0 ? Double(report.inputs) / report.seconds : 0
  print("mutation fuzzer, seed \(options.seed), deadline \(options.deadline) s per input")
  print("inputs:   \(report.inputs) (\(report.bytes / 1_000_000) MB of mutated notes)")
  print("crashes:  \(crashes.count)")
  for crash in crashes.prefix(20) {
    print(
      "  input \(crash.index): \(crash.reason) — replay: notes-bench fuzz --seed \(options.seed) --only \(crash.index)")
  }
  print("hangs:    \(report.hangs.count)")
  for hang in report.hangs.prefix(20) {
    print(
      "  input \(hang.index) \(hang.mutations): over \(String(format: "%.1f", hang.seconds)) s — replay with --only \(hang.index)"
    )
  }
  print("failures: \(report.failures.count) (ranges outside the text, bad positions, bad symbol nesting)")
  for failure in report.failures.prefix(20) {
    print("  input \(failure.index) (\(failure.seedURI.split(separator: "/").last ?? ""), \(failure.mutations)):")
    for problem in failure.problems { print("    \(problem)") }
  }
  print(
    "slowest:  input \(report.slowest.index), \(String(format: "%.3f", report.slowest.seconds)) s")
  print(
    "time:     \(String(format: "%.1f", report.seconds)) s, \(String(format: "%.0f", rate)) inputs/s; "
      + "1,000,000 inputs would take \(String(format: "%.1f", rate > 0 ? 1_000_000 / rate / 3600 : 0)) h")
}
