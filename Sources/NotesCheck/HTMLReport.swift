import Foundation
import NotesCore

/// The page `notes-lsp report --html` writes: HTML with inline CSS and SVG only — no scripts, no network, no files
/// beside it — so it opens in any browser and survives being mailed around.
enum HTMLReport {
  /// The checker's findings of one file.
  struct NoteFindings {
    var path: String
    var findings: [Finding]
  }

  /// What the page shows.
  struct Data {
    var title: String
    var latestMeeting: MeetingDate?
    var notes: Int
    var files: Int
    var staleAfterMeetings: Int
    var charts: [AttendanceChart]
    var overview: PeopleOverview
    /// Open items (`OpenItemsQuery`), any order.
    var openItems: [TrackedItemHistory]
    var ownerName: (PersonID) -> String
    var location: (ItemSighting) -> String
    var findings: [NoteFindings]
  }

  /// Rows of an attendance chart at most; the rest are counted under it.
  static let chartRows = 60
  /// Oldest carried items listed.
  static let oldestItems = 30

  static func render(_ data: Data) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>Meeting notes report: \(escape(data.title))</title>
      <style>
      body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; }
      h1 { font-size: 22px; margin-bottom: 4px; }
      h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
      h3 { font-size: 15px; margin-top: 20px; }
      table { border-collapse: collapse; margin: 8px 0; }
      th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
      th { background: #f6f8fa; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      .muted { color: #656d76; }
      .stale { color: #9a6700; font-weight: 600; }
      code { font-size: 12px; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; white-space: nowrap; }
      td.d { white-space: nowrap; }
      svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
      .summary td { border: none; padding: 1px 12px 1px 0; }
      </style>
      </head>
      <body>

      """
    html += "<h1>Meeting notes report: \(escape(data.title))</h1>\n"
    let stale = data.openItems.filter(\.isStale).count
    let findingCount = data.findings.reduce(0) { $0 + $1.findings.count }
    html += "<table class=\"summary\" id=\"summary\">\n"
    html += row("Latest meeting", data.latestMeeting?.description ?? "none")
    html += row("Meeting notes", "\(data.notes) (\(data.files) files)")
    html += row(
      "People",
      "\(data.overview.people.count) (\(data.overview.people.filter { $0.meetings > 0 }.count) attended a meeting)")
    html += row(
      "Open items", "\(data.openItems.count) (\(stale) carried over more than \(data.staleAfterMeetings) meetings)")
    html += row("Shared initials", "\(data.overview.sharedInitials.count)")
    html += row("Checker findings", "\(findingCount)")
    html += "</table>\n"

    html += "<h2 id=\"attendance\">Attendance</h2>\n"
    for chart in data.charts { html += attendanceChart(chart) }

    html += openItemsPerPerson(data)
    html += oldestCarried(data)
    html += sharedInitials(data)
    html += findings(data)
    html += "</body>\n</html>\n"
    return html
  }

  static func row(_ label: String, _ value: String) -> String {
    "<tr><td class=\"muted\">\(escape(label))</td><td>\(escape(value))</td></tr>\n"
  }

  // MARK: - Attendance

  /// People × meetings as inline SVG: a filled cell per meeting attended, a line and the year where a year begins.
  static func attendanceChart(_ chart: AttendanceChart) -> String {
    let shown = chart.rows.filter { $0.attended.count >= 2 }.prefix(chartRows)
    let hidden = chart.rows.count - shown.count
    let columns = chart.meetings.count
    let cell = max(3.0, min(14.0, 960.0 / Double(max(1, columns))))
    let rowHeight = 14.0
    let left = 190.0
    let top = 30.0
    let width = left + cell * Double(columns) + 50
    let height = top + rowHeight * Double(shown.count) + 8
    var out = "<h3>\(escape(chart.seriesName)): \(columns) meetings, \(chart.rows.count) people</h3>\n"
    out +=
      "<svg class=\"attendance\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
      + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"Attendance of \(escape(chart.seriesName))\">\n"
    // Year marks.
    var lastYear: Int?
    var lastLabel = -Double.infinity
    for (index, date) in chart.meetings.enumerated() where date.year != lastYear {
      lastYear = date.year
      let x = left + cell * Double(index)
      out +=
        "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top - 12))\" x2=\"\(fmt(x))\" y2=\"\(fmt(height - 4))\" stroke=\"#d0d7de\"/>\n"
      // A year with few meetings leaves no room for its label: the line alone marks it.
      guard x - lastLabel >= 34 else { continue }
      lastLabel = x
      out += "<text x=\"\(fmt(x + 2))\" y=\"\(fmt(top - 16))\">\(date.year)</text>\n"
    }
    out += "<text x=\"\(fmt(left + cell * Double(columns) + 6))\" y=\"\(fmt(top - 4))\" class=\"muted\">total</text>\n"
    for (r, row) in shown.enumerated() {
      let y = top + rowHeight * Double(r)
      if r % 2 == 0 {
        out += "<rect x=\"0\" y=\"\(fmt(y))\" width=\"\(fmt(width))\" height=\"\(fmt(rowHeight))\" fill=\"#f6f8fa\"/>\n"
      }
      out +=
        "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 10.5))\" text-anchor=\"end\">\(escape(clip(row.name, 30)))</text>\n"
      var path = ""
      for column in row.attended {
        let x = left + cell * Double(column)
        path += "M\(fmt(x)) \(fmt(y + 2))h\(fmt(max(1, cell - 1)))v\(fmt(rowHeight - 4))h\(fmt(-max(1, cell - 1)))z"
      }
      out +=
        "<path d=\"\(path)\" fill=\"#0969da\"><title>\(escape(row.name)): \(row.attended.count) meetings</title></path>\n"
      out +=
        "<text x=\"\(fmt(left + cell * Double(columns) + 6))\" y=\"\(fmt(y + 10.5))\">\(row.attended.count)</text>\n"
    }
    out += "</svg>\n"
    if hidden > 0 {
      out +=
        "<p class=\"muted\">\(hidden) more people attended fewer meetings (once, or below the first \(chartRows)).</p>\n"
    }
    return out
  }

  // MARK: - Items

  static func openItemsPerPerson(_ data: Data) -> String {
    var out = "<h2 id=\"open-items\">Open items per person</h2>\n"
    var oldest: [PersonID: TrackedItemHistory] = [:]
    for item in data.openItems {
      for id in Set(item.owners.compactMap(\.person)) {
        if let known = oldest[id], !ItemsCommand.order(item, known) { continue }
        oldest[id] = item
      }
    }
    let people = data.overview.people.filter { $0.openItems > 0 }.sorted {
      $0.openItems != $1.openItems ? $0.openItems > $1.openItems : $0.name < $1.name
    }
    out += "<table id=\"open-items-table\">\n<tr><th>Person</th><th>Initials</th><th class=\"n\">Open</th>"
    out += "<th class=\"n\">Stale</th><th>Longest carried</th></tr>\n"
    for person in people {
      let item = oldest[person.id]
      let longest =
        item.map {
          "\(escape(clip($0.text, 80))) <span class=\"muted\">since \($0.firstSeen.date?.description ?? "undated"), "
            + "\($0.meetingsCarried) meetings</span>"
        } ?? ""
      out +=
        "<tr><td>\(escape(person.name))</td><td>\(escape(person.initials.map(\.initials).joined(separator: ", ")))</td>"
      out +=
        "<td class=\"n\">\(person.openItems)</td><td class=\"n\">\(person.staleItems)</td><td>\(longest)</td></tr>\n"
    }
    out += "</table>\n"
    let unowned = data.openItems.filter { $0.owners.isEmpty }.count
    let unresolved = data.openItems.filter { !$0.owners.isEmpty && $0.owners.allSatisfy { $0.person == nil } }.count
    out +=
      "<p class=\"muted\">\(unowned) open items have no owner; \(unresolved) have owners no one or several people are known by.</p>\n"
    return out
  }

  static func oldestCarried(_ data: Data) -> String {
    var out = "<h2 id=\"oldest\">Oldest carried items</h2>\n"
    let items = data.openItems.filter { $0.meetingsCarried > 0 }.sorted(by: ItemsCommand.order).prefix(oldestItems)
    out += "<table id=\"oldest-table\">\n<tr><th>Owner</th><th>Item</th><th>Carried since</th><th>Last seen</th>"
    out += "<th class=\"n\">Meetings</th><th>Note</th></tr>\n"
    for item in items {
      let owners = item.owners.map { owner in owner.person.map(data.ownerName) ?? owner.token }
      let cls = item.isStale ? " class=\"stale\"" : ""
      out += "<tr><td>\(escape(owners.isEmpty ? "—" : owners.joined(separator: ", ")))</td>"
      out +=
        "<td>\(escape(clip(item.text, 120)))</td><td class=\"d\">\(item.firstSeen.date?.description ?? "undated")</td>"
      out +=
        "<td class=\"d\">\(item.lastSeen.date?.description ?? "undated")</td><td class=\"n\"><span\(cls)>\(item.meetingsCarried)</span></td>"
      out += "<td><code>\(escape(data.location(item.lastSeen)))</code></td></tr>\n"
    }
    out += "</table>\n"
    return out
  }

  static func sharedInitials(_ data: Data) -> String {
    guard !data.overview.sharedInitials.isEmpty else { return "" }
    var out = "<h2 id=\"shared-initials\">Initials shared by several people</h2>\n"
    out += "<table id=\"shared-initials-table\">\n<tr><th>Initials</th><th>People (years listed with them)</th>"
    out += "<th class=\"n\">Open items that do not tell which</th></tr>\n"
    for shared in data.overview.sharedInitials {
      let people = shared.people.compactMap { data.overview.person($0) }.map { person -> String in
        let era = person.initials.first { $0.initials == shared.initials }
        return "\(person.name) (\(era.map { PeopleCommand.span($0.first, $0.last) } ?? "undated"))"
      }
      out += "<tr><td><code>\(escape(shared.initials))</code></td><td>\(escape(people.joined(separator: "; ")))</td>"
      out += "<td class=\"n\">\(shared.ambiguousOpenItems)</td></tr>\n"
    }
    out += "</table>\n"
    return out
  }

  // MARK: - Findings

  static func findings(_ data: Data) -> String {
    var out = "<h2 id=\"findings\">Checker findings</h2>\n"
    var perCode: [String: (severity: Severity, count: Int)] = [:]
    for note in data.findings {
      for finding in note.findings {
        perCode[finding.code.rawValue, default: (finding.severity, 0)].count += 1
      }
    }
    out += "<table id=\"findings-codes\">\n<tr><th>Code</th><th>Severity</th><th class=\"n\">Findings</th></tr>\n"
    for (code, entry) in perCode.sorted(by: {
      $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
    }) {
      out +=
        "<tr><td><code>\(escape(code))</code></td><td>\(entry.severity.name)</td><td class=\"n\">\(entry.count)</td></tr>\n"
    }
    out += "</table>\n"
    out += "<h3>Per note</h3>\n"
    out += "<table id=\"findings-notes\">\n<tr><th>Note</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th>"
    out += "<th class=\"n\">Information</th><th class=\"n\">Hints</th><th>Codes</th></tr>\n"
    for note in data.findings where !note.findings.isEmpty {
      var counts: [Severity: Int] = [:]
      var codes: [String: Int] = [:]
      for finding in note.findings {
        counts[finding.severity, default: 0] += 1
        codes[finding.code.rawValue, default: 0] += 1
      }
      let list = codes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "<code>\(escape($0.key))</code>&nbsp;×\($0.value)" }.joined(separator: " ")
      out += "<tr><td>\(escape(note.path))</td>"
      for severity in [Severity.error, .warning, .information, .hint] {
        out += "<td class=\"n\">\(counts[severity] ?? 0)</td>"
      }
      out += "<td>\(list)</td></tr>\n"
    }
    out += "</table>\n"
    let clean = data.findings.filter(\.findings.isEmpty).count
    out += "<p class=\"muted\">\(clean) files have no findings.</p>\n"
    return out
  }

  // MARK: - Helpers

  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  static func clip(_ text: String, _ limit: Int) -> String { ItemsCommand.clip(text, limit) }

  /// A coordinate with at most one decimal.
  static func fmt(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
