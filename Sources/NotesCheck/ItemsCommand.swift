import Foundation
import NotesCore
import NotesJSON

/// `notes-lsp items`: the action items of the workspace, followed across meetings, grouped by owner, as text, JSON or
/// an agenda-ready Markdown list.
enum ItemsCommand {
  /// The version of the JSON output's schema (see the README).
  static let schemaVersion = 1

  static func run(
    _ options: NotesCommandLine.ItemsOptions, workspace workspaceOptions: ViewsWorkspace.Options,
    currentDirectory: String, output: CheckOutput
  ) -> Int32 {
    guard let loaded = ViewsWorkspace.load(workspaceOptions, currentDirectory: currentDirectory, output: output) else {
      return ExitCode.error
    }
    let workspace = loaded.workspace
    // NOTE: like `--check`, the named notes' items are listed, followed across the whole workspace they belong to.
    var filter = OpenItemsFilter(
      status: options.status, staleOnly: options.staleOnly, since: options.since, notes: loaded.namedURIs)
    if let name = options.series {
      guard let series = OpenItemsQuery.series(named: name, in: workspace) else {
        let names = OpenItemsQuery.series(in: workspace).map(\.name).joined(separator: ", ")
        output.writeError("notes-lsp items: no single series is named '\(name)' (series: \(names))\n")
        return ExitCode.error
      }
      filter.seriesKey = series.key
    }
    var tokenFilter: String?
    if let who = options.owner {
      let ids = PersonQueryResolution.people(named: who, in: workspace)
      if ids.isEmpty {
        // NOTE: initials nobody is listed with (`initials.unknown`) still own items: match them as written.
        tokenFilter = who.uppercased()
        output.writeError("notes-lsp items: no one in the workspace is known as '\(who)'; matching owners written so\n")
      } else {
        filter.owners = Set(ids)
        if ids.count > 1 {
          let names = ids.compactMap { workspace.person($0)?.displayName }.joined(separator: ", ")
          output.writeError("notes-lsp items: '\(who)' names \(ids.count) people (\(names)); listing each\n")
        }
      }
    }
    var items = OpenItemsQuery.items(in: workspace, filter: filter)
    if let token = tokenFilter {
      items = items.filter { $0.owners.contains { $0.token.uppercased() == token } }
    }
    let groups = group(items, workspace: workspace, only: filter.owners)
    switch options.format {
    case .text: output.write(text(groups, loaded: loaded, options: options))
    case .markdown: output.write(markdown(groups, loaded: loaded, options: options))
    case .json: output.write(json(items, loaded: loaded, options: options, filter: filter).prettyPrinted() + "\n")
    }
    output.flush()
    return loaded.reportProblems(to: output) ? ExitCode.error : ExitCode.clean
  }

  // MARK: - Grouping

  /// The items of one owner: a person, initials or a name no one is known by, or nobody.
  struct Group {
    var heading: String
    var sortKey: String
    var items: [TrackedItemHistory]
  }

  /// Items grouped by owner (an item with two owners is listed under each); people first by name, then tokens no
  /// one is known by, then items with no owner.
  static func group(_ items: [TrackedItemHistory], workspace: NotesWorkspace, only: Set<PersonID>?) -> [Group] {
    var groups: [String: Group] = [:]
    for item in items {
      var keys: [(String, String, String)] = []
      for owner in item.owners {
        if let only, only.isDisjoint(with: owner.people) { continue }
        if let id = owner.person, let person = workspace.person(id) {
          keys.append(("p\(id)", heading(person), "0" + person.displayName.lowercased()))
        } else if owner.people.count > 1 {
          let names = owner.people.compactMap { workspace.person($0)?.displayName }.joined(separator: " or ")
          keys.append(("a" + owner.token, "\(owner.token) (ambiguous: \(names))", "1" + owner.token.lowercased()))
        } else {
          keys.append(("t" + owner.token, "\(owner.token) (no one known by this)", "2" + owner.token.lowercased()))
        }
      }
      if keys.isEmpty { keys.append(("-", "(no owner)", "3")) }
      var seen = Set<String>()
      for (key, title, sortKey) in keys where seen.insert(key).inserted {
        groups[key, default: Group(heading: title, sortKey: sortKey, items: [])].items.append(item)
      }
    }
    return groups.values.sorted { ($0.sortKey, $0.heading) < ($1.sortKey, $1.heading) }.map { group in
      var group = group
      group.items.sort(by: order)
      return group
    }
  }

  /// Longest carried first, then oldest.
  static func order(_ a: TrackedItemHistory, _ b: TrackedItemHistory) -> Bool {
    if a.meetingsCarried != b.meetingsCarried { return a.meetingsCarried > b.meetingsCarried }
    let zero = MeetingDate(year: 0, month: 0, day: 0)
    return (a.firstSeen.date ?? zero, a.firstSeen.uri, a.firstSeen.line)
      < (b.firstSeen.date ?? zero, b.firstSeen.uri, b.firstSeen.line)
  }

  /// `John Kirkham (JK, @jakirkham)`.
  static func heading(_ person: Person) -> String {
    var parts: [String] = []
    if let initials = person.initials.first { parts.append(initials) }
    if let handle = person.handles.first { parts.append("@" + handle) }
    return parts.isEmpty ? person.displayName : "\(person.displayName) (\(parts.joined(separator: ", ")))"
  }

  // MARK: - Text

  static func date(_ date: MeetingDate?) -> String { date?.description ?? "undated" }

  static func ownerTokens(_ item: TrackedItemHistory) -> String {
    item.owners.isEmpty ? "-" : item.owners.map(\.token).joined(separator: "/")
  }

  static func location(_ sighting: ItemSighting, _ loaded: ViewsWorkspace) -> String {
    let path = loaded.displayPath(uri: sighting.uri)
    return sighting.line > 0 ? "\(path):\(sighting.line)" : path
  }

  /// One line per item under a heading per owner, then a summary line.
  static func text(_ groups: [Group], loaded: ViewsWorkspace, options: NotesCommandLine.ItemsOptions) -> String {
    var out = ""
    var distinct = Set<ItemSighting>()
    var stale = 0
    for group in groups {
      out += "\(group.heading): \(group.items.count) item\(group.items.count == 1 ? "" : "s")\n"
      for item in group.items {
        if distinct.insert(item.lastSeen).inserted, item.isStale { stale += 1 }
        let box = item.state == .done ? "[x]" : "[ ]"
        let carried = item.meetingsCarried == 1 ? "carried 1 meeting" : "carried \(item.meetingsCarried) meetings"
        out +=
          "  \(box) \(ownerTokens(item))  \(clip(item.text, 90))  first \(date(item.firstSeen.date)), "
          + "last \(date(item.lastSeen.date)), \(carried)\(item.isStale ? " (stale)" : "")  "
          + "\(location(item.lastSeen, loaded))\n"
      }
    }
    let what = options.status == .all ? "" : "\(options.status.rawValue) "
    out +=
      "\(distinct.count) \(what)item\(distinct.count == 1 ? "" : "s"), \(groups.count) owner"
      + "\(groups.count == 1 ? "" : "s"), \(stale) stale (carried over more than "
      + "\(loaded.workspace.settings.staleAfterMeetings) meetings)\n"
    return out
  }

  /// Text on one line, at most `limit` characters.
  static func clip(_ text: String, _ limit: Int) -> String {
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
  }

  // MARK: - Markdown

  /// A list a chair pastes into the next agenda: a heading per owner, a checkbox per item with its owners and
  /// "carried since".
  static func markdown(_ groups: [Group], loaded: ViewsWorkspace, options: NotesCommandLine.ItemsOptions) -> String {
    let latest = loaded.workspace.uris.compactMap { loaded.workspace.summary($0)?.date }.max()
    var out = "## \(options.status == .done ? "Done" : "Open") action items"
    if let latest { out += " (as of \(latest))" }
    out += "\n"
    for group in groups {
      out += "\n### \(group.heading)\n\n"
      for item in group.items {
        let box = item.state == .done ? "[x]" : "[ ]"
        let owners = item.owners.isEmpty ? "" : "(\(item.owners.map(\.token).joined(separator: "/"))) "
        var since = ""
        if item.meetingsCarried > 0 {
          since = " — carried since \(date(item.firstSeen.date)) (\(item.meetingsCarried) meetings)"
        } else if let first = item.firstSeen.date {
          since = " — since \(first)"
        }
        out += "- \(box) \(owners)\(clip(item.text, 200))\(since)\n"
      }
    }
    return out
  }

  // MARK: - JSON

  static func json(
    _ items: [TrackedItemHistory], loaded: ViewsWorkspace, options: NotesCommandLine.ItemsOptions,
    filter: OpenItemsFilter
  ) -> JSONValue {
    let workspace = loaded.workspace
    var filterObject: [(String, JSONValue)] = [("status", .string(options.status.rawValue))]
    filterObject.append(("owner", options.owner.map(JSONValue.string) ?? .null))
    filterObject.append(("stale", .bool(options.staleOnly)))
    filterObject.append(("since", options.since.map { .string($0.description) } ?? .null))
    filterObject.append(("series", options.series.map(JSONValue.string) ?? .null))
    let sorted = items.sorted(by: order)
    return .object(
      JSONObject([
        ("schema", .string("notes-lsp/items")),
        ("schemaVersion", .int(schemaVersion)),
        ("version", .string(NotesLSPVersion.string)),
        ("staleAfterMeetings", .int(workspace.settings.staleAfterMeetings)),
        ("filter", .object(JSONObject(filterObject))),
        ("items", .array(sorted.map { itemJSON($0, loaded: loaded) })),
        (
          "summary",
          .object(
            JSONObject([
              ("items", .int(items.count)),
              ("open", .int(items.filter { $0.state == .open }.count)),
              ("done", .int(items.filter { $0.state == .done }.count)),
              ("stale", .int(items.filter(\.isStale).count)),
            ]))
        ),
      ]))
  }

  static func itemJSON(_ item: TrackedItemHistory, loaded: ViewsWorkspace) -> JSONValue {
    .object(
      JSONObject([
        ("text", .string(item.text)),
        ("state", .string(item.state.rawValue)),
        ("owners", .array(item.owners.map { ownerJSON($0, loaded.workspace) })),
        ("series", .string(item.seriesName)),
        ("firstSeen", sightingJSON(item.firstSeen, loaded)),
        ("lastSeen", sightingJSON(item.lastSeen, loaded)),
        ("meetings", .int(item.meetings)),
        ("meetingsCarried", .int(item.meetingsCarried)),
        ("stale", .bool(item.isStale)),
        ("inLatestMeeting", .bool(item.inLatestMeeting)),
        ("nested", .bool(item.isNested)),
      ]))
  }

  static func sightingJSON(_ sighting: ItemSighting, _ loaded: ViewsWorkspace) -> JSONValue {
    .object(
      JSONObject([
        ("date", sighting.date.map { .string($0.description) } ?? .null),
        ("path", .string(loaded.displayPath(uri: sighting.uri))),
        ("line", .int(sighting.line)),
      ]))
  }

  static func ownerJSON(_ owner: ItemOwner, _ workspace: NotesWorkspace) -> JSONValue {
    .object(
      JSONObject([
        ("token", .string(owner.token)),
        ("people", .array(owner.people.compactMap { workspace.person($0) }.map(PeopleCommand.personRef))),
      ]))
  }
}
