import Foundation

/// What a series is: the one model every cross-meeting feature asks (previous meeting, `new`, dropped and stale items,
/// code lens, definition).
///
/// NOTE (the rule, decided from the real corpus): a series is the dated meeting notes of one folder that share a
/// *title pattern* — the title H1 with its dates, parenthesised asides, `DRAFT` and trailing words such as `meeting`,
/// `notes`, `agenda` removed, case and punctuation folded (`# DRAFT - 2021-01-26 Conda Community Meeting` →
/// `conda community`). Then, per folder:
/// - patterns held by two or more notes are series; two such series that follow one another without overlapping in
///   time are one series renamed (conda's `Conda Community Meeting` → `Conda Ecosystem Meeting` in 2026, with the file
///   names changing from `YYYYMMDD_agenda_and_minutes.md` to `YYYYMMDD-conda-ecosystem.md`; conda-forge's
///   `General discussion` → `conda-forge meeting` → `conda-forge core meeting`). Series that overlap in time (a core
///   meeting and a grant meeting kept in one folder) stay apart;
/// - notes whose title is only a date or generic words (`# 2016-04-15`, `# 2019-06-12 Meeting Notes`) join the series
///   whose time span holds them, else the nearest one;
/// - a note whose pattern no other note shares is a one-off (`# Conda-Tools Kick-off Agenda`,
///   `# 2016-06-09: Compiler special meeting`), unless it comes after a series ended, within three of its usual
///   intervals and no other series runs then (the first note after a rename);
/// - where titles do not name the series at all (most notes' patterns are unique: `# 2024-01-10: Budget`), the whole
///   folder is one series, as before titles were read.
///
/// NOTE: a gap is not the previous meeting. When the note names a meeting between itself and the nearest earlier note
/// of its series that the folder does not hold (`## Last meeting points (2020-12-15)`, a dated previous-meeting
/// link), or that earlier note lies more than 2.5 usual intervals back (two or more meetings missing), the earlier
/// note is only the *preceding* note: items are not compared with it (see `SeriesStep.gap`).
public enum SeriesRules {
  /// The folder-level key of a note: its folder, for a meeting note with a date; nil otherwise. Which series of the
  /// folder the note belongs to is decided from every note of the folder (`NotesWorkspace.series(of:)`).
  public static func seriesKey(of document: NoteDocument) -> String? {
    guard document.isMeetingNote, let date = document.meetingDate, date.isValid else { return nil }
    return document.folder
  }

  /// How far back (in usual intervals) the preceding note may lie and still be the previous meeting.
  static let gapIntervals = 2.5

  static let fillerWords: Set<String> = [
    "meeting", "meetings", "notes", "note", "minutes", "agenda", "and", "draft", "call", "the", "of",
  ]
  static let monthWords: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  ]

  /// The title pattern of a title: `# 2016-09-23 (postponed from 16th): General Discussion` → `general discussion`;
  /// empty for a title that is only a date or generic words (and for no title).
  public static func titlePattern(_ title: String?) -> String {
    guard let title else { return "" }
    // Parenthesised asides out.
    var kept = ""
    var depth = 0
    for scalar in title.unicodeScalars {
      if scalar == "(" || scalar == "[" {
        depth += 1
      } else if scalar == ")" || scalar == "]" {
        depth = max(0, depth - 1)
        kept.unicodeScalars.append(" ")
      } else if depth == 0 {
        kept.unicodeScalars.append(scalar)
      }
    }
    var words = NameMatching.tokens(kept).filter { word in
      // Dates, years, ordinals (`16th`), month names and `draft` are not the pattern.
      if word.unicodeScalars.first.map({ ("0"..."9").contains($0) }) ?? false { return false }
      return !monthWords.contains(word) && word != "draft"
    }
    while let last = words.last, fillerWords.contains(last) { words.removeLast() }
    while let first = words.first, fillerWords.contains(first) { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// Dates of meetings the note names as its previous ones: in the titles of its carry-over sections
  /// (`## Last meeting points (2020-1-11)`, `### Last meeting 2020-09-23`) and in its previous-meeting links.
  public static func namedPreviousDates(in document: NoteDocument) -> [MeetingDate] {
    var texts: [String] = []
    for section in document.sections where section.kind == .carryOver { texts.append(section.title.text) }
    for link in document.previousMeetingLinks {
      texts.append(document.source.text(in: link.range))
      if let target = link.target { texts.append(target.text) }
    }
    var result: [MeetingDate] = []
    for text in texts { result += isoDates(in: text) }
    return result
  }

  /// `YYYY-M-D` dates (padded or not) in a text.
  static func isoDates(in text: String) -> [MeetingDate] {
    let bytes = Array(text.utf8)
    var result: [MeetingDate] = []
    var i = 0
    func number(_ from: Int, max: Int) -> (Int, Int)? {
      var j = from
      var value = 0
      while j < bytes.count, j - from < max, bytes[j] >= 0x30, bytes[j] <= 0x39 {
        value = value * 10 + Int(bytes[j] - 0x30)
        j += 1
      }
      return j > from ? (value, j) : nil
    }
    while i + 7 < bytes.count {
      let isDigit = bytes[i] >= 0x30 && bytes[i] <= 0x39
      let startsWord = i == 0 || !(bytes[i - 1] >= 0x30 && bytes[i - 1] <= 0x39)
      guard isDigit, startsWord, let (year, j) = number(i, max: 4), j - i == 4, j < bytes.count,
        bytes[j] == UInt8(ascii: "-"), let (month, k) = number(j + 1, max: 2), k < bytes.count,
        bytes[k] == UInt8(ascii: "-"), let (day, l) = number(k + 1, max: 2)
      else {
        i += 1
        continue
      }
      let date = MeetingDate(year: year, month: month, day: day)
      if date.isValid { result.append(date) }
      i = l
    }
    return result
  }

  /// The usual interval in days between meetings: the median of the given gaps (nil for fewer than two).
  static func median(_ gaps: [Int]) -> Int? {
    let sorted = gaps.filter { $0 > 0 }.sorted()
    guard sorted.count >= 2 else { return nil }
    return sorted[sorted.count / 2]
  }
}

/// The nearest earlier (or later) note of a series, and whether a gap lies between.
public struct SeriesStep: Hashable, Sendable {
  public var uri: String
  public var date: MeetingDate
  /// Why this note is not the previous meeting (nil when it is).
  public var gap: SeriesGap?
}

/// Why the preceding note of a series is not the previous meeting.
public enum SeriesGap: Hashable, Sendable {
  /// The note names a meeting on this date that the folder does not hold.
  case namedMeeting(MeetingDate)
  /// The preceding note is `days` days back, the series' usual interval being `usual` days.
  case interval(days: Int, usual: Int)
}

/// One dated note of a folder, as the series index keeps it.
struct SeriesEntry: Hashable, Sendable, Comparable {
  var date: MeetingDate
  var uri: String
  /// `SeriesRules.titlePattern` of its title.
  var pattern: String
  /// `SeriesRules.namedPreviousDates`.
  var namedDates: [MeetingDate] = []

  static func < (lhs: SeriesEntry, rhs: SeriesEntry) -> Bool { (lhs.date, lhs.uri) < (rhs.date, rhs.uri) }
  static func == (lhs: SeriesEntry, rhs: SeriesEntry) -> Bool {
    lhs.date == rhs.date && lhs.uri == rhs.uri && lhs.pattern == rhs.pattern && lhs.namedDates == rhs.namedDates
  }
  func hash(into hasher: inout Hasher) {
    hasher.combine(date)
    hasher.combine(uri)
  }
}

/// The series of one folder: chains of entry indices (oldest first) and each entry's chain (nil for a one-off).
struct FolderSeries: Sendable {
  var chains: [[Int]] = []
  var chainOf: [Int?] = []
  var positionInChain: [Int] = []

  /// Partitions a folder's entries (sorted by date) into series; see `SeriesRules`. O(n log n) in the folder's notes.
  init(_ entries: [SeriesEntry]) {
    let n = entries.count
    chainOf = Array(repeating: nil, count: n)
    positionInChain = Array(repeating: 0, count: n)
    guard n > 0 else { return }
    var groups: [String: [Int]] = [:]
    var generic: [Int] = []
    for i in 0..<n {
      if entries[i].pattern.isEmpty { generic.append(i) } else { groups[entries[i].pattern, default: []].append(i) }
    }
    let singles = groups.values.filter { $0.count == 1 }.map { $0[0] }
    var chains: [[Int]] = []
    if singles.count * 2 > n {
      // Titles do not name the series: the whole folder is one.
      chains = [Array(0..<n)]
    } else {
      // Series that follow one another without overlap are one series renamed.
      let multi = groups.values.filter { $0.count >= 2 }.sorted { $0[0] < $1[0] }
      for group in multi {
        let first = entries[group[0]].date
        let candidate = chains.indices.filter { entries[chains[$0].last!].date < first }
          .max { entries[chains[$0].last!].date < entries[chains[$1].last!].date }
        let overlapping = chains.contains { chain in
          entries[chain.last!].date >= first && entries[chain[0]].date <= entries[group.last!].date
        }
        if let candidate, !overlapping {
          chains[candidate] += group
        } else {
          chains.append(group)
        }
      }
      if chains.isEmpty {
        if !generic.isEmpty { chains = [generic] }
      } else {
        // Generic titles join the series whose span holds them, else the nearest.
        let spans = chains.map { (entries[$0.first!].date, entries[$0.last!].date) }
        for i in generic {
          let date = entries[i].date
          func distance(_ c: Int) -> Int {
            let (a, b) = spans[c]
            if date >= a && date <= b { return 0 }
            return min(
              abs(CalendarMath.dayNumber(date) - CalendarMath.dayNumber(a)),
              abs(CalendarMath.dayNumber(date) - CalendarMath.dayNumber(b)))
          }
          let best = chains.indices.min { (distance($0), -chains[$0].count) < (distance($1), -chains[$1].count) }!
          chains[best].append(i)
        }
      }
      // A lone pattern after a series ended (a rename in the newest note) continues it.
      for chainIndex in chains.indices { chains[chainIndex].sort() }
      for i in singles {
        let date = entries[i].date
        let covered = chains.contains { entries[$0.first!].date <= date && entries[$0.last!].date >= date }
        guard !covered else { continue }
        let before = chains.indices.filter { entries[chains[$0].last!].date < date }
          .max { entries[chains[$0].last!].date < entries[chains[$1].last!].date }
        guard let c = before else { continue }
        let dates = chains[c].map { CalendarMath.dayNumber(entries[$0].date) }
        let gaps = zip(dates.dropFirst(), dates).map { $0 - $1 }.suffix(12)
        let usual = SeriesRules.median(Array(gaps)) ?? 14
        if CalendarMath.dayNumber(date) - dates.last! <= 3 * usual { chains[c].append(i) }
      }
    }
    for c in chains.indices {
      chains[c].sort()
      for (position, i) in chains[c].enumerated() {
        chainOf[i] = c
        positionInChain[i] = position
      }
    }
    self.chains = chains
  }
}

/// The dated notes of every folder, kept sorted as notes come and go (binary search + insert: appending notes in date
/// order, the usual case, is O(1) each); the partition of a folder into series is computed on the first query after
/// the folder's notes changed (dates, titles), not on keystrokes that change neither.
struct SeriesIndex: Sendable {
  private(set) var folders: [String: [SeriesEntry]] = [:]
  private var cache = SeriesCache()

  mutating func insert(_ entry: SeriesEntry, folder: String) {
    var list = folders.removeValue(forKey: folder) ?? []
    if let last = list.last, last < entry {
      list.append(entry)
    } else {
      list.insert(entry, at: Self.lowerBound(list, entry))
    }
    folders[folder] = list
    cache = SeriesCache()
  }

  mutating func remove(_ entry: SeriesEntry, folder: String) {
    guard var list = folders.removeValue(forKey: folder) else { return }
    let index = Self.lowerBound(list, entry)
    if index < list.count && list[index].uri == entry.uri && list[index].date == entry.date {
      list.remove(at: index)
    }
    if !list.isEmpty { folders[folder] = list }
    cache = SeriesCache()
  }

  func partition(_ folder: String) -> FolderSeries {
    cache.partition(folder) { FolderSeries(folders[folder] ?? []) }
  }

  /// The index of an entry (by date and URI) in its folder's list.
  func position(of entry: SeriesEntry, folder: String) -> Int? {
    guard let list = folders[folder] else { return nil }
    let index = Self.lowerBound(list, entry)
    return index < list.count && list[index].uri == entry.uri && list[index].date == entry.date ? index : nil
  }

  /// Whether a held entry belongs to no series of its folder.
  func isOneOff(_ entry: SeriesEntry, folder: String) -> Bool {
    guard let index = position(of: entry, folder: folder) else { return false }
    return partition(folder).chainOf[index] == nil
  }

  /// The members of the series holding `entry`, by date (just the entry for a one-off).
  func members(of entry: SeriesEntry, folder: String) -> [SeriesEntry] {
    guard let list = folders[folder], let index = position(of: entry, folder: folder) else { return [] }
    let series = partition(folder)
    guard let chain = series.chainOf[index] else { return [list[index]] }
    return series.chains[chain].map { list[$0] }
  }

  /// The member of the series `entry` belongs to (or would join; it need not be held) dated `date`, if any.
  func member(of entry: SeriesEntry, folder: String, dated date: MeetingDate) -> SeriesEntry? {
    guard let list = folders[folder], let chain = chain(for: entry, folder: folder, series: partition(folder)) else {
      return nil
    }
    return partition(folder).chains[chain].lazy.map { list[$0] }.first { $0.date == date }
  }

  /// The chain a note that the index need not hold would join: the chain of a member sharing its pattern, else (a
  /// generic title) the chain whose span holds its date or that ended last before it.
  private func chain(for entry: SeriesEntry, folder: String, series: FolderSeries) -> Int? {
    guard let list = folders[folder] else { return nil }
    if let index = position(of: entry, folder: folder) { return series.chainOf[index] }
    if !entry.pattern.isEmpty, let same = list.indices.first(where: { list[$0].pattern == entry.pattern }) {
      return series.chainOf[same]
    }
    let holding = series.chains.indices.filter {
      list[series.chains[$0].first!].date <= entry.date && list[series.chains[$0].last!].date >= entry.date
    }
    if let c = holding.max(by: { series.chains[$0].count < series.chains[$1].count }) { return c }
    let before = series.chains.indices.filter { list[series.chains[$0].last!].date < entry.date }
    if let c = before.max(by: { list[series.chains[$0].last!].date < list[series.chains[$1].last!].date }) { return c }
    return nil
  }

  /// The member of the entry's series just before (`step` −1) or after (+1) it, with a strictly different date; the
  /// entry need not be held. `gap` is filled for the step back.
  func neighbour(of entry: SeriesEntry, folder: String, step: Int) -> SeriesStep? {
    guard let list = folders[folder] else { return nil }
    let series = partition(folder)
    guard let c = chain(for: entry, folder: folder, series: series) else { return nil }
    let chain = series.chains[c]
    // Binary search for the entry's place in the chain.
    var lo = 0
    var hi = chain.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[chain[mid]] < entry { lo = mid + 1 } else { hi = mid }
    }
    var p = step < 0 ? lo - 1 : lo
    while p >= 0 && p < chain.count {
      let candidate = list[chain[p]]
      if step < 0 ? candidate.date < entry.date : candidate.date > entry.date {
        var result = SeriesStep(uri: candidate.uri, date: candidate.date, gap: nil)
        if step < 0 { result.gap = gap(between: candidate, and: entry, chain: chain, at: p, list: list) }
        return result
      }
      p += step
    }
    return nil
  }

  /// Whether a gap lies between `previous` (at `position` in `chain`) and `entry`; see `SeriesRules`.
  private func gap(
    between previous: SeriesEntry, and entry: SeriesEntry, chain: [Int], at position: Int, list: [SeriesEntry]
  ) -> SeriesGap? {
    for named in entry.namedDates.sorted() where named > previous.date && named < entry.date {
      let held = list.contains { $0.date == named }
      if !held { return .namedMeeting(named) }
    }
    let days = CalendarMath.dayNumber(entry.date) - CalendarMath.dayNumber(previous.date)
    var gaps: [Int] = []
    var p = position
    while p > 0 && gaps.count < 9 {
      gaps.append(CalendarMath.dayNumber(list[chain[p]].date) - CalendarMath.dayNumber(list[chain[p - 1]].date))
      p -= 1
    }
    guard let usual = SeriesRules.median(gaps) else { return nil }
    if Double(days) > SeriesRules.gapIntervals * Double(usual) { return .interval(days: days, usual: usual) }
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

/// The lazily computed partitions of a snapshot's folders. Mutations replace the cache object, so snapshots that
/// share one have the same notes.
final class SeriesCache: @unchecked Sendable {
  private let lock = NSLock()
  private var built: [String: FolderSeries] = [:]

  func partition(_ folder: String, _ build: () -> FolderSeries) -> FolderSeries {
    lock.lock()
    defer { lock.unlock() }
    if let known = built[folder] { return known }
    let value = build()
    built[folder] = value
    return value
  }
}
