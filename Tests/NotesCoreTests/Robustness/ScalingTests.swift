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
    "people": 100, "attendees in one note": 40, "items per note": 150, "notes": 25, "headings per note": 150,
    "lines": 300, "line length": 2_000, "line length, unclosed links": 2_000,
    "line length, unclosed suppressions": 4_000, "placeholder links under a long title": 4_000,
  ]

  /// Phases with a bound of their own: none now. (The people join, one note's attendee table, references in long
  /// notes, the code action on unclosed previous-meeting links and matching edited items between two notes were
  /// quadratic or worse when these tests were written; each now stays under `bound`.)
  static let knownQuadratic: [String: (phases: Set<ScalingPhase>, bound: Double)] = [:]

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
