import Testing

@testable import NotesCore

/// `action-item.dropped` and `action-item.stale` over a series of small notes, in the server's mode (notes held) and
/// in `--check`'s (notes only indexed).
@Suite struct CarryOverTests {
  @Test(arguments: [
    ("write a blog post on cuda stuff", "write a blog post on cuda stuff", true),
    ("write a blog post on cuda stuff", "write a blog post on the cuda stuff", true),
    // Restated: every content word of one is in the other (stems, stop words left out).
    ("write a blog post about the cuda stuff", "write blog post on cuda stuff", true),
    (
      "add conda forge page about commercial engagements",
      "eric to add a new page to our docs around how to engage with conda forge and affiliated in a commercial relationship",
      true
    ),
    // Three content words are too few to call a restatement without shared owners; numbers must be there too.
    ("cuda arm builds", "check arm builds for cuda on the new workers", false),
    ("python 3 12 migration plan", "start the python 3 13 migration plan", false),
    ("pinning epochs draft cfep", "pinning epoch draft cfep", true),
    ("pinning epochs draft cfep", "welcome packets for new members", false),
    ("python 2 7 migration", "python 3 12 migration", false),
    ("reach out to internal it", "reach out to internal it still in progress 2019 09 04", true),
    ("cuda 12", "cuda 12 packages", false),
  ])
  func itemMatching(a: String, b: String, same: Bool) {
    #expect(ItemMatching.isSameItem(ItemMatching.Key(a), ItemMatching.Key(b)) == same)
  }

  /// A key's stems (one pass with its word ids) are `stemID` of each word: stop words out, plural `s` cut, six letters.
  @Test func keyStemsAreTheStemsOfItsWords() {
    for text in [
      "add conda forge page about commercial engagements", "updates on bots and secrets", "bot updates", "s ss sss",
      "engage engages engaged class classes 12 12s abcdefs abcdes", "",
    ] {
      var expected: [UInt64] = []
      ItemMatching.Key.forEachStem(of: text) { expected.append($0) }
      let key = ItemMatching.Key(text)
      #expect(key.stems == Array(Set(expected)).sorted(), "\(text)")
      #expect(key.stems == ItemMatching.Key.stems(of: text), "\(text)")
      #expect(key.stemBits == ItemMatching.Key.stemBits(of: text), "\(text)")
    }
    #expect(ItemMatching.Key("engagements").stems == ItemMatching.Key("engage").stems)
    #expect(ItemMatching.Key("bots").stems == ItemMatching.Key("bot").stems)
    #expect(ItemMatching.Key("the about").stems.isEmpty)
  }

  /// Under the same owners, two content words restated are enough (`(MRB) bot updates` after `(MRB) updates on bots
  /// and secrets`); under other owners they are not.
  @Test func restatementUnderTheSameOwners() {
    let earlier = ItemMatching.Key("updates on bots and secrets", owners: ["MRB"])
    #expect(ItemMatching.isSameItem(earlier, ItemMatching.Key("bot updates", owners: ["mrb"])))
    #expect(!ItemMatching.isSameItem(earlier, ItemMatching.Key("bot updates", owners: ["JK"])))
    #expect(!ItemMatching.isSameItem(earlier, ItemMatching.Key("secrets", owners: ["MRB"])))
  }

  @Test func droppedItemsAreThoseNeitherCarriedNorDone() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let second = try #require(workspace.document(CrossMeetingNotes.secondURI))
    // Carried with small edits: "(JK) Write a blog-post on CUDA stuff."; marked done: welcome packets;
    // dropped: the MRB item.
    let dropped = CarryOverCheck.droppedItems(in: second, workspace: workspace)
    #expect(dropped.map(\.item.text) == ["pinning epochs draft CFEP"])
    #expect(dropped.first?.previousDate == MeetingDate(year: 2024, month: 1, day: 10))
    let diagnostics = CarryOverCheck.diagnostics(for: second, workspace: workspace)
      .filter { $0.code == .actionItemDropped }
    #expect(diagnostics.count == 1)
    #expect(second.source.text(in: diagnostics[0].range) == "From previous meeting(s)")
    #expect(diagnostics[0].message.contains("2024-01-10") && diagnostics[0].message.contains("(MRB)"))
    // The third meeting carries the only item left open.
    let third = try #require(workspace.document(CrossMeetingNotes.thirdURI))
    #expect(CarryOverCheck.droppedItems(in: third, workspace: workspace).isEmpty)
    // The first meeting has no previous meeting.
    let first = try #require(workspace.document(CrossMeetingNotes.firstURI))
    #expect(CarryOverCheck.droppedItems(in: first, workspace: workspace).isEmpty)
  }

  @Test(arguments: [(0, 2), (1, 1), (2, 0)])
  func staleAfterNMeetings(threshold: Int, expected: Int) throws {
    let workspace = CrossMeetingFixtures.workspace(
      CrossMeetingNotes.all, settings: NotesSettings(staleAfterMeetings: threshold))
    let third = try #require(workspace.document(CrossMeetingNotes.thirdURI))
    let stale = CarryOverCheck.staleItems(in: third, workspace: workspace)
    // "write a blog post on CUDA stuff" was open, unchanged after normalising, in both earlier meetings;
    // 2024-01-24's "Write a blog-post on CUDA stuff." normalises to the same text.
    if expected == 0 {
      #expect(stale.isEmpty)
    } else {
      #expect(stale.count == 1)
      #expect(stale.first?.meetings == 2)
      #expect(stale.first?.since == MeetingDate(year: 2024, month: 1, day: 10))
    }
  }

  @Test func checkModeWorksFromSummariesAlone() throws {
    // `--check` indexes every note first (no text kept), then asks for the diagnostics of each parsed note.
    var workspace = NotesWorkspace(settings: NotesSettings(staleAfterMeetings: 1))
    var parsed: [String: NoteDocument] = [:]
    for (uri, text) in CrossMeetingNotes.all {
      let document = NoteParser.parse(uri: uri, text: text)
      parsed[uri] = document
      workspace.index(document)
    }
    #expect(workspace.document(CrossMeetingNotes.firstURI) == nil)
    let second = try #require(parsed[CrossMeetingNotes.secondURI])
    let third = try #require(parsed[CrossMeetingNotes.thirdURI])
    let codes =
      CarryOverCheck.diagnostics(for: second, workspace: workspace).map(\.code)
      + CarryOverCheck.diagnostics(for: third, workspace: workspace).map(\.code)
    #expect(codes == [.actionItemDropped, .actionItemStale])
  }

  @Test func rulesTurnedOffReportNothing() throws {
    let settings = NotesSettings(
      severities: [.actionItemDropped: nil, .actionItemStale: .error], staleAfterMeetings: 0)
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all, settings: settings)
    let third = try #require(workspace.document(CrossMeetingNotes.thirdURI))
    let diagnostics = CarryOverCheck.diagnostics(for: third, workspace: workspace)
    #expect(diagnostics.allSatisfy { $0.code == .actionItemStale && $0.severity == .error })
    #expect(diagnostics.count == 1)
  }

  @Test func aStaleItemIsReportedOnlyInTheLastNoteOfItsRun() throws {
    // The blog-post item is open in all three meetings: with a threshold of 0 the second meeting already carries it
    // stale, but the third carries it on, so only the third reports it.
    let workspace = CrossMeetingFixtures.workspace(
      CrossMeetingNotes.all, settings: NotesSettings(staleAfterMeetings: 0))
    let second = try #require(workspace.document(CrossMeetingNotes.secondURI))
    let third = try #require(workspace.document(CrossMeetingNotes.thirdURI))
    #expect(CarryOverCheck.staleItems(in: second, workspace: workspace).isEmpty)
    #expect(CarryOverCheck.staleItems(in: third, workspace: workspace).map(\.meetings) == [2])
  }
}

extension CarryOverTests {
  @Test func aDroppedParentIsReportedOnceWithItsSubItems() throws {
    let before = """
      # 2024-03-06 Meeting

      ## Action items

      - [ ] (JK) upgrade the compilers
        - [ ] open the pinning PR
      - [x] (JK) close the old issue
        - [ ] follow up on the comments

      """
    let after = """
      # 2024-03-20 Meeting

      ## Action items

      - [ ] something new

      """
    let workspace = CrossMeetingFixtures.workspace([
      ("file:///ws/a/2024-03-06.md", before), ("file:///ws/a/2024-03-20.md", after),
    ])
    let document = try #require(workspace.document("file:///ws/a/2024-03-20.md"))
    let dropped = CarryOverCheck.droppedItems(in: document, workspace: workspace).map(\.item.text)
    // The sub-item of the done item is still open and lost: reported on its own.
    #expect(dropped == ["upgrade the compilers", "follow up on the comments"])
  }
}

extension CarryOverTests {
  /// The banded edit distance agrees with the plain one wherever the answer is within the limit.
  @Test func bandedEditDistanceAgreesWithThePlainOne() {
    func plain(_ a: [UInt8], _ b: [UInt8]) -> Int {
      var d = Array(0...b.count)
      for i in 1...max(1, a.count) where !a.isEmpty {
        var previousDiagonal = d[0]
        d[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
          let saved = d[j]
          d[j] = min(d[j] + 1, d[j - 1] + 1, previousDiagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
          previousDiagonal = saved
        }
      }
      return a.isEmpty ? b.count : d[b.count]
    }
    var seed: UInt64 = 42
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33)
    }
    for _ in 0..<400 {
      let a = (0..<(next() % 25)).map { _ in UInt8(97 + next() % 4) }
      let b = (0..<(next() % 25)).map { _ in UInt8(97 + next() % 4) }
      let limit = next() % 8
      let expected = plain(a, b)
      let banded = ItemMatching.editDistance(a, b, limit: limit)
      #expect(expected > limit ? banded > limit : banded == expected, "\(a) \(b) \(limit)")
    }
  }
}

extension CarryOverTests {
  /// The one-pass normalisation of item texts equals the general one on every item of the corpus.
  @Test(
    arguments: [
      ("https://github.com/conda-forge/x/pull/12", "gh:conda-forge/x#12"),
      ("http://www.github.com/a/b/issues/0012#issuecomment-1", "gh:a/b#12"),
      ("https://github.com/a/b/discussions/7/", "gh:a/b#7"),
      ("https://github.com/a/b/issues/new", "github.com/a/b/issues/new"),
      ("https://github.com/conda-forge/x", nil),
      ("https://github.com/a/b/tree/main", "github.com/a/b/tree/main"),
      ("https://www.example.com/a/b/", "example.com/a/b"),
      ("http://example.com/#", nil),
      ("https://hackmd.io/abc#replace-me", "hackmd.io/abc"),
      ("https://hackmd.io/abc#section", "hackmd.io/abc#section"),
      ("https://http://example.com/a", "example.com/a"),
      ("https://example.com/café/x", "example.com/café/x"),
    ] as [(String, String?)])
  func canonicalLinksAgreeOnBothPaths(url: String, expected: String?) {
    #expect(ItemMatching.canonical(url) == expected)
    #expect(ItemMatching.generalCanonical(url) == expected)
  }

  @Test(
    arguments: [
      ("see https://GitHub.com/Conda-Forge/X/pull/3.", ["gh:conda-forge/x#3"]),
      ("(#123) and #45, not #6 or a#77 or #12ab", ["#123", "#45"]),
      ("https://Example.com/A/b?!,  http://x.org/a/b/c/", ["example.com/a/b", "x.org/a/b/c"]),
      ("link: <https://hackmd.io/ABC>) and https://github.com/a", ["hackmd.io/abc"]),
      ("https://Example.com/CAFÉ/x.", ["example.com/café/x"]),
      ("http", []),
    ] as [(String, [String])])
  func referencesAreCanonical(text: String, expected: [String]) {
    #expect(ItemMatching.references(in: text) == expected)
  }

  @Test func fastNormalisationAgreesWithTheGeneralOne() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    var compared = 0
    for document in CrossMeetingFixtures.corpusWorkspace.heldDocuments {
      for item in document.items where !item.isEmptyTemplate {
        let general = TrackedItem.normalize(TrackedItem.contentWithoutOwners(item, in: document))
        #expect(ItemMatching.normalizedContent(item, in: document) == general)
        compared += 1
      }
    }
    #expect(compared > 5000)
  }
}
