import Foundation
import NotesCore

// `notes-bench scale [--factor F] [--size S] [--dimension NAME]`: every core phase at 1× and F× of each input
// dimension, measured in one run, with the ratio of the times. Near-linear work gives a ratio near F; quadratic work
// gives about F². Shared with Tests/NotesCoreTests/Robustness (which links to this file and checks each ratio
// against a generous bound on small sizes).

/// One way to grow the input: a workspace of notes whose size in that one dimension is `n`.
struct ScalingDimension: Sendable {
  var name: String
  /// The size at 1× (`--size` multiplies it); the test uses a smaller one.
  var base: Int
  /// The notes (URI, text) at size `n`.
  var notes: @Sendable (Int) -> [(uri: String, text: String)]

  /// A date `k` days after 2000-01-01 in a 28-day calendar (every date valid), as `YYYY-MM-DD`.
  static func date(_ k: Int) -> String {
    let year = 2000 + k / 336
    let month = 1 + (k / 28) % 12
    let day = 1 + k % 28
    return String(format: "%04d-%02d-%02d", year, month, day)
  }

  /// Distinct initials for person `i`: three or more letters.
  static func initials(_ i: Int) -> String {
    var letters = ""
    var n = i + 26 * 26
    while n > 0 {
      letters = String(UnicodeScalar(UInt8(65 + n % 26))) + letters
      n /= 26
    }
    return letters
  }

  static func meeting(_ k: Int, folder: String, body: String) -> (uri: String, text: String) {
    let date = Self.date(k)
    return (
      "file:///scale/\(folder)/\(date).md",
      "# \(date) scaling meeting\n\n[last week](\(Self.date(max(0, k - 7))).md)\n\n" + body
    )
  }

  static let attendeeHeader = "## Attendees\n\n| Name | Initials | GitHub ID |\n| --- | --- | --- |\n"

  /// A short ordinary note body: three attendees and a few items.
  static func ordinaryBody(_ k: Int) -> String {
    var body = attendeeHeader
    for i in 0..<3 { body += "| Given\(i) Family\(i) | \(initials(i)) | user\(i) |\n" }
    body += "\n## Agenda\n\n"
    for i in 0..<4 { body += "- [ ] (\(initials(i % 3))) topic \(k)-\(i) about cfep-\(i + 1)\n" }
    return body
  }

  static let all: [ScalingDimension] = [
    // Distinct attendees, spread over 10 notes of one series.
    ScalingDimension(name: "people", base: 1_000) { n in
      (0..<10).map { note in
        var body = attendeeHeader
        for i in stride(from: note, to: n, by: 10) {
          body += "| Given\(i) Family\(i) | \(initials(i)) | user\(i) |\n"
        }
        body += "\n## Agenda\n\n- [ ] (\(initials(note))) follow up\n"
        return meeting(note * 7, folder: "people", body: body)
      }
    },
    // Attendees of one note: a long attendee table, one row in four with initials that are not initials.
    ScalingDimension(name: "attendees in one note", base: 250) { n in
      var body = attendeeHeader
      for i in 0..<n {
        body += "| Given\(i) Rodríguez\(i) | \(i % 4 == 3 ? "g\(i)" : initials(i)) | user\(i) |\n"
      }
      body += "\n## Agenda\n\n- [ ] (\(initials(0))) follow up\n"
      return [meeting(0, folder: "attendees", body: body)]
    },
    // Open items per note, carried from one meeting to the next with their text edited.
    ScalingDimension(name: "items per note", base: 1_000) { n in
      var first = ordinaryBody(0) + "\n## Action items\n\n"
      var second = ordinaryBody(7) + "\n### From previous meeting(s)\n\n"
      for i in 0..<n {
        first += "- [ ] (\(initials(i % 3))) task \(i) on the feedstock number \(i * 7919 % 10007)\n"
        second += "- [ ] (\(initials(i % 3))) task \(i) on the feedstock number \(i * 7919 % 10007), updated\n"
      }
      return [meeting(0, folder: "items", body: first), meeting(7, folder: "items", body: second)]
    },
    // Notes in one series.
    ScalingDimension(name: "notes", base: 500) { n in
      (0..<n).map { k in meeting(k * 7, folder: "notes", body: ordinaryBody(k)) }
    },
    // Headings in one note, each with an item.
    ScalingDimension(name: "headings per note", base: 2_000) { n in
      var body = ordinaryBody(0)
      for i in 0..<n {
        body += "\(String(repeating: "#", count: 2 + i % 3)) Heading \(i)\n- [ ] (\(initials(i % 3))) h\(i)\n"
      }
      return [meeting(0, folder: "headings", body: body)]
    },
    // Lines in one note: items, nested items, text, references.
    ScalingDimension(name: "lines", base: 4_000) { n in
      var body = ordinaryBody(0) + "\n## Notes\n\n"
      for i in 0..<n {
        switch i % 4 {
        case 0: body += "- [ ] (\(initials(i % 3))) line \(i) cfep-\(i % 30)\n"
        case 1: body += "  - [x] \(initials(i % 3)): nested \(i)\n"
        case 2: body += "Some text on line \(i) with 🎉 and Rodríguez.\n"
        default: body += "* CEP \(i % 20) discussed\n"
        }
      }
      return [meeting(0, folder: "lines", body: body)]
    },
    // The length of one line: an item with many owners, references and words.
    ScalingDimension(name: "line length", base: 20_000) { n in
      var line = "- [ ] (\(initials(0))) "
      var i = 0
      while line.utf8.count < n {
        line += "word\(i) cfep-\(i % 30) (\(initials(i % 3))) 🎉 "
        i += 1
      }
      return [meeting(0, folder: "long", body: ordinaryBody(0) + "\n## Agenda\n\n" + line + "\n")]
    },
    // The length of one line of unclosed previous-meeting links (`[last week](` and no `)`), after a previous meeting.
    ScalingDimension(name: "line length, unclosed links", base: 4_000) { n in
      [
        meeting(0, folder: "links", body: ordinaryBody(0)),
        meeting(7, folder: "links", body: ordinaryBody(7) + String(repeating: "[last week](", count: n / 12) + "\n"),
      ]
    },
    // A long title and many placeholder previous-meeting links (`[last week](REPLACE_ME)`), after a previous
    // meeting: the series question the links ask reads the title, and used to be asked once per link.
    ScalingDimension(name: "placeholder links under a long title", base: 8_000) { n in
      let title = String(repeating: "long title words ", count: n / 34)
      let links = String(repeating: "[last week](REPLACE_ME)\n", count: n / 48)
      return [
        meeting(0, folder: "placeholders", body: ordinaryBody(0)),
        (
          uri: "file:///scale/placeholders/\(date(7)).md",
          text: "# \(date(7)) scaling meeting \(title)\n\n" + links + ordinaryBody(7)
        ),
      ]
    },
    // The length of one line of suppression comments that are never closed (`<!-- notes-lsp-disable-line` and no
    // `-->`), where each used to look back to the line's start and on to the text's end.
    ScalingDimension(name: "line length, unclosed suppressions", base: 8_000) { n in
      let comment = "<!-- notes-lsp-disable-line action-item.unowned "
      let line = "- [ ] task " + String(repeating: comment, count: n / comment.utf8.count)
      return [meeting(0, folder: "suppressions", body: ordinaryBody(0) + "\n## Agenda\n\n" + line + "\n")]
    },
  ]
}

/// The phases of the core timed for each dimension.
enum ScalingPhase: String, CaseIterable, Sendable {
  case parse, index
  case peopleJoin = "people join"
  case diagnostics, symbols, folding, hover, completion, references
  case workspaceSymbols = "workspace symbols"
  case codeActions = "code actions"
}

/// The time of each phase at size `n`, in seconds.
func measureScalingPhases(_ dimension: ScalingDimension, size n: Int) -> [ScalingPhase: Double] {
  var times: [ScalingPhase: Double] = [:]
  func time<T>(_ phase: ScalingPhase, _ work: () -> T) -> T {
    let start = threadCPUTime()
    let result = work()
    times[phase] = threadCPUTime() - start
    return result
  }
  let notes = dimension.notes(n)
  let documents = time(.parse) { notes.map { NoteParser.parse(uri: $0.uri, text: $0.text) } }
  let workspace = time(.index) { () -> NotesWorkspace in
    var workspace = NotesWorkspace()
    for document in documents { workspace.update(document) }
    return workspace
  }
  let directory = time(.peopleJoin) { PeopleDirectory(workspace) }
  _ = time(.diagnostics) { documents.reduce(0) { $0 + workspace.diagnostics(for: $1).count } }
  _ = time(.symbols) { documents.reduce(0) { $0 + DocumentSymbolFeature.symbols(in: $1).count } }
  _ = time(.folding) { documents.reduce(0) { $0 + FoldingFeature.regions(in: $1).count } }
  // Cursor requests on the last note (the largest, or the newest of a series), at its owners.
  let focus = documents[documents.count - 1]
  let owners = focus.items.flatMap(\.owners).prefix(20)
  _ = time(.hover) {
    owners.reduce(0) {
      $0
        + (HoverFeature.hover(in: workspace, document: focus, at: $1.range.utf8Start + 1, directory: directory) == nil
          ? 0 : 1)
    }
  }
  _ = time(.completion) {
    owners.reduce(0) {
      $0
        + (Completion.complete(in: workspace, document: focus, at: $1.range.utf8Start + 1, directory: directory)?
          .candidates.count ?? 0)
    }
  }
  _ = time(.references) {
    owners.prefix(3).reduce(0) {
      $0 + (CrossMeetingIndex().references(at: $1.range.utf8Start + 1, in: focus, workspace: workspace)?.count ?? 0)
    }
  }
  _ = time(.workspaceSymbols) { CrossMeetingIndex().symbols("open:", in: workspace).count }
  _ = time(.codeActions) {
    CodeActions.actions(
      in: focus, range: TextRange(utf8Start: 0, utf8End: focus.source.bytes.count), workspace: workspace
    )
    .count
  }
  return times
}

/// The CPU time of the calling thread, in seconds: unlike the wall clock, it does not count time the thread waited
/// for a core while other processes ran (the build machine is shared).
func threadCPUTime() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// One dimension's phases at 1× and `factor`×.
struct ScalingRow: Sendable {
  var dimension: String
  var phase: ScalingPhase
  var small: Double
  var large: Double
  var ratio: Double { large / max(small, 1e-9) }
}

/// Measures `dimension` at `size` and `size × factor` and gives one row per phase.
func measureScaling(_ dimension: ScalingDimension, size: Int, factor: Int) -> [ScalingRow] {
  // The best of three at 1× (after a warm-up), of two at the large size: the least disturbed run of each phase.
  func best(_ size: Int, runs: Int) -> [ScalingPhase: Double] {
    var best: [ScalingPhase: Double] = [:]
    for _ in 0..<runs {
      for (phase, time) in measureScalingPhases(dimension, size: size) { best[phase] = min(best[phase] ?? time, time) }
    }
    return best
  }
  _ = measureScalingPhases(dimension, size: size)
  let small = best(size, runs: 3)
  let large = best(size * factor, runs: 2)
  return ScalingPhase.allCases.map {
    ScalingRow(dimension: dimension.name, phase: $0, small: small[$0] ?? 0, large: large[$0] ?? 0)
  }
}

/// `notes-bench scale`.
func runScalingBenchmark(arguments: [String]) -> Int32 {
  var factor = 8
  var scale = 1.0
  var only: String?
  var rest = arguments[...]
  while let argument = rest.popFirst() {
    switch argument {
    case "--factor": factor = rest.popFirst().flatMap { Int($0) } ?? factor
    case "--size": scale = rest.popFirst().flatMap { Double($0) } ?? scale
    case "--dimension": only = rest.popFirst()
    default:
      FileHandle.standardError.write(
        Data("usage: notes-bench scale [--factor F] [--size MULTIPLIER] [--dimension NAME]\n".utf8))
      return 2
    }
  }
  print(
    "each phase at 1× and \(factor)× of one input dimension; near-linear ≈ \(factor)×, quadratic ≈ \(factor * factor)×")
  for dimension in ScalingDimension.all where only == nil || dimension.name == only {
    let size = max(1, Int(Double(dimension.base) * scale))
    print("\n\(dimension.name): \(size) → \(size * factor)")
    for row in measureScaling(dimension, size: size, factor: factor) {
      let name = row.phase.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
      print(
        "  \(name) \(String(format: "%9.2f", row.small * 1000)) ms → \(String(format: "%9.2f", row.large * 1000)) ms"
          + "   ×\(String(format: "%.1f", row.ratio))")
      fflush(nil)
    }
  }
  return 0
}
