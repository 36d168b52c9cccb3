import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// The cross-meeting requests (issue 4) through the in-memory connection: one test each that the server dispatches
// them, converts positions in the negotiated encoding and answers with the right shapes. The features themselves
// are tested at the core (Tests/NotesCoreTests/CrossMeeting).

private func makeWorkspace() throws -> FixtureWorkspace {
  try FixtureWorkspace(files: ["notes/2024-06-05.md": previousNote, "notes/2024-06-12.md": currentNote.text])
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

private func at(_ uri: String, _ marker: String, _ encoding: PositionEncoding) -> JSONValue {
  ["textDocument": ["uri": .string(uri)], "position": currentNote.position(currentNote.offset(marker), encoding).json]
}

@Test(arguments: PositionEncoding.allCases)
func findsReferencesToAPersonAcrossNotes(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  var params = try #require(at(uri, "7️⃣", encoding).objectValue)
  params["context"] = ["includeDeclaration": true]
  let result = try #require(client.result("textDocument/references", .object(params)))
  let locations = result.arrayValue ?? []
  let uris = Set(locations.compactMap { $0["uri"]?.stringValue })
  #expect(uris == [uri, fixture.uri("notes/2024-06-05.md")])
  // The attendee cell after the emoji, in the negotiated encoding.
  let cell = currentNote.offset(of: "JRG |")
  #expect(locations.contains { $0["range"]?.range == currentNote.range(cell, cell + 3, encoding) })
  _ = client.shutdownAndExit()
}

@Test(arguments: PositionEncoding.allCases)
func renamesInitialsAcrossTheWorkspace(encoding: PositionEncoding) throws {
  let (fixture, client, uri) = try openCurrentNote(encoding: encoding)
  defer { fixture.remove() }
  let prepared = try #require(client.result("textDocument/prepareRename", at(uri, "7️⃣", encoding)))
  #expect(prepared["placeholder"]?.stringValue == "JRG")
  let owner = currentNote.offset(of: "JRG) 🎉")
  #expect(prepared["range"]?.range == currentNote.range(owner, owner + 3, encoding))
  var params = at(uri, "7️⃣", encoding).objectValue ?? [:]
  params["newName"] = "JRGG"
  let edit = try #require(client.result("textDocument/rename", .object(params)))
  let changes = edit["changes"]?.objectValue ?? [:]
  #expect(Set(changes.keys) == [uri, fixture.uri("notes/2024-06-05.md")])
  let here = changes[uri]?.arrayValue ?? []
  #expect(here.allSatisfy { $0["newText"]?.stringValue == "JRGG" })
  #expect(here.contains { $0["range"]?.range == currentNote.range(owner, owner + 3, encoding) })
  params["newName"] = "not initials"
  #expect(client.request("textDocument/rename", .object(params))?.errorCode != nil)
  _ = client.shutdownAndExit()
}

@Test func searchesWorkspaceSymbolsForAPersonsOpenItems() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let result = try #require(client.result("workspace/symbol", ["query": "@JRG"]))
  let names = result.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
  #expect(names.contains { $0.contains("draft the release notes") })
  #expect(client.request("workspace/symbol", [:])?.errorCode == -32602)
  _ = client.shutdownAndExit()
}

@Test func offersAQuickFixForAnUnownedItem() throws {
  let (fixture, client, uri) = try openCurrentNote()
  defer { fixture.remove() }
  let diagnostics = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri })
  let unowned = try #require(
    diagnostics["diagnostics"]?.arrayValue?.first { $0["code"]?.stringValue == "action-item.unowned" })
  let actions = try #require(
    client.result(
      "textDocument/codeAction",
      [
        "textDocument": ["uri": .string(uri)], "range": unowned["range"] ?? .null,
        "context": ["diagnostics": [unowned]],
      ]))
  let quickFixes = actions.arrayValue?.filter { $0["kind"]?.stringValue == "quickfix" } ?? []
  #expect(!quickFixes.isEmpty)
  #expect(quickFixes.contains { $0["edit"]?["changes"]?[uri] != nil })
  _ = client.shutdownAndExit()
}

@Test func createsTheNextMeetingAndNeverOverwrites() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let capabilities = client.result("initialize", ["capabilities": [:]])
  #expect(capabilities == nil)  // Already initialized.
  let params: JSONValue = [
    "command": "notes-lsp.newMeeting", "arguments": [["uri": .string(fixture.uri("notes/2024-06-12.md"))]],
  ]
  let created = try #require(client.result("workspace/executeCommand", params))
  let fileName = try #require(created["fileName"]?.stringValue)
  let path = fixture.root.appendingPathComponent("notes/" + fileName).path
  #expect(FileManager.default.fileExists(atPath: path))
  // The same date again: the file exists and is left as it is.
  let date = String(fileName.prefix(10))
  let sameDay: JSONValue = [
    "command": "notes-lsp.newMeeting",
    "arguments": [["uri": .string(fixture.uri("notes/2024-06-12.md")), "date": .string(date)]],
  ]
  let before = try String(contentsOfFile: path, encoding: .utf8)
  #expect(client.request("workspace/executeCommand", sameDay)?.errorCode == -32803)
  #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
  #expect(client.request("workspace/executeCommand", ["command": "nope"])?.errorCode == -32602)
  _ = client.shutdownAndExit()
}

@Test func givesInlayHintsWhenTurnedOnAndCodeLenses() throws {
  let fixture = try makeWorkspace()
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root, options: ["inlayHints": true])
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, currentNote.text)
  let hints = try #require(
    client.result(
      "textDocument/inlayHint",
      [
        "textDocument": ["uri": .string(uri)],
        "range": ["start": ["line": 0, "character": 0], "end": ["line": 10_000, "character": 0]],
      ]))
  let labels = hints.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
  #expect(labels.contains { $0.contains("Jaime Rodríguez-Guerra") })
  let lenses = client.request("textDocument/codeLens", ["textDocument": ["uri": .string(uri)]])
  #expect(lenses?.errorCode == nil)
  _ = client.shutdownAndExit()
}

@Test func aDroppedItemLinksToItsLineInThePreviousNote() throws {
  let previous = "# 2024-06-05 Meeting\n\n## Action items\n\n- [ ] (JK) write the CUDA blog post\n"
  let current = "# 2024-06-19 Meeting\n\n## Action items\n\n- [ ] (JK) something else\n"
  let fixture = try FixtureWorkspace(files: ["n/2024-06-05.md": previous, "n/2024-06-19.md": current])
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("n/2024-06-19.md")
  client.open(uri, current)
  let diagnostics = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri })
  let dropped = try #require(
    diagnostics["diagnostics"]?.arrayValue?.first { $0["code"]?.stringValue == "action-item.dropped" })
  let related = try #require(dropped["relatedInformation"]?.arrayValue?.first)
  #expect(related["location"]?["uri"]?.stringValue == fixture.uri("n/2024-06-05.md"))
  #expect(related["location"]?["range"]?["start"]?["line"]?.intValue == 4)
  #expect(related["message"]?.stringValue == "write the CUDA blog post")
  _ = client.shutdownAndExit()
}
