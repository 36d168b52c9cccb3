import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// In-process tests of the server's features, through the in-memory connection, in every position encoding, with
// emoji and `Rodríguez` before the cursor on the same line.

let previousNote = """
  # 2024-06-05 conda-forge core meeting

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight |
  | Matthew R. Becker | MRB | beckermr | Flatiron |
  | Isuru Fernando | IF | isuruf | Quansight |

  ## Action items

  - [ ] (IF) rebuild the 🎉 compilers
  - [ ] (JRG) draft the release notes

  """

let currentNote = MarkedText(
  """
  # 2024-06-12 conda-forge core meeting

  [Last week's 3️⃣meeting](https://hackmd.io/abcdef)

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Jaime Rodríguez-Guerra 🎉 | J1️⃣RG | jaimergp | Quansight |
  | Matthew R. Becker | MRB | beckermr | Flatiron |

  ## Action items

  - [ ] (J7️⃣RG) 🎉 Rodríguez reads [cf4️⃣ep-03](https://github.com/conda-forge/cfep/pull/5) Feedstock statuses
  - [ ] (IF) 🎉 ñ and (M2️⃣
  - [ ] (MRB) 🎉 Rodríguez @jaimer5️⃣
  - [ ] nobody owns this item
  - [ ] (JRG) see CFEP-16️⃣

  """)

private func makeWorkspace() throws -> FixtureWorkspace {
  try FixtureWorkspace(files: [
    "notes/2024-06-05.md": previousNote,
    "notes/2024-06-12.md": currentNote.text,
    "README.md": "# Just a readme\n\n- [ ] not a meeting item\n",
  ])
}

/// The fixture workspace, a client initialised on it, and `currentNote` open as `notes/2024-06-12.md`.
private func openCurrentNote(encoding: PositionEncoding? = nil, pull: Bool = false) throws
  -> (fixture: FixtureWorkspace, client: TestClient, uri: String)
{
  let fixture = try makeWorkspace()
  let client = TestClient()
  client.initialize(encoding: encoding, pull: pull, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text)
  return (fixture, client, uri)
}

private func position(_ encoding: PositionEncoding, _ marker: String) -> JSONValue {
  currentNote.position(currentNote.offset(marker), encoding).json
}

private func at(_ uri: String, _ position: JSONValue) -> JSONValue {
  ["textDocument": ["uri": .string(uri)], "position": position]
}

@Test(arguments: PositionEncoding.allCases)
func negotiatesThePositionEncoding(encoding: PositionEncoding) throws {
  let client = TestClient()
  let result = client.initialize(encoding: encoding, root: nil)
  #expect(result?["capabilities"]?["positionEncoding"]?.stringValue == encoding.rawValue)
  #expect(client.shutdownAndExit() == 0)
}

@Test func defaultsToUTF16AndDeclaresOnlyWhatItImplements() throws {
  let client = TestClient()
  let capabilities = client.initialize(root: nil)?["capabilities"]
  #expect(capabilities?["positionEncoding"]?.stringValue == "utf-16")
  #expect(capabilities?["textDocumentSync"]?["change"]?.intValue == 2)
  #expect(capabilities?["hoverProvider"]?.boolValue == true)
  #expect(capabilities?["diagnosticProvider"] == nil)  // Push: the client did not say it can pull.
  #expect(capabilities?["referencesProvider"]?.boolValue == true)
  #expect(capabilities?["renameProvider"]?["prepareProvider"]?.boolValue == true)
  #expect(capabilities?["callHierarchyProvider"] == nil)
  #expect(capabilities?["semanticTokensProvider"] == nil)
  #expect(capabilities?["documentFormattingProvider"] == nil)
  #expect(client.shutdownAndExit() == 0)
}

@Test(arguments: PositionEncoding.allCases)
func hoversOnInitialsAfterEmojiWithAnExactRange(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let hover = try #require(client.result("textDocument/hover", at(uri, position(encoding, "1️⃣"))))
  let markdown = hover["contents"]?["value"]?.stringValue ?? ""
  #expect(markdown.contains("Jaime Rodríguez-Guerra"))
  #expect(markdown.contains("jaimergp"))
  #expect(markdown.contains("Quansight"))
  #expect(markdown.contains("Attended 2 meetings: first 2024-06-05, last 2024-06-12"))
  #expect(markdown.contains("Rodríguez reads"))  // An open item JRG owns.
  let start = currentNote.offset(of: "JRG |")
  #expect(hover["range"]?.range == currentNote.range(start, start + 3, encoding))
  _ = client.shutdownAndExit()
}

/// The card's open items are kept per note and workspace revision: hovering again after an edit reads the edit.
@Test func hoverListsTheOpenItemsOfTheNoteAsEditedAndOfTheMeetingBefore() throws {
  let (fixture, client, uri) = try openCurrentNote()
  defer { fixture.remove() }
  let hoverAt = at(uri, position(.utf16, "1️⃣"))
  let before = client.result("textDocument/hover", hoverAt)?["contents"]?["value"]?.stringValue ?? ""
  #expect(before.contains("Open items (3):"))
  #expect(before.contains("Rodríguez reads"))
  #expect(before.contains("draft the release notes (2024-06-05)"))  // The previous meeting's, dated.
  #expect(client.result("textDocument/hover", hoverAt)?["contents"]?["value"]?.stringValue == before)
  let done = currentNote.text.replacingOccurrences(of: "- [ ] (JRG) 🎉 Rodríguez", with: "- [x] (JRG) 🎉 Rodríguez")
  #expect(done != currentNote.text)
  client.notify(
    "textDocument/didChange",
    ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": .string(done)]]])
  let after = client.result("textDocument/hover", hoverAt)?["contents"]?["value"]?.stringValue ?? ""
  #expect(after.contains("Open items (2):"))
  #expect(!after.contains("Rodríguez reads"))
  #expect(after.contains("see CFEP-1"))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func completesInitialsInsideAnOwnerGroupReplacingThePrefix(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let result = try #require(client.result("textDocument/completion", at(uri, position(encoding, "2️⃣"))))
  let items = result["items"]?.arrayValue ?? []
  let labels = items.compactMap { $0["label"]?.stringValue }
  #expect(labels.first == "MRB")
  let mrb = try #require(items.first { $0["label"]?.stringValue == "MRB" })
  #expect(mrb["detail"]?.stringValue?.contains("Matthew R. Becker") == true)
  #expect(mrb["detail"]?.stringValue?.contains("@beckermr") == true)
  let cursor = currentNote.offset("2️⃣")
  #expect(mrb["textEdit"]?["range"]?.range == currentNote.range(cursor - 1, cursor, encoding))
  #expect(mrb["textEdit"]?["newText"]?.stringValue == "MRB")
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func completesHandlesAfterAnAtSign(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let result = try #require(client.result("textDocument/completion", at(uri, position(encoding, "5️⃣"))))
  let item = try #require(result["items"]?.arrayValue?.first)
  #expect(item["label"]?.stringValue == "jaimergp")
  let cursor = currentNote.offset("5️⃣")
  #expect(item["textEdit"]?["range"]?.range == currentNote.range(cursor - 6, cursor, encoding))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func completesCFEPNumbersWithTitleAndStatus(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let result = try #require(client.result("textDocument/completion", at(uri, position(encoding, "6️⃣"))))
  let items = result["items"]?.arrayValue ?? []
  let labels = items.compactMap { $0["label"]?.stringValue }
  #expect(labels.contains("CFEP-10"))
  #expect(!labels.contains("CFEP-20") && !labels.contains("CFEP-02"))
  let ten = try #require(items.first { $0["label"]?.stringValue == "CFEP-10" })
  #expect(ten["detail"]?.stringValue == "Feedstock Statuses — Deferred")
  let cursor = currentNote.offset("6️⃣")
  #expect(ten["textEdit"]?["range"]?.range == currentNote.range(cursor - 6, cursor, encoding))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func hoversOnACFEPWithTheRegistryTitleAndAMismatchWarning(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let hover = try #require(client.result("textDocument/hover", at(uri, position(encoding, "4️⃣"))))
  let markdown = hover["contents"]?["value"]?.stringValue ?? ""
  #expect(markdown.contains("Providing manually uploaded builds"))
  #expect(markdown.contains("Accepted"))
  #expect(markdown.contains("https://github.com/conda-forge/cfep/blob/main/cfep-03.md"))
  #expect(markdown.contains("Feedstock statuses"))  // The note's own, wrong, title is called out.
  let start = currentNote.offset(of: "cfep-03")
  #expect(hover["range"]?.range == currentNote.range(start, start + 7, encoding))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func goesToThePreviousMeetingFromAHackMDLink(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let result = try #require(client.result("textDocument/definition", at(uri, position(encoding, "3️⃣"))))
  let location = try #require(result.arrayValue?.first)
  #expect(location["uri"]?.stringValue == fixture.uri("notes/2024-06-05.md"))
  #expect(location["range"]?["start"]?["line"]?.intValue == 0)
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func goesFromInitialsToTheAttendeeRowOfThisNote(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let result = try #require(client.result("textDocument/definition", at(uri, position(encoding, "7️⃣"))))
  let location = try #require(result.arrayValue?.first)
  #expect(location["uri"]?.stringValue == uri)
  let row = currentNote.offset(of: "| Jaime")
  #expect(location["range"]?["start"]?.position?.line == currentNote.position(row, encoding).line)
  _ = client.shutdownAndExit()
}

@Test func goesFromInitialsOfAnAbsentPersonToTheMostRecentNoteListingThem() throws {
  let (fixture, client, uri) = try openCurrentNote()
  defer { fixture.remove() }
  let offset = currentNote.offset(of: "IF)")
  let result = try #require(
    client.result("textDocument/definition", at(uri, currentNote.position(offset + 1, .utf16).json)))
  let location = try #require(result.arrayValue?.first)
  #expect(location["uri"]?.stringValue == fixture.uri("notes/2024-06-05.md"))
  #expect(location["range"]?["start"]?["line"]?.intValue == 8)
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func pushesDiagnosticsWithTheVersionAndExactRanges(encoding: PositionEncoding) throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text, version: 7)
  let params = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri })
  #expect(params["version"]?.intValue == 7)
  let diagnostics = params["diagnostics"]?.arrayValue ?? []
  let unowned = diagnostics.filter { $0["code"]?.stringValue == "action-item.unowned" }
  #expect(unowned.count == 1)
  let line = currentNote.position(currentNote.offset(of: "nobody owns"), encoding).line
  #expect(unowned.first?["range"]?.range?.start.line == line)
  #expect(unowned.first?["severity"]?.intValue == 2)
  #expect(unowned.first?["source"]?.stringValue == "notes-lsp")
  _ = client.shutdownAndExit()
}

@Test func pullsDiagnosticsWhenTheClientCanAndNeverPushes() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  let capabilities = client.initialize(pull: true, root: fixture.root)?["capabilities"]
  #expect(capabilities?["diagnosticProvider"]?["interFileDependencies"]?.boolValue == true)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text)
  let report = try #require(client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]]))
  #expect(report["kind"]?.stringValue == "full")
  #expect(report["items"]?.arrayValue?.contains { $0["code"]?.stringValue == "action-item.unowned" } == true)
  Thread.sleep(forTimeInterval: 0.1)
  #expect(client.notifications("textDocument/publishDiagnostics").isEmpty)
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func appliesIncrementalChangesInOrderAndPublishesOnlyTheLatestVersion(encoding: PositionEncoding) throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient(diagnosticsDelay: 0.05)
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text, version: 1)
  _ = client.waitForNotification("textDocument/publishDiagnostics") { $0["version"]?.intValue == 1 }
  let before = client.messages.count
  // Give the unowned item an owner, after the emoji-free text, in two edits (insert `(MRB) `, then fix it to `(IF) `).
  let offset = currentNote.offset(of: "nobody owns")
  let p = currentNote.position(offset, encoding)
  let insert: JSONValue = ["range": LSPProtocol.Range(start: p, end: p).json, "text": "(MRB) "]
  let fix: JSONValue = [
    "range": LSPProtocol.Range(
      start: Position(line: p.line, character: p.character + 1), end: Position(line: p.line, character: p.character + 4)
    ).json,
    "text": "IF",
  ]
  client.notify(
    "textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [insert, fix]])
  // And on the emoji line, type after `🎉 ñ (IF) and (M` so the half-typed group becomes `(MRB)`.
  let cursor = currentNote.position(currentNote.offset("2️⃣"), encoding)
  client.notify(
    "textDocument/didChange",
    [
      "textDocument": ["uri": .string(uri), "version": 3],
      "contentChanges": [["range": LSPProtocol.Range(start: cursor, end: cursor).json, "text": "RB)"]],
    ])
  let params = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") {
      $0["uri"]?.stringValue == uri && $0["version"]?.intValue == 3
    })
  let published = client.messages[before...].compactMap { message -> Int? in
    if case .notification("textDocument/publishDiagnostics", let params) = message {
      return params?["version"]?.intValue
    }
    return nil
  }
  #expect(published == [3])  // Never for the outdated version 2.
  #expect(params["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "action-item.unowned" } == false)
  // The text is what the edits made: hover the new owner.
  let ifOffset = currentNote.position(offset, encoding)
  let hover = client.result(
    "textDocument/hover", at(uri, Position(line: ifOffset.line, character: ifOffset.character + 1).json))
  #expect(hover?["contents"]?["value"]?.stringValue?.contains("Isuru Fernando") == true)
  _ = client.shutdownAndExit()
}

@Test func clearsDiagnosticsWhenADeletedFileCloses() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, "# 2024-06-19 conda-forge core meeting\n\n- [ ] unowned\n")
  let first = client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri }
  #expect(first?["diagnostics"]?.arrayValue?.isEmpty == false)
  let count = client.messages.count
  client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
  let cleared = client.wait(after: count) { message in
    if case .notification("textDocument/publishDiagnostics", let params) = message {
      return params?["uri"]?.stringValue == uri
    }
    return false
  }
  if case .notification(_, let params) = cleared {
    #expect(params?["diagnostics"]?.arrayValue?.isEmpty == true)
  } else {
    Issue.record("no diagnostics cleared on close")
  }
  _ = client.shutdownAndExit()
}

@Test func givesNoMeetingDiagnosticsToOtherMarkdown() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(pull: true, root: fixture.root)
  let report = client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(fixture.uri("README.md"))]])
  #expect(report?["items"]?.arrayValue?.isEmpty == true)
  _ = client.shutdownAndExit()
}

@Test func outlinesSectionsWithTheirActionItemsAndFoldsThem() throws {
  let (fixture, client, uri) = try openCurrentNote()
  defer { fixture.remove() }
  let symbols = try #require(client.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]]))
  func names(_ list: JSONValue?) -> [String] { list?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }
  let top = symbols.arrayValue ?? []
  let title = try #require(top.first)
  #expect(title["name"]?.stringValue == "2024-06-12 conda-forge core meeting")
  let sections = title["children"]?.arrayValue ?? []
  #expect(names(.array(sections)) == ["Attendees", "Action items"])
  let items = sections.last?["children"]?.arrayValue ?? []
  #expect(items.count == 5)
  #expect(items.last?["name"]?.stringValue == "(JRG) see CFEP-1" || items.last?["name"]?.stringValue == "see CFEP-1")
  let folds = try #require(client.result("textDocument/foldingRange", ["textDocument": ["uri": .string(uri)]]))
  let lines =
    folds.arrayValue?.compactMap { f -> [Int]? in
      guard let s = f["startLine"]?.intValue, let e = f["endLine"]?.intValue else { return nil }
      return [s, e]
    } ?? []
  #expect(lines.contains([4, 9]))  // The attendees section.
  #expect(lines.contains([11, 17]))  // The action items section.
  #expect(lines.contains([13, 17]))  // The list of items.
  _ = client.shutdownAndExit()
}

@Test func reportsIndexingProgressAndRegistersFileWatchers() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(progress: true, dynamicWatch: true, root: fixture.root)
  let create = client.wait { message in
    if case .request(_, "window/workDoneProgress/create", _) = message { return true }
    return false
  }
  #expect(create != nil)
  let kinds = client.notifications("$/progress").compactMap { $0["value"]?["kind"]?.stringValue }
  #expect(kinds.first == "begin")
  #expect(kinds.last == "end")
  let register = client.wait { message in
    if case .request(_, "client/registerCapability", let params) = message {
      return params?["registrations"]?.arrayValue?.first?["method"]?.stringValue == "workspace/didChangeWatchedFiles"
    }
    return false
  }
  #expect(register != nil)
  _ = client.shutdownAndExit()
}

@Test func followsWatchedFileChangesAndRescansOnSave() throws {
  let (fixture, client, uri) = try openCurrentNote(pull: true)
  defer { fixture.remove() }
  // Someone new appears in a note written on disk: known once the client says so.
  let newNote = "# 2024-06-19 conda-forge core meeting\n\n## Attendees\n\n* Zed Zulu (ZZ) (zedz)\n"
  try newNote.write(to: fixture.root.appendingPathComponent("notes/2024-06-19.md"), atomically: true, encoding: .utf8)
  client.notify(
    "workspace/didChangeWatchedFiles", ["changes": [["uri": .string(fixture.uri("notes/2024-06-19.md")), "type": 1]]])
  let result = client.result("textDocument/completion", at(uri, position(.utf16, "5️⃣")))
  #expect(result == .null || result?["items"]?.arrayValue?.contains { $0["label"]?.stringValue == "zedz" } == false)
  let atZ = client.result(
    "textDocument/hover",
    at(uri, currentNote.position(currentNote.offset(of: "nobody"), .utf16).json))
  #expect(atZ == .null)
  // A second new note, with no watcher event: found by the rescan on save.
  let another = "# 2024-06-26 conda-forge core meeting\n\n## Attendees\n\n* Yan Yellow (YY) (yany)\n"
  try another.write(to: fixture.root.appendingPathComponent("notes/2024-06-26.md"), atomically: true, encoding: .utf8)
  client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
  let changed = "- [ ] (Z"
  client.notify(
    "textDocument/didChange",
    ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": .string(changed)]]])
  let z = client.result("textDocument/completion", at(uri, ["line": 0, "character": 8]))
  #expect(z?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["ZZ"])
  let y = client.result("textDocument/completion", at(uri, ["line": 0, "character": 7]))
  #expect(y?["items"]?.arrayValue?.contains { $0["label"]?.stringValue == "YY" } == true)
  _ = client.shutdownAndExit()
}
