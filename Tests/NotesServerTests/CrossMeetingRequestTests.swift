import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// In-process tests of the cross-meeting requests: references, rename, workspace symbols, code actions, the next
// meeting command, inlay hints and code lenses, with emoji and `Rodríguez` before the cursor.

private let earlier = """
  # 2024-05-29 conda-forge core meeting

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight |
  | Matthew R. Becker | MRB | beckermr | Flatiron |

  ### From previous meeting(s)

  - [ ] (JRG) draft the release notes
  - [ ] (MRB) rotate the 🎉 tokens

  """

private let later = MarkedText(
  """
  # 2024-06-12 conda-forge core meeting

  - [Last week's meeting](https://hackmd.io/#REPLACE_ME#)

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Jaime Rodríguez-Guerra 🎉 | J1️⃣RG | jaimergp | Quansight |
  | Matthew R. Becker | MRB. | beckermr | Flatiron |

  1 people total

  ### From previous meeting(s)

  - [ ] (J2️⃣RG) 🎉 draft the release notes, Rodríguez
  - [ ] nobody 3️⃣owns this item

  """)

private func makeFixture() throws -> FixtureWorkspace {
  try FixtureWorkspace(files: ["notes/2024-05-29.md": earlier, "notes/2024-06-12.md": later.text])
}

private func at(_ uri: String, _ marker: String, _ encoding: PositionEncoding) -> JSONValue {
  ["textDocument": ["uri": .string(uri)], "position": later.position(later.offset(marker), encoding).json]
}

@Test func declaresTheCrossMeetingCapabilities() throws {
  let client = TestClient()
  let capabilities = client.initialize(root: nil)?["capabilities"]
  #expect(capabilities?["referencesProvider"]?.boolValue == true)
  #expect(capabilities?["renameProvider"]?["prepareProvider"]?.boolValue == true)
  #expect(capabilities?["workspaceSymbolProvider"]?.boolValue == true)
  #expect(capabilities?["codeActionProvider"]?["codeActionKinds"]?.arrayValue?.count == 3)
  #expect(capabilities?["executeCommandProvider"]?["commands"] == ["notes-lsp.newMeeting"])
  #expect(capabilities?["inlayHintProvider"]?.boolValue == true)
  #expect(capabilities?["codeLensProvider"] != nil)
  #expect(client.shutdownAndExit() == 0)
}

@Test(arguments: PositionEncoding.allCases)
func findsReferencesAcrossNotes(encoding: PositionEncoding) throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, later.text)
  var params = at(uri, "2️⃣", encoding)
  if case .object(var object) = params {
    object["context"] = ["includeDeclaration": true]
    params = .object(object)
  }
  let result = try #require(client.result("textDocument/references", params)?.arrayValue)
  let uris = result.compactMap { $0["uri"]?.stringValue }
  #expect(Set(uris) == [uri, fixture.uri("notes/2024-05-29.md")])
  // Here: the row's three cells and the owner, whose range is exact after the emoji.
  let owner = later.offset(of: "JRG) 🎉")
  #expect(
    result.contains { $0["uri"]?.stringValue == uri && $0["range"]?.range == later.range(owner, owner + 3, encoding) })
  #expect(result.count == 8)
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func renamesInitialsAcrossNotes(encoding: PositionEncoding) throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, later.text)
  let prepared = try #require(client.result("textDocument/prepareRename", at(uri, "1️⃣", encoding)))
  let cell = later.offset(of: "JRG |")
  #expect(prepared["range"]?.range == later.range(cell, cell + 3, encoding))
  #expect(prepared["placeholder"]?.stringValue == "JRG")
  // Not on prose.
  let refused = client.request("textDocument/prepareRename", at(uri, "3️⃣", encoding))
  #expect(refused?.errorCode == -32803)
  var params = at(uri, "2️⃣", encoding)
  if case .object(var object) = params {
    object["newName"] = "JRGG"
    params = .object(object)
  }
  let edit = try #require(client.result("textDocument/rename", params))
  let changes = try #require(edit["changes"]?.objectValue)
  #expect(changes[uri]?.arrayValue?.count == 2)
  #expect(changes[fixture.uri("notes/2024-05-29.md")]?.arrayValue?.count == 2)
  #expect(changes[uri]?.arrayValue?.allSatisfy { $0["newText"]?.stringValue == "JRGG" } == true)
  // Taken initials are refused with a message.
  if case .object(var object) = params {
    object["newName"] = "MRB"
    params = .object(object)
  }
  #expect(client.request("textDocument/rename", params)?.errorCode == -32803)
  _ = client.shutdownAndExit()
}

@Test func answersWorkspaceSymbolQueries() throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let mine = try #require(client.result("workspace/symbol", ["query": "@jaimergp"])?.arrayValue)
  #expect(
    mine.compactMap { $0["name"]?.stringValue } == [
      "@jaimergp (JRG) 🎉 draft the release notes, Rodríguez", "@jaimergp (JRG) draft the release notes",
    ])
  #expect(mine.first?["kind"]?.intValue == 24)
  let open = try #require(client.result("workspace/symbol", ["query": "open:"])?.arrayValue)
  #expect(open.count == 4)
  let meetings = try #require(client.result("workspace/symbol", ["query": "2024-06-12"])?.arrayValue)
  #expect(meetings.first?["kind"]?.intValue == 1)
  #expect(meetings.first?["location"]?["uri"]?.stringValue == fixture.uri("notes/2024-06-12.md"))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func offersQuickFixesTiedToDiagnostics(encoding: PositionEncoding) throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, later.text)
  let line = later.position(later.offset("3️⃣"), encoding).line
  let diagnostic: JSONValue = [
    "range": ["start": ["line": .int(line), "character": 0], "end": ["line": .int(line), "character": 5]],
    "code": "action-item.unowned", "message": "unowned", "severity": 2,
  ]
  let params: JSONValue = [
    "textDocument": ["uri": .string(uri)],
    "range": ["start": ["line": .int(line), "character": 2], "end": ["line": .int(line), "character": 2]],
    "context": ["diagnostics": [diagnostic]],
  ]
  let actions = try #require(client.result("textDocument/codeAction", params)?.arrayValue)
  let assign = try #require(actions.first { $0["title"]?.stringValue?.hasPrefix("Assign to JRG") == true })
  #expect(assign["kind"]?.stringValue == "quickfix")
  #expect(assign["diagnostics"]?.arrayValue?.count == 1)
  let edits = assign["edit"]?["changes"]?[uri]?.arrayValue ?? []
  #expect(edits.first?["newText"]?.stringValue == "(JRG) ")
  #expect(actions.contains { $0["kind"]?.stringValue == "source.fixAll.notes-lsp" })
  // `only` filters by kind.
  var onlyFixAll = params
  if case .object(var object) = onlyFixAll {
    object["context"] = ["diagnostics": [], "only": ["source.fixAll"]]
    onlyFixAll = .object(object)
  }
  let fixAll = try #require(client.result("textDocument/codeAction", onlyFixAll)?.arrayValue)
  #expect(fixAll.count == 1)
  let fixAllEdits = fixAll.first?["edit"]?["changes"]?[uri]?.arrayValue?.compactMap { $0["newText"]?.stringValue }
  #expect(fixAllEdits == ["2024-05-29.md", "MRB ", "2"])  // `MRB.` → `MRB `: the column stays aligned.
  _ = client.shutdownAndExit()
}

@Test func createsTheNextMeetingFileWithItsCarriedItems() throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  let result = try #require(
    client.result("workspace/executeCommand", ["command": "notes-lsp.newMeeting", "arguments": [.string(uri)]]))
  #expect(result["fileName"]?.stringValue == "2024-06-26.md")
  let created = fixture.root.appendingPathComponent("notes/2024-06-26.md")
  let text = try String(contentsOf: created, encoding: .utf8)
  #expect(text.contains("# 2024-06-26 conda-forge core meeting"))
  #expect(text.contains("- [ ] (JRG) 🎉 draft the release notes, Rodríguez"))
  #expect(text.contains("[Last week's meeting](2024-06-12.md)"))
  // The same date again: refused, the file untouched.
  let again = client.request(
    "workspace/executeCommand",
    ["command": "notes-lsp.newMeeting", "arguments": [["uri": .string(uri), "date": "2024-06-26"]]])
  #expect(again?.errorCode == -32803)
  #expect(try String(contentsOf: created, encoding: .utf8) == text)
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func showsInlayHintsWhenEnabledAndCodeLenses(encoding: PositionEncoding) throws {
  let fixture = try makeFixture()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root, options: ["inlayHints": true])
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, later.text)
  let hints = try #require(
    client.result(
      "textDocument/inlayHint",
      [
        "textDocument": ["uri": .string(uri)],
        "range": ["start": ["line": 0, "character": 0], "end": ["line": 10_000, "character": 0]],
      ])?.arrayValue)
  #expect(hints.count == 1)
  let owner = later.offset(of: "JRG) 🎉")
  #expect(hints.first?["position"]?.position == later.position(owner + 3, encoding))
  #expect(hints.first?["label"]?.stringValue == "Jaime Rodríguez-Guerra")
  let lenses = try #require(client.result("textDocument/codeLens", ["textDocument": ["uri": .string(uri)]])?.arrayValue)
  #expect(lenses.first?["command"]?["title"]?.stringValue == "2 open items from 2024-05-29 · 1 not carried over")
  _ = client.shutdownAndExit()
}
