import Foundation
import NotesCore

/// The workspace views of the command line — `notes-lsp items`, `notes-lsp people`, `notes-lsp report` — as
/// subcommands of `NotesCommandLine` (their options are read by its one parser; here only what each value means).
extension NotesCommandLine {
  static let viewPaths = """
    PATHs (default: the current folder) are read as --check reads them: the same configuration, the same workspace
    (the configuration's folder, else the repository root, else the named folder) and the same files.
    """

  /// `items`.
  public static let items = Subcommand(
    name: "items", invocation: "items",
    usage: "[PATH...] [--owner WHO] [--open | --done | --all] [--stale] [--since YYYY-MM-DD] [--series NAME] "
      + "[--format text|json|markdown]",
    summary: "Action items across meetings, grouped by owner: text, first and last seen, meetings carried.",
    options: [
      OptionSpec("--owner", value: "WHO", "only items owned by WHO: initials (JK), a handle (jakirkham) or a name"),
      OptionSpec("--open", "only open items (the default)"),
      OptionSpec("--done", "only items ticked off"),
      OptionSpec("--all", "open and done items"),
      OptionSpec("--stale", "only open items --check reports as action-item.stale"),
      OptionSpec("--since", value: "YYYY-MM-DD", "only items listed at a meeting on or after this date"),
      OptionSpec("--series", value: "NAME", "only the series named NAME (its folder or its title)"),
      OptionSpec(
        "--format", value: "FORMAT",
        "text (default)\njson: the notes-lsp/items schema (see the README)\nmarkdown: a list to paste into an agenda"),
      config, noConfig, help,
    ], details: viewPaths,
    run: { arguments, context in
      do {
        let (options, workspace) = try itemsOptions(arguments)
        return ItemsCommand.run(
          options, workspace: workspace, currentDirectory: context.currentDirectory, output: context.output)
      } catch {
        return viewUsageError(error, "items", context)
      }
    })

  /// `people`.
  public static let people = Subcommand(
    name: "people", invocation: "people", usage: "[PATH...] [--format text|json]",
    summary:
      "Everyone the notes name: initials (with eras), handle, attendance, open items, and the joins made or not.",
    options: [
      OptionSpec("--format", value: "FORMAT", "text (default)\njson: the notes-lsp/people schema (see the README)"),
      config, noConfig, help,
    ], details: viewPaths,
    run: { arguments, context in
      do {
        let (json, workspace) = try peopleOptions(arguments)
        return PeopleCommand.run(
          json: json, workspace: workspace, currentDirectory: context.currentDirectory, output: context.output)
      } catch {
        return viewUsageError(error, "people", context)
      }
    })

  /// `report`.
  public static let report = Subcommand(
    name: "report", invocation: "report", usage: "[PATH...] --html FILE",
    summary: "Write one self-contained HTML page: attendance per series, open items, the checker's findings.",
    options: [
      OptionSpec("--html", value: "FILE", "the page to write (required)"), config, noConfig, help,
    ], details: viewPaths,
    run: { arguments, context in
      do {
        let (file, workspace) = try reportOptions(arguments)
        return ReportCommand.run(
          html: file, workspace: workspace, currentDirectory: context.currentDirectory, output: context.output)
      } catch {
        return viewUsageError(error, "report", context)
      }
    })

  /// A view's arguments that parse but do not make sense together: exit 2, as for any usage error.
  static func viewUsageError(_ error: any Error, _ name: String, _ context: CommandContext) -> Int32 {
    let message = (error as? UsageError)?.message ?? "\(error)"
    context.output.writeError("notes-lsp \(name): \(message)\n\(usageHint(for: [name]))\n")
    context.output.flush()
    return ExitCode.error
  }

  static func viewWorkspace(_ parsed: ParsedArguments) throws(UsageError) -> ViewsWorkspace.Options {
    let options = ViewsWorkspace.Options(
      paths: parsed.positional, configFile: parsed.value("--config"), noConfig: parsed.has("--no-config"))
    if options.configFile != nil && options.noConfig {
      throw UsageError("--config and --no-config cannot be combined")
    }
    return options
  }

  static func itemsOptions(_ parsed: ParsedArguments) throws(UsageError) -> (
    ItemsOptions, ViewsWorkspace.Options
  ) {
    var items = ItemsOptions()
    var statuses: [String] = []
    for option in parsed.options where ["--open", "--done", "--all"].contains(option.name) {
      if !statuses.contains(option.name) { statuses.append(option.name) }
    }
    if statuses.count > 1 { throw UsageError("\(statuses[0]) and \(statuses[1]) cannot be combined") }
    if let flag = statuses.first { items.status = OpenItemsFilter.Status(rawValue: String(flag.dropFirst(2))) ?? .open }
    if let format = parsed.value("--format") {
      guard let value = ItemsOptions.Format(rawValue: format) else {
        throw UsageError("unknown format '\(format)'; expected text, json or markdown")
      }
      items.format = value
    }
    items.owner = parsed.value("--owner")
    items.staleOnly = parsed.has("--stale")
    if let text = parsed.value("--since") {
      guard let date = CalendarMath.parse(text) else { throw UsageError("--since must be YYYY-MM-DD, not '\(text)'") }
      items.since = date
    }
    items.series = parsed.value("--series")
    return (items, try viewWorkspace(parsed))
  }

  static func peopleOptions(_ parsed: ParsedArguments) throws(UsageError) -> (Bool, ViewsWorkspace.Options) {
    let format = parsed.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError("unknown format '\(format)'; expected text or json")
    }
    return (format == "json", try viewWorkspace(parsed))
  }

  static func reportOptions(_ parsed: ParsedArguments) throws(UsageError) -> (String, ViewsWorkspace.Options) {
    guard let html = parsed.value("--html") else { throw UsageError("report needs --html FILE") }
    return (html, try viewWorkspace(parsed))
  }

  /// What `items` was asked.
  public struct ItemsOptions: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable { case text, json, markdown }
    public var owner: String?
    public var status: OpenItemsFilter.Status = .open
    public var staleOnly = false
    public var since: MeetingDate?
    public var series: String?
    public var format: Format = .text
  }
}
