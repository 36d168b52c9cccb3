import Foundation
import LSPProtocol
import NotesCore
import NotesJSON

// Shared by `notes-bench fuzz --edits` and Tests/NotesServerTests/LostEditTests.swift (Fuzz/ links to this file):
// random incremental edits against an independent model of the text.

/// The text as the client sees it: Unicode scalars, lines ending at `\n`, `\r\n` or a lone `\r`, columns counted
/// in the negotiated encoding. Written without `SourceText`, so the server's conversions are checked, not copied.
struct EditModel {
  var scalars: [Unicode.Scalar]

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  var text: String {
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  static func units(_ scalar: Unicode.Scalar, _ encoding: PositionEncoding) -> Int {
    switch encoding {
    case .utf8: return String(scalar).utf8.count
    case .utf16: return scalar.value > 0xFFFF ? 2 : 1
    case .utf32: return 1
    }
  }

  /// Whether a position can point at scalar offset `index` (not between the `\r` and `\n` of a CRLF).
  func isPositionable(_ index: Int) -> Bool {
    !(index > 0 && index < scalars.count && scalars[index - 1] == "\r" && scalars[index] == "\n")
  }

  /// The line and column of scalar offset `index`.
  func position(_ index: Int, _ encoding: PositionEncoding) -> (line: Int, character: Int) {
    var line = 0
    var column = 0
    var i = 0
    while i < index {
      let s = scalars[i]
      if s == "\n" || (s == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) {
        line += 1
        column = 0
      } else if s != "\r" {
        column += Self.units(s, encoding)
      }
      i += 1
    }
    return (line, column)
  }

  /// The scalar offset a position names, clamped as LSP says: a column past the line's end is its end.
  func index(line: Int, character: Int, _ encoding: PositionEncoding) -> Int {
    var i = 0
    var currentLine = 0
    while currentLine < line && i < scalars.count {
      let s = scalars[i]
      i += 1
      if s == "\n" {
        currentLine += 1
      } else if s == "\r" {
        if i < scalars.count && scalars[i] == "\n" { i += 1 }
        currentLine += 1
      }
    }
    if currentLine < line { return scalars.count }
    var remaining = character
    while i < scalars.count && scalars[i] != "\n" && scalars[i] != "\r" {
      let units = Self.units(scalars[i], encoding)
      if units > remaining { break }
      remaining -= units
      i += 1
    }
    return i
  }

  mutating func replace(_ range: Swift.Range<Int>, with text: String) {
    scalars.replaceSubrange(range, with: Array(text.unicodeScalars))
  }
}

/// What a lost-edit run saw.
struct LostEditReport {
  var edits = 0
  var batches = 0
  var comparisons = 0
  var mismatches: [String] = []
  var seconds = 0.0
}

/// Opens a note in a fresh server for each of utf-8, utf-16 and utf-32, sends `edits` random range edits in batches
/// (astral characters, combining marks, CRLF, lone CR, items and headings; ranges also past the end of a line or of
/// the text) and after every batch compares the server's view with the model: its document symbols and pulled
/// diagnostics against those of the model's text, and (when `serverText` is given) the text itself.
struct LostEditFuzzer {
  let seed: UInt64
  let edits: Int
  /// The server's current text of an open document, where the caller can see it (tests, through `@testable`).
  var serverText: ((FuzzServerClient, String) -> String?)?

  static let insertions: [String] = [
    "", "a", "xy", " ", "🎉", "👩‍👩‍👧", "𝄞", "é", "e\u{301}", "\n", "\r\n", "\r", "\t", "- [ ] (AB) new 🎉 item\n",
    "## Heading 𝄞\n", "# 2024-01-17 title\n", "| Zoë Ünal | ZU | zoe |\n", "(JRG) ", "cfep-12 ", "\r\n- [x] done\r\n",
  ]

  func run() -> LostEditReport {
    var report = LostEditReport()
    let started = Date()
    for (n, encoding) in PositionEncoding.allCases.enumerated() {
      var random = FuzzRandom(seed: seed, index: n)
      let folder = FuzzFolder("notes-lost-edit")
      defer { folder.remove() }
      let uri = folder.uri("2024-01-10.md")
      let client = FuzzServerClient()
      client.initialize(root: folder.url, encoding: encoding, pull: true)
      var model = EditModel(NoteMutator.fallback.replacingOccurrences(of: "## Agenda\n", with: "## Agenda 🎉\r\n"))
      client.open(uri, model.text)
      var version = 1
      var done = 0
      while done < edits / 3 {
        var changes: [JSONValue] = []
        for _ in 0..<(1 + random.below(5)) {
          changes.append(randomChange(&model, &random, encoding))
          done += 1
        }
        version += 1
        client.notify(
          "textDocument/didChange",
          ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": .array(changes)])
        report.batches += 1
        if random.oneIn(3) || done >= edits / 3 {
          report.comparisons += 1
          let problems = compare(client, uri: uri, model: model, encoding: encoding)
          if !problems.isEmpty {
            report.mismatches.append(
              "\(encoding.rawValue), after \(done) edits: " + problems.prefix(3).joined(separator: "; "))
            break
          }
        }
      }
      report.edits += done
      _ = client.shutdownAndExit()
    }
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  /// One random change, applied to the model, as LSP `TextDocumentContentChangeEvent` JSON.
  func randomChange(_ model: inout EditModel, _ random: inout FuzzRandom, _ encoding: PositionEncoding) -> JSONValue {
    let count = model.scalars.count
    var start = random.below(count + 1)
    while !model.isPositionable(start) { start -= 1 }
    var end = min(count, start + (random.oneIn(3) ? random.below(12) : 0))
    while !model.isPositionable(end) { end += 1 }
    let text = random.pick(Self.insertions)
    let from = model.position(start, encoding)
    var to = model.position(end, encoding)
    // Sometimes a column past the end of the line, or a line past the end of the text: both clamp.
    if random.oneIn(10) {
      if random.oneIn(2) {
        to.character += 1 + random.below(5)
        end = model.index(line: to.line, character: to.character, encoding)
      } else {
        to = (to.line + 1 + random.below(3), random.below(4))
        end = model.index(line: to.line, character: to.character, encoding)
      }
    }
    model.replace(start..<max(start, end), with: text)
    return [
      "range": [
        "start": ["line": .int(from.line), "character": .int(from.character)],
        "end": ["line": .int(to.line), "character": .int(to.character)],
      ],
      "text": .string(text),
    ]
  }

  /// What differs between the server's answers and the model's.
  func compare(_ client: FuzzServerClient, uri: String, model: EditModel, encoding: PositionEncoding) -> [String] {
    var problems: [String] = []
    let text = model.text
    // The answers the server would give for a note freshly opened with the model's text.
    var workspace = NotesWorkspace()
    let document = workspace.update(uri: uri, text: text)
    let source = document.source
    func position(_ offset: Int) -> String {
      let p = source.position(ofUTF8Offset: offset, in: encoding)
      return "\(p.line):\(p.column)"
    }
    func position(_ json: JSONValue?) -> String {
      "\(json?["line"]?.intValue ?? -1):\(json?["character"]?.intValue ?? -1)"
    }
    func flatten(_ symbols: [OutlineSymbol]) -> [String] {
      symbols.flatMap {
        // LSP forbids an empty name: the protocol layer says "(untitled)".
        let name = $0.name.isEmpty ? "(untitled)" : $0.name
        return ["\(name) \(position($0.range.utf8Start)) \(position($0.range.utf8End))"] + flatten($0.children)
      }
    }
    func flatten(_ symbols: [JSONValue]) -> [String] {
      symbols.flatMap { symbol -> [String] in
        let name = symbol["name"]?.stringValue ?? "?"
        let range = symbol["range"]
        return ["\(name) \(position(range?["start"])) \(position(range?["end"]))"]
          + flatten(symbol["children"]?.arrayValue ?? [])
      }
    }
    let expectedSymbols = flatten(DocumentSymbolFeature.symbols(in: document))
    let answer = client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])
    // Answered after the edits (one ordered message loop): the server's text now includes them.
    if let serverText, let seen = serverText(client, uri), seen != text {
      let common = zip(seen.unicodeScalars, text.unicodeScalars).prefix { $0 == $1 }.count
      func around(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(max(0, common - 15)).prefix(30))).debugDescription
      }
      problems.append(
        "the server's text differs from the model's at scalar \(common): \(around(seen)) / \(around(text))")
    }
    let seenSymbols = flatten(answer?.fuzzResult?.arrayValue ?? [])
    if seenSymbols != expectedSymbols {
      let first = zip(seenSymbols, expectedSymbols).first { $0 != $1 }
      problems.append(
        "symbols: \(seenSymbols.count) seen, \(expectedSymbols.count) expected"
          + (first.map { ", first difference \($0.0) / \($0.1)" } ?? ""))
    }
    // Positions the model computes itself: the model and `SourceText` agree on every symbol's start.
    for symbol in DocumentSymbolFeature.symbols(in: document).prefix(20) {
      let scalarIndex = String(decoding: source.bytes[0..<symbol.range.utf8Start], as: UTF8.self).unicodeScalars.count
      let mine = model.position(scalarIndex, encoding)
      let theirs = source.position(ofUTF8Offset: symbol.range.utf8Start, in: encoding)
      if mine.line != theirs.line || mine.character != theirs.column {
        problems.append("symbol \(symbol.name) at \(mine) by the model, \(theirs) by SourceText")
      }
    }
    let expectedDiagnostics = workspace.diagnostics(for: uri).map {
      "\($0.code) \(position($0.range.utf8Start)) \(position($0.range.utf8End))"
    }
    let pulled = client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
    let seenDiagnostics = (pulled?.fuzzResult?["items"]?.arrayValue ?? []).map { item -> String in
      let code = item["code"]?.stringValue ?? "?"
      return "\(code) \(position(item["range"]?["start"])) \(position(item["range"]?["end"]))"
    }
    if seenDiagnostics.sorted() != expectedDiagnostics.sorted() {
      problems.append("diagnostics: \(seenDiagnostics.count) seen, \(expectedDiagnostics.count) expected")
    }
    return problems
  }
}
