/// Day arithmetic on `MeetingDate` without Foundation's calendars (proleptic Gregorian, days since 1970-01-01).
public enum CalendarMath {
  /// Days since 1970-01-01 (negative before).
  public static func dayNumber(_ date: MeetingDate) -> Int {
    let y = date.month <= 2 ? date.year - 1 : date.year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (date.month + 9) % 12
    let doy = (153 * mp + 2) / 5 + date.day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` days after 1970-01-01.
  public static func date(fromDayNumber days: Int) -> MeetingDate {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return MeetingDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  public static func adding(days: Int, to date: MeetingDate) -> MeetingDate {
    self.date(fromDayNumber: dayNumber(date) + days)
  }

  /// 0 = Sunday … 6 = Saturday.
  public static func weekday(_ date: MeetingDate) -> Int {
    let n = (dayNumber(date) + 4) % 7
    return n < 0 ? n + 7 : n
  }

  /// Parses `YYYY-MM-DD` (also `YYYYMMDD`); nil unless a real date.
  public static func parse(_ text: String) -> MeetingDate? {
    let digits = text.unicodeScalars.filter { $0 != "-" }
    guard digits.count == 8, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
    let s = String(String.UnicodeScalarView(digits))
    let dashed = text.contains("-")
    if dashed {
      let parts = text.split(separator: "-")
      guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return nil }
    }
    guard let y = Int(s.prefix(4)), let m = Int(s.dropFirst(4).prefix(2)), let d = Int(s.suffix(2)) else { return nil }
    let date = MeetingDate(year: y, month: m, day: d)
    return date.isValid ? date : nil
  }

  /// `YYYYMMDD`.
  public static func compact(_ date: MeetingDate) -> String {
    String(date.description.filter { $0 != "-" })
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
  static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

  /// The subset of `strftime` that meeting templates use: `%Y %y %m %d %-d %-m %B %b %A %a %%`.
  public static func strftime(_ format: String, _ date: MeetingDate) -> String {
    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var out = ""
    var scalars = Array(format.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      guard c == "%", i + 1 < scalars.count else {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      var spec = scalars[i + 1]
      var noPad = false
      if spec == "-", i + 2 < scalars.count {
        noPad = true
        spec = scalars[i + 2]
        i += 1
      }
      switch spec {
      case "Y": out += String(date.year)
      case "y": out += pad(date.year % 100)
      case "m": out += noPad ? String(date.month) : pad(date.month)
      case "d": out += noPad ? String(date.day) : pad(date.day)
      case "B": out += monthNames[date.month - 1]
      case "b": out += String(monthNames[date.month - 1].prefix(3))
      case "A": out += dayNames[weekday(date)]
      case "a": out += String(dayNames[weekday(date)].prefix(3))
      case "%": out += "%"
      default:
        out.unicodeScalars.append("%")
        out.unicodeScalars.append(spec)
      }
      i += 2
    }
    scalars.removeAll()
    return out
  }
}
