import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// The document store: incremental edits against the line table, versions, URI aliasing, and one copy of each open
// text shared with the workspace.

/// Random edits (CR, LF, CRLF, multi-byte characters, at line boundaries) applied with `SourceText.replacing` give the
/// same bytes and line table as reading the edited text whole.
@Test func anIncrementalEditGivesTheLineTableOfTheWholeText() {
  var random = SeededRandom(state: 7)
  let pieces = ["\n", "\r", "\r\n", "a", "é", "🎉", "- [ ] (AB) x\n", "", "\n\n", "\r\r"]
  var source = SourceText("# 2024-01-01\r\n\n- [ ] (AB) 🎉\rend")
  for _ in 0..<3_000 {
    let count = source.bytes.count
    var start = Int.random(in: 0...count, using: &random)
    var end = min(count, start + Int.random(in: 0...4, using: &random))
    // Whole characters only, as the conversion seam gives.
    while start > 0 && start < count && source.bytes[start] & 0xC0 == 0x80 { start -= 1 }
    while end < count && source.bytes[end] & 0xC0 == 0x80 { end += 1 }
    let replacement = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }
      .joined()
    let edited = source.replacing(TextRange(utf8Start: start, utf8End: end), with: replacement)
    let whole = SourceText(edited.string)
    #expect(edited.bytes == whole.bytes)
    #expect(edited.lineStarts == whole.lineStarts)
    if edited.lineStarts != whole.lineStarts { return }
    source = edited.bytes.count > 4_000 ? SourceText(String(edited.string.prefix(200))) : edited
  }
}

@Test func theStoreAppliesChangesInOrderChecksVersionsAndAliasesPaths() {
  var store = DocumentStore()
  let conversion = ProtocolConversion(encoding: .utf16, logger: Logger(level: .off))
  let (opened, replaced) = store.open(uri: "file:///notes/a.md", version: 1, text: "one\ntwo 🎉\nthree\n")
  #expect(opened.version == 1 && replaced == nil)
  let changes = [
    TextDocumentContentChangeEvent(
      range: LSPProtocol.Range(start: Position(line: 1, character: 4), end: Position(line: 1, character: 6)),
      text: "2"),
    TextDocumentContentChangeEvent(
      range: LSPProtocol.Range(start: Position(line: 2, character: 0), end: Position(line: 2, character: 0)),
      text: "3\n"),
  ]
  guard
    case .applied(let edited, let stale) = store.edit(
      uri: "file:///notes/a.md", version: 2, changes: changes, conversion: conversion)
  else {
    Issue.record("the edit was not applied")
    return
  }
  #expect(edited.source.string == "one\ntwo 2\n3\nthree\n")
  #expect(edited.version == 2 && stale == nil)
  guard
    case .applied(_, let late) = store.edit(
      uri: "file:///notes/a.md", version: 2, changes: [], conversion: conversion)
  else { return }
  #expect(late?.sent == 2 && late?.held == 2)
  guard case .notOpen = store.edit(uri: "file:///notes/b.md", version: 1, changes: [], conversion: conversion) else {
    Issue.record("an edit of a document that is not open was applied")
    return
  }
  // The same file under another spelling of its URI replaces the first.
  let (_, alias) = store.open(uri: "file:///notes/./a.md", version: 1, text: "x")
  #expect(alias == "file:///notes/a.md")
  #expect(store.uriByPath["/notes/a.md"] == "file:///notes/./a.md")
  #expect(store.close("file:///notes/./a.md") != nil)
  #expect(store.isOpen("file:///notes/./a.md") == false)
}

/// The workspace parses the store's text: an open document's bytes and line table are held once, before and after an
/// incremental change.
@Test func anOpenTextIsHeldOnceAndSharedWithTheWorkspace() throws {
  let client = TestClient()
  client.initialize(root: nil)
  let uri = "file:///nowhere/2024-01-01.md"
  client.open(uri, "# 2024-01-01 meeting\n\n- [ ] (AB) one\n")
  client.notify(
    "textDocument/didChange",
    [
      "textDocument": ["uri": .string(uri), "version": 2],
      "contentChanges": [
        [
          "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]],
          "text": "- [ ] (CD) two\n",
        ]
      ],
    ])
  _ = client.result(
    "textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 0]])
  let shared = client.server.queue.sync { () -> (Bool, Bool, String) in
    guard let open = client.server.documents.document(uri), let held = client.server.workspace.document(uri) else {
      return (false, false, "")
    }
    let bytes = open.source.bytes.withUnsafeBufferPointer { a in
      held.source.bytes.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
    let lines = open.source.lineStarts.sharesStorage(with: held.source.lineStarts)
    return (bytes, lines, held.source.string)
  }
  #expect(shared.0, "the workspace holds a second copy of the bytes")
  #expect(shared.1, "the workspace holds a second line table")
  #expect(shared.2 == "# 2024-01-01 meeting\n\n- [ ] (CD) two\n- [ ] (AB) one\n")
  #expect(client.shutdownAndExit() == 0)
}

/// SplitMix64: a fixed seed gives the same edits on every run.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
