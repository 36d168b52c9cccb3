import Foundation

/// Writes a workspace of realistic meeting notes: the two real series' forms (conda-forge tables with a
/// "Check in on previous action items" carry-over section and `(AB)` owners; conda `YYYYMMDD_agenda_and_minutes.md`
/// with `AB:` owners and ordered attendee lists), CFEP/CEP references, prose owners, unowned and empty items, odd
/// initials, headcounts and placeholder links. Notes are written one at a time, so generating uses little memory.
struct WorkspaceGenerator {
  struct Member {
    var name: String
    var initials: String
    var handle: String
    var affiliation: String
  }

  static let people: [Member] = [
    Member(name: "Matthew R Becker", initials: "MRB", handle: "beckermr", affiliation: "conda-forge"),
    Member(name: "Jaime Rodríguez-Guerra", initials: "JRG", handle: "jaimergp", affiliation: "Quansight"),
    Member(name: "John Kirkham", initials: "JK", handle: "jakirkham", affiliation: "NVIDIA"),
    Member(name: "Filipe Fernandes", initials: "FF", handle: "ocefpaf", affiliation: "conda-forge"),
    Member(name: "Wolf Vollprecht", initials: "WV", handle: "wolfv", affiliation: "Prefix.dev"),
    Member(name: "Cheng H. Lee", initials: "CHL", handle: "chenghlee", affiliation: "Anaconda"),
    Member(name: "Jannis Leidel", initials: "JL", handle: "jezdez", affiliation: "Anaconda"),
    Member(name: "Isuru Fernando", initials: "IF", handle: "isuruf", affiliation: "Quansight"),
    Member(name: "Marcel Bargull", initials: "MB", handle: "mbargull", affiliation: "bioconda"),
    Member(name: "Dasha Gurova", initials: "DG", handle: "dashagurova", affiliation: "Anaconda"),
    Member(name: "Klaus Zimmermann", initials: "KZ", handle: "zklaus", affiliation: "Quansight"),
    Member(name: "Katherine Kinnaman", initials: "KK", handle: "kathatherine", affiliation: "Anaconda"),
    Member(name: "Bas Zalmstra", initials: "BZ", handle: "baszalmstra", affiliation: "Prefix.dev"),
    Member(name: "Daniel Holth", initials: "DH", handle: "dholth", affiliation: "Anaconda"),
    Member(name: "Amanda Ørsted 😀", initials: "AØ", handle: "amanda-o", affiliation: "Independent"),
    Member(name: "Travis Hathaway", initials: "TH", handle: "travishathaway", affiliation: "Anaconda"),
  ]

  static let topics = [
    "pinning epochs draft", "migrate the bot to GitHub Actions", "Windows runners are slow again",
    "CUDA 12 migration status", "rattler-build support in conda-smithy", "clean up the staged-recipes backlog",
    "security policy for feedstock maintainers", "new recipe format vote", "drop Python 3.8 from the global pinning",
    "mirror of the channel on the CDN", "license audit for the repodata", "intel oneAPI packages",
    "review the Zulip moderation guide", "macOS arm64 native builds", "sharded repodata rollout",
  ]

  var random: FuzzRandom

  init(seed: UInt64 = 20_240_612) {
    random = FuzzRandom(seed: seed)
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

  /// Writes `count` notes in `series` folders under `folder`; returns the files written, in order, and their bytes.
  mutating func write(count: Int, to folder: URL, series: Int = 10) throws -> (files: [URL], bytes: Int) {
    var files: [URL] = []
    var bytes = 0
    let perSeries = max(1, (count + series - 1) / series)
    var written = 0
    for s in 0..<series where written < count {
      let condaStyle = s % 2 == 1
      let seriesFolder = folder.appendingPathComponent(condaStyle ? "community-\(s)" : "core-minutes-\(s)")
      try FileManager.default.createDirectory(at: seriesFolder, withIntermediateDirectories: true)
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
      // 2005-01-03 00:00 UTC, plus a day per series.
      var date = Date(timeIntervalSince1970: 1_104_710_400 + Double(s % 7) * 86_400)
      var openItems: [String] = []
      for _ in 0..<perSeries where written < count {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let (y, m, d) = (parts.year ?? 2005, parts.month ?? 1, parts.day ?? 1)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let iso = "\(y)-\(pad(m))-\(pad(d))"
        let name = condaStyle ? "\(y)\(pad(m))\(pad(d))_agenda_and_minutes.md" : "\(iso).md"
        let text = condaStyle ? condaNote(iso: iso, openItems: &openItems) : coreNote(iso: iso, openItems: &openItems)
        let file = seriesFolder.appendingPathComponent(name)
        let data = Data(text.utf8)
        try data.write(to: file)
        files.append(file)
        bytes += data.count
        written += 1
        date += 7 * 86_400
      }
    }
    return (files, bytes)
  }

  mutating func attendees() -> [Member] {
    var chosen: [Member] = []
    for member in Self.people where chance(45) { chosen.append(member) }
    if chosen.isEmpty { chosen.append(Self.people[0]) }
    return chosen
  }

  mutating func owner(_ members: [Member], colon: Bool) -> String {
    let roll = Int.random(in: 0..<100, using: &random)
    let member = pick(members)
    switch roll {
    case 0..<55: return colon ? "\(member.initials): " : "(\(member.initials)) "
    case 55..<65:
      let other = pick(Self.people)
      return colon ? "\(member.initials)/\(other.initials): " : "(\(member.initials)/\(other.initials)) "
    case 65..<72: return "(\(member.handle)) "
    case 72..<78: return "(\(member.name.split(separator: " ")[0])) "
    case 78..<82: return "\(member.name.split(separator: " ")[0]) to "
    case 82..<84: return "(mcg) "
    case 84..<86: return "(???) "
    default: return ""
    }
  }

  mutating func item(_ members: [Member], colon: Bool, marker: String) -> String {
    var topic = pick(Self.topics)
    if chance(20) {
      topic +=
        " ([cfep-\(pad2(Int.random(in: 1...30, using: &random)))](https://github.com/conda-forge/cfep/pull/\(Int.random(in: 1...60, using: &random))))"
    }
    if chance(10) { topic += " see CEP \(Int.random(in: 1...50, using: &random))" }
    let box = chance(50) ? "[x]" : chance(95) ? "[ ]" : "[]"
    return "\(marker) \(box) \(owner(members, colon: colon))\(topic)\n"
  }

  func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  mutating func coreNote(iso: String, openItems: inout [String]) -> String {
    let members = attendees()
    var text = "---\ntitle: '\(iso)'\n"
    if chance(50) { text += "tags: [meeting-notes]\n" }
    text +=
      "---\n# conda-forge core meeting \(iso)\n\nAdd new agenda items under the `Your __new__() agenda items` heading\n\n"
    text += "- [Previous meetings](https://conda-forge.org/community/minutes/)\n"
    text += "- [last weeks meeting](https://hackmd.io/\(chance(10) ? "#REPLACE_ME#" : "abc\(iso)"))\n\n"
    text +=
      "## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n| ---- | -------- | --------- | ----------- |\n"
    for member in members {
      text += "| \(member.name) | \(member.initials) | \(member.handle) | \(member.affiliation) |\n"
    }
    text += "|  |  |  |  |\n\n"
    text +=
      chance(10) ? "X people total\n\n" : "\(members.count + Int.random(in: 0...4, using: &random)) people total\n\n"
    text += "## Check in on previous action items\n\n### Last meeting\n\n"
    for carried in openItems.prefix(8) { text += carried }
    text += "\n### Move to Issue Tracker\n\n"
    if chance(30) { text += "* [ ] Make sure to add the NVBug info to the cudatoolkit package\n" }
    text += "\n## Your __new__() agenda items\n\n"
    var newOpen: [String] = []
    for _ in 0..<Int.random(in: 3...9, using: &random) {
      let line = item(members, colon: false, marker: "*")
      text += line
      if line.contains("[ ]") { newOpen.append(line) }
      if chance(40) {
        text +=
          "    * \(pick(Self.topics)); details in https://github.com/conda-forge/conda-forge.github.io/issues/\(Int.random(in: 100...2200, using: &random))\n"
        text += "    * [ ] follow-up on the nested sub-task\n"
      }
      if chance(30) {
        text += "\n\(pick(members).initials) notes: discussion went long, \(pick(Self.topics)). Rodríguez said 👍.\n\n"
      }
    }
    text += "\n### CFEPs\n\n- [ ] ()\n\n"
    openItems = Array((newOpen + openItems).prefix(12))
    return text
  }

  mutating func condaNote(iso: String, openItems: inout [String]) -> String {
    let members = attendees()
    var text = chance(70) ? "---\ntags: [meeting-notes]\n---\n" : ""
    text += "# \(iso) Conda Community Meeting \n\n"
    text +=
      "[Zoom link](https://zoom.us/j/9138593505) · [Last week's meeting](https://hackmd.io/\(chance(10) ? "#REPLACE_ME#" : "xyz"))\n\n"
    text += "## Attendees\n\n"
    if chance(50) {
      for (index, member) in members.enumerated() {
        text += "\(index + 1). \(member.initials): \(member.name) (@\(member.handle)), \(member.affiliation)\n"
      }
    } else {
      text += "| Name | Initials | Affiliation | GH Username |\n| ---- | -------- | ----------- | ----------- |\n"
      for member in members {
        text +=
          "| \(member.name) | \(chance(3) ? member.initials.lowercased() : member.initials) | \(member.affiliation) | \(member.handle) |\n"
      }
    }
    text +=
      "\n\(members.count + Int.random(in: 0...3, using: &random)) people in total\n\n## Announcements\n\n- [ ]\n\n"
    text += "### From previous meeting(s)\n\n"
    for carried in openItems.prefix(5) { text += carried }
    text += "\n## New Agenda Items\n\n"
    var newOpen: [String] = []
    for _ in 0..<Int.random(in: 2...7, using: &random) {
      let line = item(members, colon: true, marker: "-")
      text += line
      if line.contains("[ ]") { newOpen.append(line) }
      for _ in 0..<Int.random(in: 0...3, using: &random) {
        text += "    - \(pick(members).initials): \(pick(Self.topics)), CEP-\(Int.random(in: 1...50, using: &random))\n"
      }
    }
    text += "\n## Action items\n\n"
    if chance(50) {
      text += "* (\(pick(members).initials)) will draft a CEP\n* \(pick(members).initials): start design doc\n"
    }
    openItems = Array((newOpen + openItems).prefix(10))
    return text
  }
}
