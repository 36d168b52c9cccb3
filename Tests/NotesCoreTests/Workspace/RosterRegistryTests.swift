import Testing

@testable import NotesCore

@Suite struct DelimitedTextTests {
  @Test func quotedFieldsCRLFAndBOM() {
    let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",z\r\n\r\nplain , \"multi\nline\",3"
    let records = DelimitedText.records(text, separator: ",")
    #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "z"], ["plain", "multi\nline", "3"]])
    #expect(records.map(\.line) == [0, 1, 3])
  }

  @Test func tabsKeepEmptyCellsAndShortRows() {
    let rows = DelimitedText.table("number\ttitle\tstatus\n07\tMigration\t\n8\n", separator: "\t")
    #expect(rows.count == 2)
    #expect(rows[0].values == ["number": "07", "title": "Migration", "status": ""])
    #expect(rows[1].values == ["number": "8", "title": "", "status": ""])
  }

  @Test func neverFailsOnOddInput() {
    for text in ["", "\"", "\"unterminated,a\nb", ",,,", "\r\r\r", "a\"b,c"] {
      _ = DelimitedText.records(text, separator: ",")
    }
    #expect(DelimitedText.records("a\"b,c", separator: ",").first?.fields == ["a\"b", "c"])
  }
}

@Suite struct RosterTests {
  @Test func readsTheRealFormats() {
    var workspace = NotesWorkspace()
    workspace.setRoster(
      name: "core.csv", text: "github_username,email,name\nbeckermr,,Matthew R. Becker\ncj-wright,,\"Wright, CJ\"\n")
    workspace.setRoster(
      name: "steering.csv",
      text:
        "\u{FEFF}github_username,email,name,funder,pronouns\r\njaimergp,,Jaime Rodríguez-Guerra,Quansight,he/him\r\n"
    )
    #expect(workspace.people.count == 3)
    let jaime = workspace.people(withHandle: "@JaimeRGP")
    #expect(jaime.count == 1)
    #expect(jaime.first?.names == ["Jaime Rodríguez-Guerra"])
    #expect(
      jaime.first?.rosterEntries == [
        RosterEntry(roster: "steering.csv", line: 1, handle: "jaimergp", name: "Jaime Rodríguez-Guerra")
      ])
    #expect(workspace.people(withHandle: "cj-wright").first?.names == ["Wright, CJ"])
    #expect(workspace.people(named: "jaime rodriguez-guerra").count == 1)
  }

  @Test func replacingARosterReplacesItsPeople() {
    var workspace = NotesWorkspace()
    workspace.setRoster(name: "r", text: "github_username,name\nalice,Alice A\n")
    #expect(workspace.people(withHandle: "alice").count == 1)
    workspace.setRoster(name: "r", text: "github_username,name\nbob,Bob B\n")
    #expect(workspace.people(withHandle: "alice").isEmpty)
    #expect(workspace.people(withHandle: "bob").count == 1)
    workspace.removeRoster(name: "r")
    #expect(workspace.people.isEmpty)
  }
}

@Suite struct RegistryTests {
  @Test func readsZeroPaddedNumbersByHeaderName() {
    var workspace = NotesWorkspace()
    workspace.setRegistry(
      .cfep, name: "cfeps.tsv",
      text: "status\tnumber\ttitle\nAccepted\t03\tManual uploads\nDeferred\t10\tFeedstock Statuses\nx\tabc\tbad\n")
    #expect(workspace.hasRegistry(.cfep))
    #expect(!workspace.hasRegistry(.cep))
    #expect(
      workspace.proposal(.cfep, 3) == Proposal(kind: .cfep, number: 3, title: "Manual uploads", status: "Accepted"))
    #expect(workspace.proposals(.cfep).map(\.number) == [3, 10])
    #expect(workspace.proposal(.cep, 3) == nil)
    workspace.removeRegistry(.cfep, name: "cfeps.tsv")
    #expect(!workspace.hasRegistry(.cfep))
  }
}
