import Foundation
import NotesCheck
import NotesConfig
import NotesCore
import Testing

/// A small team folder: good notes, CRLF and BOM notes, and files that are empty, binary and not UTF-8.
func fixtureFolder() throws -> TemporaryFolder {
  let good = """
    # 2024-01-10 Team meeting

    ## Attendees

    | Name | Initials | GitHub ID |
    | --- | --- | --- |
    | Jaime Rodríguez-Guerra | JRG | jaimergp |
    | Matthew R Becker | MRB | beckermr |

    ## Action items

    - [ ] (JRG) release 1.2 😀
    - [x] MRB: review cfep-03
    - [ ] nobody owns this item

    """
  let next = """
    # 2024-01-17 Team meeting

    ## Attendees

    * Jaime Rodríguez-Guerra (JRG) (jaimergp)

    ## Action items

    * [ ] (JRG) release 1.3
    * [ ] (mcg) follow up
    """
  return try TemporaryFolder([
    "notes/2024-01-10.md": Array(good.utf8),
    "notes/2024-01-17.md": Array(next.utf8),
    "notes/2024-01-24.md": Array(
      next.replacingOccurrences(of: "2024-01-17", with: "2024-01-24")
        .replacingOccurrences(of: "\n", with: "\r\n").utf8),
    "notes/2024-01-31.md": [0xEF, 0xBB, 0xBF]
      + Array(next.replacingOccurrences(of: "2024-01-17", with: "2024-01-31").utf8),
    "notes/2024-02-07.md": [],
    "notes/2024-02-14.md": [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00]
      + Array(repeating: 0, count: 64),
    "notes/2024-02-21.md": Array("# 2024-02-21 Team meeting\n\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8),
    "notes/README.md": Array("# About these notes\n\nNothing to see.\n".utf8),
  ])
}

@Test func everyFileIsCheckedAndOddFilesAreReportedNotFatal() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let result = try runCheck(["--format", "json", "notes"], in: folder.path)
  let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
  let summary = try #require(object["summary"] as? [String: Any])
  #expect(summary["files"] as? Int == 8)
  #expect(summary["problems"] as? Int == 0)
  let findings = try #require(object["findings"] as? [[String: Any]])
  func codes(_ file: String) -> [String] {
    findings.filter { $0["path"] as? String == "notes/\(file)" }.compactMap { $0["code"] as? String }
  }
  #expect(codes("2024-02-07.md").contains("file.empty"))
  // A binary file gets file-level findings only, never a note's.
  #expect(codes("2024-02-14.md").contains("file.binary"))
  #expect(codes("2024-02-14.md").allSatisfy { $0.hasPrefix("file.") })
  #expect(codes("2024-02-21.md").contains("file.not-utf8"))
  let notUTF8 = try #require(
    findings.first { $0["code"] as? String == "file.not-utf8" && $0["path"] as? String == "notes/2024-02-21.md" })
  #expect(notUTF8["line"] as? Int == 3)
  #expect(notUTF8["column"] as? Int == 4)
  #expect(codes("README.md").isEmpty)
  // CRLF and BOM copies of a note get the same findings at the same positions as the original.
  func positions(_ file: String) -> [String] {
    // Cross-meeting findings depend on the note's place in its series, which the copies do not share; so do the
    // owner-form rules, which fire where an item is first written (the copies repeat the original's items).
    let crossMeeting: Set<String> = [
      "action-item.dropped", "action-item.stale", "initials.malformed", "initials.unknown", "owner.name-not-initials",
    ]
    return findings.filter {
      $0["path"] as? String == "notes/\(file)" && !crossMeeting.contains($0["code"] as? String ?? "")
    }.map {
      "\($0["line"] ?? 0):\($0["column"] ?? 0) \($0["code"] ?? "")"
    }
  }
  #expect(positions("2024-01-24.md") == positions("2024-01-17.md"))
  #expect(positions("2024-01-31.md") == positions("2024-01-17.md"))
}

@Test(arguments: OutputFormat.allCases)
func fixtureWorkspaceGolden(format: OutputFormat) throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let result = try runCheck(["--format", format.rawValue, "notes"], in: folder.path)
  #expect(result.code == ExitCode.findings)
  // The driver's rule list follows the catalogue (checked in ReporterTests); the golden leaves it out, so that a new
  // rule does not change this golden.
  let shown = result.out.replacingOccurrences(of: folder.path, with: "$ROOT").split(
    separator: "\n", omittingEmptySubsequences: false
  ).map { $0.hasPrefix("\"tool\": {\"driver\":") ? "\"tool\": {\"driver\": …}," : String($0) }
  try expectGolden(shown.joined(separator: "\n"), "fixture.\(format.rawValue)")
}

@Test func exitCodesFollowTheFailingSeverity() throws {
  let folder = try TemporaryFolder(text: [
    "clean/README.md": "# About\n\nNo meetings here.\n",
    "empty/empty.md": "",
  ])
  defer { folder.remove() }
  // Clean: 0.
  #expect(try runCheck(["clean"], in: folder.path).code == ExitCode.clean)
  // An empty file is a hint: clean by default, a failure with --fail-on hint.
  #expect(try runCheck(["empty"], in: folder.path).code == ExitCode.clean)
  #expect(try runCheck(["--fail-on", "hint", "empty"], in: folder.path).code == ExitCode.findings)
  // The configuration's failOn, and the flag overriding it.
  try folder.write("empty/.notes-lsp.json", text: #"{"failOn": "hint"}"#)
  #expect(try runCheck(["empty"], in: folder.path).code == ExitCode.findings)
  #expect(try runCheck(["--fail-on", "warning", "empty"], in: folder.path).code == ExitCode.clean)
  // A rule turned off is not reported at all; raised to error, it fails.
  try folder.write("empty/.notes-lsp.json", text: #"{"rules": {"file.empty": "off"}, "failOn": "hint"}"#)
  let off = try runCheck(["empty"], in: folder.path)
  #expect(off.code == ExitCode.clean)
  #expect(!off.out.contains("file.empty"))
  try folder.write("empty/.notes-lsp.json", text: #"{"rules": {"file.empty": "error"}}"#)
  let raised = try runCheck(["empty"], in: folder.path)
  #expect(raised.code == ExitCode.findings)
  #expect(raised.out.hasPrefix("empty/empty.md:1:1: error: "))
  // --no-config ignores it.
  #expect(try runCheck(["--no-config", "empty"], in: folder.path).code == ExitCode.clean)
}

@Test func missingPathIsReportedTheOthersStillCheckedAndTheExitIsTwo() throws {
  let folder = try TemporaryFolder(text: ["a/empty.md": ""])
  defer { folder.remove() }
  let result = try runCheck(["--fail-on", "hint", "gone.md", "a"], in: folder.path)
  #expect(result.code == ExitCode.error)
  #expect(result.err.contains("notes-lsp: gone.md: no such file or folder"))
  #expect(result.out.contains("a/empty.md:1:1: hint: "))
  #expect(result.out.contains("checked 1 file (") && result.out.contains("; 1 path could not be read"))
}

@Test func badConfigurationIsExitTwoWithFileLineAndReason() throws {
  let folder = try TemporaryFolder(text: [
    "n/2024-01-01.md": "# 2024-01-01\n", ".notes-lsp.json": "{\n  \"rules\": {\"nope\": \"off\"}\n}\n",
  ])
  defer { folder.remove() }
  let result = try runCheck(["n"], in: folder.path)
  #expect(result.code == ExitCode.error)
  #expect(result.out.isEmpty)
  #expect(result.err == "notes-lsp: configuration error: .notes-lsp.json:2:13: unknown rule \"nope\"\n")
  let github = try runCheck(["--format", "github", "n"], in: folder.path)
  #expect(github.out.hasPrefix("::error file=.notes-lsp.json,line=2,col=13,title=notes-lsp configuration::"))
  let explicit = try runCheck(["--config", "absent.json", "n"], in: folder.path)
  #expect(explicit.code == ExitCode.error)
  #expect(explicit.err.contains("absent.json: cannot read the configuration file"))
}

@Test func tooLargeFileIsReportedNotRead() throws {
  let folder = try TemporaryFolder(text: ["small/2024-01-01.md": "# 2024-01-01\n"])
  defer { folder.remove() }
  let handle = try #require(
    FileManager.default.createFile(atPath: folder.path + "/small/huge.md", contents: nil)
      ? FileHandle(
        forWritingAtPath: folder.path + "/small/huge.md") : nil)
  try handle.truncate(atOffset: UInt64(NoteFiles.maximumFileSize + 1))
  try handle.close()
  let result = try runCheck(["small"], in: folder.path)
  #expect(result.out.contains("small/huge.md:1:1: warning: The file is 10.0 MiB"))
  #expect(result.out.contains("[file.too-large]"))
  #expect(result.out.contains("checked 2 files"))
}

@Test func pathsArePrintedRelativeToTheCurrentFolder() throws {
  let folder = try TemporaryFolder(text: ["empty.md": ""])
  defer { folder.remove() }
  let name = folder.url.lastPathComponent
  let parent = folder.url.deletingLastPathComponent().path
  let under = try runCheck(["--fail-on", "hint", folder.path], in: parent)
  #expect(under.out.hasPrefix("\(name)/empty.md:1:1: hint:"))
  let other = try TemporaryFolder()
  defer { other.remove() }
  let beside = try runCheck(["--fail-on", "hint", "../\(name)"], in: other.path)
  #expect(beside.out.hasPrefix("../\(name)/empty.md:1:1: hint:"))
  // Sharing only `/` with the current folder: absolute.
  let apart = try runCheck(["--fail-on", "hint", folder.path], in: "/proc")
  #expect(apart.out.hasPrefix(folder.path + "/empty.md:1:1: hint:"))
}

/// Checking on one, two or three threads prints the same thing.
@Test func outputDoesNotDependOnCacheOrThreads() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let files = NoteFiles.discover(roots: [folder.url], configuration: NotesConfiguration())
  var outputs: [String] = []
  for threads in [2, 1, 3] {
    var engine = CheckEngine(configuration: NotesConfiguration(), currentDirectory: folder.path)
    engine.concurrency = threads
    let output = CapturedCheckOutput()
    let result = engine.check(files: files, workspace: NotesWorkspace(), format: .json, output: output)
    #expect(result.summary.files == 8)
    outputs.append(output.standardOutput)
  }
  #expect(Set(outputs).count == 1)
}
