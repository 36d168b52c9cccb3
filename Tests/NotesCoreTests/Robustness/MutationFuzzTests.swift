import Foundation
import Testing

@testable import NotesCore

/// The mutation fuzzer (`notes-bench fuzz`, FuzzMutations.swift / FuzzChecks.swift, linked here from
/// Sources/notes-bench) in a short run with a fixed seed: mutants of the smaller corpus notes, every core feature at
/// random positions, each input on a worker with a deadline so that a hang fails the test instead of stopping it.
@Suite struct MutationFuzzTests {
  /// The corpus notes of at most 4 KB (most notes are larger; the long run of `notes-bench fuzz` takes them all).
  static let seeds: [NoteMutator.Seed] = fuzzSeeds(under: ParserTestSupport.corpusRoot.appendingPathComponent("notes"))
    .filter { $0.bytes.count <= SmallFuzz.maxSeedBytes }

  @Test func mutantsOfRealNotesKeepEveryPromise() {
    let mutator = NoteMutator(seeds: Self.seeds, seed: 13, limits: .test)
    // The workspace holds a third of the seeds (references and the people directory look through all of it).
    let held = Self.seeds.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    let probe = FeatureProbe(
      bases: fuzzBaseWorkspaces(
        seeds: held, reference: ParserTestSupport.corpusRoot.appendingPathComponent("reference")),
      positions: SmallFuzz.positions, widePositions: SmallFuzz.widePositions)
    // A generous deadline: it is wall-clock time, and the build machine is shared.
    let report = runMutationFuzz(mutator: mutator, probe: probe, indexes: 0..<300, deadline: 60)
    print(
      "mutation fuzz: \(report.inputs) inputs (\(report.bytes / 1000) KB) from \(Self.seeds.count) notes, "
        + "\(report.failures.count) failures, \(report.hangs.count) hangs, slowest input \(report.slowest.index) "
        + "\(String(format: "%.2f", report.slowest.seconds)) s, \(String(format: "%.1f", report.seconds)) s")
    #expect(report.inputs == 300)
    for failure in report.failures {
      Issue.record(
        "input \(failure.index) (seed 13, \(failure.seedURI), \(failure.mutations)): \(failure.problems.joined(separator: "; "))"
      )
    }
    for hang in report.hangs {
      Issue.record(
        "input \(hang.index) (seed 13, \(hang.mutations)) ran over \(hang.seconds) s: notes-bench fuzz --small --seed 13 --only \(hang.index)"
      )
    }
  }

  /// The worker reports an input that overruns its deadline, and the run goes on with the next one.
  @Test func aHangIsReportedWithoutStoppingTheRun() {
    let worker = DeadlineWorker(deadline: 0.05)
    let release = DispatchSemaphore(value: 0)
    let first = worker.run { release.wait() }
    let second = worker.run {}
    release.signal()
    guard case .timedOut = first else {
      Issue.record("the overrunning job was not reported")
      return
    }
    guard case .finished = second else {
      Issue.record("the job after a hang did not run")
      return
    }
  }

  /// Inputs are reproducible one by one: input `i` is the same bytes whatever ran before it.
  @Test func inputsReplayAlone() {
    let mutator = NoteMutator(seeds: Self.seeds, seed: 13, limits: .test)
    #expect(mutator.mutant(57).bytes == mutator.mutant(57).bytes)
    #expect(mutator.mutant(57).bytes != mutator.mutant(58).bytes)
  }
}
