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

  public init(
    paths: [String] = [], format: OutputFormat = .text, failOn: Severity? = nil, configFile: String? = nil,
    noConfig: Bool = false
  ) {
    self.paths = paths
    self.format = format
    self.failOn = failOn
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
  case version
  case help
  /// `new` or `--fix`: `CrossMeetingCommandLine` runs these (main.swift asks it first); reaching here means the
  /// front end did not.
  case notImplemented(String)
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

/// Parses the arguments of `notes-lsp` (without the program name).
public enum NotesCommandLine {
  /// Log levels `--log-level` accepts.
  public static let logLevels = ["off", "error", "warning", "info", "debug", "trace"]
  /// Other spellings the server's log level also accepts.
  static let logLevelAliases = ["none", "quiet", "warn", "verbose"]

  public static func parse(_ arguments: [String]) throws(UsageError) -> NotesCommand {
    enum Mode { case server, check }
    var mode: Mode?
    var options = CheckOptions()
    var logLevel: String?
    var checkOnlyFlags: [String] = []
    var positional: [String] = []
    var index = 0
    var optionsEnded = false

    func value(_ flag: String, _ inline: String?) throws(UsageError) -> String {
      if let inline { return inline }
      index += 1
      guard index < arguments.count, !arguments[index].hasPrefix("--") else {
        throw UsageError("\(flag) needs a value")
      }
      return arguments[index]
    }

    while index < arguments.count {
      let argument = arguments[index]
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        if mode == nil && positional.isEmpty && !optionsEnded
          && (argument == "new" || ViewsCommandLine.commands.contains(argument))
        {
          return .notImplemented(argument)
        }
        positional.append(argument)
        index += 1
        continue
      }
      var flag = argument
      var inline: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        flag = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      switch flag {
      case "--":
        optionsEnded = true
      case "-h", "--help":
        return .help
      case "-V", "--version":
        return .version
      case "--stdio":
        if mode == .check { throw UsageError("--stdio and --check cannot be combined") }
        mode = .server
      case "--check":
        if mode == .server { throw UsageError("--stdio and --check cannot be combined") }
        mode = .check
      case "--fix":
        return .notImplemented("--fix")
      case "--format":
        let name = try value(flag, inline)
        guard let format = OutputFormat(rawValue: name) else {
          throw UsageError("unknown format '\(name)'; expected text, json, github or sarif")
        }
        options.format = format
        checkOnlyFlags.append(flag)
      case "--fail-on":
        let name = try value(flag, inline)
        guard let severity = Severity(name: name) else {
          throw UsageError("unknown severity '\(name)' for --fail-on; expected error, warning, information or hint")
        }
        options.failOn = severity
        checkOnlyFlags.append(flag)
      case "--config":
        options.configFile = try value(flag, inline)
        checkOnlyFlags.append(flag)
      case "--no-config":
        if inline != nil { throw UsageError("--no-config takes no value") }
        options.noConfig = true
        checkOnlyFlags.append(flag)
      case "--log-level":
        let level = try value(flag, inline).lowercased()
        guard logLevels.contains(level) || logLevelAliases.contains(level) else {
          throw UsageError("unknown log level '\(level)'; expected \(logLevels.joined(separator: ", "))")
        }
        logLevel = level
      default:
        throw UsageError("unknown option '\(argument)'")
      }
      index += 1
    }

    switch mode {
    case .check:
      if options.configFile != nil && options.noConfig {
        throw UsageError("--config and --no-config cannot be combined")
      }
      options.paths = positional
      return .check(options, logLevel: logLevel)
    case .server, nil:
      if let flag = checkOnlyFlags.first { throw UsageError("\(flag) is an option of --check") }
      if let first = positional.first {
        throw UsageError("unexpected argument '\(first)'; to check files, run: notes-lsp --check \(first)")
      }
      return .server(logLevel: logLevel)
    }
  }

  /// `notes-lsp --help`.
  public static var helpText: String {
    var rules = ""
    for rule in RuleRegistry.rules {
      let code = rule.code.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)
      let severity = rule.defaultSeverity.name.padding(toLength: 12, withPad: " ", startingAt: 0)
      rules += "  \(code)\(severity)\(rule.summary)\n"
    }
    return """
      notes-lsp \(NotesLSPVersion.string): a language server and CI checker for meeting-notes Markdown.

      USAGE
        notes-lsp [--stdio] [--log-level LEVEL]     run the language server on stdin/stdout (the default)
        notes-lsp --check [OPTIONS] [PATH...]       check files and folders (default: the current folder)
        notes-lsp --check --fix [OPTIONS] [PATH...] apply the safe fixes (atomic writes), report them, then check
        notes-lsp new [--date YYYY-MM-DD] [--config FILE | --no-config] [FOLDER]
                                                    write the next note of the series in FOLDER (never overwrites)
        notes-lsp items [PATH...] [--owner WHO] [--open | --done | --all] [--stale] [--since YYYY-MM-DD]
                        [--series NAME] [--format text|json|markdown]
                                                    action items across meetings, grouped by owner
        notes-lsp people [PATH...] [--format text|json]
                                                    everyone the notes name: initials, attendance, open items
        notes-lsp report [PATH...] --html FILE      one self-contained HTML page: attendance, items, findings
        notes-lsp --version | --help

      CHECK OPTIONS
        --format FORMAT     text (default): path:line:col: severity: message [code], then a summary line
                            json: one object with findings, problems and a summary
                            github: GitHub Actions annotations (::warning file=...)
                            sarif: SARIF 2.1.0 for code scanning
        --fail-on SEVERITY  exit 1 on findings at or above error, warning (default), information or hint;
                            overrides "failOn" in the configuration
        --config FILE       use this configuration file instead of looking for .notes-lsp.json
        --no-config         use the defaults, ignoring any .notes-lsp.json
        --fix               apply the safe fixes first (without it the checker never writes)

      Folders are searched recursively for *.md and *.markdown (or the configuration's "include" globs), skipping
      .git, node_modules, .build*, .venv*, the configuration's "exclude" globs and simple .gitignore patterns.
      Files named directly are always checked. The configuration is .notes-lsp.json in the folder of the first
      PATH or the nearest folder above it.

      SERVER OPTIONS
        --stdio             speak LSP over stdin/stdout (the default)
        --log-level LEVEL   \(logLevels.joined(separator: ", ")) (logs go to stderr; default: $NOTES_LSP_LOG, else info)

      OTHER
        -h, --help          show this help
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
