import Foundation
import Testing

@testable import NotesCore

/// The people join grows near-linearly in distinct people (O(N log N) plus pairs within one first-name or
/// initials group; see `PeopleIndex`): 8× the people must not cost anywhere near 64× the time.
@Suite struct PeopleJoinGrowthTests {
  /// One note whose attendee table lists `count` distinct people: generated names (distinct first names and
  /// surnames), initials, handles, and a quarter listed by name only (so the name rules run).
  static func note(_ count: Int) -> String {
    let syllables = ["ka", "lo", "mi", "ta", "re", "su", "no", "vi", "da", "ne", "po", "ru", "zi", "fe", "go", "hu"]
    func word(_ n: Int, _ salt: Int) -> String {
      var n = n * 7 + salt
      var result = ""
      repeat {
        result += syllables[n % syllables.count]
        n /= syllables.count
      } while n > 0
      return result.prefix(1).uppercased() + result.dropFirst()
    }
    var lines = [
      "# 2024-01-10 meeting", "", "## Attendees", "", "| Name | Initials | GitHub ID | Affiliation |", "|-|-|-|-|",
    ]
    for i in 0..<count {
      let first = word(i, 1)
      let last = word(i, 3)
      let initials = i % 4 == 0 ? "" : String(first.prefix(1) + last.prefix(2)).uppercased()
      let handle = i % 4 == 0 ? "" : "user\(i)"
      lines.append("| \(first) \(last) | \(initials) | \(handle) | x |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func joinTime(_ count: Int) -> Double {
    let text = note(count)
    let start = DispatchTime.now().uptimeNanoseconds
    // One note holding every person: its attendees are counted into the workspace, then joined.
    var workspace = NotesWorkspace()
    workspace.update(uri: "n/2024-01-10.md", text: text)
    let people = workspace.people.count
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    #expect(people >= count / 2)
    return elapsed
  }

  @Test func eightTimesThePeopleCostsFarLessThanSixtyFourTimes() {
    _ = Self.joinTime(200)  // warm up
    let small = Self.joinTime(1_000)
    let large = Self.joinTime(8_000)
    let ratio = large / max(small, 1e-6)
    print(
      "people join: 1,000 people \(String(format: "%.3f", small)) s, 8,000 \(String(format: "%.3f", large)) s, ratio \(String(format: "%.1f", ratio))"
    )
    #expect(ratio < 24)
  }
}
