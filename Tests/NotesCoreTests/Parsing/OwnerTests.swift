import Testing

@testable import NotesCore

@Suite struct OwnerTests {
  /// An item line and the owners expected on it: kind, form and text (the text is also what the range covers).
  struct Case: CustomTestStringConvertible, Sendable {
    var line: String
    var owners: [(OwnerKind, OwnerForm, String)]
    var testDescription: String { line }
  }

  static let cases: [Case] = [
    Case(line: "* [x] (MRB) pinning epochs draft CFEP", owners: [(.initials, .parenthesized, "MRB")]),
    Case(
      line: "* [x] (IF/MRB/MV) intel oneAPI",
      owners: [
        (.initials, .parenthesized, "IF"), (.initials, .parenthesized, "MRB"), (.initials, .parenthesized, "MV"),
      ]),
    Case(
      line: "- [x] (CHL; BH) Reminder",
      owners: [(.initials, .parenthesized, "CHL"), (.initials, .parenthesized, "BH")]),
    Case(line: "- [ ] (TH, JL) x", owners: [(.initials, .parenthesized, "TH"), (.initials, .parenthesized, "JL")]),
    Case(line: "- [ ] (CA;DH) x", owners: [(.initials, .parenthesized, "CA"), (.initials, .parenthesized, "DH")]),
    Case(line: "- [ ] (CA & DH) x", owners: [(.initials, .parenthesized, "CA"), (.initials, .parenthesized, "DH")]),
    Case(line: "- [ ] (MvN/IF) x", owners: [(.initials, .parenthesized, "MvN"), (.initials, .parenthesized, "IF")]),
    Case(line: "- [ ] (IF): NumFOCUS grant", owners: [(.initials, .parenthesized, "IF")]),
    Case(line: "- [X] JRG: New meeting schedule", owners: [(.initials, .colonPrefix, "JRG")]),
    Case(line: "- IF/DJC: Questions", owners: [(.initials, .colonPrefix, "IF"), (.initials, .colonPrefix, "DJC")]),
    Case(line: "- AB, CD: both", owners: [(.initials, .colonPrefix, "AB"), (.initials, .colonPrefix, "CD")]),
    Case(line: "- [CJ] Symbol-exporter", owners: [(.initials, .bracketed, "CJ")]),
    Case(line: "* [ ] (Eric) Email out", owners: [(.name, .parenthesized, "Eric")]),
    Case(
      line: "* [ ] (Filipe, Dougal) x", owners: [(.name, .parenthesized, "Filipe"), (.name, .parenthesized, "Dougal")]),
    Case(line: "* [ ] (Matt B.) x", owners: [(.name, .parenthesized, "Matt B.")]),
    Case(line: "* [ ] (jakirkham) x", owners: [(.handle, .parenthesized, "jakirkham")]),
    Case(line: "* [ ] (@carterbox) x", owners: [(.handle, .parenthesized, "carterbox")]),
    Case(line: "* [ ] (mcg1969) x", owners: [(.handle, .parenthesized, "mcg1969")]),
    Case(line: "* [ ] John K: Create a doc", owners: [(.name, .colonPrefix, "John K")]),
    Case(line: "* [ ] Mike S.: something", owners: [(.name, .colonPrefix, "Mike S.")]),
    Case(
      line: "* [ ] Anthony and Filipe: talk",
      owners: [(.name, .colonPrefix, "Anthony"), (.name, .colonPrefix, "Filipe")]),
    Case(line: "* [ ] Filipe to open issue", owners: [(.name, .prose, "Filipe")]),
    Case(line: "* [ ] Cheng will re-review", owners: [(.name, .prose, "Cheng")]),
    Case(line: "* [ ] John K. will check", owners: [(.name, .prose, "John K.")]),
    Case(line: "* [ ] MRB to do it", owners: [(.initials, .prose, "MRB")]),
    Case(line: "* [ ] CJ and Jaime to coordinate", owners: [(.initials, .prose, "CJ"), (.name, .prose, "Jaime")]),
    Case(
      line: "- [ ] @dholth, JL, JRG discussed whether",
      owners: [(.handle, .atMention, "dholth"), (.initials, .atMention, "JL"), (.initials, .atMention, "JRG")]),
    Case(line: "* [ ] (???) build webpage", owners: [(.placeholder, .parenthesized, "???")]),
    Case(line: "* [ ] (Needs Owner) Search", owners: [(.placeholder, .parenthesized, "Needs Owner")]),
    Case(line: "* [ ] (TBD) later", owners: [(.placeholder, .parenthesized, "TBD")]),
    Case(line: "* [ ] (JRG, absent) x", owners: [(.initials, .parenthesized, "JRG")]),
    Case(
      line: "* [ ] (CJ via MRB) x", owners: [(.initials, .parenthesized, "CJ"), (.initials, .parenthesized, "MRB")]),
    Case(line: "* [ ] (MRB+others) x", owners: [(.initials, .parenthesized, "MRB")]),
    Case(line: "* [ ] (JL: most staff are away) x", owners: [(.initials, .parenthesized, "JL")]),
    Case(line: "* [ ] (Marius?) Python 2.7", owners: [(.malformedInitials, .parenthesized, "Marius?")]),
    Case(line: "* [ ] (mcg) x", owners: [(.malformedInitials, .parenthesized, "mcg")]),
    Case(line: "* [ ] (MRB.) x", owners: [(.malformedInitials, .parenthesized, "MRB.")]),
    Case(line: "* [ ] (MBa) x", owners: [(.malformedInitials, .parenthesized, "MBa")]),
    Case(line: "- [ ] TODO: Eric to set up a check-in", owners: [(.name, .prose, "Eric")]),
    Case(line: "- [ ] cfep-10 next steps: CJ to call a vote", owners: [(.initials, .prose, "CJ")]),
    Case(line: "- [ ] **(MRB)** bold owner", owners: [(.initials, .parenthesized, "MRB")]),
    Case(line: "- [ ] **MRB**: bold owner", owners: [(.initials, .colonPrefix, "MRB")]),
    Case(line: "- [ ] **MRB:** bold owner", owners: [(.initials, .colonPrefix, "MRB")]),
    Case(line: "- [ ] KK - do we have a code of conduct?", owners: [(.initials, .colonPrefix, "KK")]),
    Case(line: "- [ ] JRG (conda-forge): Idea", owners: [(.initials, .colonPrefix, "JRG")]),
    Case(line: "* [ ] (IF) with an **emphasis** later", owners: [(.initials, .parenthesized, "IF")]),
    Case(line: "    [x] @Eric D uploaded the PW", owners: [(.name, .atMention, "Eric D")]),
    Case(line: "- @Christopher W : Add link", owners: [(.name, .atMention, "Christopher W")]),
    // Not owners.
    Case(line: "- [ ] **UPDATE 2020-07-22**: agreement", owners: []),
    Case(line: "- [ ] **IMPORTANT** (get ready!)", owners: []),
    Case(line: "* [ ] (optional) x", owners: []),
    Case(line: "* [ ] (5 min) x", owners: []),
    Case(line: "* [ ] (continued) x", owners: []),
    Case(line: "* [ ] (https://example.com) x", owners: []),
    Case(line: "* [ ] (not originally discussed, but related) x", owners: []),
    Case(line: "* [ ] (TODO) x", owners: []),
    Case(line: "* [ ] (all) x", owners: []),
    Case(line: "* [ ] Make sure (MRB) sees it", owners: []),
    Case(line: "* [ ] We should ask MRB: later", owners: []),
    Case(line: "* [ ] TODO: something", owners: []),
    Case(line: "* [ ] Question: who?", owners: []),
    Case(line: "* [ ] Next steps: decide", owners: []),
    Case(line: "* [ ] Chicken and egg: projects", owners: []),
    Case(line: "* [ ] Trying to fix", owners: []),
    Case(line: "* [ ] Need to fix", owners: []),
    Case(line: "* [ ] PR: merged", owners: []),
    Case(line: "* [](https://hangouts.google.com/call/x) link", owners: []),
    Case(line: "- [ ] [tentative, pending attendance] Choice", owners: []),
    Case(line: "- [ ] [WIP] Choice", owners: []),
    Case(line: "- [ ] ()", owners: []),
  ]

  @Test(arguments: cases) func owners(_ c: Case) throws {
    let d = ParserTestSupport.parse("# 2021-08-25 x\n\n" + c.line + "\n")
    let item = try #require(d.items.first)
    #expect(item.owners.map(\.kind) == c.owners.map(\.0))
    #expect(item.owners.map(\.form) == c.owners.map(\.1))
    #expect(item.owners.map(\.text) == c.owners.map(\.2))
    // The range covers exactly the text (without punctuation).
    #expect(item.owners.map { d.source.text(in: $0.range) } == c.owners.map(\.2))
  }

  @Test func speakerPrefixOnNestedDiscussionBullet() {
    let d = ParserTestSupport.parse(
      """
      # 2021-08-25 x
      ## New agenda items
      - [X] JRG: topic
          - WV: Mostly agree
          - (IF) comment
      - CHL: plain top-level bullet
      ## Action items
      * (CHL) will draft a CEP
          * CHL: start design doc
      """)
    let roles = d.mentions.map { "\($0.text):\($0.role)" }
    #expect(roles == ["JRG:owner", "WV:speaker", "IF:speaker", "CHL:owner", "CHL:owner", "CHL:owner"])
    // Speakers still record owners, so that inheritance keeps working.
    #expect(d.items[1].owners.map(\.text) == ["WV"])
  }

  @Test func lowerCaseHandleLeadingProseNeedsTheHandleKnown() {
    let d = ParserTestSupport.parse(
      """
      # 2020-01-08 x
      * [ ] (jakirkham) something
      * [ ] jakirkham & CJ-wright to sync on CUDA
      * [ ] switch to the new bot
      * [ ] Someone to drive this CFEP
      * [ ] cfep-04 next steps: jakirkham to add a comment
      """)
    #expect(d.items[4].owners.map(\.text) == ["jakirkham"])
    #expect(d.items[1].owners.map(\.text) == ["jakirkham", "CJ-wright"])
    #expect(d.items[1].owners.map(\.form) == [.prose, .prose])
    #expect(d.source.text(in: d.items[1].owners[1].range) == "CJ-wright")
    #expect(d.items[2].owners.isEmpty)
    #expect(d.items[3].owners.map(\.kind) == [.placeholder])
    let unknown = ParserTestSupport.parse("* [ ] jakirkham to sync\n")
    #expect(unknown.items[0].owners.isEmpty)
  }

  @Test func knownInitialsAsFirstWord() {
    let d = ParserTestSupport.parse(
      """
      ## Attendees
      | Name | Initials |
      |---|---|
      | Matthew Becker | MRB |
      | Marius van Niekerk | MvN |
      ## Agenda
      - [ ] MRB bot metadata is killing github
      - [ ] JOSS paper
      - [ ] CI is broken
      - TODO: Marius ping folks at intel
      - Marius questioned the vote
      - [ ] Marius ping folks
      """)
    #expect(d.items.map { $0.owners.map(\.text) } == [["MRB"], [], [], ["Marius"], [], ["Marius"]])
    #expect(d.items[0].owners.first?.form == .prose)
  }

  @Test func ownersAreInheritedFromParents() {
    let d = ParserTestSupport.parse(
      """
      # 2021-08-25 x
      ## TODOs
      * [ ] (IF/MRB/MV) intel oneAPI
          * todo
              * [ ] licensing for opencl_rt
      """)
    #expect(d.effectiveOwners(ofItem: 2).map(\.text) == ["IF", "MRB", "MV"])
  }

  /// The person who added an agenda topic does not own the tasks written under it.
  @Test func tasksUnderAnAgendaTopicAreNotThePresenters() {
    let d = ParserTestSupport.parse(
      """
      # 2021-08-25 x
      ## Agenda
      * [x] (IF/MRB/MV) intel oneAPI
          * todo
              * [ ] licensing for opencl_rt
          * the topic's discussion
      """)
    #expect(d.items.map(\.role) == [.other, .taskLabel, .task, .other])
    #expect(d.effectiveOwners(ofItem: 2).isEmpty)
    #expect(d.effectiveOwners(ofItem: 3).map(\.text) == ["IF", "MRB", "MV"])
  }
}
