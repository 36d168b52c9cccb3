import Testing

@testable import NotesCore

/// The resolver, step by step, on real note text: each `⟦…⟧` marks a mention and the expectation list says who a
/// reader takes it to be (a display name, `ambiguous` or `unknown`). Every feature is held to the same answer.
@Suite struct PersonResolverTests {
  static func note(_ date: String, rows: [String], body: String = "") -> String {
    var text =
      "# \(date) conda-forge meeting\n\n## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n|-|-|-|-|\n"
    for row in rows { text += "| \(row) |\n" }
    return text + "\n" + body
  }

  /// A series in which `SC` (Sylvain Corlay, who returns years later, and Sophia Castellarin), `JH` (Jonathan Helmus,
  /// Jannik Hauser) and `KK` (Keith Kraus, Katherine Kinnaman) are each two people.
  static let workspace: NotesWorkspace = {
    var ws = NotesWorkspace()
    let sylvain = "Sylvain Corlay | SC | SylvainCorlay | QuantStack"
    let sophia = "Sophia Castellarin | SC | scastellarin | Anaconda"
    let notes: [(String, [String], String)] = [
      ("2017-03-15", [sylvain, "Jonathan Helmus | JH | jjhelmus | Anaconda"], ""),
      ("2019-09-04", [sophia, "Keith Kraus | KK | kkraus14 | NVIDIA"], ""),
      (
        "2020-09-09", [sylvain],
        "## Action items\n\n* [ ] (SC) Document what is needed for an OVH account\n"
      ),
      (
        "2021-05-19", [sophia],
        "## Check in on previous action items\n\n* [ ] (SC) Document what is needed for an OVH account\n"
      ),
      ("2021-12-01", ["Jonathan Helmus | JH | jjhelmus | Anaconda"], ""),
      ("2022-02-02", ["Jannik Hauser | JH | jhauser | Uni"], ""),
    ]
    for (date, rows, body) in notes { ws.update(uri: "cf/\(date).md", text: note(date, rows: rows, body: body)) }
    return ws
  }()

  /// Resolves every marked mention of `marked` (the note at `uri`) and holds hover, definition, references and the
  /// owner diagnostics to the same answer.
  func check(
    _ marked: String, uri: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let fixture = DiagnosticFixture(marked)
    #expect(fixture.ranges.count == expected.count, sourceLocation: sourceLocation)
    var ws = Self.workspace
    let document = ws.update(uri: uri, text: fixture.text)
    let diagnostics = ws.diagnostics(for: uri)
    let index = CrossMeetingIndex()
    for (range, want) in zip(fixture.ranges, expected) {
      var resolver = PersonResolver(workspace: ws, document: document)
      let (mention, resolution) = resolver.resolve(at: range.utf8Start) ?? (nil, .unknown)
      let got: String
      switch resolution {
      case .one(let id): got = ws.person(id)?.displayName ?? "?"
      case .ambiguous: got = "ambiguous"
      case .unknown: got = "unknown"
      }
      let text = document.source.text(in: range)
      #expect(got == want, "⟦\(text)⟧", sourceLocation: sourceLocation)
      #expect(mention?.range == range, "⟦\(text)⟧ range", sourceLocation: sourceLocation)
      // Hover says the same.
      let hover = HoverFeature.hover(in: ws, document: document, at: range.utf8Start)?.markdown ?? ""
      switch resolution {
      case .one: #expect(hover.hasPrefix("**\(want)**"), "hover on ⟦\(text)⟧: \(hover)", sourceLocation: sourceLocation)
      case .ambiguous: #expect(hover.contains("is ambiguous"), "hover on ⟦\(text)⟧", sourceLocation: sourceLocation)
      case .unknown: break
      }
      // Definition: one target for one person, one per person when ambiguous.
      let targets = DefinitionFeature.definition(in: ws, document: document, at: range.utf8Start)
      #expect(targets.count == resolution.candidates.count, "definition ⟦\(text)⟧", sourceLocation: sourceLocation)
      // References include a structural mention (not prose) exactly when it names one person.
      let references = index.references(at: range.utf8Start, in: document, workspace: ws) ?? []
      let structural = mention?.item != nil || document.mentions.contains { $0.range == range }
      #expect(
        references.contains { $0.uri == uri && $0.range == range } == (resolution.person != nil && structural),
        "references ⟦\(text)⟧", sourceLocation: sourceLocation)
      // owner.ambiguous exactly where the resolver gives up.
      let flagged = diagnostics.contains { $0.code == .ownerAmbiguous && $0.range == range }
      #expect(
        flagged == (got == "ambiguous" && mention?.item != nil), "owner.ambiguous ⟦\(text)⟧",
        sourceLocation: sourceLocation)
    }
  }

  @Test func thisNotesOwnTableSettlesIt() {
    check(
      Self.note(
        "2022-06-01", rows: ["Katherine Kinnaman | KK | kathatherine | Anaconda", "Keith Kraus | KJK | kkraus14 | NV"],
        body: "## Action items\n\n- [ ] (⟦KK⟧) Maintainers section documentation\n- [ ] ⟦KK⟧: code of conduct\n"),
      uri: "cf/2022-06-01.md", ["Katherine Kinnaman", "Katherine Kinnaman"])
  }

  @Test func aCarriedItemBelongsToWhoWasKnownByItsInitialsThen() {
    // A dated line above the item: the 2020-09-09 meeting, which Sylvain attended (Sophia attended nearer to today).
    check(
      Self.note(
        "2021-06-02", rows: ["Ann Lee | AL | annlee | x"],
        body:
          "## Check in on previous action items\n\n2020-09-09\n* [ ] (⟦SC⟧) Write jinja template for partners\n"),
      uri: "cf/2021-06-02.md", ["Sylvain Corlay"])
    // No dated line: the first note of the series with the item (2020-09-09).
    check(
      Self.note(
        "2021-06-02", rows: ["Ann Lee | AL | annlee | x"],
        body: "## Check in on previous action items\n\n* [ ] (⟦SC⟧) Document what is needed for an OVH account\n"),
      uri: "cf/2021-06-02.md", ["Sylvain Corlay"])
  }

  @Test func nearestActualAttendanceNotTheSpanOfYears() {
    // Sylvain attended in 2017 and again in 2020; his span covers 2019 but Sophia attended then.
    check(
      Self.note(
        "2019-10-02", rows: ["Ann Lee | AL | annlee | x"],
        body: "## Action items\n\n- [ ] (⟦SC⟧) benchmarks with conda-pack\n- [ ] (⟦KK⟧) CUDA 11 support\n"),
      uri: "cf/2019-10-02.md", ["Sophia Castellarin", "Keith Kraus"])
  }

  @Test func sharedInitialsAcrossErasStayAmbiguousOnlyWhenBothWereAround() {
    check(
      Self.note(
        "2022-01-05", rows: ["Ann Lee | AL | annlee | x"],
        body: "## Action items\n\n- [ ] (⟦JH⟧) fresh item\n"),
      uri: "cf/2022-01-05.md", ["ambiguous"])
    check(
      Self.note("2017-04-01", rows: ["Ann Lee | AL | annlee | x"], body: "## Action items\n\n- [ ] (⟦JH⟧) old item\n"),
      uri: "cf/2017-04-01.md", ["Jonathan Helmus"])
  }

  @Test func surnamesTentativeOwnersHandlesAndTheAtSign() {
    let marked = Self.note(
      "2020-09-30", rows: ["Ann Lee | AL | annlee | x"],
      body:
        "## Action items\n\n- [ ] (⟦Corlay⟧) partners page\n- [ ] (⟦Sophia?⟧) diagram\n- [ ] (⟦SylvainCorlay⟧) OVH\n"
        + "\nAsk ⟦@SylvainCorlay⟧ about it.\n")
    check(
      marked, uri: "cf/2020-09-30.md", ["Sylvain Corlay", "Sophia Castellarin", "Sylvain Corlay", "Sylvain Corlay"])
    // Hover on the `@` answers like hover on the handle.
    let fixture = DiagnosticFixture(marked)
    let document = NoteParser.parse(uri: "cf/2020-09-30.md", text: fixture.text)
    let at = fixture.ranges[3].utf8Start
    #expect(PersonMention.at(at, in: document)?.form == .handle)
    #expect(HoverFeature.hover(in: Self.workspace, document: document, at: at)?.markdown.hasPrefix("**Sylvain") == true)
  }

  @Test func theAmbiguousOwnerMessageFitsACarriedItem() {
    var ws = Self.workspace
    let text = Self.note(
      "2022-01-05", rows: ["Ann Lee | AL | annlee | x"],
      body:
        "## Check in on previous action items\n\n2021-12-15\n* [ ] (JH) old item\n\n## Action items\n\n- [ ] (JH) new item\n"
    )
    ws.update(uri: "cf/2022-01-05.md", text: text)
    let messages = ws.diagnostics(for: "cf/2022-01-05.md").filter { $0.code == .ownerAmbiguous }.map(\.message)
    #expect(messages.count == 2)
    #expect(messages.first?.contains("carried from 2021-12-15") == true)
    #expect(messages.first?.contains("attendees") == false)
    #expect(messages.last?.contains("this meeting's attendees") == true)
    // The quick fixes write a handle, one per person.
    let document = ws.document("cf/2022-01-05.md")!
    let fixes = CodeActions.candidates(in: document, workspace: ws).filter { $0.fixes == .ownerAmbiguous }
    #expect(Set(fixes.flatMap { $0.edits.map(\.newText) }) == ["jjhelmus", "jhauser"])
  }

  /// Every owner and attendee token of every note of the fixture (with notes that settle, carry and leave initials
  /// ambiguous added): the classifier's reading, hover, definition, references and the owner rules give the
  /// resolver's answer.
  @Test func everyTokenOfTheFixtureGetsOneAnswerFromEveryFeature() throws {
    var ws = Self.workspace
    ws.update(
      uri: "cf/2022-06-01.md",
      text: Self.note(
        "2022-06-01", rows: ["Katherine Kinnaman | KK | kathatherine | Anaconda", "Keith Kraus | KJK | kkraus14 | NV"],
        body: "## Action items\n\n- [ ] (KK) docs\n- [ ] (JH) fresh\n- [ ] (Corlay) partners\n"))
    ws.update(
      uri: "cf/2022-01-05.md",
      text: Self.note(
        "2022-01-05", rows: ["Ann Lee | AL | annlee | x"],
        body: "## Check in on previous action items\n\n2021-12-15\n* [ ] (JH) old\n* [ ] (SC) OVH\n"))
    let index = CrossMeetingIndex()
    var checked = 0
    for document in ws.heldDocuments {
      let diagnostics = ws.diagnostics(for: document)
      var resolver = PersonResolver(workspace: ws, document: document)
      for mention in document.mentions where mention.kind != .placeholder {
        let answer = resolver.resolve(mention)
        let offset = mention.range.utf8Start
        let place = "\(document.fileName) ⟦\(mention.text)⟧"
        #expect(resolver.resolve(at: offset)?.resolution == answer, "classifier \(place)")
        let hover = HoverFeature.hover(in: ws, document: document, at: offset)?.markdown ?? ""
        switch answer {
        case .one(let id): #expect(hover.hasPrefix(PersonCard.headline(ws.person(id)!)), "hover \(place)")
        case .ambiguous: #expect(hover.contains("is ambiguous"), "hover \(place)")
        case .unknown: break
        }
        let targets = DefinitionFeature.definition(in: ws, document: document, at: offset)
        #expect(targets.count == answer.candidates.count, "definition \(place)")
        let references = index.references(at: offset, in: document, workspace: ws) ?? []
        #expect(
          references.contains { $0.uri == document.uri && $0.range == mention.range } == (answer.person != nil),
          "references \(place)")
        if mention.role == .owner && mention.kind == .initials {
          let flagged = diagnostics.contains { $0.code == .ownerAmbiguous && $0.range == mention.range }
          if case .ambiguous = answer {
            #expect(flagged, "owner.ambiguous \(place)")
          } else {
            #expect(!flagged, "owner.ambiguous \(place)")
          }
        }
        checked += 1
      }
    }
    #expect(checked > 30)
  }
}
