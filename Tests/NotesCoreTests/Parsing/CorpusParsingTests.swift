import Testing

@testable import NotesCore

/// Measured invariants over the real notes of `../shared/corpus/notes` (see its README for the counts).
@Suite struct CorpusParsingTests {
  static let notes: [(folder: String, name: String, document: NoteDocument)] = {
    (try? ParserTestSupport.corpusNotes())?.map { note in
      (note.folder, note.name, NoteParser.parse(uri: "file:///corpus/\(note.folder)/\(note.name)", text: note.text))
    } ?? []
  }()

  @Test func corpusIsThere() {
    #expect(Self.notes.count >= 250)
  }

  @Test func everyNoteIsAMeetingWithConsistentDates() {
    for (_, name, d) in Self.notes {
      ParserTestSupport.checkInvariants(d)
      #expect(d.kind == .meeting, "\(name)")
      #expect(d.dates.fileName != nil, "\(name)")
      if let title = d.dates.title, let file = d.dates.fileName { #expect(title.date == file.date, "\(name)") }
    }
  }

  @Test func tablesFrom2018OnHaveEntries() {
    var tables = 0
    for (_, name, d) in Self.notes where (d.meetingDate?.year ?? 0) >= 2018 {
      guard let list = d.attendees, list.form == .table else { continue }
      tables += 1
      #expect(!list.entries.isEmpty, "\(name)")
      #expect(
        list.columns.contains(.name) && list.columns.contains(.initials) || list.columns.contains(.github),
        "\(name)")
    }
    #expect(tables >= 130)
    let withEntries = Self.notes.filter { !($0.document.attendees?.entries.isEmpty ?? true) }.count
    #expect(withEntries >= 190)
  }

  /// The README counts 1,819 `(AB)` owners and 187 `(AB/CD)` groups (over every list item: checkbox items alone
  /// hold about 1,360 `(AB)` owners).
  @Test func initialsOwnersWithinTheMeasuredBand() {
    var single = 0
    var groups = 0
    for (_, _, d) in Self.notes {
      for item in d.items {
        let parenthesized = item.owners.filter { $0.form == .parenthesized }
        if parenthesized.count == 1 && parenthesized[0].kind == .initials { single += 1 }
        if parenthesized.count > 1 { groups += 1 }
      }
    }
    #expect((1640...2000).contains(single), "\(single)")
    #expect((150...260).contains(groups), "\(groups)")
  }

  /// No item written with `(AB)`, `AB:` or `(AB/CD)` at its start lacks owners.
  @Test func initialsItemsAlwaysHaveOwners() {
    for (_, name, d) in Self.notes {
      let listed = d.attendees?.range
      for item in d.items
      where !(listed.map { $0.utf8Start <= item.range.utf8Start && item.range.utf8Start <= $0.utf8End } ?? false) {
        let t = d.text(of: item)
        let looksOwned =
          t.wholeMatch(of: /^\((?:[A-Z]{2,4})(?:\s*[\/,;]\s*[A-Z]{2,4})*\).*/) != nil
          || t.wholeMatch(of: /^(?:[A-Z]{2,4})(?:\/[A-Z]{2,4})*: .*/) != nil
        // `TODO:`, `PR:`, `WIP:` are labels, not initials.
        let firstWord = String(t.drop { $0 == "(" }.prefix { $0.isLetter })
        guard looksOwned, !OwnerToken.acronyms.contains(firstWord) else { continue }
        #expect(!item.owners.isEmpty, "\(name): \(t)")
      }
    }
  }

  @Test func referencesHeadcountsAndLinks() {
    let refs = Self.notes.flatMap { $0.document.proposalReferences }
    // 528 `cfep-N`-like tokens in this copy of the corpus (`grep -oi 'cfep[-_ ]\?[0-9]\+'`).
    #expect(refs.filter { $0.kind == .cfep }.count == 528)
    #expect(refs.filter { $0.kind == .cep }.count >= 20)
    let placeholders = Self.notes.filter { note in note.document.headcounts.contains { $0.count == nil } }.count
    // 36 files here keep an unfilled `X people total` (48 in the full corpus).
    #expect((30...60).contains(placeholders), "\(placeholders)")
    let replaceMe = Self.notes.filter { note in note.document.previousMeetingLinks.contains { $0.isPlaceholder } }.count
    // 21 files here hold `#REPLACE_ME#`; `[last weeks meeting]()` adds a few.
    #expect(replaceMe >= 21)
    // A headcount never undercounts the rows listed in real notes.
    for (name, d) in Self.notes.map({ ($0.name, $0.document) }) {
      guard let count = d.headcounts.first?.count, let list = d.attendees, list.form == .table else { continue }
      #expect(count >= list.entries.count - 1, "\(name)")
    }
  }

  @Test func carryOverSectionsAreFound() {
    let withCarryOver = Self.notes.filter { note in note.document.sections.contains { $0.kind == .carryOver } }.count
    #expect(withCarryOver >= 100)
  }
}
