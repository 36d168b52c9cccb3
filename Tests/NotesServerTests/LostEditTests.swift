import Foundation
import LSPProtocol
import NotesCore
import Testing

@testable import NotesServer

/// Random incremental edits (`notes-bench fuzz --edits`, Fuzz/FuzzEdits.swift, linked from Sources/notes-bench) in
/// utf-8, utf-16 and utf-32 with astral characters and CRLF, against an independent model of the text: after every
/// batch the server's text, document symbols and pulled diagnostics equal those of the model's text.
@Test func randomIncrementalEditsAreNeverLost() {
  var fuzzer = LostEditFuzzer(seed: 42, edits: 1_500)
  fuzzer.serverText = { client, uri in client.server.queue.sync { client.server.openDocuments[uri]?.source.string } }
  let report = fuzzer.run()
  print(
    "lost-edit check: \(report.edits) edits in \(report.batches) batches, \(report.comparisons) comparisons, "
      + "\(report.mismatches.count) mismatches, \(String(format: "%.1f", report.seconds)) s")
  #expect(report.edits >= 1_500)
  #expect(report.comparisons > 50)
  for mismatch in report.mismatches { Issue.record(Comment(rawValue: mismatch)) }
}

/// The model counts columns as LSP does, independently of `SourceText`.
@Test func theEditModelCountsColumnsInEachEncoding() {
  let model = EditModel("a🎉é\r\nb\rc\n𝄞x")
  #expect(model.position(3, .utf8) == (0, 7))
  #expect(model.position(3, .utf16) == (0, 4))
  #expect(model.position(3, .utf32) == (0, 3))
  #expect(!model.isPositionable(4))
  #expect(model.position(5, .utf16) == (1, 0))
  #expect(model.position(7, .utf16) == (2, 0))
  #expect(model.position(10, .utf16) == (3, 2))
  #expect(model.index(line: 0, character: 2, .utf16) == 1)  // Inside the surrogate pair: the character's start.
  #expect(model.index(line: 0, character: 99, .utf16) == 3)  // Past the line's end: its end.
  #expect(model.index(line: 9, character: 0, .utf16) == model.scalars.count)
}
