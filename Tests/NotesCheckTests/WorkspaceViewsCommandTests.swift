import Foundation
import NotesCheck
import NotesJSON
import Testing

/// `notes-lsp items`, `people` and `report` over a folder of two series, in process (and once through the built
/// binary): outputs, options, configuration, and the report rendered by headless Chromium when it is installed.
@Suite struct WorkspaceViewsCommandTests {
  static func note(_ date: String, _ rows: [(String, String, String)], _ items: [String]) -> String {
    var text = "# \(date) Core meeting\n\n## Attendees\n\n| Name | Initials | GitHub |\n| --- | --- | --- |\n"
    for (name, initials, handle) in rows { text += "| \(name) | \(initials) | \(handle) |\n" }
    text += "\n## Action items\n\n" + items.map { $0 + "\n" }.joined()
    return text
  }

  static let john = ("John Kirkham", "JK", "jakirkham")
  static let sylvain = ("Sylvain Corlay", "SC", "scorlay")
  static let sophia = ("Sophia Castellarin", "SC", "scastellarin")

  static let files: [String: String] = [
    "notes/core/2020-01-08.md": note(
      "2020-01-08", [john, sylvain], ["- [ ] (SC) draft the governance doc", "- [ ] (JK) write a blog post on CUDA"]),
    "notes/core/2020-01-22.md": note(
      "2020-01-22", [john, sylvain],
      ["- [x] (SC) draft the governance doc", "- [ ] (JK) write a blog post on CUDA", "- [ ] (QQ) book the room"]),
    "notes/core/2020-02-05.md": note(
      "2020-02-05", [john, sophia],
      ["- [ ] (jakirkham) write a blog post on CUDA", "- [ ] (SC) review the packaging guide"]),
    "notes/community/2020-02-06.md": note("2020-02-06", [john], ["- [ ] (JK) order stickers"]),
  ]

  func run(_ arguments: [String], in folder: TemporaryFolder) -> (code: Int32, out: String, err: String) {
    let output = CapturedCheckOutput()
    let context = CommandContext(currentDirectory: folder.path, output: output)
    let code: Int32
    do {
      code = NotesCommandLine.run(try NotesCommandLine.parse(arguments), context: context)
    } catch {
      output.writeError("notes-lsp: \(error.message)\n")
      code = ExitCode.error
    }
    return (code, output.standardOutput, output.standardError)
  }

  /// The views read their paths as `--check` does (only the named notes' items are listed) and take the shared
  /// parser's help.
  @Test func namedFolderListsItsItemsAndEachViewHasItsHelp() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let community = run(["items", "notes/community", "--all"], in: folder)
    #expect(community.code == 0, "\(community.err)")
    #expect(community.out.contains("order stickers") && !community.out.contains("book the room"), "\(community.out)")
    for view in ["items", "people", "report"] {
      let help = run([view, "--help"], in: folder)
      #expect(help.code == 0 && help.out.hasPrefix("usage: notes-lsp \(view) "), "\(help.out)")
    }
    let top = run(["--help"], in: folder).out
    #expect(top.contains("notes-lsp items [PATH...]") && top.contains("notes-lsp report [PATH...] --html FILE"))
  }

  @Test func itemsListsOneLinePerItemGroupedByOwner() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let result = run(["items", "notes"], in: folder)
    #expect(result.code == 0, "\(result.err)")
    let expected = """
      John Kirkham (JK, @jakirkham): 2 items
        [ ] jakirkham  write a blog post on CUDA  first 2020-01-08, last 2020-02-05, carried 2 meetings  notes/core/2020-02-05.md:12
        [ ] JK  order stickers  first 2020-02-06, last 2020-02-06, carried 0 meetings  notes/community/2020-02-06.md:11
      Sophia Castellarin (SC, @scastellarin): 1 item
        [ ] SC  review the packaging guide  first 2020-02-05, last 2020-02-05, carried 0 meetings  notes/core/2020-02-05.md:13
      QQ (no one known by this): 1 item
        [ ] QQ  book the room  first 2020-01-22, last 2020-01-22, carried 0 meetings  notes/core/2020-01-22.md:14
      4 open items, 3 owners, 0 stale (carried over more than 8 meetings)

      """
    #expect(result.out == expected)
    // WHO as initials, handle or name: the same list.
    let byInitials = run(["items", "notes", "--owner", "JK"], in: folder)
    #expect(byInitials.out.hasPrefix("John Kirkham (JK, @jakirkham): 2 items\n"))
    #expect(run(["items", "notes", "--owner", "jakirkham"], in: folder).out == byInitials.out)
    #expect(run(["items", "--owner=John Kirkham", "notes"], in: folder).out == byInitials.out)
    // Shared initials: both people, and a note on stderr.
    let shared = run(["items", "notes", "--owner", "SC", "--all"], in: folder)
    #expect(shared.err.contains("'SC' names 2 people"))
    #expect(shared.out.contains("draft the governance doc") && shared.out.contains("review the packaging guide"))
    #expect(run(["items", "notes", "--done"], in: folder).out.contains("[x] SC  draft the governance doc"))
    #expect(
      run(["items", "notes", "--series", "community"], in: folder).out.hasSuffix(
        "1 open item, 1 owner, 0 stale (carried over more than 8 meetings)\n"))
    #expect(run(["items", "notes", "--since", "2020-02-01"], in: folder).out.contains("3 open items"))
  }

  @Test func staleFollowsTheConfiguration() throws {
    var files = Self.files
    files["notes/.notes-lsp.json"] = #"{"staleAfterMeetings": 1}"#
    let folder = try TemporaryFolder(text: files)
    defer { folder.remove() }
    let result = run(["items", "notes", "--stale"], in: folder)
    #expect(result.code == 0, "\(result.err)")
    #expect(
      result.out.contains("write a blog post on CUDA  first 2020-01-08, last 2020-02-05, carried 2 meetings (stale)"))
    #expect(result.out.hasSuffix("1 open item, 1 owner, 1 stale (carried over more than 1 meetings)\n"))
    // --no-config: the default threshold, nothing stale.
    #expect(run(["items", "notes", "--stale", "--no-config"], in: folder).out.hasPrefix("0 open items"))
    try folder.write("notes/.notes-lsp.json", text: #"{"staleAfter": 1}"#)
    let bad = run(["items", "notes"], in: folder)
    #expect(bad.code == 2 && bad.err.contains("configuration error") && bad.err.contains("unknown key"))
  }

  @Test func itemsAsJSONAndMarkdown() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let json = try JSONValue.parse(run(["items", "notes", "--format", "json", "--all"], in: folder).out)
    #expect(json["schema"]?.stringValue == "notes-lsp/items")
    #expect(json["schemaVersion"]?.intValue == 1)
    let items = try #require(json["items"]?.arrayValue)
    #expect(items.count == 5)
    let blog = try #require(items.first)
    #expect(blog["text"]?.stringValue == "write a blog post on CUDA")
    #expect(blog["meetingsCarried"]?.intValue == 2)
    #expect(blog["firstSeen"]?["date"]?.stringValue == "2020-01-08")
    #expect(blog["lastSeen"]?["path"]?.stringValue == "notes/core/2020-02-05.md")
    #expect(blog["owners"]?.arrayValue?.first?["people"]?.arrayValue?.first?["handle"]?.stringValue == "jakirkham")
    #expect(json["summary"]?["done"]?.intValue == 1)

    let markdown = run(["items", "notes", "--format", "markdown"], in: folder).out
    #expect(markdown.hasPrefix("## Open action items (as of 2020-02-06)\n"))
    #expect(
      markdown.contains(
        "### John Kirkham (JK, @jakirkham)\n\n- [ ] (jakirkham) write a blog post on CUDA — carried since 2020-01-08 (2 meetings)\n"
      ))
    #expect(markdown.contains("- [ ] (QQ) book the room — since 2020-01-22\n"))
  }

  @Test func peopleListsEveryoneAndTheJoins() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let text = run(["people", "notes"], in: folder)
    #expect(text.code == 0)
    #expect(
      text.out.hasPrefix(
        "John Kirkham · initials JK (2020-01-08…2020-02-06) · @jakirkham · 4 meetings (2020-01-08…2020-02-06) · 2 open items\n"
      ))
    #expect(text.out.contains("  SC: Sylvain Corlay (2020-01-08…2020-01-22), Sophia Castellarin (2020-02-05)\n"))
    #expect(text.out.contains("  QQ: 1 open item(s) (2020-01-22)\n"))
    #expect(text.out.hasSuffix("3 people (3 attended a meeting), 1 shared initials, 0 handle typos\n"))
    let json = try JSONValue.parse(run(["people", "notes", "--format", "json"], in: folder).out)
    #expect(json["schema"]?.stringValue == "notes-lsp/people")
    #expect(json["people"]?.arrayValue?.count == 3)
    #expect(json["people"]?.arrayValue?.first?["meetings"]?["count"]?.intValue == 4)
    #expect(json["sharedInitials"]?.arrayValue?.first?["initials"]?.stringValue == "SC")
  }

  @Test(arguments: [
    (["items", "--html", "x.html"], "unknown option '--html'"),
    (["report", "notes"], "report needs --html FILE"),
    (["people", "--format", "markdown"], "unknown format 'markdown'"),
    (["items", "--open", "--done"], "--open and --done cannot be combined"),
    (["items", "--since", "last week"], "--since must be YYYY-MM-DD"),
    (["items", "--owner"], "--owner needs a value"),
    (["people", "--stale"], "unknown option '--stale'"),
  ])
  func badArgumentsExitTwo(arguments: [String], message: String) throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let result = run(arguments, in: folder)
    #expect(result.code == 2)
    #expect(result.err.contains(message), "\(result.err)")
  }

  @Test func reportIsOneSelfContainedPage() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let result = run(["report", "notes", "--html", "out/report.html"], in: folder)
    #expect(result.code == 2 && result.err.contains("cannot write"), "a missing folder is an error: \(result.err)")
    let written = run(["report", "notes", "--html", "report.html"], in: folder)
    #expect(written.code == 0, "\(written.err)")
    // The same findings as `--check` (its summary counts them by severity).
    let check = try runCheck(["notes"], in: folder.path)
    #expect(check.out.contains("checked 4 files (4 meeting notes): 0 errors, 1 warning, 1 information, 0 hints\n"))
    #expect(written.out == "report.html: 4 notes, 3 people, 4 open items (0 stale), 2 findings\n")
    let html = try String(contentsOf: folder.url.appendingPathComponent("report.html"), encoding: .utf8)
    for part in [
      "<svg class=\"attendance\"", "id=\"open-items-table\"", "id=\"oldest-table\"", "id=\"findings-codes\"",
      "id=\"findings-notes\"", "id=\"shared-initials-table\"",
    ] {
      #expect(html.contains(part), "missing \(part)")
    }
    #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
  }

  @Test func builtBinaryRunsTheViews() throws {
    let folder = try TemporaryFolder(text: Self.files)
    defer { folder.remove() }
    let result = try runBuilt(["items", "notes", "--owner", "jakirkham"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out.hasPrefix("John Kirkham (JK, @jakirkham): 2 items\n"))
    #expect(try runBuilt(["--help"]).out.contains("notes-lsp report [PATH...] --html FILE"))
  }
}
