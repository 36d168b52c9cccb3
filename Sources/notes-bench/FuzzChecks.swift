import Foundation
import NotesCore

// Shared by `notes-bench fuzz` and Tests/NotesCoreTests/Robustness (which links to this file): every core feature
// over one mutant, and the promises each answer must keep.

/// Runs every core feature over a mutant placed in a workspace of real notes and lists what broke: a range outside
/// the text or backwards, a position that does not survive the trip through utf-8, utf-16 or utf-32 columns, a
/// document symbol whose selection lies outside its range or whose child lies outside its parent, a fold that ends
/// before it starts. (A crash or a hang is the caller's to see: see `DeadlineWorker`.)
struct FeatureProbe {
  /// The workspaces mutants join, by folder: each mutant joins the notes of its seed's folder (one team's workspace,
  /// as the tool is used) and replaces the note it came from.
  let bases: [String: NotesWorkspace]
  /// Random cursor positions per mutant (besides the start and the end of the text).
  let positions: Int
  /// At how many of those positions references and code actions are asked for (they look through every note, or
  /// compute the note's diagnostics again).
  var widePositions = 2

  /// The broken promises for `mutant`, as readable lines; empty when all is well.
  func check(_ mutant: NoteMutator.Mutant, random: inout FuzzRandom) -> [String] {
    let decoded = DecodedText(bytes: mutant.bytes)
    var workspace = bases[fuzzFolder(of: mutant.seedURI)] ?? bases.values.first ?? NotesWorkspace()
    let document = workspace.update(uri: mutant.seedURI, text: decoded.text)
    var audit = RangeAudit(workspace: workspace, document: document)

    audit.parse(document)
    for diagnostic in workspace.diagnostics(for: document, decoded: decoded) {
      audit.range(diagnostic.range, "diagnostic \(diagnostic.code)")
    }
    audit.symbols(DocumentSymbolFeature.symbols(in: document), parent: nil)
    for region in FoldingFeature.regions(in: document) { audit.range(region.range, "folding range") }
    for link in DocumentLinkFeature.links(in: workspace, document: document) { audit.range(link.range, "link") }
    let all = TextRange(utf8Start: 0, utf8End: document.source.bytes.count)
    for hint in InlineHints.inlayHints(in: document, range: all, workspace: workspace) {
      audit.range(TextRange(utf8Start: hint.position, utf8End: hint.position), "inlay hint")
    }
    for lens in InlineHints.codeLenses(in: document, workspace: workspace) {
      audit.range(lens.range, "code lens")
      if let target = lens.target { audit.location(target, "code lens target") }
    }

    let count = document.source.bytes.count
    // First where something is (a mention: where hover, definition and references do work), then anywhere. Every
    // offset goes through the server's conversion of an LSP position, as a client's cursor does: never inside a
    // character or a CRLF.
    var raw: [Int] = []
    if let mention = document.mentions.isEmpty ? nil : document.mentions[random.below(document.mentions.count)] {
      raw.append(mention.range.utf8Start + random.below(mention.range.utf8Length + 1))
    }
    raw += [0, count]
    for _ in 0..<positions { raw.append(random.below(count + 1)) }
    let offsets = raw.map {
      document.source.utf8Offset(of: document.source.position(ofUTF8Offset: $0, in: .utf16), in: .utf16)
    }
    let directory = PeopleDirectory(workspace)
    let index = CrossMeetingIndex()
    for (n, offset) in offsets.enumerated() {
      if let card = HoverFeature.hover(in: workspace, document: document, at: offset, directory: directory) {
        audit.range(card.range, "hover at \(offset)")
      }
      for target in DefinitionFeature.definition(in: workspace, document: document, at: offset, directory: directory) {
        audit.target(target, "definition at \(offset)")
      }
      if let completion = Completion.complete(in: workspace, document: document, at: offset, directory: directory) {
        audit.range(completion.replaceRange, "completion at \(offset)")
        if !completion.replaceRange.touches(offset) {
          audit.problems.append("completion at \(offset) replaces \(completion.replaceRange), away from the cursor")
        }
      }
      guard n < widePositions else { continue }
      for location in index.references(at: offset, in: document, workspace: workspace) ?? [] {
        audit.location(location, "reference from \(offset)")
      }
      let selection = TextRange(utf8Start: offset, utf8End: min(count, offset + random.below(40)))
      for action in CodeActions.actions(in: document, range: selection, workspace: workspace) {
        for edit in action.edits { audit.location(NoteLocation(uri: edit.uri, range: edit.range), "code action edit") }
      }
    }
    return audit.problems
  }
}

/// Checks ranges against the text they index.
struct RangeAudit {
  let workspace: NotesWorkspace
  let document: NoteDocument
  var problems: [String] = []
  /// How many more ranges get the full position checks.
  var fullChecks = 2_000

  /// Every range the parse holds.
  mutating func parse(_ d: NoteDocument) {
    for section in d.sections {
      range(section.range, "section")
      range(section.headingRange, "heading")
      range(section.title.range, "section title")
    }
    for (index, item) in d.items.enumerated() {
      range(item.range, "item")
      range(item.contentRange, "item content")
      for owner in item.owners { range(owner.range, "owner") }
      if let parent = item.parent, !(parent >= 0 && parent < index) {
        problems.append("item \(index) has parent \(parent)")
      }
      if let section = item.section, !(section >= 0 && section < d.sections.count) {
        problems.append("item \(index) has section \(section) of \(d.sections.count)")
      }
    }
    for mention in d.mentions { range(mention.range, "mention") }
    for reference in d.proposalReferences { range(reference.range, "proposal reference") }
    for link in d.previousMeetingLinks { range(link.range, "previous-meeting link") }
    if let attendees = d.attendees {
      range(attendees.range, "attendee list")
      for entry in attendees.entries { range(entry.range, "attendee") }
    }
  }

  mutating func symbols(_ symbols: [OutlineSymbol], parent: OutlineSymbol?) {
    for symbol in symbols {
      range(symbol.range, "symbol \(symbol.name.prefix(30))")
      range(symbol.selectionRange, "symbol selection")
      if !(symbol.range.utf8Start <= symbol.selectionRange.utf8Start
        && symbol.selectionRange.utf8End <= symbol.range.utf8End)
      {
        problems.append("symbol \(symbol.name.prefix(30)): selection \(symbol.selectionRange) outside \(symbol.range)")
      }
      if let parent, !(parent.range.utf8Start <= symbol.range.utf8Start && symbol.range.utf8End <= parent.range.utf8End)
      {
        problems.append("symbol \(symbol.name.prefix(30)) \(symbol.range) outside its parent \(parent.range)")
      }
      self.symbols(symbol.children, parent: symbol)
    }
  }

  mutating func target(_ target: NoteTarget, _ what: String) {
    switch target {
    case .note(let uri, let range): location(NoteLocation(uri: uri, range: range), what)
    case .line(let uri, let line):
      if line < 0 { problems.append("\(what): line \(line) in \(uri)") }
    }
  }

  mutating func location(_ location: NoteLocation, _ what: String) {
    if location.uri == document.uri {
      range(location.range, what)
    } else if let other = workspace.document(location.uri) {
      check(location.range, in: other.source, what + " in \(location.uri)")
    } else {
      problems.append("\(what): \(location.uri) is not a note of the workspace")
    }
  }

  mutating func range(_ range: TextRange, _ what: String) {
    check(range, in: document.source, what)
  }

  /// The range lies in the text, on character boundaries, and its ends survive the trip to a line and column in
  /// every encoding and back (ends inside a CRLF map to the end of the line, as LSP has no position there).
  mutating func check(_ range: TextRange, in source: SourceText, _ what: String) {
    let count = source.bytes.count
    guard 0 <= range.utf8Start && range.utf8Start <= range.utf8End && range.utf8End <= count else {
      problems.append("\(what): \(range.utf8Start)..<\(range.utf8End) outside 0..<\(count)")
      return
    }
    // Converting a position costs the length of its line: on long lines (and past a budget of ranges per input)
    // only the bounds and character boundaries are checked, so that the audit stays linear in the input.
    let line = source.line(containingUTF8Offset: range.utf8Start)
    let content = source.contentRange(ofLine: line)
    fullChecks -= 1
    if fullChecks < 0 || content.utf8Length > 4096 {
      for end in [range.utf8Start, range.utf8End] where end < count && source.bytes[end] & 0xC0 == 0x80 {
        problems.append("\(what): offset \(end) splits a character")
      }
      return
    }
    for end in [range.utf8Start, range.utf8End] {
      if end < count && source.bytes[end] & 0xC0 == 0x80 {
        problems.append("\(what): offset \(end) splits a character")
        continue
      }
      let line = source.line(containingUTF8Offset: end)
      let content = source.contentRange(ofLine: line)
      let expected = min(end, content.utf8End)
      for encoding in PositionEncoding.allCases {
        let position = source.position(ofUTF8Offset: end, in: encoding)
        let back = source.utf8Offset(of: position, in: encoding)
        if position.line != line || back != expected {
          problems.append("\(what): offset \(end) → \(position) in \(encoding.rawValue) → \(back)")
        }
      }
    }
    // Columns counted independently of `SourceText`, by Swift's string views.
    if range.utf8Start <= content.utf8End {
      let prefix = String(decoding: source.bytes[content.utf8Start..<range.utf8Start], as: UTF8.self)
      let expected: [PositionEncoding: Int] = [
        .utf8: prefix.utf8.count, .utf16: prefix.utf16.count, .utf32: prefix.unicodeScalars.count,
      ]
      for encoding in PositionEncoding.allCases {
        let column = source.position(ofUTF8Offset: range.utf8Start, in: encoding).column
        if column != expected[encoding] {
          problems.append("\(what): column \(column) in \(encoding.rawValue), Swift counts \(expected[encoding] ?? -1)")
        }
      }
    }
    for encoding in PositionEncoding.allCases {
      let start = source.position(ofUTF8Offset: range.utf8Start, in: encoding)
      let end = source.position(ofUTF8Offset: range.utf8End, in: encoding)
      if end < start { problems.append("\(what): \(start) after \(end) in \(encoding.rawValue)") }
    }
  }
}
