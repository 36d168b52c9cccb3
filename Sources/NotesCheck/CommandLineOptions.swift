import Foundation
import NotesConfig
import NotesCore

/// The version `notes-lsp --version` prints and SARIF reports.
public enum NotesLSPVersion {
  public static let string = "0.1.0"
}

/// An output format of `--check`.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// `path:line:col: severity: message [code]` and a summary line.
  case text
  /// One JSON object: findings, problems and a summary.
  case json
  /// GitHub Actions workflow commands (`::warning file=…`).
  case github
  /// SARIF 2.1.0, for code scanning.
  case sarif
}

/// What `notes-lsp --check` was asked to do.
public struct CheckOptions: Hashable, Sendable {
  /// Files and folders to check; empty means the current folder.
  public var paths: [String]
  public var format: OutputFormat
  /// Overrides the configuration's `failOn`.
  public var failOn: Severity?
  /// A configuration file to use instead of looking for `.notes-lsp.json`.
  public var configFile: String?
  /// Use the defaults, ignoring any `.notes-lsp.json`.
  public var noConfig: Bool
  /// `--min-severity`: findings below it are not printed (they still count for the exit code).
  public var minSeverity: Severity?
  /// `--statistics`: a per-code count table instead of one line per finding.
  public var statistics: Bool
  /// `--baseline FILE`: report and fail only on findings not in it.
  public var baseline: String?
  /// `--write-baseline FILE`: record today's findings there.
  public var writeBaseline: String?
  /// `--roster FILE` (repeatable): read wherever it is, since the user named it.
  public var rosters: [String]
  /// `--registry cfep=FILE` / `--registry cep=FILE` (repeatable).
  public var cfepRegistries: [String]
  public var cepRegistries: [String]

  public init(
    paths: [String] = [], format: OutputFormat = .text, failOn: Severity? = nil, configFile: String? = nil,
    noConfig: Bool = false, minSeverity: Severity? = nil, statistics: Bool = false, baseline: String? = nil,
    writeBaseline: String? = nil, rosters: [String] = [], cfepRegistries: [String] = [], cepRegistries: [String] = []
  ) {
    self.paths = paths
    self.format = format
    self.failOn = failOn
    self.configFile = configFile
    self.noConfig = noConfig
    self.minSeverity = minSeverity
    self.statistics = statistics
    self.baseline = baseline
    self.writeBaseline = writeBaseline
    self.rosters = rosters
    self.cfepRegistries = cfepRegistries
    self.cepRegistries = cepRegistries
  }
}

/// What `notes-lsp new` was asked to do.
public struct NewMeetingOptions: Hashable, Sendable {
  public var folder: String?
  public var date: MeetingDate?
  public var configFile: String?
  public var noConfig: Bool

  public init(folder: String? = nil, date: MeetingDate? = nil, configFile: String? = nil, noConfig: Bool = false) {
    self.folder = folder
    self.date = date
    self.configFile = configFile
    self.noConfig = noConfig
  }
}

/// What the `notes-lsp` executable was asked to do.
public enum NotesCommand: Hashable, Sendable {
  /// Run the language server over stdin/stdout.
  case server(logLevel: String?)
  /// Check files and exit.
  case check(CheckOptions, logLevel: String?)
  /// `--check --fix`: apply the safe fixes, then check.
  case fix(CheckOptions)
  /// `new`: write the next meeting's note.
  case newMeeting(NewMeetingOptions)
  /// A subcommand of `NotesCommandLine.subcommands` run by its own `run` (e.g. `items`, `people`, `report`).
  case subcommand(String, ParsedArguments)
  case version
  /// `--help`, for one subcommand (`check`, `new`, …) or for everything (nil).
  case help(String?)
}

/// A command line that cannot be run: exit 2 with this message on stderr.
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Exit codes of `notes-lsp`, as in ruff, markdownlint-cli2 and rumdl.
public enum ExitCode {
  /// No findings at or above the failing severity.
  public static let clean: Int32 = 0
  /// Findings at or above the failing severity.
  public static let findings: Int32 = 1
  /// Usage, configuration or I/O error.
  public static let error: Int32 = 2
}

// MARK: - Declaring options and subcommands

/// One option of a subcommand: `--name` (a flag) or `--name VALUE`; `--name=VALUE` is also accepted.
public struct OptionSpec: Hashable, Sendable {
  public var name: String
  public var short: String?
  /// The value's placeholder in help (`FILE`), nil for a flag.
  public var value: String?
  public var help: String

  public init(_ name: String, short: String? = nil, value: String? = nil, _ help: String) {
    self.name = name
    self.short = short
    self.value = value
    self.help = help
  }
}

/// The arguments of one subcommand, as the one parser read them.
public struct ParsedArguments: Hashable, Sendable {
  /// Every option given, in order, with its value (nil for a flag).
  public var options: [OptionValue] = []
  public var positional: [String] = []

  public struct OptionValue: Hashable, Sendable {
    public var name: String
    public var value: String?
  }

  public init(options: [OptionValue] = [], positional: [String] = []) {
    self.options = options
    self.positional = positional
  }

  public func has(_ name: String) -> Bool { options.contains { $0.name == name } }
  /// The last value given for `name`.
  public func value(_ name: String) -> String? { options.last { $0.name == name }?.value }
  /// Every value given for a repeatable option.
  public func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }
}

/// What a subcommand's `run` gets besides its arguments.
public struct CommandContext {
  public var currentDirectory: String
  public var output: CheckOutput
  public init(currentDirectory: String, output: CheckOutput) {
    self.currentDirectory = currentDirectory
    self.output = output
  }
}

/// A subcommand: its name, how it is invoked, its options and help, and what runs it. Adding a subcommand is one
/// value appended to `NotesCommandLine.subcommands` (see `ItemsCommand.swift`-style files for the ones that read the
/// workspace).
public struct Subcommand: Sendable {
  /// `check`, `new`, `items`…: what `--help` calls it.
  public var name: String
  /// How it is invoked: `new` (a word) or `--check` (a flag).
  public var invocation: String
  /// `[OPTIONS] [PATH...]`.
  public var usage: String
  public var summary: String
  public var options: [OptionSpec]
  /// Text after the options in `notes-lsp INVOCATION --help`.
  public var details: String
  /// Runs it; nil for the built-in ones `NotesCommandLine` turns into typed commands.
  public var run: (@Sendable (ParsedArguments, CommandContext) -> Int32)?

  public init(
    name: String, invocation: String, usage: String, summary: String, options: [OptionSpec], details: String = "",
    run: (@Sendable (ParsedArguments, CommandContext) -> Int32)? = nil
  ) {
    self.name = name
    self.invocation = invocation
    self.usage = usage
    self.summary = summary
    self.options = options
    self.details = details
    self.run = run
  }

  /// `notes-lsp INVOCATION --help`.
  public var helpText: String {
    var text = "usage: notes-lsp \(invocation) \(usage)\n\n\(summary)\n"
    if !options.isEmpty {
      text += "\nOPTIONS\n"
      for option in options {
        var left = (option.short.map { "\($0), " } ?? "") + option.name
        if let value = option.value { left += " \(value)" }
        let padded =
          left.count < 22
          ? left.padding(toLength: 22, withPad: " ", startingAt: 0) : left + "\n" + String(repeating: " ", count: 24)
        text +=
          "  \(padded)\(option.help.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 24)))\n"
      }
    }
    if !details.isEmpty { text += "\n\(details)\n" }
    return text
  }
}

/// Parses the arguments of `notes-lsp` (without the program name): the one parser of every subcommand.
public enum NotesCommandLine {
  /// Log levels `--log-level` accepts.
  public static let logLevels = ["off", "error", "warning", "info", "debug", "trace"]
  /// Other spellings the server's log level also accepts.
  static let logLevelAliases = ["none", "quiet", "warn", "verbose"]

  static let help = OptionSpec("--help", short: "-h", "show this help")
  static let logLevel = OptionSpec(
    "--log-level", value: "LEVEL", "\(logLevels.joined(separator: ", ")) (stderr; default: $NOTES_LSP_LOG, else info)")
  static let config = OptionSpec(
    "--config", value: "FILE", "use this configuration file instead of looking for .notes-lsp.json")
  static let noConfig = OptionSpec("--no-config", "use the defaults, ignoring any .notes-lsp.json")

  /// The language server (no subcommand).
  public static let server = Subcommand(
    name: "server", invocation: "[--stdio]", usage: "[--log-level LEVEL]",
    summary: "Run the language server over stdin/stdout (the default).",
    options: [OptionSpec("--stdio", "speak LSP over stdin/stdout (the default)"), logLevel, help])

  /// `--check` (and `--check --fix`).
  public static let check = Subcommand(
    name: "check", invocation: "--check", usage: "[OPTIONS] [PATH...]",
    summary: "Check files and folders (default: the current folder) and print what is found.",
    options: [
      OptionSpec("--check", "check (this subcommand)"),
      OptionSpec("--fix", "apply the safe fixes first (atomic writes), report them, then check"),
      OptionSpec(
        "--format", value: "FORMAT",
        "text (default): path:line:col: severity: message [code]\njson: findings, problems and a summary\n"
          + "github: GitHub Actions annotations, most important first, within GitHub's limits\nsarif: SARIF 2.1.0"),
      OptionSpec(
        "--fail-on", value: "SEVERITY",
        "exit 1 on findings at or above error, warning (default), information or hint"),
      OptionSpec(
        "--min-severity", value: "SEVERITY",
        "print only findings at or above it (the exit code still follows --fail-on)"),
      OptionSpec("--statistics", "print a count per rule code instead of each finding"),
      OptionSpec("--baseline", value: "FILE", "report and fail only on findings not recorded in FILE"),
      OptionSpec("--write-baseline", value: "FILE", "record the findings in FILE (then --baseline FILE) and exit 0"),
      config, noConfig,
      OptionSpec("--roster", value: "FILE", "also read this roster (github_username,email,name), wherever it is"),
      OptionSpec("--registry", value: "KIND=FILE", "also read this CFEP/CEP registry (cfep=FILE or cep=FILE)"),
      logLevel, help,
    ],
    details: """
      Folders are searched recursively for *.md and *.markdown (or the configuration's "include" globs), skipping
      .git, node_modules, .build*, .venv*, the configuration's "exclude" globs and what .gitignore files ignore.
      Files named directly are always checked. The configuration is .notes-lsp.json in the folder of the first PATH
      or the nearest folder above it. Named files and folders are checked against their whole workspace (the
      configuration's folder, else the repository root, else their own folder), so people, series and carried-over
      items are known; only the named paths are reported.
      """)

  /// `new`.
  public static let newMeeting = Subcommand(
    name: "new", invocation: "new", usage: "[--date YYYY-MM-DD] [--config FILE | --no-config] [FOLDER]",
    summary: "Write the next note of the series in FOLDER (default: the current folder; a folder of series folders "
      + "picks the one with the latest meeting) and print its path. Never overwrites a file.",
    options: [
      OptionSpec("--date", value: "YYYY-MM-DD", "the meeting's date (default: the series' usual interval)"), config,
      noConfig, help,
    ])

  /// Every subcommand invoked by a word (`notes-lsp WORD …`). Append one here to add a subcommand.
  public static let subcommands: [Subcommand] = [newMeeting, items, people, report]

  /// Parses one subcommand's arguments against its options.
  public static func parse(_ arguments: [String], as subcommand: Subcommand) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        parsed.positional.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var flag = argument
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        flag = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      guard let option = subcommand.options.first(where: { $0.name == flag || $0.short == flag }) else {
        throw UsageError("unknown option '\(argument)'")
      }
      if option.value == nil {
        if inline != nil { throw UsageError("\(option.name) takes no value") }
        parsed.options.append(.init(name: option.name, value: nil))
        continue
      }
      var value = inline
      if value == nil, index < arguments.count, !arguments[index].hasPrefix("--") {
        value = arguments[index]
        index += 1
      }
      guard let value else { throw UsageError("\(option.name) needs a value") }
      parsed.options.append(.init(name: option.name, value: value))
    }
    return parsed
  }

  public static func parse(_ arguments: [String]) throws(UsageError) -> NotesCommand {
    let beforeEnd = arguments.prefix { $0 != "--" }
    let wantsHelp = beforeEnd.contains("-h") || beforeEnd.contains("--help")
    if beforeEnd.contains("-V") || beforeEnd.contains("--version"), !wantsHelp { return .version }
    if let first = arguments.first, let word = subcommands.first(where: { $0.name == first }) {
      let rest = Array(arguments.dropFirst())
      if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
        return .help(word.name)
      }
      let parsed = try parse(rest, as: word)
      if word.name == newMeeting.name { return .newMeeting(try newMeetingOptions(parsed)) }
      return .subcommand(word.name, parsed)
    }
    if beforeEnd.contains("--check") || (beforeEnd.contains("--fix") && !beforeEnd.contains("--stdio")) {
      if wantsHelp { return .help(check.name) }
      if beforeEnd.contains("--stdio") { throw UsageError("--stdio and --check cannot be combined") }
      let parsed = try parse(arguments, as: check)
      let options = try checkOptions(parsed)
      if parsed.has("--fix") {
        guard parsed.has("--check") else { throw UsageError("--fix is an option of --check") }
        return .fix(options)
      }
      return .check(options, logLevel: try logLevelValue(parsed))
    }
    if wantsHelp { return .help(nil) }
    let serverArguments: ParsedArguments
    do {
      serverArguments = try parse(arguments, as: server)
    } catch {
      if let option = check.options.first(where: { option in
        arguments.contains { $0 == option.name || $0.hasPrefix(option.name + "=") }
      }) {
        throw UsageError("\(option.name) is an option of --check")
      }
      throw error
    }
    if let first = serverArguments.positional.first {
      throw UsageError("unexpected argument '\(first)'; to check files, run: notes-lsp --check \(first)")
    }
    return .server(logLevel: try logLevelValue(serverArguments))
  }

  static func logLevelValue(_ parsed: ParsedArguments) throws(UsageError) -> String? {
    guard let level = parsed.value("--log-level")?.lowercased() else { return nil }
    guard logLevels.contains(level) || logLevelAliases.contains(level) else {
      throw UsageError("unknown log level '\(level)'; expected \(logLevels.joined(separator: ", "))")
    }
    return level
  }

  static func severity(_ parsed: ParsedArguments, _ name: String) throws(UsageError) -> Severity? {
    guard let value = parsed.value(name) else { return nil }
    guard let severity = Severity(name: value) else {
      throw UsageError("unknown severity '\(value)' for \(name); expected error, warning, information or hint")
    }
    return severity
  }

  static func checkOptions(_ parsed: ParsedArguments) throws(UsageError) -> CheckOptions {
    var options = CheckOptions(paths: parsed.positional)
    if let name = parsed.value("--format") {
      guard let format = OutputFormat(rawValue: name) else {
        throw UsageError("unknown format '\(name)'; expected text, json, github or sarif")
      }
      options.format = format
    }
    options.failOn = try severity(parsed, "--fail-on")
    options.minSeverity = try severity(parsed, "--min-severity")
    options.configFile = parsed.value("--config")
    options.noConfig = parsed.has("--no-config")
    if options.configFile != nil && options.noConfig {
      throw UsageError("--config and --no-config cannot be combined")
    }
    options.statistics = parsed.has("--statistics")
    options.baseline = parsed.value("--baseline")
    options.writeBaseline = parsed.value("--write-baseline")
    if options.baseline != nil && options.writeBaseline != nil {
      throw UsageError("--baseline and --write-baseline cannot be combined")
    }
    options.rosters = parsed.values("--roster")
    for registry in parsed.values("--registry") {
      guard let equals = registry.firstIndex(of: "="), !registry[registry.index(after: equals)...].isEmpty else {
        throw UsageError("--registry needs KIND=FILE (cfep=FILE or cep=FILE), not '\(registry)'")
      }
      switch registry[..<equals].lowercased() {
      case "cfep": options.cfepRegistries.append(String(registry[registry.index(after: equals)...]))
      case "cep": options.cepRegistries.append(String(registry[registry.index(after: equals)...]))
      default: throw UsageError("unknown registry kind '\(registry[..<equals])'; expected cfep or cep")
      }
    }
    _ = try logLevelValue(parsed)
    return options
  }

  static func newMeetingOptions(_ parsed: ParsedArguments) throws(UsageError) -> NewMeetingOptions {
    var options = NewMeetingOptions(configFile: parsed.value("--config"), noConfig: parsed.has("--no-config"))
    if let value = parsed.value("--date") {
      guard let date = CalendarMath.parse(value) else { throw UsageError("--date must be YYYY-MM-DD, not '\(value)'") }
      options.date = date
    }
    if options.configFile != nil && options.noConfig {
      throw UsageError("--config and --no-config cannot be combined")
    }
    guard parsed.positional.count <= 1 else { throw UsageError("one FOLDER only") }
    options.folder = parsed.positional.first
    return options
  }

  /// What to print after a usage error: the subcommand's usage line when the arguments name one.
  public static func usageHint(for arguments: [String]) -> String {
    if let first = arguments.first, let word = subcommands.first(where: { $0.name == first }) {
      return "usage: notes-lsp \(word.invocation) \(word.usage)\nRun 'notes-lsp \(word.invocation) --help' for details."
    }
    if arguments.contains("--check") { return "Run 'notes-lsp --check --help' for usage." }
    return "Run 'notes-lsp --help' for usage."
  }

  /// Runs a parsed command (everything but the server, which `main.swift` starts). Returns the exit code.
  public static func run(_ command: NotesCommand, context: CommandContext) -> Int32 {
    let output = context.output
    switch command {
    case .help(let topic):
      let text = topic.flatMap { name in ([check] + subcommands).first { $0.name == name }?.helpText } ?? helpText
      output.write(text)
      return ExitCode.clean
    case .version:
      output.write("notes-lsp \(NotesLSPVersion.string)\n")
      return ExitCode.clean
    case .check(let options, _):
      return CheckEngine.run(options, currentDirectory: context.currentDirectory, output: output)
    case .fix(let options):
      return FixCommand.run(options, currentDirectory: context.currentDirectory, output: output)
    case .newMeeting(let options):
      return NewMeetingCommand.run(options, currentDirectory: context.currentDirectory, output: output)
    case .subcommand(let name, let arguments):
      guard let run = subcommands.first(where: { $0.name == name })?.run else {
        output.writeError("notes-lsp: \(name) cannot be run\n")
        return ExitCode.error
      }
      return run(arguments, context)
    case .server:
      output.writeError("notes-lsp: the server is started by main.swift\n")
      return ExitCode.error
    }
  }

  /// `notes-lsp --help`.
  public static var helpText: String {
    var rules = ""
    for rule in RuleRegistry.rules {
      let code = rule.code.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)
      let severity = (rule.isOffByDefault ? "off" : rule.defaultSeverity.name).padding(
        toLength: 12, withPad: " ", startingAt: 0)
      rules += "  \(code)\(severity)\(rule.summary)\n"
    }
    var usage = """
        notes-lsp [--stdio] [--log-level LEVEL]     run the language server on stdin/stdout (the default)
        notes-lsp --check [OPTIONS] [PATH...]       check files and folders (default: the current folder)
        notes-lsp --check --fix [OPTIONS] [PATH...] apply the safe fixes (atomic writes), report them, then check

      """
    for subcommand in subcommands {
      usage += "  notes-lsp \(subcommand.invocation) \(subcommand.usage)\n"
      usage += "      \(subcommand.summary)\n"
    }
    usage += "  notes-lsp --version | --help | SUBCOMMAND --help\n"
    let checkOptions = check.helpText.components(separatedBy: "\nOPTIONS\n").last ?? ""
    return """
      notes-lsp \(NotesLSPVersion.string): a language server and CI checker for meeting-notes Markdown.

      USAGE
      \(usage)
      CHECK OPTIONS
      \(checkOptions)
      SERVER OPTIONS
        --stdio             speak LSP over stdin/stdout (the default)
        --log-level LEVEL   \(logLevels.joined(separator: ", ")): what goes to stderr (default: $NOTES_LSP_LOG,
                            else warning); info goes to the editor's log (window/logMessage)

      OTHER
        -h, --help          show this help (after a subcommand: that subcommand's help)
        -V, --version       show the version

      EXIT CODES
        0   no findings at or above the failing severity (or the server exited after shutdown)
        1   findings at or above the failing severity (or the server exited without shutdown)
        2   usage, configuration or I/O error (a file that cannot be read is reported, the others still checked)

      RULES (configure in .notes-lsp.json: {"rules": {"CODE": "error|warning|information|hint|off"}})
      \(rules)
      """
  }
}
