import Foundation
import Testing

@testable import NotesConfig

/// `NoteMembership.ignored` reads each folder's `.gitignore` chain once per folder; its verdicts must be those of
/// walking the chain for every path (the last matching pattern from the root down wins, `!` re-includes), for trees
/// with rules at several levels.
@Suite struct GitignoreChainTests {
  /// The verdict of walking the folders from `root` down to the path, as `ignored` did for every path.
  static func ignoredByWalking(_ path: String, root: String, isDirectory: Bool) -> Bool {
    guard let relative = NoteFiles.relativePath(path, under: root), !relative.isEmpty else { return false }
    var decision = false
    var folder = root
    var rest = relative
    while true {
      for rule in IgnoreFile(folder: folder).rules where rule.glob.matches(rest, isDirectory: isDirectory) {
        decision = !rule.negated
      }
      guard let slash = rest.firstIndex(of: "/") else { break }
      folder = folder == "/" ? "/" + rest[..<slash] : folder + "/" + rest[..<slash]
      rest = String(rest[rest.index(after: slash)...])
    }
    return decision
  }

  @Test(arguments: 1...6)
  func chainVerdictsAreTheWalksVerdicts(seed: UInt64) throws {
    // A linear congruential generator (Knuth's MMIX constants): the same tree for a seed on every machine.
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    let folders = ["", "a", "a/b", "a/b/c", "d", "d/e", "a/drafts", "d/keep"]
    let names = ["x.md", "2024-01-10-meeting.md", "scratch.md", "notes.markdown", "old-meeting.md", "keep.md"]
    let patterns = [
      "*.md", "!*-meeting.md", "drafts/", "scratch.md", "!scratch.md", "b/", "/x.md", "**/old-*", "!keep.md", "c",
      "e/*.md", "!d/keep/", "#comment", "*.markdown", "a/**/x.md",
    ]
    var files: [String: String] = [:]
    for folder in folders {
      for name in names where next() % 3 != 0 { files[folder.isEmpty ? name : folder + "/" + name] = "# n\n" }
      if next() % 2 == 0 {
        let count = 1 + Int(next() % 4)
        let rules = (0..<count).map { _ in patterns[Int(next() % UInt64(patterns.count))] }
        files[folder.isEmpty ? ".gitignore" : folder + "/.gitignore"] = rules.joined(separator: "\n") + "\n"
      }
    }
    let tree = try TemporaryFolder(text: files)
    defer { tree.remove() }
    let membership = NoteMembership(configuration: NotesConfiguration(), roots: [tree.url])
    var compared = 0
    for relative in try FileManager.default.subpathsOfDirectory(atPath: tree.path) {
      let path = tree.path + "/" + relative
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      let expected = Self.ignoredByWalking(path, root: tree.path, isDirectory: isFolder.boolValue)
      #expect(
        membership.ignored(path, root: tree.path, isDirectory: isFolder.boolValue) == expected, "\(relative)")
      compared += 1
    }
    #expect(compared > 10)
  }
}
