import Foundation
import NotesCheck
import NotesConfig
import NotesCore

// `notes-bench check [--notes N] [--runs R] [--corpus PATH] [--keep]`: the `--check` engine's throughput next to
// `cat` over the same files in the same run, over the real corpus and over a generated workspace, and its peak memory
// after 1,000 and after N files.

/// Peak resident memory of this process (VmHWM) in KiB, from /proc/self/status; nil where there is no /proc.
func peakResidentKiB() -> Int? { procStatus("VmHWM:") }

/// Current resident memory (VmRSS) in KiB.
func residentKiB() -> Int? { procStatus("VmRSS:") }

/// A `/proc/PID/status` line's number (KiB for the memory lines) of this process, or of `process` (a pid).
func procStatus(_ key: String, process: String = "self") -> Int? {
  guard let data = FileManager.default.contents(atPath: "/proc/\(process)/status") else { return nil }
  for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(key) {
    return Int(line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
  }
  return nil
}

/// The built `notes-lsp`, next to this executable (it may not exist).
func builtNotesLSP() -> URL {
  URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("notes-lsp")
}

/// Gives the memory malloc holds free back to the system (glibc `malloc_trim`), so a later peak is not an earlier
/// run's leftovers.
func releaseFreedMemory() {
  #if canImport(Glibc)
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
      typealias Trim = @convention(c) (Int) -> Int32
      _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
  #endif
}

/// Resets the peak-memory mark (Linux: `echo 5 > /proc/self/clear_refs`), so the next peak is this phase's own.
func resetPeakResident() {
  if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
    handle.write(Data("5".utf8))
    try? handle.close()
  }
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU seconds (user + system) used so far by this process (all threads) and by its waited-for children.
func cpuSeconds() -> (own: Double, children: Double) {
  func total(_ who: Int32) -> Double {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(__rusage_who_t(who), &usage)
    #else
      getrusage(who, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) / 1e6
  }
  #if canImport(Glibc)
    return (total(Int32(RUSAGE_SELF.rawValue)), total(Int32(RUSAGE_CHILDREN.rawValue)))
  #else
    return (total(RUSAGE_SELF), total(RUSAGE_CHILDREN))
  #endif
}

/// Wall-clock and CPU time of one measurement (the best of several runs).
struct Timing {
  var wall = Double.infinity
  var cpu = Double.infinity
}

/// The best (lowest) wall-clock and CPU time of `runs` runs of `body`; CPU time counts this process when
/// `inProcess`, else its children (so it stays meaningful on a machine that is busy with other work).
func best(_ runs: Int, inProcess: Bool = true, _ body: () throws -> Void) rethrows -> Timing {
  var timing = Timing()
  for _ in 0..<max(1, runs) {
    let clock = ContinuousClock()
    let cpuStart = cpuSeconds()
    let start = clock.now
    try body()
    timing.wall = min(timing.wall, seconds(clock.now - start))
    let cpuEnd = cpuSeconds()
    timing.cpu = min(timing.cpu, inProcess ? cpuEnd.own - cpuStart.own : cpuEnd.children - cpuStart.children)
  }
  return timing
}

/// A program that could not be started.
struct SpawnError: Error, CustomStringConvertible {
  var program: String
  var code: Int32
  var description: String { "cannot start \(program): error \(code)" }
}

/// Runs `program` with `arguments`, stdout and stderr to /dev/null, and waits for it. NOTE: posix_spawn + waitpid
/// rather than Foundation's `Process`, whose start-up costs ~50 ms a run and would flatter the comparison with `cat`.
func spawnAndWait(_ program: String, _ arguments: [String]) throws {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) }
  argv.append(nil)
  defer { for pointer in argv { free(pointer) } }
  var pid = pid_t()
  let result = posix_spawn(&pid, program, &actions, nil, argv, environ)
  guard result == 0 else { throw SpawnError(program: program, code: result) }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
}

/// `cat FILE… > /dev/null`, in batches of 2,000 files as xargs would.
func runCat(_ files: [URL]) throws {
  var start = 0
  while start < files.count {
    let batch = files[start..<min(files.count, start + 2000)]
    try spawnAndWait("/bin/cat", batch.map(\.path))
    start += batch.count
  }
}

/// Runs the check engine over `files` with default settings, output formatted but not kept.
@discardableResult
func runEngine(
  _ files: [URL], format: OutputFormat = .text, without off: [DiagnosticCode] = [], reportOn: Set<String>? = nil
) -> CheckEngine.Result {
  var configuration = NotesConfiguration()
  for code in off { configuration.settings.severities[code] = .some(nil) }
  let engine = CheckEngine(configuration: configuration, currentDirectory: FileManager.default.currentDirectoryPath)
  return engine.check(
    files: files, reportOn: reportOn, workspace: NotesWorkspace(), format: format,
    output: CapturedCheckOutput(keepsOutput: false))
}

/// Runs the built `notes-lsp --check` (next to this executable) over `folder`, output to /dev/null.
func runBuiltChecker(_ executable: URL, _ folder: URL) throws {
  try spawnAndWait(executable.path, ["--check", "--no-config", folder.path])
}

func formatRate(_ value: Double, _ unit: String) -> String { String(format: "%10.1f %@", value, unit) }

/// Prints one comparison block: wall-clock and CPU time, MB/s and notes/s, and the ratios to `cat`.
func report(label: String, files: Int, bytes: Int, notes: Int, engine: Timing, cat: Timing, process: Timing?) {
  let megabytes = Double(bytes) / 1_000_000
  print("\(label): \(files) files, \(String(format: "%.2f", megabytes)) MB, \(notes) meeting notes")
  let blank = "".padding(toLength: 30, withPad: " ", startingAt: 0)
  print("  \(blank)        wall       MB/s     notes/s |         CPU       MB/s     notes/s")
  func line(_ name: String, _ t: Timing) {
    let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
    func columns(_ time: Double) -> String {
      String(format: "%8.1f ms %10.1f %11.0f", time * 1000, megabytes / time, Double(notes) / time)
    }
    print("  \(padded) \(columns(t.wall)) | \(columns(t.cpu))")
  }
  line("check engine (in process)", engine)
  if let process { line("notes-lsp --check (process)", process) }
  line("cat (same files)", cat)
  var ratios = String(format: "  engine / cat: %.1f× wall, %.1f× CPU", engine.wall / cat.wall, engine.cpu / cat.cpu)
  if let process {
    ratios += String(format: "; process / cat: %.1f× wall, %.1f× CPU", process.wall / cat.wall, process.cpu / cat.cpu)
  }
  print(ratios)
}

func runCheckBenchmark(arguments: [String]) -> Int32 {
  var notes = 10_000
  var runs = 3
  var keep = false
  var corpus = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
    "../shared/corpus/notes"
  ).standardizedFileURL
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    func value() -> String? {
      index += 1
      return index < arguments.count ? arguments[index] : nil
    }
    switch argument {
    case "--notes": notes = Int(value() ?? "") ?? notes
    case "--runs": runs = Int(value() ?? "") ?? runs
    case "--corpus": corpus = URL(fileURLWithPath: value() ?? corpus.path).standardizedFileURL
    case "--keep": keep = true
    default:
      FileHandle.standardError.write(Data("notes-bench check: unknown argument '\(argument)'\n".utf8))
      return 2
    }
    index += 1
  }
  let builtChecker = builtNotesLSP()
  let hasBuiltChecker = FileManager.default.isExecutableFile(atPath: builtChecker.path)
  print(
    "notes-bench check: best of \(runs) runs; \(ProcessInfo.processInfo.activeProcessorCount) cores; "
      + "each note parsed once")

  do {
    // The real corpus.
    let corpusFiles = NoteFiles.discover(roots: [corpus], configuration: NotesConfiguration())
    if corpusFiles.isEmpty {
      print("corpus: no notes under \(corpus.path) (skipped)")
    } else {
      runEngine(corpusFiles)  // warm the page cache and the code
      var result = runEngine(corpusFiles)
      let engine = best(runs) { result = runEngine(corpusFiles) }
      let cat = try best(runs, inProcess: false) { try runCat(corpusFiles) }
      let process =
        hasBuiltChecker ? try best(runs, inProcess: false) { try runBuiltChecker(builtChecker, corpus) } : nil
      report(
        label: "corpus \(corpus.path)", files: corpusFiles.count, bytes: result.summary.bytes,
        notes: result.summary.notes, engine: engine, cat: cat, process: process)
    }

    // A generated workspace.
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "notes-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: folder)
    var generator = WorkspaceGenerator()
    let clock = ContinuousClock()
    let generationStart = clock.now
    let generated = try generator.write(count: notes, to: folder)
    print(
      "generated \(generated.files.count) notes (\(String(format: "%.1f", Double(generated.bytes) / 1_000_000)) MB) "
        + "in \(folder.path) in \(String(format: "%.1f", seconds(clock.now - generationStart))) s")
    defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
    let files = NoteFiles.discover(roots: [folder], configuration: NotesConfiguration())

    // Memory: the peak of a run over 1,000 files, then over all of them.
    let baseline = residentKiB() ?? 0
    let small = Array(files.prefix(1000))
    resetPeakResident()
    runEngine(small)
    let peakSmall = peakResidentKiB() ?? 0
    // The floor of memory for a design that keeps summaries: pass 1 alone, no note held for pass 2 (none reported).
    // Each peak starts from the memory the run before gave back (`malloc_trim`), so it is the run's own.
    releaseFreedMemory()
    resetPeakResident()
    runEngine(files, reportOn: [])
    let peakSummaries = peakResidentKiB() ?? 0
    releaseFreedMemory()
    resetPeakResident()
    var result = runEngine(files)
    let peakAll = peakResidentKiB() ?? 0

    let engine = best(runs) { result = runEngine(files) }
    let cat = try best(runs, inProcess: false) { try runCat(files) }
    let process = hasBuiltChecker ? try best(runs, inProcess: false) { try runBuiltChecker(builtChecker, folder) } : nil
    report(
      label: "generated workspace", files: files.count, bytes: result.summary.bytes, notes: result.summary.notes,
      engine: engine, cat: cat, process: process)
    // The floor of each stage before the rules, on the same files, next to `cat`.
    for (name, timing) in stageTimings(files, runs: runs) {
      print(
        String(
          format: "  stage %@: %.1f ms wall, %.1f ms CPU (%.1f× / %.1f× cat)",
          name.padding(toLength: 24, withPad: " ", startingAt: 0), timing.wall * 1000, timing.cpu * 1000,
          timing.wall / cat.wall, timing.cpu / cat.cpu))
    }
    // The cost of the cross-meeting item rules: the same run with `action-item.dropped` (then also
    // `action-item.stale`) turned off, measured here next to the full run.
    let noDropped = best(runs) { runEngine(files, without: [.actionItemDropped]) }
    let noCarryOver = best(runs) { runEngine(files, without: [.actionItemDropped, .actionItemStale]) }
    print(
      String(
        format:
          "  action-item.dropped: %.1f ms CPU of %.1f ms (%.0f%%); dropped + stale: %.1f ms (%.0f%%)",
        (engine.cpu - noDropped.cpu) * 1000, engine.cpu * 1000, 100 * (engine.cpu - noDropped.cpu) / engine.cpu,
        (engine.cpu - noCarryOver.cpu) * 1000, 100 * (engine.cpu - noCarryOver.cpu) / engine.cpu))
    print(
      "  findings: \(result.summary.errors) errors, \(result.summary.warnings) warnings, "
        + "\(result.summary.information) information, \(result.summary.hints) hints")
    print(
      "  peak RSS (VmHWM): \(peakSmall / 1024) MiB after \(small.count) files, \(peakAll / 1024) MiB after "
        + "\(files.count) files (RSS before: \(baseline / 1024) MiB); \(peakSummaries / 1024) MiB after \(files.count) "
        + "files with no note held for pass 2 (summaries and the workspace only)")
    return 0
  } catch {
    FileHandle.standardError.write(Data("notes-bench check: \(error)\n".utf8))
    return 2
  }
}

/// What a note costs on the way to its findings, stage by stage, over `files` on every core as the engine runs
/// (best of `runs`): reading the bytes, then also decoding and parsing them (`NoteSource.load`), then also the
/// summary pass 1 keeps (`NoteSummary`). The first is the floor any checker pays; each later one is the floor of
/// the stages before the rules.
func stageTimings(_ files: [URL], runs: Int) -> [(name: String, timing: Timing)] {
  let settings = NotesSettings()
  func onEveryCore(_ body: @escaping @Sendable (URL) -> Void) {
    DispatchQueue.concurrentPerform(iterations: files.count) { body(files[$0]) }
  }
  let read = best(runs) { onEveryCore { _ = try? NoteFiles.readBytes($0) } }
  let parse = best(runs) { onEveryCore { _ = NoteSource.load($0, settings: settings) } }
  let summary = best(runs) {
    onEveryCore { url in
      if let document = NoteSource.load(url, settings: settings).document { _ = NoteSummary(document) }
    }
  }
  return [("read (Swift)", read), ("read + decode + parse", parse), ("read + parse + summary", summary)]
}
