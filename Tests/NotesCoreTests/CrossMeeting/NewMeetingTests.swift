import Testing

@testable import NotesCore

/// The next meeting: file name, date and text from the previous note or a template.
@Suite struct NewMeetingTests {
  static func day(_ y: Int, _ m: Int, _ d: Int) -> MeetingDate { MeetingDate(year: y, month: m, day: d) }

  @Test(arguments: [
    ("2024-06-26.md", "2024-07-10.md"),
    ("20240626_agenda_and_minutes.md", "20240710_agenda_and_minutes.md"),
    ("20240626-conda-ecosystem.md", "20240710-conda-ecosystem.md"),
    ("weekly-notes.md", "2024-07-10.md"),
  ])
  func fileNameFollowsTheSeriesPattern(previous: String, expected: String) {
    let document = NoteParser.parse(uri: "file:///ws/n/" + previous, text: "# 2024-06-26 Meeting\n")
    #expect(NewMeeting.fileName(after: document, date: Self.day(2024, 7, 10)) == expected)
  }

  @Test(arguments: [
    ([day(2024, 1, 3), day(2024, 1, 17), day(2024, 1, 31), day(2024, 2, 28)], 14, day(2024, 3, 13)),
    ([day(2024, 1, 1)], 7, day(2024, 1, 8)),
    ([day(2023, 12, 27), day(2024, 1, 3), day(2024, 1, 10)], 7, day(2024, 1, 17)),
    ([day(2024, 2, 22), day(2024, 2, 29)], 7, day(2024, 3, 7)),
  ])
  func nextDateIsTheUsualInterval(dates: [MeetingDate], interval: Int, next: MeetingDate) {
    #expect(NewMeeting.usualInterval(dates) == interval)
    #expect(NewMeeting.nextDate(after: dates) == next)
  }

  @Test func calendarMathRoundTrips() {
    for n in stride(from: -1000, through: 40_000, by: 37) {
      let date = CalendarMath.date(fromDayNumber: n)
      #expect(date.isValid)
      #expect(CalendarMath.dayNumber(date) == n)
    }
    #expect(CalendarMath.weekday(Self.day(2024, 6, 26)) == 3)
    #expect(CalendarMath.strftime("%Y-%m-%d %A %-d %B", Self.day(2024, 7, 4)) == "2024-07-04 Thursday 4 July")
  }

  @Test func fromThePreviousNote() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let plan = try #require(NewMeeting.plan(folder: CrossMeetingNotes.cfFolder, workspace: workspace))
    #expect(plan.fileName == "2024-02-21.md")
    #expect(plan.previousURI == CrossMeetingNotes.thirdURI)
    #expect(plan.carriedItems == 1)
    #expect(
      plan.text == """
        ---
        title: '2024-02-21'
        ---
        # conda-forge core meeting 2024-02-21

        [Previous meeting](2024-02-07.md)

        ## Attendees

        | Name | Initials | GitHub ID | Affiliation |
        | ---- | -------- | --------- | ----------- |
        |      |          |           |             |
        |      |          |           |             |
        |      |          |           |             |
        |      |          |           |             |
        |      |          |           |             |

        X people total

        ### From previous meeting(s)

        - [ ] (JK) write a blog post on CUDA stuff

        ### Your __new__() agenda items

        - [ ]

        """)
    // The new note parses as the next meeting of the series, and nothing is dropped or stale in it.
    var next = workspace
    let document = next.update(uri: CrossMeetingNotes.cfFolder + plan.fileName, text: plan.text)
    #expect(document.meetingDate == plan.date)
    #expect(next.previousMeetingURI(of: document.uri) == CrossMeetingNotes.thirdURI)
    #expect(CarryOverCheck.droppedItems(in: document, workspace: next).isEmpty)
  }

  @Test func aGivenDateFollowsTheLatestEarlierNote() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let plan = try #require(
      NewMeeting.plan(folder: CrossMeetingNotes.cfFolder, workspace: workspace, date: Self.day(2024, 1, 31)))
    #expect(plan.fileName == "2024-01-31.md")
    #expect(plan.previousURI == CrossMeetingNotes.secondURI)
    #expect(plan.text.contains("[Last week's meeting](2024-01-24.md)"))
    // Sub-items travel with their item; a done item does not.
    #expect(plan.text.contains("- [ ] (JK) Write a blog-post on CUDA stuff."))
    #expect(!plan.text.contains("welcome packets"))
  }

  @Test func fromATemplate() throws {
    let template = """
      ---
      tags: [meeting-notes]
      title: '{{ date.strftime("%Y-%m-%d") }}'
      ---
      # conda-forge core meeting {{ date.strftime("%Y-%m-%d") }}

      ## Attendees

      | Name | Initials | GitHub ID | Affiliation |
      | ---- | -------- | --------- | ----------- |
      |      |          |           |             |

      ### From previous meeting(s)

      - [ ]

      ### Your __new__() agenda items

      - [ ]

      """
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let plan = try #require(
      NewMeeting.plan(folder: CrossMeetingNotes.cfFolder, workspace: workspace, template: template))
    #expect(
      plan.text.hasPrefix(
        "---\ntags: [meeting-notes]\ntitle: '2024-02-21'\n---\n# conda-forge core meeting 2024-02-21\n"))
    #expect(plan.text.contains("[Previous meeting](2024-02-07.md)"))
    #expect(plan.text.contains("### From previous meeting(s)\n\n- [ ] (JK) write a blog post on CUDA stuff\n\n###"))
    #expect(!plan.text.contains("{{"))
  }
}

extension NewMeetingTests {
  @Test func theCondaForgeLayoutMovesEveryItemOneSubSectionDown() throws {
    let previous = """
      # 2020-07-22 conda-forge core meeting

      ## Attendees
      * Filipe Fernandes

      ## Check in on previous action items
      Copy previous action items from last meeting agenda.

      ### This meeting
      * [ ] (FF) new thing
      * [x] (FF) done thing

      ### Last meeting
      * [ ] (CJ) last week's thing

      ### 2 meetings ago
      * [ ] (ED) old thing
        * with a note

      ### Move to Issue Tracker
      * [ ] (KK) tracked thing

      """
    let document = NoteParser.parse(uri: "file:///ws/cf/2020-07-22.md", text: previous)
    let plan = NewMeeting.plan(previous: document, date: MeetingDate(year: 2020, month: 7, day: 29))
    #expect(plan.carriedItems == 4)
    #expect(
      plan.text.hasSuffix(
        """
        ## Check in on previous action items

        ### This meeting

        ### Last meeting

        * [ ] (FF) new thing

        ### 2 meetings ago

        * [ ] (CJ) last week's thing

        ### Move to Issue Tracker

        * [ ] (ED) old thing
          * with a note
        * [ ] (KK) tracked thing

        """))
  }
}
