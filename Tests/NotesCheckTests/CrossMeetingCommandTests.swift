import Foundation
import NotesCheck
import NotesConfig
import NotesCore
import Testing

/// `notes-lsp new` and `notes-lsp --check --fix`, run in-process on temporary folders.
@Suite struct CrossMeetingCommandTests {
  static let previous = """
    ---
    title: '2024-01-24'
    ---
    # conda-forge core meeting 2024-01-24

    - [Last week's meeting](https://hackmd.io/#REPLACE_ME#)

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | ---- | -------- | --------- | ----------- |
    | John Kirkham | JK | jakirkham | NVIDIA |
    | Matthew R. Becker | MRB. | beckermr | cf |

    1 people total

    ### From previous meeting(s)

    - [ ] (JK) write a blog post on CUDA stuff
    - [x] (MRB) pinning epochs draft CFEP

    """
  static let first = """
    # conda-forge core meeting 2024-01-10

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | ---- | -------- | --------- | ----------- |
    | Matthew R. Becker | MRB | beckermr | cf |

    2 people total

    """

  @Test func newTwiceForOneDateRefusesEvenUnderAnotherFileName() throws {
    let folder = try TemporaryFolder(text: ["cf/2024-01-10.md": Self.first, "cf/2024-01-24.md": Self.previous])
    defer { folder.remove() }
    let first = CapturedCheckOutput()
    #expect(CrossMeetingCommandLine.run(["new", "cf"], currentDirectory: folder.path, output: first) == ExitCode.clean)
    // The written note renamed: asking again for its date must not write a second note of that meeting.
    try FileManager.default.moveItem(
      at: folder.url.appendingPathComponent("cf/2024-02-07.md"),
      to: folder.url.appendingPathComponent("cf/2024-02-07-draft.md"))
    let again = CapturedCheckOutput()
    let arguments = ["new", "--date", "2024-02-07", "cf"]
    #expect(CrossMeetingCommandLine.run(arguments, currentDirectory: folder.path, output: again) == ExitCode.error)
    #expect(again.standardError.contains("2024-02-07-draft.md"))
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("cf/2024-02-07.md").path))
  }

  @Test func newWritesTheNextNoteAndNeverOverwrites() throws {
    let folder = try TemporaryFolder(text: ["cf/2024-01-10.md": Self.first, "cf/2024-01-24.md": Self.previous])
    defer { folder.remove() }
    let output = CapturedCheckOutput()
    let code = CrossMeetingCommandLine.run(["new", "cf"], currentDirectory: folder.path, output: output)
    #expect(code == ExitCode.clean)
    #expect(output.standardOutput == "cf/2024-02-07.md\n")
    let written = try String(contentsOf: folder.url.appendingPathComponent("cf/2024-02-07.md"), encoding: .utf8)
    #expect(written.contains("# conda-forge core meeting 2024-02-07"))
    #expect(written.contains("[Last week's meeting](2024-01-24.md)"))
    #expect(written.contains("- [ ] (JK) write a blog post on CUDA stuff"))
    // Asked for that date again, it refuses, and the file is unchanged.
    try folder.write("cf/2024-02-07.md", text: "keep me\n")
    let again = CapturedCheckOutput()
    let arguments = ["new", "--date=2024-02-07", "cf"]
    #expect(CrossMeetingCommandLine.run(arguments, currentDirectory: folder.path, output: again) == ExitCode.error)
    #expect(again.standardError.contains("already exists"))
    #expect(
      try String(contentsOf: folder.url.appendingPathComponent("cf/2024-02-07.md"), encoding: .utf8) == "keep me\n")
    // A given date.
    let dated = CapturedCheckOutput()
    #expect(
      CrossMeetingCommandLine.run(["new", "--date", "2024-03-06", "cf"], currentDirectory: folder.path, output: dated)
        == ExitCode.clean)
    #expect(dated.standardOutput == "cf/2024-03-06.md\n")
  }

  @Test(arguments: [["new", "--date", "2024-13-01"], ["new", "--bogus"], ["new", "nowhere"]])
  func newRejectsBadArguments(arguments: [String]) throws {
    let folder = try TemporaryFolder(text: ["2024-01-10.md": Self.first])
    defer { folder.remove() }
    let output = CapturedCheckOutput()
    #expect(CrossMeetingCommandLine.run(arguments, currentDirectory: folder.path, output: output) == ExitCode.error)
    #expect(output.standardError.contains("usage: notes-lsp new"))
  }

  @Test func newOnACopyOfTheCondaForgeFolderChecksWithoutErrors() throws {
    let source = corpusNotes.appendingPathComponent("conda-forge-core-minutes")
    try #require(FileManager.default.fileExists(atPath: source.path))
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let copy = folder.url.appendingPathComponent("conda-forge-core-minutes")
    try FileManager.default.copyItem(at: source, to: copy)
    let output = CapturedCheckOutput()
    #expect(CrossMeetingCommandLine.run(["new", copy.path], currentDirectory: folder.path, output: output) == 0)
    let created = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(created == "conda-forge-core-minutes/2024-07-10.md")
    // `--check` over the folder: the new note has no error (and, being a fresh template, only the warnings of one).
    let check = CapturedCheckOutput()
    _ = CheckEngine.run(
      CheckOptions(paths: ["conda-forge-core-minutes"], format: .text, noConfig: true), currentDirectory: folder.path,
      output: check)
    let findings = check.standardOutput.split(separator: "\n").filter { $0.hasPrefix(created + ":") }
    #expect(!findings.contains { $0.contains(": error: ") }, "\(findings)")
    print("new note findings:", findings)
  }

  @Test func fixAppliesOnlySafeFixesAndReportsThem() throws {
    let folder = try TemporaryFolder(text: ["cf/2024-01-10.md": Self.first, "cf/2024-01-24.md": Self.previous])
    defer { folder.remove() }
    // Without --fix nothing is written.
    let check = CapturedCheckOutput()
    _ = CheckEngine.run(CheckOptions(paths: ["cf"]), currentDirectory: folder.path, output: check)
    #expect(
      try String(contentsOf: folder.url.appendingPathComponent("cf/2024-01-24.md"), encoding: .utf8) == Self.previous)
    let output = CapturedCheckOutput()
    _ = CrossMeetingCommandLine.run(["--check", "--fix", "cf"], currentDirectory: folder.path, output: output)
    let fixed = try String(contentsOf: folder.url.appendingPathComponent("cf/2024-01-24.md"), encoding: .utf8)
    #expect(fixed.contains("| John Kirkham | JK | jakirkham | NVIDIA |\n| Matthew R. Becker | MRB  | beckermr |"))
    #expect(fixed.contains("2 people total"))
    #expect(fixed.contains("[Last week's meeting](2024-01-10.md)"))
    #expect(output.standardOutput.contains("cf/2024-01-24.md:6:"))
    #expect(output.standardOutput.contains("fixed 3 problem(s) in 1 file(s)"))
    // The first note had nothing safe to fix and is untouched.
    #expect(
      try String(contentsOf: folder.url.appendingPathComponent("cf/2024-01-10.md"), encoding: .utf8) == Self.first)
    // --fix belongs to --check.
    let bad = CapturedCheckOutput()
    #expect(CrossMeetingCommandLine.run(["--fix"], currentDirectory: folder.path, output: bad) == ExitCode.error)
  }
}
