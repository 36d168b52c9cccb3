// MARK: - Dates

// NOTE: US dates (`12/16/2016`) are not read: day and month cannot be told apart in general, and note titles and
// file names use ISO dates.

enum DateParser {
  /// The first valid date in a file name: `2021-08-25.md`, `20230301_agenda_and_minutes.md`,
  /// `20260107-conda-ecosystem.md`. A run of nine digits (`202001006`) or month 13 is not a date.
  static func fileNameDate(_ name: String) -> MeetingDate? {
    let scan = ByteScanner(bytes: Array(name.utf8))
    return first(scan, 0, scan.count, allowMonthNames: false)?.date
  }

  /// The first valid date in `start..<end`: ISO `2021-08-25` (also `2020-1-11`, `2021/08/25`), compact `20200908`,
  /// and when
  /// `allowMonthNames`, `Jun 26, 2019`, `June 26 2019` or `26 June 2019`.
  static func first(_ scan: ByteScanner, _ start: Int, _ end: Int, allowMonthNames: Bool) -> (
    date: MeetingDate, range: TextRange
  )? {
    var i = max(0, start)
    let e = min(end, scan.count)
    while i < e {
      let b = scan[i]
      if ASCII.isDigit(b) {
        let runStart = i
        while i < e && ASCII.isDigit(scan[i]) { i += 1 }
        if runStart > start && ASCII.isDigit(scan[runStart - 1]) { continue }
        if let found = numeric(scan, runStart, i, e) { return found }
        if allowMonthNames, let found = dayMonthYear(scan, runStart, i, e) { return found }
        continue
      }
      if allowMonthNames && ASCII.isUpper(b) && (i == start || !ASCII.isLetter(scan[i - 1])),
        let found = monthDayYear(scan, i, e)
      {
        return found
      }
      i += 1
    }
    return nil
  }

  /// A digit run at `s..<runEnd`: eight digits, or four followed by `-M-D`.
  private static func numeric(_ scan: ByteScanner, _ s: Int, _ runEnd: Int, _ e: Int) -> (
    date: MeetingDate, range: TextRange
  )? {
    let n = runEnd - s
    if n == 8 {
      let y = value(scan, s, s + 4)
      let m = value(scan, s + 4, s + 6)
      let d = value(scan, s + 6, s + 8)
      let date = MeetingDate(year: y, month: m, day: d)
      return date.isValid ? (date, TextRange(utf8Start: s, utf8End: runEnd)) : nil
    }
    guard n == 4, runEnd < e else { return nil }
    let sep = scan[runEnd]
    guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "_") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: "/")
    else { return nil }
    guard let (month, monthEnd) = scan.digits(at: runEnd + 1, end: e, maxDigits: 3), monthEnd - runEnd - 1 <= 2,
      scan[monthEnd] == sep, let (day, dayEnd) = scan.digits(at: monthEnd + 1, end: e, maxDigits: 3),
      dayEnd - monthEnd - 1 <= 2
    else { return nil }
    let date = MeetingDate(year: value(scan, s, runEnd), month: month, day: day)
    return date.isValid ? (date, TextRange(utf8Start: s, utf8End: dayEnd)) : nil
  }

  private static func value(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Int {
    var v = 0
    for i in s..<max(s, e) { v = v * 10 + Int(scan[i] &- 0x30) }
    return v
  }

  private static let months: [String] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// A month name (or its first three letters) at `i`: the month number and the end of the word.
  private static func month(_ scan: ByteScanner, _ i: Int, _ e: Int) -> (Int, Int)? {
    var j = i
    while j < e && ASCII.isLetter(scan[j]) { j += 1 }
    guard j - i >= 3 else { return nil }
    let word = scan.string(i, j).lowercased()
    guard let index = months.firstIndex(of: String(word.prefix(3))) else { return nil }
    let full = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december",
    ][index]
    guard word.count == 3 || full == word || (index == 8 && word == "sept") else { return nil }
    if scan[j] == UInt8(ascii: ".") { j += 1 }
    return (index + 1, j)
  }

  /// `Jun 26, 2019`, `June 26 2019`.
  private static func monthDayYear(_ scan: ByteScanner, _ i: Int, _ e: Int) -> (date: MeetingDate, range: TextRange)? {
    guard let (m, monthEnd) = month(scan, i, e) else { return nil }
    var j = scan.skipBlanks(monthEnd, e)
    guard j > monthEnd, let (d, dayEnd) = scan.digits(at: j, end: e, maxDigits: 3), dayEnd - j <= 2 else {
      return nil
    }
    j = dayEnd
    if scan.matches(Array(ascii: "st"), at: j, end: e) || scan.matches(Array(ascii: "nd"), at: j, end: e)
      || scan.matches(Array(ascii: "rd"), at: j, end: e) || scan.matches(Array(ascii: "th"), at: j, end: e)
    {
      j += 2
    }
    if scan[j] == UInt8(ascii: ",") { j += 1 }
    let ys = scan.skipBlanks(j, e)
    guard ys > j || scan[j - 1] == UInt8(ascii: ","), let (y, yearEnd) = scan.digits(at: ys, end: e, maxDigits: 5),
      yearEnd - ys == 4
    else { return nil }
    let date = MeetingDate(year: y, month: m, day: d)
    return date.isValid ? (date, TextRange(utf8Start: i, utf8End: yearEnd)) : nil
  }

  /// `26 June 2019`.
  private static func dayMonthYear(_ scan: ByteScanner, _ s: Int, _ runEnd: Int, _ e: Int) -> (
    date: MeetingDate, range: TextRange
  )? {
    guard runEnd - s <= 2 else { return nil }
    let ms = scan.skipBlanks(runEnd, e)
    guard ms > runEnd, let (m, monthEnd) = month(scan, ms, e) else { return nil }
    var j = monthEnd
    if scan[j] == UInt8(ascii: ",") { j += 1 }
    let ys = scan.skipBlanks(j, e)
    guard ys > monthEnd, let (y, yearEnd) = scan.digits(at: ys, end: e, maxDigits: 5), yearEnd - ys == 4 else {
      return nil
    }
    let date = MeetingDate(year: y, month: m, day: value(scan, s, runEnd))
    return date.isValid ? (date, TextRange(utf8Start: s, utf8End: yearEnd)) : nil
  }
}
