import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// Workspace-level behaviour: configuration from the file and from the editor, multi-root indexing, links,
// definitions that leave the note (a CFEP document, a roster line), and positions a client gets wrong.

private let linkedNote = MarkedText(
  """
  # 2024-06-19 conda-forge core meeting

  [Last week's meeting](2024-06-12.md)

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Matthew R. Becker | MRB | beckermr | Flatiron |

  ## Action items

  - [ ] (MRB) 🎉 Rodríguez asks @chris1️⃣burr about [cfep-0️⃣3](cfep-03.md)
  - [ ] (MRB) ping @jaime2️⃣rgp
  - [ ] nobody owns this one

  """)

private func makeWorkspace(configuration: String? = nil) throws -> FixtureWorkspace {
  try FixtureWorkspace(
    files: [
      "notes/2024-06-05.md": previousNote,
      "notes/2024-06-12.md": currentNote.text,
      "notes/2024-06-19.md": linkedNote.text,
      "cfep/cfep-03.md": "# CFEP 03\n\nProviding manually uploaded builds.\n",
    ], configuration: configuration)
}

private func at(_ uri: String, _ note: MarkedText, _ marker: String, _ encoding: PositionEncoding = .utf16)
  -> JSONValue
{
  ["textDocument": ["uri": .string(uri)], "position": note.position(note.offset(marker), encoding).json]
}

@Test func linksAPreviousMeetingLinkToTheLocalNote() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  let links = try #require(client.result("textDocument/documentLink", ["textDocument": ["uri": .string(uri)]]))
  let link = try #require(links.arrayValue?.first)
  #expect(link["target"]?.stringValue == fixture.uri("notes/2024-06-12.md"))
  #expect(link["range"]?.range?.start.line == 2)
  _ = client.shutdownAndExit()
}

@Test func goesFromACFEPToItsDocumentInTheWorkspace() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  let result = try #require(client.result("textDocument/definition", at(uri, linkedNote, "0️⃣")))
  #expect(result.arrayValue?.first?["uri"]?.stringValue == fixture.uri("cfep/cfep-03.md"))
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func goesFromAHandleKnownOnlyToTheRosterToItsRosterLine(encoding: PositionEncoding) throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: encoding, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  let hover = try #require(client.result("textDocument/hover", at(uri, linkedNote, "1️⃣", encoding)))
  #expect(hover["contents"]?["value"]?.stringValue?.contains("Chris Burr") == true)
  let start = linkedNote.offset(of: "@chrisburr")
  #expect(hover["range"]?.range == linkedNote.range(start, start + 10, encoding))
  let result = try #require(client.result("textDocument/definition", at(uri, linkedNote, "1️⃣", encoding)))
  let location = try #require(result.arrayValue?.first)
  #expect(location["uri"]?.stringValue?.hasSuffix("/reference/core.csv") == true)
  let lines = try String(contentsOf: corpusRoot.appendingPathComponent("reference/core.csv"), encoding: .utf8)
    .split(separator: "\n", omittingEmptySubsequences: false)
  let line = try #require(location["range"]?.range?.start.line)
  #expect(lines[line].hasPrefix("chrisburr,"))
  _ = client.shutdownAndExit()
}

@Test func hoversOnAHandleOfSomeoneWhoAttended() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  let hover = try #require(client.result("textDocument/hover", at(uri, linkedNote, "2️⃣")))
  let markdown = hover["contents"]?["value"]?.stringValue ?? ""
  #expect(markdown.contains("Jaime Rodríguez-Guerra"))
  #expect(markdown.contains("`JRG`"))
  _ = client.shutdownAndExit()
}

@Test func takesRuleSeveritiesFromTheEditorAndFollowsChanges() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root, options: ["rules": ["action-item.unowned": "off"], "diagnosticsDelayMs": 10])
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text, version: 1)
  let first = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri })
  #expect(first["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "action-item.unowned" } == false)
  let count = client.messages.count
  client.notify(
    "workspace/didChangeConfiguration", ["settings": ["notesLsp": ["rules": ["action-item.unowned": "error"]]]])
  let again = client.wait(after: count) { message in
    if case .notification("textDocument/publishDiagnostics", let params) = message {
      return params?["uri"]?.stringValue == uri
    }
    return false
  }
  guard case .notification(_, let params) = again else {
    Issue.record("no diagnostics after the configuration changed")
    return
  }
  let unowned = params?["diagnostics"]?.arrayValue?.filter { $0["code"]?.stringValue == "action-item.unowned" } ?? []
  #expect(unowned.count == 1)
  #expect(unowned.first?["severity"]?.intValue == 1)
  _ = client.shutdownAndExit()
}

@Test func showsABadConfigurationToTheUser() throws {
  let fixture = try makeWorkspace(configuration: #"{ "rulez": {} }"#)
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let message = client.waitForNotification("window/showMessage")
  #expect(message?["type"]?.intValue == 1)
  #expect(message?["message"]?.stringValue?.contains("rulez") == true)
  // The server still serves, with defaults.
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text)
  #expect(client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri } != nil)
  _ = client.shutdownAndExit()
}

@Test func indexesEveryWorkspaceFolder() throws {
  let first = try FixtureWorkspace(files: ["a/2024-06-05.md": previousNote])
  let second = try FixtureWorkspace(files: [
    "b/2024-07-01.md": "# 2024-07-01 other meeting\n\n## Attendees\n\n* Quinn Quill (QQ) (qquill)\n"
  ])
  defer {
    first.remove()
    second.remove()
  }
  let client = TestClient()
  _ = client.result(
    "initialize",
    [
      "processId": .null, "capabilities": [:],
      "workspaceFolders": [
        ["uri": .string(first.root.absoluteString), "name": "a"],
        ["uri": .string(second.root.absoluteString), "name": "b"],
      ],
    ])
  client.notify("initialized", [:])
  let ready = client.waitForNotification("$/notes-lsp/indexReady")
  #expect(ready?["notes"]?.intValue == 2)
  let uri = first.uri("a/2024-06-12.md")
  client.open(uri, "- [ ] (Q")
  let result = client.result(
    "textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 8]])
  #expect(result?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["QQ"])
  _ = client.shutdownAndExit()
}

@Test func clampsPositionsPastTheEndInsteadOfFailing() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  for position: JSONValue in [["line": 999, "character": 0], ["line": 12, "character": 9999]] {
    let response = client.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": position])
    #expect(response?.errorCode == nil)
  }
  // A column inside the emoji's surrogate pair rounds to the emoji's start.
  let emoji = linkedNote.position(linkedNote.offset(of: "🎉"), .utf16)
  let inside = Position(line: emoji.line, character: emoji.character + 1)
  let response = client.request(
    "textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": inside.json])
  #expect(response?.errorCode == nil)
  _ = client.shutdownAndExit()
}

@Test func fullSyncReplacesTheText() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(pull: true, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  client.notify(
    "textDocument/didChange",
    [
      "textDocument": ["uri": .string(uri), "version": 2],
      "contentChanges": [
        ["text": "# 2024-06-19 conda-forge core meeting\n\n## Attendees\n\n* Matthew R. Becker (MRB)\n"]
      ],
    ])
  let report = client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
  #expect(report?["items"]?.arrayValue?.contains { $0["code"]?.stringValue == "action-item.unowned" } == false)
  _ = client.shutdownAndExit()
}

@Test func rescansOnSaveButHonoursExcludes() throws {
  let fixture = try makeWorkspace(configuration: #"{ "exclude": ["notes/draft-*"] }"#)
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-19.md")
  client.open(uri, linkedNote.text)
  for (name, person) in [("draft-2024-06-26.md", "Xavier Xu (XX) (xxu)"), ("2024-06-26.md", "Yan Yellow (YY) (yany)")] {
    let text = "# 2024-06-26 conda-forge core meeting\n\n## Attendees\n\n* \(person)\n"
    try text.write(to: fixture.root.appendingPathComponent("notes/" + name), atomically: true, encoding: .utf8)
  }
  client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
  client.notify(
    "textDocument/didChange",
    ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": "- [ ] ("]]])
  let result = client.result(
    "textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 7]])
  let labels = result?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
  #expect(labels.contains("YY"))
  #expect(!labels.contains("XX"))
  _ = client.shutdownAndExit()
}

@Test(arguments: [
  ("- [ ] J", "JRG"), ("1. JR", "JRG"), ("* [x] (MRB/J", "JRG"), ("- [ ] (MRB, I", "IF"), ("- [ ] MRB/I", "IF"),
  ("- [ ] [J", "JRG"), ("| Isuru Fernando 🎉 | I", "IF"), ("see CEP 1", "CEP 1"), ("see cfep-0", "cfep-03"),
  ("cc @isu", "isuruf"),
])
func completesInEveryPlaceInitialsHandlesAndProposalsAreWritten(line: String, expected: String) throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(encoding: .utf32, root: fixture.root)
  let uri = fixture.uri("notes/2024-06-26.md")
  let header = "| Name | Initials | GitHub ID | Affiliation |\n| ---- | -------- | --------- | ----------- |\n"
  let text = (line.hasPrefix("|") ? header : "") + line
  client.open(uri, text)
  let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
  let result = client.result(
    "textDocument/completion",
    [
      "textDocument": ["uri": .string(uri)],
      "position": ["line": .int(lastLine), "character": .int(line.unicodeScalars.count)],
    ])
  let labels = result?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
  #expect(labels.contains(expected), "\(line) → \(labels.prefix(5))")
  _ = client.shutdownAndExit()
}

@Test func offersNothingInProse() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-26.md")
  client.open(uri, "We talked about JR and Matthew at length")
  for character in [18, 27, 40] {
    let result = client.result(
      "textDocument/completion",
      ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": .int(character)]])
    #expect(result == .null, "column \(character)")
  }
  _ = client.shutdownAndExit()
}

@Test func hoversOnANameInTheAttendeeList() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text)
  let offset = currentNote.offset(of: "Matthew R. Becker") + 3
  let hover = client.result(
    "textDocument/hover",
    ["textDocument": ["uri": .string(uri)], "position": currentNote.position(offset, .utf16).json])
  #expect(hover?["contents"]?["value"]?.stringValue?.contains("`MRB`") == true)
  _ = client.shutdownAndExit()
}
