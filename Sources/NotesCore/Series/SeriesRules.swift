/// How notes form series, and the ordered members of each.
///
/// NOTE: a series is the dated meeting notes of one folder, ordered by meeting date (then URI). A folder whose file
/// names switched pattern (conda: `YYYYMMDD_agenda_and_minutes.md` → `YYYYMMDD-conda-ecosystem.md` in 2026, with the
/// title going from "Conda Community Meeting" to "Conda Ecosystem Meeting") is the same meeting renamed, so it stays
/// one series: splitting by file-name pattern or title would cut the previous-meeting chain at the rename. Titles are
/// too irregular (conda-forge: "General discussion", "conda-forge meeting", "core meeting") to split on; teams keeping
/// two concurrent series should keep them in two folders.
///
/// NOTE: a note with a title H1 that carries no date (`# Conda-Tools Kick-off Agenda` in a folder of
/// `# 2020-08-24 Conda Community Meeting`) is a one-off, not part of the series — but only where most of the folder's
/// titled notes do carry a date, so a series whose titles never carry dates (`# Weekly sync` in `2024-01-10.md`)
/// still forms a series from its file names.
public enum SeriesRules {
  /// The series key of a note: its folder, for a meeting note with a date; nil otherwise.
  public static func seriesKey(of document: NoteDocument) -> String? {
    guard document.isMeetingNote, let date = document.meetingDate, date.isValid else { return nil }
    return document.folder
  }

  /// Whether the note's title H1 (if any) states a date.
  static func titleIsDated(_ document: NoteDocument) -> Bool {
    document.title == nil || document.dates.title != nil
  }
}

/// One dated note of a folder, as the series index keeps it.
struct SeriesEntry: Hashable, Sendable, Comparable {
  var date: MeetingDate
  var uri: String
  /// False for a titled note whose title has no date (a candidate one-off).
  var titleIsDated: Bool

  static func < (lhs: SeriesEntry, rhs: SeriesEntry) -> Bool { (lhs.date, lhs.uri) < (rhs.date, rhs.uri) }
}

/// The dated notes of every folder, kept sorted as notes come and go (binary search + insert: appending notes in date
/// order, the usual case, is O(1) each).
struct SeriesIndex: Sendable {
  private(set) var folders: [String: [SeriesEntry]] = [:]
  private var undatedTitles: [String: Int] = [:]

  mutating func insert(_ entry: SeriesEntry, folder: String) {
    var list = folders.removeValue(forKey: folder) ?? []
    if let last = list.last, last < entry {
      list.append(entry)
    } else {
      list.insert(entry, at: Self.lowerBound(list, entry))
    }
    folders[folder] = list
    if !entry.titleIsDated { undatedTitles[folder, default: 0] += 1 }
  }

  mutating func remove(_ entry: SeriesEntry, folder: String) {
    guard var list = folders.removeValue(forKey: folder) else { return }
    let index = Self.lowerBound(list, entry)
    if index < list.count && list[index] == entry {
      list.remove(at: index)
      if !entry.titleIsDated { undatedTitles[folder, default: 1] -= 1 }
    }
    if !list.isEmpty { folders[folder] = list }
  }

  /// Whether an entry counts as a member: one-offs are left out where most of the folder's notes have dated titles.
  func isMember(_ entry: SeriesEntry, folder: String) -> Bool {
    if entry.titleIsDated { return true }
    let total = folders[folder]?.count ?? 0
    let undated = undatedTitles[folder] ?? 0
    return undated * 2 >= total
  }

  /// The members of a folder's series, by date.
  func members(_ folder: String) -> [SeriesEntry] {
    guard let list = folders[folder] else { return [] }
    let undated = undatedTitles[folder] ?? 0
    if undated == 0 || undated * 2 >= list.count { return list }
    return list.filter(\.titleIsDated)
  }

  /// The member just before (`step` −1) or after (+1) a date/URI position; the position need not be a member itself.
  func neighbour(of entry: SeriesEntry, folder: String, step: Int) -> SeriesEntry? {
    guard let list = folders[folder] else { return nil }
    var index = Self.lowerBound(list, entry)
    if step > 0, index < list.count, list[index] == entry { index += 1 }
    if step < 0 { index -= 1 }
    while index >= 0 && index < list.count {
      let candidate = list[index]
      if candidate.date != entry.date || candidate.uri != entry.uri,
        step < 0 ? candidate.date < entry.date : candidate.date > entry.date,
        isMember(candidate, folder: folder)
      {
        return candidate
      }
      index += step
    }
    return nil
  }

  static func lowerBound(_ list: [SeriesEntry], _ entry: SeriesEntry) -> Int {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < entry { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
