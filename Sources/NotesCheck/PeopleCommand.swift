import Foundation
import NotesCore
import NotesJSON

/// `notes-lsp people`: everyone the workspace knows, and the joins it made or could not make.
enum PeopleCommand {
  /// The version of the JSON output's schema (see the README).
  static let schemaVersion = 1

  static func run(
    json: Bool, workspace workspaceOptions: ViewsWorkspace.Options, currentDirectory: String, output: CheckOutput
  ) -> Int32 {
    guard let loaded = ViewsWorkspace.load(workspaceOptions, currentDirectory: currentDirectory, output: output) else {
      return ExitCode.error
    }
    // NOTE: everyone of the workspace the named paths belong to (as --check knows them), not only those the named
    // notes list: a person's attendance and joins are a workspace's.
    let histories = OpenItemsQuery.histories(in: loaded.workspace)
    let overview = PeopleQuery.overview(in: loaded.workspace, items: histories)
    output.write(json ? self.json(overview, loaded.workspace).prettyPrinted() + "\n" : text(overview))
    output.flush()
    return loaded.reportProblems(to: output) ? ExitCode.error : ExitCode.clean
  }

  // MARK: - Text

  static func span(_ first: MeetingDate?, _ last: MeetingDate?) -> String {
    guard let first, let last else { return "undated" }
    return first == last ? first.description : "\(first)…\(last)"
  }

  static func eras(_ person: PersonOverview) -> String {
    person.initials.map { era in
      era.count == 0 ? "\(era.initials) (not in a table)" : "\(era.initials) (\(span(era.first, era.last)))"
    }.joined(separator: ", ")
  }

  /// One line per person, then the joins.
  static func text(_ overview: PeopleOverview) -> String {
    var out = ""
    for person in overview.people {
      var parts = [person.name]
      if !person.initials.isEmpty { parts.append("initials " + eras(person)) }
      if !person.handles.isEmpty { parts.append(person.handles.map { "@" + $0 }.joined(separator: ", ")) }
      if let affiliation = person.affiliations.first { parts.append(affiliation) }
      if person.meetings > 0 {
        parts.append(
          "\(person.meetings) meeting\(person.meetings == 1 ? "" : "s") (\(span(person.firstMeeting, person.lastMeeting)))"
        )
      } else {
        parts.append(person.inRoster ? "in a roster, no meetings" : "no meetings")
      }
      if person.openItems > 0 {
        parts.append("\(person.openItems) open item\(person.openItems == 1 ? "" : "s")")
      }
      out += parts.joined(separator: " · ") + "\n"
    }
    func name(_ id: PersonID) -> String { overview.person(id)?.name ?? "?" }
    out += "\nShared initials (\(overview.sharedInitials.count)): initials that name several people\n"
    for shared in overview.sharedInitials {
      let people = shared.people.map { id -> String in
        guard let person = overview.person(id) else { return "?" }
        let era = person.initials.first { $0.initials == shared.initials }
        return "\(person.name) (\(era.map { span($0.first, $0.last) } ?? "undated"))"
      }
      let items =
        shared.ambiguousOpenItems > 0 ? "; \(shared.ambiguousOpenItems) open item(s) do not tell which" : ""
      out += "  \(shared.initials): \(people.joined(separator: ", "))\(items)\n"
    }
    out += "\nHandle typos (\(overview.handleTypos.count)): joined by initials and name, listed under another handle\n"
    for typo in overview.handleTypos {
      out += "  \(name(typo.person)): @\(typo.typo) (usually @\(typo.usual))\n"
    }
    out += "\nJoined spellings (\(overview.joined.count)): one person listed with several initials or handles\n"
    for joined in overview.joined {
      var parts: [String] = []
      if joined.initials.count > 1 { parts.append("initials " + joined.initials.joined(separator: ", ")) }
      if joined.handles.count > 1 { parts.append("handles " + joined.handles.map { "@" + $0 }.joined(separator: ", ")) }
      out += "  \(name(joined.person)): \(parts.joined(separator: "; "))\n"
    }
    out += "\nUnknown owners (\(overview.unknownOwners.count)): owners of open items no one is known by\n"
    for owner in overview.unknownOwners {
      out += "  \(owner.token): \(owner.openItems) open item(s) (\(span(owner.first, owner.last)))\n"
    }
    let attended = overview.people.filter { $0.meetings > 0 }.count
    out +=
      "\n\(overview.people.count) people (\(attended) attended a meeting), \(overview.sharedInitials.count) shared "
      + "initials, \(overview.handleTypos.count) handle typos\n"
    return out
  }

  // MARK: - JSON

  /// A person as other outputs refer to them.
  static func personRef(_ person: Person) -> JSONValue {
    .object(
      JSONObject([
        ("id", .int(person.id)),
        ("name", .string(person.displayName)),
        ("initials", person.initials.first.map(JSONValue.string) ?? .null),
        ("handle", person.handles.first.map(JSONValue.string) ?? .null),
      ]))
  }

  static func date(_ date: MeetingDate?) -> JSONValue { date.map { .string($0.description) } ?? .null }

  static func json(_ overview: PeopleOverview, _ workspace: NotesWorkspace) -> JSONValue {
    let people: [JSONValue] = overview.people.map { person in
      .object(
        JSONObject([
          ("id", .int(person.id)),
          ("name", .string(person.name)),
          ("otherNames", .array(person.otherNames.map(JSONValue.string))),
          (
            "initials",
            .array(
              person.initials.map { era in
                .object(
                  JSONObject([
                    ("initials", .string(era.initials)), ("first", date(era.first)), ("last", date(era.last)),
                    ("entries", .int(era.count)),
                  ]))
              })
          ),
          ("handles", .array(person.handles.map(JSONValue.string))),
          ("affiliations", .array(person.affiliations.map(JSONValue.string))),
          (
            "meetings",
            .object(
              JSONObject([
                ("count", .int(person.meetings)), ("first", date(person.firstMeeting)),
                ("last", date(person.lastMeeting)),
              ]))
          ),
          (
            "series",
            .array(
              person.series.map { series in
                .object(
                  JSONObject([
                    ("name", .string(series.seriesName)), ("meetings", .int(series.meetings)),
                    ("first", date(series.first)), ("last", date(series.last)),
                  ]))
              })
          ),
          ("openItems", .int(person.openItems)),
          ("staleItems", .int(person.staleItems)),
          ("inRoster", .bool(person.inRoster)),
        ]))
    }
    return .object(
      JSONObject([
        ("schema", .string("notes-lsp/people")),
        ("schemaVersion", .int(schemaVersion)),
        ("version", .string(NotesLSPVersion.string)),
        ("people", .array(people)),
        (
          "sharedInitials",
          .array(
            overview.sharedInitials.map { shared in
              .object(
                JSONObject([
                  ("initials", .string(shared.initials)),
                  ("people", .array(shared.people.map { .int($0) })),
                  ("ambiguousOpenItems", .int(shared.ambiguousOpenItems)),
                ]))
            })
        ),
        (
          "handleTypos",
          .array(
            overview.handleTypos.map { typo in
              .object(
                JSONObject([
                  ("person", .int(typo.person)), ("handle", .string(typo.typo)), ("usual", .string(typo.usual)),
                ]))
            })
        ),
        (
          "joined",
          .array(
            overview.joined.map { joined in
              .object(
                JSONObject([
                  ("person", .int(joined.person)),
                  ("initials", .array(joined.initials.map(JSONValue.string))),
                  ("handles", .array(joined.handles.map(JSONValue.string))),
                  ("names", .array(joined.names.map(JSONValue.string))),
                ]))
            })
        ),
        (
          "unknownOwners",
          .array(
            overview.unknownOwners.map { owner in
              .object(
                JSONObject([
                  ("token", .string(owner.token)), ("openItems", .int(owner.openItems)),
                  ("first", date(owner.first)), ("last", date(owner.last)),
                ]))
            })
        ),
        (
          "summary",
          .object(
            JSONObject([
              ("people", .int(overview.people.count)),
              ("attended", .int(overview.people.filter { $0.meetings > 0 }.count)),
              ("sharedInitials", .int(overview.sharedInitials.count)),
              ("handleTypos", .int(overview.handleTypos.count)),
            ]))
        ),
      ]))
  }
}
