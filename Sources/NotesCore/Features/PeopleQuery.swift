/// Initials a person was listed with, and when.
public struct InitialsEra: Hashable, Sendable {
  /// Upper-case initials (`JK`).
  public var initials: String
  /// The first and last meeting whose attendee list gives them (nil when only undated notes do).
  public var first: MeetingDate?
  public var last: MeetingDate?
  /// How many attendee entries give them.
  public var count: Int
}

/// How often a person attended one series.
public struct SeriesAttendance: Hashable, Sendable {
  public var seriesName: String
  public var meetings: Int
  public var first: MeetingDate?
  public var last: MeetingDate?
}

/// One person as `notes-lsp people` shows them.
public struct PersonOverview: Hashable, Sendable {
  public var id: PersonID
  /// The name most often written (else a handle or initials).
  public var name: String
  /// Other names written for them, most frequent first.
  public var otherNames: [String]
  /// Every initials they were listed with, most used first.
  public var initials: [InitialsEra]
  /// Handles, most frequent first (without `@`).
  public var handles: [String]
  /// Affiliations, most recent first.
  public var affiliations: [String]
  /// Distinct meetings whose attendee list names them.
  public var meetings: Int
  public var firstMeeting: MeetingDate?
  public var lastMeeting: MeetingDate?
  /// Per series, by name.
  public var series: [SeriesAttendance]
  /// Open items one of whose owners names them (and nobody else).
  public var openItems: Int
  /// Open items carried over for more than `staleAfterMeetings` meetings.
  public var staleItems: Int
  /// Whether a roster lists them.
  public var inRoster: Bool
}

/// Initials that name several people.
public struct SharedInitials: Hashable, Sendable {
  public var initials: String
  /// The people, by first attendance.
  public var people: [PersonID]
  /// Open items whose owner is these initials and that neither the note's attendees nor anything else settles.
  public var ambiguousOpenItems: Int
}

/// A handle one or two edits off the handle the same person is usually listed with (joined by initials and name).
public struct HandleTypo: Hashable, Sendable {
  public var person: PersonID
  public var usual: String
  public var typo: String
}

/// A person known by several spellings the join put together.
public struct JoinedSpellings: Hashable, Sendable {
  public var person: PersonID
  public var initials: [String]
  public var handles: [String]
  public var names: [String]
}

/// An owner token of open items that names nobody the workspace knows.
public struct UnknownOwner: Hashable, Sendable {
  public var token: String
  public var openItems: Int
  public var first: MeetingDate?
  public var last: MeetingDate?
}

/// Everyone the workspace knows and the joins it made or could not make.
public struct PeopleOverview: Hashable, Sendable {
  public var people: [PersonOverview]
  public var sharedInitials: [SharedInitials]
  public var handleTypos: [HandleTypo]
  public var joined: [JoinedSpellings]
  public var unknownOwners: [UnknownOwner]

  /// The person with this id.
  public func person(_ id: PersonID) -> PersonOverview? { people.first { $0.id == id } }
}

/// One series' attendance: people × meetings.
public struct AttendanceChart: Hashable, Sendable {
  public struct Row: Hashable, Sendable {
    public var person: PersonID
    public var name: String
    /// Indexes into `meetings` of the meetings attended.
    public var attended: [Int]
  }

  public var seriesName: String
  /// The meetings, oldest first.
  public var meetings: [MeetingDate]
  /// People who attended at least one meeting, most meetings first (ties: first attendance).
  public var rows: [Row]
}

/// People across the workspace: attendance, initials over the years, items owned, and the joins of the people index.
/// Values in, values out (the workspace's people and summaries; the items of `OpenItemsQuery`).
public enum PeopleQuery {
  /// Everyone the workspace knows, most meetings first, then by name. `items` are `OpenItemsQuery.histories`.
  public static func overview(in workspace: NotesWorkspace, items: [TrackedItemHistory]) -> PeopleOverview {
    let people = workspace.people
    let seriesNames = Dictionary(
      OpenItemsQuery.series(in: workspace).map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
    var open: [PersonID: Int] = [:]
    var stale: [PersonID: Int] = [:]
    var unknown: [String: UnknownOwner] = [:]
    var ambiguousByInitials: [String: Int] = [:]
    for item in items where item.state == .open {
      for id in Set(item.owners.compactMap(\.person)) {
        open[id, default: 0] += 1
        if item.isStale { stale[id, default: 0] += 1 }
      }
      for owner in item.owners where owner.people.isEmpty {
        var entry = unknown[owner.token] ?? UnknownOwner(token: owner.token, openItems: 0, first: nil, last: nil)
        entry.openItems += 1
        if let date = item.lastSeen.date {
          entry.first = min(entry.first ?? date, date)
          entry.last = max(entry.last ?? date, date)
        }
        unknown[owner.token] = entry
      }
      for owner in item.owners where owner.people.count > 1 {
        if let key = NameMatching.initialsKey(owner.token) { ambiguousByInitials[key, default: 0] += 1 }
      }
    }

    var overviews: [PersonOverview] = []
    var joined: [JoinedSpellings] = []
    var typos: [HandleTypo] = []
    var byInitials: [String: [PersonID]] = [:]
    for person in people {
      var eras: [String: InitialsEra] = [:]
      var meetings: [String: MeetingDate?] = [:]
      var perSeries: [String: [MeetingDate?]] = [:]
      for attendance in person.attendance {
        meetings[attendance.uri] = attendance.date
        let summary = workspace.summary(attendance.uri)
        if let key = OpenItemsQuery.seriesKey(of: attendance.uri, in: workspace), let name = seriesNames[key] {
          perSeries[name, default: []].append(attendance.date)
        }
        guard let identity = summary?.attendees.first(where: { $0.range == attendance.range })?.identity,
          let initials = NameMatching.initialsKey(identity.initials)
        else { continue }
        var era = eras[initials] ?? InitialsEra(initials: initials, first: nil, last: nil, count: 0)
        era.count += 1
        if let date = attendance.date {
          era.first = min(era.first ?? date, date)
          era.last = max(era.last ?? date, date)
        }
        eras[initials] = era
      }
      // Initials known only from a roster or never in a table still name the person.
      for initials in person.initials where eras[initials] == nil {
        eras[initials] = InitialsEra(initials: initials, first: nil, last: nil, count: 0)
      }
      for initials in eras.keys { byInitials[initials, default: []].append(person.id) }
      let dates = meetings.values.compactMap { $0 }
      let series = perSeries.map { name, dates -> SeriesAttendance in
        let known = dates.compactMap { $0 }
        return SeriesAttendance(seriesName: name, meetings: dates.count, first: known.min(), last: known.max())
      }.sorted { $0.seriesName < $1.seriesName }
      let sortedEras = eras.values.sorted { a, b in
        a.count != b.count ? a.count > b.count : (sortKey(a.first), a.initials) < (sortKey(b.first), b.initials)
      }
      overviews.append(
        PersonOverview(
          id: person.id, name: person.displayName, otherNames: Array(person.names.dropFirst()), initials: sortedEras,
          handles: person.handles, affiliations: person.affiliations, meetings: meetings.count,
          firstMeeting: dates.min(), lastMeeting: dates.max(), series: series, openItems: open[person.id] ?? 0,
          staleItems: stale[person.id] ?? 0, inRoster: !person.rosterEntries.isEmpty))
      if sortedEras.count > 1 || person.handles.count > 1 {
        joined.append(
          JoinedSpellings(
            person: person.id, initials: sortedEras.map(\.initials), handles: person.handles, names: person.names))
      }
      if let usual = person.handles.first {
        for other in person.handles.dropFirst()
        where NameMatching.editDistance(usual.lowercased(), other.lowercased(), limit: 2) <= 2 {
          typos.append(HandleTypo(person: person.id, usual: usual, typo: other))
        }
      }
    }
    let firstMeeting = Dictionary(uniqueKeysWithValues: overviews.map { ($0.id, sortKey($0.firstMeeting)) })
    let shared = byInitials.filter { $0.value.count > 1 }.map { initials, ids in
      SharedInitials(
        initials: initials,
        people: ids.sorted { (firstMeeting[$0] ?? sortKey(nil), $0) < (firstMeeting[$1] ?? sortKey(nil), $1) },
        ambiguousOpenItems: ambiguousByInitials[initials] ?? 0)
    }.sorted { $0.initials < $1.initials }
    overviews.sort { a, b in
      a.meetings != b.meetings ? a.meetings > b.meetings : (a.name.lowercased(), a.id) < (b.name.lowercased(), b.id)
    }
    return PeopleOverview(
      people: overviews, sharedInitials: shared, handleTypos: typos, joined: joined,
      unknownOwners: unknown.values.sorted { a, b in
        a.openItems != b.openItems ? a.openItems > b.openItems : a.token < b.token
      })
  }

  /// The attendance of every series: who attended which meeting.
  public static func attendance(in workspace: NotesWorkspace) -> [AttendanceChart] {
    OpenItemsQuery.series(in: workspace).map { series in
      var column: [String: Int] = [:]
      for (index, meeting) in series.meetings.enumerated() { column[meeting.uri] = index }
      var rows: [AttendanceChart.Row] = []
      for person in workspace.people {
        let attended = Set(person.attendance.compactMap { column[$0.uri] }).sorted()
        guard !attended.isEmpty else { continue }
        rows.append(AttendanceChart.Row(person: person.id, name: person.displayName, attended: attended))
      }
      rows.sort { a, b in
        a.attended.count != b.attended.count
          ? a.attended.count > b.attended.count : (a.attended[0], a.name) < (b.attended[0], b.name)
      }
      return AttendanceChart(seriesName: series.name, meetings: series.meetings.map(\.date), rows: rows)
    }
  }
}

/// A date for sorting: nil (undated) first.
private func sortKey(_ date: MeetingDate?) -> MeetingDate { date ?? MeetingDate(year: 0, month: 0, day: 0) }
