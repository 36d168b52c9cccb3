import Foundation
import NotesCheck
import NotesConfig
import NotesCore
import Testing

/// Findings of a JSON `--check` run, one string per finding (path, position, severity, code, message).
func jsonFindings(_ out: String) throws -> [String] {
  let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
  let findings = try #require(object["findings"] as? [[String: Any]])
  return findings.map { f in
    [
      "\(f["path"]!)", "\(f["line"]!)", "\(f["column"]!)", "\(f["endLine"]!)", "\(f["endColumn"]!)",
      "\(f["severity"]!)", "\(f["code"]!)", "\(f["message"]!)",
    ].joined(separator: "|")
  }
}

/// A writable copy of the corpus notes in a temporary folder (no repository, no configuration above it).
func corpusCopy() throws -> TemporaryFolder {
  let folder = try TemporaryFolder()
  let target = folder.url.appendingPathComponent("notes")
  try FileManager.default.copyItem(at: corpusNotes, to: target)
  for path in try FileManager.default.subpathsOfDirectory(atPath: target.path) {
    let full = target.path + "/" + path
    var isDirectory: ObjCBool = false
    FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
    try FileManager.default.setAttributes(
      [.posixPermissions: isDirectory.boolValue ? 0o755 : 0o644], ofItemAtPath: full)
  }
  try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path)
  return folder
}

// MARK: - Named files get their workspace

/// `--check one-note.md` gives that note exactly the findings `--check its-folder/` gives it: people, series and
/// carried-over items come from the whole workspace. Before, a note checked alone had no people (false
/// `initials.unknown`) and no previous meeting (no `action-item.dropped`).
@Test func aNamedNoteGetsTheFindingsOfItsFolderRun() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let whole = try jsonFindings(runCheck(["--format", "json", "--fail-on", "hint", "notes"], in: folder.path).out)
  for name in ["2024-01-10.md", "2024-01-17.md", "2024-02-07.md", "2024-02-14.md", "2024-02-21.md"] {
    let alone = try jsonFindings(runCheck(["--format", "json", "notes/\(name)"], in: folder.path).out)
    #expect(alone == whole.filter { $0.hasPrefix("notes/\(name)|") }, "\(name)")
  }
  // Two named files: each gets its own findings, nothing of the others.
  let two = try jsonFindings(
    runCheck(["--format", "json", "notes/2024-01-17.md", "notes/2024-02-07.md"], in: folder.path).out)
  #expect(two == whole.filter { $0.hasPrefix("notes/2024-01-17.md|") || $0.hasPrefix("notes/2024-02-07.md|") })
}

@Test func aNamedCorpusNoteGetsTheFindingsOfItsFolderRun() throws {
  let copy = try corpusCopy()
  defer { copy.remove() }
  let series = "notes/conda-forge-core-minutes"
  let whole = try jsonFindings(runCheck(["--format", "json", series], in: copy.path).out)
  for name in ["2024-06-26.md", "2020-09-09.md", "2023-05-17.md"] {
    let alone = try jsonFindings(runCheck(["--format", "json", "\(series)/\(name)"], in: copy.path).out)
    #expect(!alone.isEmpty)
    #expect(alone == whole.filter { $0.hasPrefix("\(series)/\(name)|") }, "\(name)")
  }
  let june = try jsonFindings(runCheck(["--format", "json", "\(series)/2024-06-26.md"], in: copy.path).out)
  #expect(!june.contains { $0.contains("initials.unknown") }, "IF attends over 100 meetings of the folder")
}

/// The workspace of a named path: the configuration's folder, else the repository root, else the path's folder.
@Test func workspaceRootsFollowConfigurationThenRepositoryThenFolder() throws {
  let folder = try TemporaryFolder(text: [
    "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/a/n.md": "# x\n", "configured/.notes-lsp.json": "{}",
    "configured/b/n.md": "# x\n", "loose/c/n.md": "# x\n",
  ])
  defer { folder.remove() }
  func roots(_ path: String) throws -> [String] {
    let url = folder.url.appendingPathComponent(path)
    let configuration = try NoteSource.configuration(for: [url])
    return NoteSource.workspaceRoots(for: [url], configuration: configuration).map(\.path)
  }
  #expect(try roots("repo/a/n.md") == [folder.path + "/repo"])
  #expect(try roots("configured/b/n.md") == [folder.path + "/configured"])
  #expect(try roots("loose/c/n.md") == [folder.path + "/loose/c"])
  #expect(try roots("loose/c") == [folder.path + "/loose/c"])
}

// MARK: - Membership

/// The walk and the incremental check (`contains`) are one policy: `.gitignore` files at every level, negations
/// included, `exclude` globs and skipped folders.
@Test func membershipIsOnePolicyForTheWalkAndEveryChange() throws {
  let folder = try TemporaryFolder(text: [
    ".gitignore": "drafts/\n*.md\n!*-meeting.md\n!keep/\n!keep/*.md\n",
    "notes/2024-01-10-meeting.md": "# a\n", "notes/scratch.md": "# b\n", "drafts/2024-01-11-meeting.md": "# c\n",
    "keep/a.md": "# d\n", "notes/sub/.gitignore": "!scratch.md\nold-meeting.md\n", "notes/sub/scratch.md": "# e\n",
    "notes/sub/old-meeting.md": "# f\n", "node_modules/x-meeting.md": "# g\n",
    ".notes-lsp.json": #"{"exclude": ["archive"]}"#,
    "archive/2020-meeting.md": "# h\n",
  ])
  defer { folder.remove() }
  let configuration = try NotesConfiguration.load(from: folder.url.appendingPathComponent(".notes-lsp.json"))
  let membership = NoteMembership(configuration: configuration, roots: [folder.url])
  let walked = membership.discovery(of: [folder.url]).files.map { String($0.path.dropFirst(folder.path.count + 1)) }
  #expect(walked == ["keep/a.md", "notes/2024-01-10-meeting.md", "notes/sub/scratch.md"])
  let all = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
  for path in all {
    #expect(membership.contains(folder.path + "/" + path) == walked.contains(path), "\(path)")
  }
  #expect(!membership.contains("/elsewhere/2024-01-10-meeting.md"))
}

// MARK: - Odd files never hang or balloon

/// A FIFO named like a note does not hang `--check` (it used to wait forever for a writer), and a symbolic link to
/// `/dev/zero` is not read without limit (the size check trusted `stat`, which says 0 for devices): both are
/// `file.not-regular` findings.
@Test(.timeLimit(.minutes(5))) func fifosAndDevicesAreFindingsNotHangs() throws {
  let folder = try TemporaryFolder(text: ["notes/2024-01-10.md": "# 2024-01-10 meeting\n"])
  defer { folder.remove() }
  #expect(mkfifo(folder.path + "/notes/x.md", 0o644) == 0)
  try FileManager.default.createSymbolicLink(atPath: folder.path + "/notes/zero.md", withDestinationPath: "/dev/zero")
  let result = try runCheck(["--format", "json", "--fail-on", "error", "notes"], in: folder.path)
  let findings = try jsonFindings(result.out)
  #expect(findings.contains { $0.hasPrefix("notes/x.md|1|1|") && $0.contains("|file.not-regular|") })
  #expect(findings.contains { $0.hasPrefix("notes/zero.md|1|1|") && $0.contains("|file.not-regular|") })
  #expect(result.code == 0, "\(result.err)")
  // Named directly, too.
  let named = try runCheck(["notes/x.md"], in: folder.path)
  #expect(named.out.contains("notes/x.md:1:1: warning: This is a FIFO (named pipe), not a regular file"))
}

/// Every read is capped by the bytes actually read.
@Test func readsAreCappedByBytesRead() throws {
  #expect(throws: FileReadError.self) { try NoteFiles.readBytes(URL(fileURLWithPath: "/dev/zero"), limit: 1 << 20) }
  let folder = try TemporaryFolder(["big.md": Array(repeating: 0x61, count: 2048)])
  defer { folder.remove() }
  do {
    _ = try NoteFiles.readBytes(folder.url.appendingPathComponent("big.md"), limit: 1024)
    Issue.record("read past the limit")
  } catch {
    #expect(error.kind == .tooLarge(limit: 1024, size: 2048))
  }
}

/// Files are read whole whatever their size, at the limit and not past it; a file whose size `stat` does not know
/// (`/proc` gives 0) is read whole too.
@Test func readsEveryByteOfFilesOfAnySize() throws {
  let sizes = [0, 1, 4095, 4096, 4097, 65_536, 65_537, 200_003]
  var files: [String: [UInt8]] = [:]
  for size in sizes { files["f\(size).md"] = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }
  let folder = try TemporaryFolder(files)
  defer { folder.remove() }
  for (name, bytes) in files {
    let url = folder.url.appendingPathComponent(name)
    #expect(try NoteFiles.readBytes(url) == bytes, "\(name)")
    #expect(try NoteFiles.readBytes(url, limit: bytes.count) == bytes, "\(name) at the limit")
    if !bytes.isEmpty {
      #expect(throws: FileReadError.self) { try NoteFiles.readBytes(url, limit: bytes.count - 1) }
    }
  }
  let version = URL(fileURLWithPath: "/proc/version")
  if let expected = FileManager.default.contents(atPath: version.path), !expected.isEmpty {
    #expect(try NoteFiles.readBytes(version) == Array(expected))
    #expect(throws: FileReadError.self) { try NoteFiles.readBytes(version, limit: expected.count - 1) }
  }
}

/// `"rosters": ["/dev/zero"]` and paths outside the configuration's folder are configuration errors; named on the
/// command line, a roster may lie anywhere, but a device is still refused, never read without limit.
@Test(.timeLimit(.minutes(5))) func configuredPathsStayInTheConfigurationsFolder() throws {
  let folder = try TemporaryFolder(text: [
    "team/notes/2024-01-10.md": "# 2024-01-10 meeting\n", "people.csv": "github_username,email,name\nx,,X Y\n",
    "team/people.csv": "github_username,email,name\nx,,X Y\n",
  ])
  defer { folder.remove() }
  for roster in ["/dev/zero", "../people.csv", folder.path + "/people.csv"] {
    try folder.write("team/.notes-lsp.json", text: #"{"rosters": ["\#(roster)"]}"#)
    let result = try runCheck(["team/notes"], in: folder.path)
    #expect(result.code == ExitCode.error)
    #expect(result.err.contains("is outside the configuration's folder"), "\(roster): \(result.err)")
  }
  try FileManager.default.createSymbolicLink(atPath: folder.path + "/team/zero.csv", withDestinationPath: "/dev/zero")
  try folder.write("team/.notes-lsp.json", text: #"{"rosters": ["zero.csv"]}"#)
  #expect(try runCheck(["team/notes"], in: folder.path).err.contains("is outside the configuration's folder"))
  try folder.write("team/.notes-lsp.json", text: #"{"rosters": ["people.csv"]}"#)
  #expect(try runCheck(["--fail-on", "error", "team/notes"], in: folder.path).code == ExitCode.clean)
  // Named on the command line: read wherever it is; a device is refused.
  try folder.write("team/.notes-lsp.json", text: "{}")
  #expect(
    try runCheck(["--fail-on", "error", "--roster", "people.csv", "team/notes"], in: folder.path).code == ExitCode.clean
  )
  let device = try runCheck(["--roster", "/dev/zero", "team/notes"], in: folder.path)
  #expect(device.code == ExitCode.error)
  #expect(device.err.contains("not a regular file"))
}

// MARK: - Output escapes control characters

/// A file name holding a newline cannot forge a finding line in any format.
@Test func fileNamesWithControlCharactersCannotForgeLines() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  try folder.write("x.md:1:1: error: forged [file.binary]\nreal.md", text: "")
  let text = try runCheck(["--fail-on", "hint", "."], in: folder.path)
  let lines = text.out.split(separator: "\n")
  #expect(lines.count == 3, "\(text.out)")  // the finding, the summary and the noisiest codes
  #expect(lines[0].hasPrefix("x.md:1:1: error: forged [file.binary]\\nreal.md:1:1: hint:"))
  for format in ["github", "json", "sarif"] {
    let out = try runCheck(["--format", format, "--fail-on", "hint", "."], in: folder.path).out
    #expect(!out.split(separator: "\n").contains { $0.hasPrefix("real.md") }, "\(format)")
  }
}

// MARK: - --fix respects links, modes, owners

/// `--fix` writes through a symbolic link to its target (the link stays a link), keeps the target's mode, refuses
/// to split hard links and never rewrites a read-only file.
@Test func fixRespectsLinksModesAndReadOnlyFiles() throws {
  let note = """
    # 2024-01-10 meeting

    ## Attendees

    | Name | Initials |
    | --- | --- |
    | Matthew R. Becker | MRB |
    | John Kirkham | JK |

    1 people total

    """
  let folder = try TemporaryFolder(text: ["real/2024-01-10.md": note])
  defer { folder.remove() }
  let target = folder.path + "/real/2024-01-10.md"
  try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
  try FileManager.default.createDirectory(atPath: folder.path + "/linked", withIntermediateDirectories: true)
  try FileManager.default.createSymbolicLink(atPath: folder.path + "/linked/2024-01-10.md", withDestinationPath: target)
  let output = CapturedCheckOutput()
  _ = CrossMeetingCommandLine.run(
    ["--check", "--fix", "linked/2024-01-10.md"], currentDirectory: folder.path, output: output)
  let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/linked/2024-01-10.md")
  #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
  #expect(try String(contentsOfFile: target, encoding: .utf8).contains("2 people total"))
  #expect((try FileManager.default.attributesOfItem(atPath: target))[.posixPermissions] as? Int == 0o640)

  // Owner and group are kept (only root can give a file away, so this part runs as root).
  if geteuid() == 0 {
    try folder.write("owned/2024-01-10.md", text: note)
    #expect(chown(folder.path + "/owned/2024-01-10.md", 4321, 4322) == 0)
    let owned = CapturedCheckOutput()
    _ = CrossMeetingCommandLine.run(["--check", "--fix", "owned"], currentDirectory: folder.path, output: owned)
    let info = try FileManager.default.attributesOfItem(atPath: folder.path + "/owned/2024-01-10.md")
    #expect(info[.ownerAccountID] as? Int == 4321)
    #expect(info[.groupOwnerAccountID] as? Int == 4322)
    #expect(
      try String(contentsOfFile: folder.path + "/owned/2024-01-10.md", encoding: .utf8).contains("2 people total"))
  }

  // Hard links: refused, both names unchanged.
  try folder.write("hard/2024-01-10.md", text: note)
  #expect(link(folder.path + "/hard/2024-01-10.md", folder.path + "/hard-link.md") == 0)
  let hard = CapturedCheckOutput()
  let hardCode = CrossMeetingCommandLine.run(["--check", "--fix", "hard"], currentDirectory: folder.path, output: hard)
  #expect(hardCode == ExitCode.error)
  #expect(hard.standardError.contains("hard links"))
  #expect(try String(contentsOfFile: folder.path + "/hard-link.md", encoding: .utf8) == note)

  // Read-only: refused, unchanged.
  try folder.write("readonly/2024-01-10.md", text: note)
  try FileManager.default.setAttributes(
    [.posixPermissions: 0o444], ofItemAtPath: folder.path + "/readonly/2024-01-10.md")
  let readOnly = CapturedCheckOutput()
  do {
    let code = CrossMeetingCommandLine.run(
      ["--check", "--fix", "readonly"], currentDirectory: folder.path, output: readOnly)
    #expect(code == ExitCode.error)
    #expect(readOnly.standardError.contains("read-only"))
    #expect(try String(contentsOfFile: folder.path + "/readonly/2024-01-10.md", encoding: .utf8) == note)
  }
}

// MARK: - Output a person can use

@Test func minSeverityHidesButTheExitCodeStillCounts() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let all = try runCheck(["--fail-on", "hint", "notes"], in: folder.path)
  let warnings = try runCheck(["--fail-on", "hint", "--min-severity", "warning", "notes"], in: folder.path)
  #expect(all.out.contains(": hint: "))
  #expect(!warnings.out.contains(": hint: "))
  #expect(warnings.code == ExitCode.findings)
  #expect(warnings.out.contains("1 below --min-severity not shown"))
  let stats = try runCheck(["--statistics", "notes"], in: folder.path)
  #expect(stats.out.hasPrefix("     4  action-item.dropped"))
  #expect(!stats.out.contains("notes/2024"))
}

// MARK: - Baseline

/// The round trip of the issue over a copy of the corpus: write a baseline, check (exit 0), insert lines at the top of
/// ten notes (still 0), add one unowned item (exit 1, only that finding printed), remove a baselined finding
/// (reported as fixed).
@Test func baselineRoundTripOverTheCorpus() throws {
  let copy = try corpusCopy()
  defer { copy.remove() }
  let written = try runCheck(["--write-baseline", "baseline.json", "notes"], in: copy.path)
  #expect(written.code == ExitCode.clean, "\(written.err)")
  #expect(written.err.contains("wrote 1"))
  let clean = try runCheck(["--baseline", "baseline.json", "notes"], in: copy.path)
  #expect(clean.code == ExitCode.clean, "\(clean.out)")
  #expect(clean.out.split(separator: "\n").count == 1, "\(clean.out)")  // only the summary

  // Lines inserted at the top of ten notes (after their front matter): nothing new.
  let series = copy.url.appendingPathComponent("notes/conda-forge-core-minutes")
  let names = try FileManager.default.contentsOfDirectory(atPath: series.path).sorted()
  var edited = 0
  for name in names where edited < 10 {
    let url = series.appendingPathComponent(name)
    var text = try String(contentsOf: url, encoding: .utf8)
    guard text.hasPrefix("---\n"),
      let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
    else { continue }
    text.insert(contentsOf: "<!-- imported from HackMD -->\n\n", at: end.upperBound)
    try text.write(to: url, atomically: true, encoding: .utf8)
    edited += 1
  }
  #expect(edited == 10)
  let shifted = try runCheck(["--baseline", "baseline.json", "notes"], in: copy.path)
  #expect(shifted.code == ExitCode.clean, "\(shifted.out)")

  // One new unowned item: exit 1, only that finding printed.
  let latest = series.appendingPathComponent("2024-06-26.md")
  var text = try String(contentsOf: latest, encoding: .utf8)
  text = text.replacingOccurrences(
    of: "### From previous meeting(s)\n", with: "### From previous meeting(s)\n\n- [ ] Write the CI baseline recipe\n")
  try text.write(to: latest, atomically: true, encoding: .utf8)
  let added = try runCheck(["--baseline", "baseline.json", "notes"], in: copy.path)
  #expect(added.code == ExitCode.findings)
  let printed = added.out.split(separator: "\n").filter {
    $0.contains(": warning: ") || $0.contains(": hint: ") || $0.contains(": information: ")
  }
  #expect(printed.count == 1, "\(added.out)")
  #expect(printed.first?.contains("[action-item.unowned]") == true)

  // A baselined finding removed: reported as fixed.
  text = text.replacingOccurrences(of: "- [ ] Write the CI baseline recipe\n", with: "")
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let empty = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- [ ]" })
  try (lines[..<empty] + lines[(empty + 1)...]).joined(separator: "\n").write(
    to: latest, atomically: true, encoding: .utf8)
  let fixed = try runCheck(["--baseline", "baseline.json", "notes"], in: copy.path)
  #expect(fixed.code == ExitCode.clean)
  #expect(fixed.out.contains("notes/conda-forge-core-minutes/2024-06-26.md: fixed: - [ ] [placeholder.empty-item]"))
  #expect(fixed.out.contains(", 1 fixed"))
  // The configuration's "baseline" key does the same.
  try #"{"baseline": "baseline.json"}"#.write(
    to: copy.url.appendingPathComponent(".notes-lsp.json"), atomically: true, encoding: .utf8)
  #expect(try runCheck(["notes"], in: copy.path).out.contains(", 1 fixed"))
}
