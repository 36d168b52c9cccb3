import Foundation

// Shared by `notes-bench fuzz` and the tests (Tests/NotesCoreTests/Robustness and Tests/NotesServerTests/Fuzz link to
// this file): mutants of real notes.

/// Makes mutants of real notes: byte and line mutations, stacked one to four deep. Input `index` of a run seeded
/// with `seed` is always the same bytes, so a failure reproduces alone.
struct NoteMutator {
  /// A real note: where it lives (the mutant takes its place in the workspace) and its bytes.
  struct Seed {
    var uri: String
    var bytes: [UInt8]
  }

  /// Limits on the sizes the mutations reach; the in-test run keeps them small.
  struct Limits {
    /// The longest line a mutation writes, in bytes.
    var longLine = 200_000
    /// The most lines a nesting or table mutation writes.
    var manyLines = 4_000
    /// The most copies a duplication makes.
    var copies = 200
    /// The most rows of a table whose initials are not initials (`P12`).
    var malformedRows = 4_000
    static let test = Limits(longLine: 8_000, manyLines: 300, copies: 20, malformedRows: 300)
  }

  /// One mutant: the note it came from, the mutations applied (for the report) and its bytes.
  struct Mutant {
    var seedURI: String
    var mutations: [String]
    var bytes: [UInt8]
  }

  let seeds: [Seed]
  let seed: UInt64
  let limits: Limits

  init(seeds: [Seed], seed: UInt64, limits: Limits = Limits()) {
    self.seeds = seeds.isEmpty ? [Seed(uri: "file:///fuzz/2024-01-10.md", bytes: Array(Self.fallback.utf8))] : seeds
    self.seed = seed
    self.limits = limits
  }

  /// A note to mutate when no corpus is found.
  static let fallback = """
    # 2024-01-10 conda-forge core meeting

    [last week](2024-01-03.md)

    ## Attendees

    | Name | Initials | GitHub ID |
    | ---- | -------- | --------- |
    | Jaime Rodríguez-Guerra 🎉 | JRG | jaimergp |
    | Marcel Bargull | MB | mbargull |

    2 people total

    ## Agenda

    - [ ] (JRG) look at cfep-3 and CEP 12
      - [x] MB: done
    * [ ] (jrg/MB) nested 🎉 owner

    """

  /// Markdown fragments that steer the parser into its interesting states.
  static let tokens: [String] = [
    "- [ ] ", "- [x] ", "* [ ] (", "(AB) ", "(AB/CD, EF) ", "JRG: ", "@jaimergp ", "|", "| --- |", "## Attendees\n",
    "### From previous meeting(s)\n", "---\n", "```\n", "~~~", "<!--", "-->", "cfep-", "CFEP 12", "CEP-7 ",
    "[last week](",
    "](2021-08-25.md)", "# 2024-02-30 ", "2021-13-01", "people total", "\t", "    ", "> ", "1. ", "🎉", "Rodríguez",
    "\u{200B}", "\u{FEFF}", "\r", "\r\n", "\u{0}", "\\", "`", "**", "<details>", "title: x\n", "tags: [a, b]\n",
    "<!-- notes-lsp-disable-line -->", "<!-- notes-lsp-disable -->",
  ]

  /// Byte sequences that are not valid UTF-8: stray continuation bytes, overlong forms, surrogates, truncation.
  static let invalidUTF8: [[UInt8]] = [
    [0x80], [0xBF], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x8E],
    [0xF4, 0x90, 0x80, 0x80],
    [0xFF], [0xFE, 0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
  ]

  /// Input `index` of the run.
  func mutant(_ index: Int) -> Mutant {
    var random = FuzzRandom(seed: seed, index: index)
    let source = seeds[random.below(seeds.count)]
    var bytes = source.bytes
    var applied: [String] = []
    let depth = 1 + random.below(4)
    for _ in 0..<depth {
      applied.append(mutate(&bytes, &random))
    }
    return Mutant(seedURI: source.uri, mutations: applied, bytes: bytes)
  }

  /// Applies one random mutation; returns its name.
  func mutate(_ bytes: inout [UInt8], _ random: inout FuzzRandom) -> String {
    let lines = Self.lineRanges(bytes)
    func randomLine() -> Range<Int> { lines[random.below(lines.count)] }
    func randomOffset() -> Int { random.below(bytes.count + 1) }
    func lineRun() -> Range<Int> {
      let first = random.below(lines.count)
      let last = min(lines.count - 1, first + random.below(12))
      return lines[first].lowerBound..<lines[last].upperBound
    }
    switch random.below(17) {
    case 0:
      // Splice: lines of another note into this one.
      let other = seeds[random.below(seeds.count)].bytes
      let otherLines = Self.lineRanges(other)
      let first = random.below(otherLines.count)
      let last = min(otherLines.count - 1, first + random.below(30))
      let at = randomLine().lowerBound
      bytes.insert(contentsOf: other[otherLines[first].lowerBound..<otherLines[last].upperBound], at: at)
      return "splice"
    case 1:
      let run = lineRun()
      let copies = 1 + random.below(random.oneIn(8) ? limits.copies : 4)
      let chunk = Array(bytes[run])
      for _ in 0..<copies { bytes.insert(contentsOf: chunk, at: run.upperBound) }
      return "duplicate-lines×\(copies)"
    case 2:
      bytes.removeSubrange(lineRun())
      return "delete-lines"
    case 3:
      let start = randomOffset()
      let end = min(bytes.count, start + random.below(64))
      bytes.removeSubrange(start..<end)
      return "delete-bytes"
    case 4:
      let count = 1 + random.below(32)
      bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: randomOffset())
      return "random-bytes"
    case 5:
      bytes.insert(contentsOf: random.pick(Self.invalidUTF8), at: randomOffset())
      return "invalid-utf8"
    case 6:
      let at = randomOffset()
      switch random.below(4) {
      case 0: bytes.insert(0, at: at)
      case 1: bytes.insert(0x0D, at: at)
      case 2: bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: random.oneIn(2) ? 0 : at)
      default:
        // Every line break as CRLF, or as a lone CR.
        let lone = random.oneIn(2)
        var converted: [UInt8] = []
        converted.reserveCapacity(bytes.count + lines.count)
        for b in bytes {
          if b == 0x0A {
            converted.append(0x0D)
            if !lone { converted.append(0x0A) }
          } else {
            converted.append(b)
          }
        }
        bytes = converted
        return lone ? "lone-cr" : "crlf"
      }
      return "nul-cr-bom"
    case 7:
      let token = random.pick(Self.tokens)
      bytes.insert(contentsOf: Array(token.utf8), at: random.oneIn(2) ? randomLine().lowerBound : randomOffset())
      return "token"
    case 8:
      // A very long line made of a repeated fragment.
      let fragment = Array(random.pick(Self.tokens + ["(AB) cfep-12 [x](y) 🎉 ", "a", " ", "|a"]).utf8)
      let length = 1000 + random.below(max(1, limits.longLine - 1000))
      var line: [UInt8] = []
      line.reserveCapacity(length + fragment.count + 1)
      while line.count < length { line += fragment }
      line.append(0x0A)
      bytes.insert(contentsOf: line, at: randomLine().lowerBound)
      return "long-line(\(line.count))"
    case 9:
      // Deep nesting: ever more indented items, headings of every level, quotes in quotes.
      // Built as bytes: `String(repeating:count:)` appends a character at a time, and the deepest of these are
      // megabytes.
      let count = 10 + random.below(limits.manyLines)
      var text: [UInt8] = []
      switch random.below(3) {
      case 0:
        // NOTE: depth climbs to 128 levels and starts again: deeper lists take the same paths, and an indent that
        // grew with every one of 4,000 lines made these inputs megabytes each (most of the run's bytes and time).
        for n in 0..<count {
          text += [UInt8](repeating: 0x20, count: n % 128 * 2)
          text += "- [ ] (AB) nested \(n)\n".utf8
        }
      case 1:
        for n in 0..<count {
          text += [UInt8](repeating: 0x23, count: 1 + n % 8)
          text += " heading \(n)\n".utf8
        }
      default:
        for n in 0..<min(count, 500) {
          for _ in 0..<n { text += [0x3E, 0x20] }
          text += "- [ ] quoted\n".utf8
        }
      }
      bytes.insert(contentsOf: text, at: randomLine().lowerBound)
      return "deep-nesting(\(count))"
    case 10:
      // A huge table: many rows, or one row with many columns.
      var text = "\n## Attendees\n\n| Name | Initials | GitHub ID |\n| --- | --- | --- |\n"
      if random.oneIn(3) {
        let columns = 10 + random.below(limits.manyLines)
        text +=
          String(decoding: Array(repeatElement(Array("| x ".utf8), count: columns).joined()), as: UTF8.self) + "|\n"
      } else if random.oneIn(4) {
        for n in 0..<(10 + random.below(limits.malformedRows)) {
          text += "| Person \(n) Rodríguez | P\(n) | handle\(n) |\n"
        }
      } else {
        for n in 0..<(10 + random.below(limits.manyLines)) {
          text += "| Person \(n) Rodríguez | \(Self.letters(n)) | handle\(n) |\n"
        }
      }
      bytes.insert(contentsOf: Array(text.utf8), at: randomLine().lowerBound)
      return "huge-table"
    case 11:
      for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
        bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
      }
      return "bit-flips"
    case 12:
      // Swap two lines.
      let a = randomLine()
      let b = randomLine()
      guard a != b else { return "swap-lines" }
      let (first, second) = a.lowerBound < b.lowerBound ? (a, b) : (b, a)
      guard first.upperBound <= second.lowerBound else { return "swap-lines" }
      let replaced = Array(bytes[second]) + Array(bytes[first.upperBound..<second.lowerBound]) + Array(bytes[first])
      bytes.replaceSubrange(first.lowerBound..<second.upperBound, with: replaced)
      return "swap-lines"
    case 13:
      // Truncate anywhere, including inside a multi-byte character.
      bytes.removeSubrange(randomOffset()..<bytes.count)
      return "truncate"
    case 14:
      // Strip every newline of a run of lines (one long line of many items).
      let run = lineRun()
      bytes.replaceSubrange(run, with: bytes[run].filter { $0 != 0x0A })
      return "join-lines"
    case 15:
      // Indent or dedent a run of lines.
      let run = lineRun()
      let indent = [UInt8](repeating: random.oneIn(3) ? 0x09 : 0x20, count: 1 + random.below(9))
      var out: [UInt8] = []
      var atLineStart = true
      for b in bytes[run] {
        if atLineStart { out += indent }
        out.append(b)
        atLineStart = b == 0x0A
      }
      bytes.replaceSubrange(run, with: out)
      return "indent"
    default:
      // Many short random tokens: a dense soup of Markdown punctuation.
      var soup: [UInt8] = []
      for _ in 0..<(1 + random.below(200)) { soup += Array(random.pick(Self.tokens).utf8) }
      bytes.insert(contentsOf: soup, at: randomOffset())
      return "token-soup"
    }
  }

  /// Initials for row `n`: two to four capital letters.
  static func letters(_ n: Int) -> String {
    var result = ""
    var k = n + 26
    while k > 0 && result.count < 4 {
      result.append(Character(UnicodeScalar(UInt8(65 + k % 26))))
      k /= 26
    }
    return result
  }

  /// Each line's byte range, terminator included; never empty (an empty text is one empty line).
  static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      ranges.append(start..<(i + 1))
      start = i + 1
    }
    if start < bytes.count || ranges.isEmpty { ranges.append(start..<bytes.count) }
    return ranges
  }
}
