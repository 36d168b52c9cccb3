import Testing

@testable import NotesCore

@Suite struct SeriesTests {
  typealias F = WorkspaceFixtures

  @Test func previousMeetingIsTheNearestEarlierHeldNoteNotSevenDaysBack() {
    var ws = NotesWorkspace()
    // Out of order, with gaps, and a note from another folder in between.
    for (uri, date) in [
      ("cf/2020-01-29.md", F.day(2020, 1, 29)), ("cf/2020-01-01.md", F.day(2020, 1, 1)),
      ("cf/2020-01-08.md", F.day(2020, 1, 8)), ("other/2020-01-20.md", F.day(2020, 1, 20)),
    ] {
      ws.index(F.note(uri, date: date))
    }
    #expect(ws.previousMeetingURI(of: "cf/2020-01-29.md") == "cf/2020-01-08.md")
    #expect(ws.previousMeetingURI(of: "cf/2020-01-08.md") == "cf/2020-01-01.md")
    #expect(ws.previousMeetingURI(of: "cf/2020-01-01.md") == nil)
    #expect(ws.nextMeetingURI(of: "cf/2020-01-08.md") == "cf/2020-01-29.md")
    #expect(ws.nextMeetingURI(of: "cf/2020-01-29.md") == nil)
    #expect(ws.series(of: "cf/2020-01-08.md") == ["cf/2020-01-01.md", "cf/2020-01-08.md", "cf/2020-01-29.md"])
    #expect(ws.series(of: "other/2020-01-20.md") == ["other/2020-01-20.md"])
    // Indexed notes have no document; updated ones do.
    #expect(ws.previousMeeting(of: "cf/2020-01-29.md") == nil)
    ws.update(F.note("cf/2020-01-08.md", date: F.day(2020, 1, 8)))
    #expect(ws.previousMeeting(of: "cf/2020-01-29.md")?.uri == "cf/2020-01-08.md")
    ws.remove(uri: "cf/2020-01-08.md")
    #expect(ws.previousMeetingURI(of: "cf/2020-01-29.md") == "cf/2020-01-01.md")
  }

  @Test func aRenamedFileNamePatternStaysOneSeries() {
    var ws = NotesWorkspace()
    ws.index(
      F.note(
        "conda/20251210_agenda_and_minutes.md", date: F.day(2025, 12, 10), title: "2025-12-10 Conda Community Meeting"))
    ws.index(
      F.note("conda/20260107-conda-ecosystem.md", date: F.day(2026, 1, 7), title: "2026-01-07 Conda Ecosystem Meeting"))
    #expect(ws.previousMeetingURI(of: "conda/20260107-conda-ecosystem.md") == "conda/20251210_agenda_and_minutes.md")
  }

  @Test func aOneOffWithAnUndatedTitleIsNotPartOfTheSeries() {
    var ws = NotesWorkspace()
    ws.index(
      F.note(
        "conda/20200721_agenda_and_minutes.md", date: F.day(2020, 7, 21), title: "Conda-Tools Kick-off Agenda",
        titleDated: false))
    ws.index(F.note("conda/20200824_agenda_and_minutes.md", date: F.day(2020, 8, 24)))
    ws.index(F.note("conda/20200922_agenda_and_minutes.md", date: F.day(2020, 9, 22)))
    #expect(ws.previousMeetingURI(of: "conda/20200824_agenda_and_minutes.md") == nil)
    #expect(ws.series(of: "conda/20200922_agenda_and_minutes.md").count == 2)
    // A folder whose titles never carry dates still forms a series from its file names.
    var plain = NotesWorkspace()
    plain.index(F.note("w/2024-01-03.md", date: F.day(2024, 1, 3), title: "Weekly sync", titleDated: false))
    plain.index(F.note("w/2024-01-10.md", date: F.day(2024, 1, 10), title: "Weekly sync", titleDated: false))
    #expect(plain.previousMeetingURI(of: "w/2024-01-10.md") == "w/2024-01-03.md")
  }

  @Test func undatedAndNonMeetingNotesHaveNoSeries() {
    var ws = NotesWorkspace()
    ws.index(F.note("cf/README.md", date: nil, title: "Minutes", kind: .other))
    ws.index(F.note("cf/2020-01-01.md", date: F.day(2020, 1, 1)))
    #expect(ws.series(of: "cf/README.md").isEmpty)
    #expect(ws.previousMeetingURI(of: "cf/README.md") == nil)
    #expect(ws.uris == ["cf/2020-01-01.md", "cf/README.md"])
  }

  @Test func sameDayNotesAreNotEachOthersPreviousMeeting() {
    var ws = NotesWorkspace()
    ws.index(F.note("cf/2020-01-01.md", date: F.day(2020, 1, 1)))
    ws.index(F.note("cf/2020-01-08.md", date: F.day(2020, 1, 8)))
    ws.index(F.note("cf/2020-01-08-b.md", date: F.day(2020, 1, 8)))
    #expect(ws.previousMeetingURI(of: "cf/2020-01-08-b.md") == "cf/2020-01-01.md")
    #expect(
      ws.nextMeetingURI(of: "cf/2020-01-01.md") == "cf/2020-01-08-b.md"
        || ws.nextMeetingURI(of: "cf/2020-01-01.md") == "cf/2020-01-08.md")
  }

  @Test func tenThousandNotesInAndOneUpdateStaysCheap() {
    var ws = NotesWorkspace()
    var date = F.day(1990, 1, 1)
    var uris: [String] = []
    for i in 0..<10_000 {
      let uri = "big/\(date).md"
      uris.append(uri)
      ws.index(
        F.note(uri, date: date, rows: [("Person \(i % 50)", "P\(["A", "B", "C", "D", "E"][i % 5])", "p\(i % 50)", "")]))
      date = MeetingDate(
        year: date.year + (date.month == 12 && date.day == 28 ? 1 : 0),
        month: date.day == 28 ? date.month % 12 + 1 : date.month, day: date.day == 28 ? 1 : date.day + 1)
    }
    #expect(ws.series(of: uris[0]).count == 10_000)
    #expect(ws.previousMeetingURI(of: uris[5000]) == uris[4999])
    let index = ws.peopleIndex
    ws.index(
      F.note(uris[5000], date: ws.summary(uris[5000])?.date, rows: [("Person 0", "PA", "p0", "")]))
    #expect(ws.peopleIndex === index)
    #expect(ws.previousMeetingURI(of: uris[5001]) == uris[5000])
  }
}
