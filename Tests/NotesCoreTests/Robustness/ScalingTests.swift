import Foundation
import Testing

@testable import NotesCore

/// Growth of every core phase in every input dimension (`notes-bench scale`, ScalingBenchmark.swift, linked here from
/// Sources/notes-bench), on small sizes: 1× and 8× measured in one run (thread CPU time, best of a few runs), and each
/// ratio checked against a generous bound. Near-linear work gives about 8×, quadratic work about 64×.
@Suite struct ScalingTests {
  static let factor = 8
  /// The bound on every ratio: three times linear, far below quadratic.
  static let bound = 24.0
  /// Below this (at 8×) a phase is too fast for its ratio to mean anything.
  static let floor = 0.004

  /// The small sizes at 1×, per dimension.
  static let sizes: [String: Int] = [
    "people": 100, "attendees in one note": 40, "items per note": 60, "notes": 25, "headings per note": 150,
    "lines": 300, "line length": 2_000, "line length, unclosed links": 2_000,
  ]

  /// Phases that are quadratic on this branch and fixed by another change of issue 13: the bound they get until it is
  /// merged.
  static let knownQuadratic: [String: (phases: Set<ScalingPhase>, bound: Double)] = [
    // FIXME(issue 13.4): the people join and the per-note identity count are quadratic in distinct people; tighten
    // to `bound` (remove these two entries) once the people-join fix is merged.
    "people": ([.index, .peopleJoin], 80),
    // FIXME(issue 13.4): and in one note's table, `initials.malformed` looks for a hint through every person whose
    // first name starts with the malformed cell's letters, for each such row: cubic (×150 at 100 → 800 rows in a
    // debug build). Remove this entry once fixed.
    "attendees in one note": ([.index, .peopleJoin, .diagnostics], 600),
    // FIXME(issue 13.5): item matching between two notes is quadratic in open items (the carry-over diagnostics and
    // the carry-over code action use it); remove this entry once the item-matching fix is merged.
    "items per note": ([.diagnostics, .codeActions], 80),
    // FIXME(issue 13): the code action for a placeholder previous-meeting link (`CodeActions.targetRange`) scans to
    // the end of the line for each unclosed `[last week](`: quadratic in line length (an 11 MB mutant of the long
    // fuzz run took over 120 s: `notes-bench fuzz --seed 1 --only 12289`). No helper of issue 13 owns it; remove this
    // entry once fixed.
    "line length, unclosed links": ([.codeActions], 80),
  ]

  @Test(arguments: ScalingDimension.all.map(\.name))
  func everyPhaseGrowsNearLinearly(_ name: String) throws {
    let dimension = try #require(ScalingDimension.all.first { $0.name == name })
    let size = try #require(Self.sizes[name])
    let rows = measureScaling(dimension, size: size, factor: Self.factor)
    print(
      "scaling \(name) \(size) → \(size * Self.factor): "
        + rows.map { "\($0.phase.rawValue) ×\(String(format: "%.1f", $0.ratio))" }.joined(separator: ", "))
    for row in rows where row.large >= Self.floor {
      let known = Self.knownQuadratic[name]
      let bound = known?.phases.contains(row.phase) == true ? known!.bound : Self.bound
      #expect(
        row.ratio < bound,
        "\(name): \(row.phase.rawValue) \(String(format: "%.2f", row.small * 1000)) ms → \(String(format: "%.2f", row.large * 1000)) ms (×\(String(format: "%.1f", row.ratio)))"
      )
    }
  }
}
