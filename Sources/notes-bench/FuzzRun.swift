import Foundation
import NotesCore

// Shared by `notes-bench fuzz` and Tests/NotesCoreTests/Robustness (which links to this file): a run of the
// mutation fuzzer over a range of input indexes, each under a deadline.

/// What a run of the mutation fuzzer found.
struct MutationFuzzReport {
  /// An input that broke a promise, with the mutations that made it.
  struct Failure {
    var index: Int
    var seedURI: String
    var mutations: [String]
    var problems: [String]
  }

  var inputs = 0
  var bytes = 0
  var failures: [Failure] = []
  /// Inputs that overran the deadline: index, how long they had run when given up on, and their mutations.
  var hangs: [(index: Int, seconds: Double, mutations: [String])] = []
  var slowest: (index: Int, seconds: Double) = (-1, 0)
  var seconds = 0.0

  mutating func merge(_ other: MutationFuzzReport) {
    inputs += other.inputs
    bytes += other.bytes
    failures += other.failures
    hangs += other.hangs
    if other.slowest.seconds > slowest.seconds { slowest = other.slowest }
    seconds += other.seconds
  }
}

/// Runs inputs `indexes` of `mutator` through `probe`, each on a worker with `deadline` seconds (stopping after the
/// first input that overran it, when `stopAfterHang`).
/// `willRun` is called with each index before its input runs (the supervisor uses it to name a crashing input).
func runMutationFuzz(
  mutator: NoteMutator, probe: FeatureProbe, indexes: Range<Int>, deadline: Double, stopAfterHang: Bool = false,
  willRun: (Int) -> Void = { _ in }
) -> MutationFuzzReport {
  var report = MutationFuzzReport()
  let worker = DeadlineWorker(deadline: deadline)
  defer { worker.stop() }
  let started = DispatchTime.now().uptimeNanoseconds
  for index in indexes {
    willRun(index)
    let mutant = mutator.mutant(index)
    let box = ProblemBox()
    let outcome = worker.run {
      var random = FuzzRandom(seed: mutator.seed ^ 0x5EED, index: index)
      box.set(probe.check(mutant, random: &random))
    }
    report.inputs += 1
    report.bytes += mutant.bytes.count
    switch outcome {
    case .finished(let seconds):
      if seconds > report.slowest.seconds { report.slowest = (index, seconds) }
      let problems = box.get()
      if !problems.isEmpty {
        report.failures.append(
          .init(
            index: index, seedURI: mutant.seedURI, mutations: mutant.mutations, problems: Array(problems.prefix(5))))
      }
    case .timedOut(let seconds):
      report.hangs.append((index, seconds, mutant.mutations))
      if seconds > report.slowest.seconds { report.slowest = (index, seconds) }
      // A child process stops here, so that its exit ends the stuck thread; the supervisor goes on after it.
      if stopAfterHang { break }
    }
  }
  report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
  return report
}

/// The problems a worker found, handed back across threads.
final class ProblemBox: @unchecked Sendable {
  private let lock = NSLock()
  private var problems: [String] = []
  func set(_ value: [String]) { lock.withLock { problems = value } }
  func get() -> [String] { lock.withLock { problems } }
}

/// The folder of a note's URI (everything before its last `/`).
func fuzzFolder(of uri: String) -> String {
  String(uri[..<(uri.lastIndex(of: "/") ?? uri.endIndex)])
}

/// The workspaces mutants join, by folder: the seed notes of each folder, with the corpus rosters and registries
/// when they are found next to the notes (`<corpus>/reference`).
func fuzzBaseWorkspaces(seeds: [NoteMutator.Seed], reference: URL?) -> [String: NotesWorkspace] {
  let empty = fuzzBaseWorkspace(seeds: [], reference: reference)
  var bases: [String: NotesWorkspace] = [:]
  for seed in seeds {
    bases[fuzzFolder(of: seed.uri), default: empty].update(uri: seed.uri, text: DecodedText(bytes: seed.bytes).text)
  }
  return bases.isEmpty ? ["": empty] : bases
}

/// A workspace of `seeds`, with the corpus rosters and registries when they are found next to the notes.
func fuzzBaseWorkspace(seeds: [NoteMutator.Seed], reference: URL?) -> NotesWorkspace {
  var workspace = NotesWorkspace(settings: NotesSettings(inlayHints: true))
  if let reference {
    for name in ["core.csv", "emeritus.csv"] {
      if let data = try? Data(contentsOf: reference.appendingPathComponent(name)) {
        workspace.setRoster(name: name, text: String(decoding: data, as: UTF8.self))
      }
    }
    for (kind, name) in [(ProposalKind.cfep, "cfeps.tsv"), (.cep, "ceps.tsv")] {
      if let data = try? Data(contentsOf: reference.appendingPathComponent(name)) {
        workspace.setRegistry(kind, name: name, text: String(decoding: data, as: UTF8.self))
      }
    }
  }
  for seed in seeds { workspace.update(uri: seed.uri, text: DecodedText(bytes: seed.bytes).text) }
  return workspace
}

/// The in-test configuration (`notes-bench fuzz --small` replays it): seeds of at most 4 KB, small mutations, few
/// positions.
enum SmallFuzz {
  static let maxSeedBytes = 4096
  static let positions = 3
  static let widePositions = 1
}

/// The notes under `folder` (`*.md`, sorted) as seeds.
func fuzzSeeds(under folder: URL) -> [NoteMutator.Seed] {
  guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
  var seeds: [NoteMutator.Seed] = []
  for case let url as URL in enumerator where url.pathExtension == "md" {
    if let data = try? Data(contentsOf: url) { seeds.append(.init(uri: url.absoluteString, bytes: Array(data))) }
  }
  return seeds.sorted { $0.uri < $1.uri }
}
