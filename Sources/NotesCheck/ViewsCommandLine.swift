import Foundation
import NotesCore

/// The workspace views of the command line: `notes-lsp items`, `notes-lsp people`, `notes-lsp report`. `main.swift`
/// hands them the arguments first; anything else is left to the other front ends.
///
/// NOTE: their options are parsed here, apart from `NotesCommandLine`, so that the shared parser can take them over
/// in one move (`ViewsCommandLine.Parsed` is what each command needs).
public enum ViewsCommandLine {
  /// The subcommands handled here.
  public static let commands = ["items", "people", "report"]

  public static let usage = """
    usage: notes-lsp items  [PATH...] [--owner WHO] [--open | --done | --all] [--stale] [--since YYYY-MM-DD]
                            [--series NAME] [--format text|json|markdown] [--config FILE | --no-config]
           notes-lsp people [PATH...] [--format text|json] [--config FILE | --no-config]
           notes-lsp report [PATH...] --html FILE [--config FILE | --no-config]

    """

  /// Runs `items`, `people` or `report` when the arguments ask for one of them, returning the exit code; nil otherwise.
  public static func run(_ arguments: [String], currentDirectory: String, output: CheckOutput) -> Int32? {
    guard let first = arguments.first, commands.contains(first) else { return nil }
    let parsed: Parsed
    do {
      parsed = try parse(arguments)
    } catch {
      output.writeError("notes-lsp \(first): \(error.message)\n\(usage)")
      output.flush()
      return ExitCode.error
    }
    let code: Int32
    switch parsed.command {
    case .help:
      output.write(usage)
      code = ExitCode.clean
    case .items(let options):
      code = ItemsCommand.run(options, workspace: parsed.workspace, currentDirectory: currentDirectory, output: output)
    case .people(let json):
      code = PeopleCommand.run(
        json: json, workspace: parsed.workspace, currentDirectory: currentDirectory, output: output)
    case .report(let file):
      code = ReportCommand.run(
        html: file, workspace: parsed.workspace, currentDirectory: currentDirectory, output: output)
    }
    output.flush()
    return code
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

  /// A parsed view command line.
  struct Parsed {
    enum Command {
      case help
      case items(ItemsOptions)
      case people(json: Bool)
      case report(html: String)
    }
    var command: Command
    var workspace: ViewsWorkspace.Options
  }

  static func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
    let name = arguments.first ?? ""
    var workspace = ViewsWorkspace.Options()
    var items = ItemsOptions()
    var statusFlag: String?
    var json = false
    var html: String?
    var index = 1
    var optionsEnded = false

    func value(_ flag: String, _ inline: String?) throws(UsageError) -> String {
      if let inline { return inline }
      index += 1
      guard index < arguments.count, !arguments[index].hasPrefix("--") else {
        throw UsageError("\(flag) needs a value")
      }
      return arguments[index]
    }
    func only(_ flag: String, _ commands: String...) throws(UsageError) {
      guard commands.contains(name) else { throw UsageError("\(flag) is not an option of \(name)") }
    }

    while index < arguments.count {
      let argument = arguments[index]
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        workspace.paths.append(argument)
        index += 1
        continue
      }
      var flag = argument
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        flag = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      switch flag {
      case "--": optionsEnded = true
      case "-h", "--help": return Parsed(command: .help, workspace: workspace)
      case "--config": workspace.configFile = try value(flag, inline)
      case "--no-config": workspace.noConfig = true
      case "--format":
        let format = try value(flag, inline)
        switch name {
        case "items":
          guard let parsed = ItemsOptions.Format(rawValue: format) else {
            throw UsageError("unknown format '\(format)'; expected text, json or markdown")
          }
          items.format = parsed
        case "people":
          guard format == "text" || format == "json" else {
            throw UsageError("unknown format '\(format)'; expected text or json")
          }
          json = format == "json"
        default: throw UsageError("--format is not an option of \(name) (it writes --html FILE)")
        }
      case "--owner":
        try only(flag, "items")
        items.owner = try value(flag, inline)
      case "--open", "--done", "--all":
        try only(flag, "items")
        if let earlier = statusFlag, earlier != flag { throw UsageError("\(earlier) and \(flag) cannot be combined") }
        statusFlag = flag
        items.status = OpenItemsFilter.Status(rawValue: String(flag.dropFirst(2))) ?? .open
      case "--stale":
        try only(flag, "items")
        items.staleOnly = true
      case "--since":
        try only(flag, "items")
        let text = try value(flag, inline)
        guard let date = CalendarMath.parse(text) else { throw UsageError("--since must be YYYY-MM-DD, not '\(text)'") }
        items.since = date
      case "--series":
        try only(flag, "items")
        items.series = try value(flag, inline)
      case "--html":
        try only(flag, "report")
        html = try value(flag, inline)
      default:
        throw UsageError("unknown option '\(argument)'")
      }
      index += 1
    }
    if workspace.configFile != nil && workspace.noConfig {
      throw UsageError("--config and --no-config cannot be combined")
    }
    switch name {
    case "items": return Parsed(command: .items(items), workspace: workspace)
    case "people": return Parsed(command: .people(json: json), workspace: workspace)
    default:
      guard let html else { throw UsageError("report needs --html FILE") }
      return Parsed(command: .report(html: html), workspace: workspace)
    }
  }
}
