import Foundation
import Testing

@testable import NotesCore

/// Helpers shared by the parser tests.
enum ParserTestSupport {
  /// Parses `text` as a note at a dated path.
  static func parse(_ text: String, uri: String = "file:///notes/2021-08-25.md") -> NoteDocument {
    NoteParser.parse(uri: uri, text: text)
  }

  /// The text a range covers.
  static func text(_ document: NoteDocument, _ range: TextRange?) -> String? {
    range.map { document.source.text(in: $0) }
  }

  /// The corpus folder: `<package root>/../shared/corpus`.
  static var corpusRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/corpus")
  }

  /// Every note of the corpus: (folder name, file name, text).
  static func corpusNotes() throws -> [(folder: String, name: String, text: String)] {
    let notes = corpusRoot.appendingPathComponent("notes")
    var result: [(String, String, String)] = []
    for folder in try FileManager.default.contentsOfDirectory(atPath: notes.path).sorted() {
      let dir = notes.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".md") {
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        result.append((folder, name, DecodedText(bytes: data).text))
      }
    }
    return result
  }

  /// Every range a document holds, for bounds checks.
  static func allRanges(_ d: NoteDocument) -> [TextRange] {
    var ranges: [TextRange] = []
    if let fm = d.frontMatter {
      ranges.append(fm.range)
      ranges += [fm.title?.range].compactMap { $0 } + fm.tags.map(\.range)
    }
    ranges += [d.title?.range, d.dates.title?.range, d.dates.frontMatter?.range].compactMap { $0 }
    for s in d.sections { ranges += [s.title.range, s.headingRange, s.range] }
    for i in d.items {
      ranges += [i.range, i.contentRange] + i.owners.map(\.range) + [i.checkbox?.range].compactMap { $0 }
    }
    if let a = d.attendees {
      ranges += [a.range] + [a.headerRange].compactMap { $0 } + a.placeholderRows
      for e in a.entries {
        ranges += [e.range] + [e.name, e.initials, e.github, e.affiliation].compactMap { $0?.range }
      }
    }
    for h in d.headcounts { ranges += [h.range, h.numberRange] }
    for r in d.proposalReferences { ranges += [r.range, r.numberRange] + [r.statedTitle?.range].compactMap { $0 } }
    for l in d.previousMeetingLinks { ranges += [l.range] + [l.target?.range].compactMap { $0 } }
    ranges += d.mentions.map(\.range)
    return ranges
  }

  /// Asserts every range lies in the text and every index points at something.
  static func checkInvariants(_ d: NoteDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    let n = d.source.bytes.count
    for r in allRanges(d) {
      #expect(r.utf8Start >= 0 && r.utf8Start <= r.utf8End && r.utf8End <= n, sourceLocation: sourceLocation)
    }
    for (k, s) in d.sections.enumerated() {
      if let p = s.parent { #expect(p >= 0 && p < k && d.sections[p].level < s.level, sourceLocation: sourceLocation) }
    }
    for (k, i) in d.items.enumerated() {
      if let p = i.parent { #expect(p >= 0 && p < k && d.items[p].indent < i.indent, sourceLocation: sourceLocation) }
      if let s = i.section { #expect(s >= 0 && s < d.sections.count, sourceLocation: sourceLocation) }
    }
    if let s = d.attendees?.section { #expect(s >= 0 && s < d.sections.count, sourceLocation: sourceLocation) }
    let starts = d.mentions.map(\.range.utf8Start)
    #expect(starts == starts.sorted(), sourceLocation: sourceLocation)
  }
}
