@testable import NotesCore

/// Builds notes by hand (no parser) for workspace tests: a dated meeting note with an attendee table.
enum WorkspaceFixtures {
  typealias Row = (name: String, initials: String, handle: String, affiliation: String)

  static func note(
    _ uri: String, date: MeetingDate?, title: String? = nil, titleDated: Bool = true, rows: [Row] = [],
    kind: NoteKind = .meeting
  ) -> NoteDocument {
    let slash = uri.lastIndex(of: "/")
    let fileName = slash.map { String(uri[uri.index(after: $0)...]) } ?? uri
    let folder = slash.map { String(uri[...$0]) } ?? ""
    let zero = TextRange(utf8Start: 0, utf8End: 0)
    func span(_ text: String) -> Span? { text.isEmpty ? nil : Span(text: text, range: zero) }
    let entries = rows.enumerated().map { index, row in
      Attendee(
        name: span(row.name), initials: span(row.initials), github: span(row.handle),
        affiliation: span(row.affiliation), range: TextRange(utf8Start: index, utf8End: index + 1))
    }
    let attendees =
      rows.isEmpty
      ? nil
      : AttendeeList(
        form: .table, section: nil, columns: [.name, .initials, .github, .affiliation], headerRange: nil,
        entries: entries, placeholderRows: [], range: zero)
    let titleText = title ?? date.map { "\($0) Meeting" }
    let dates = NoteDates(
      fileName: date.map { DateMention(date: $0, range: nil) },
      title: titleDated ? date.map { DateMention(date: $0, range: zero) } : nil)
    return NoteDocument(
      uri: uri, source: SourceText(""), fileName: fileName, folder: folder, kind: kind,
      title: titleText.map { Span(text: $0, range: zero) }, dates: dates, attendees: attendees)
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> MeetingDate {
    MeetingDate(year: year, month: month, day: day)
  }
}
