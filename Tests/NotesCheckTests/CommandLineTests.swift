import NotesCheck
import NotesCore
import Testing

@Test(arguments: [
  ([], NotesCommand.server(logLevel: nil)),
  (["--stdio"], .server(logLevel: nil)),
  (["--stdio", "--log-level", "debug"], .server(logLevel: "debug")),
  (["--log-level=TRACE"], .server(logLevel: "trace")),
  (["--check"], .check(CheckOptions(), logLevel: nil)),
  (["--check", "a", "b.md"], .check(CheckOptions(paths: ["a", "b.md"]), logLevel: nil)),
  (
    ["--check", "--format", "sarif", "--fail-on=error", "--config", "c.json", "x"],
    .check(CheckOptions(paths: ["x"], format: .sarif, failOn: .error, configFile: "c.json"), logLevel: nil)
  ),
  (["notes", "--check", "--no-config"], .check(CheckOptions(paths: ["notes"], noConfig: true), logLevel: nil)),
  (["--check", "--", "--weird.md"], .check(CheckOptions(paths: ["--weird.md"]), logLevel: nil)),
  (["--check", "--fail-on", "info"], .check(CheckOptions(failOn: .information), logLevel: nil)),
  (["--help"], .help(nil)),
  (["-h", "--bogus"], .help(nil)),
  (["--check", "--help"], .help("check")),
  (["new", "--help"], .help("new")),
  (["--version"], .version),
  (["-V"], .version),
  (["new", "--date", "2024-01-01"], .newMeeting(NewMeetingOptions(date: MeetingDate(year: 2024, month: 1, day: 1)))),
  (["new", "--no-config", "notes"], .newMeeting(NewMeetingOptions(folder: "notes", noConfig: true))),
  (["--check", "--fix", "x"], .fix(CheckOptions(paths: ["x"]))),
  (
    [
      "--check", "--min-severity", "warning", "--statistics", "--baseline", "b.json", "--roster", "r.csv",
      "--registry", "cfep=c.tsv", "--registry=cep=e.tsv",
    ],
    .check(
      CheckOptions(
        minSeverity: .warning, statistics: true, baseline: "b.json", rosters: ["r.csv"], cfepRegistries: ["c.tsv"],
        cepRegistries: ["e.tsv"]), logLevel: nil)
  ),
  (["--check", "--write-baseline=b.json"], .check(CheckOptions(writeBaseline: "b.json"), logLevel: nil)),
])
func parsesCommandLines(arguments: [String], expected: NotesCommand) throws {
  #expect(try NotesCommandLine.parse(arguments) == expected)
}

@Test(arguments: [
  (["--bogus"], "unknown option '--bogus'"),
  (["--check", "--format", "xml"], "unknown format 'xml'"),
  (["--check", "--format"], "--format needs a value"),
  (["--check", "--format", "--no-config"], "--format needs a value"),
  (["--check", "--fail-on", "off"], "unknown severity 'off'"),
  (["--format", "json"], "--format is an option of --check"),
  (["notes"], "unexpected argument 'notes'"),
  (["--stdio", "--check"], "cannot be combined"),
  (["--check", "--config", "a", "--no-config"], "cannot be combined"),
  (["--log-level", "loud"], "unknown log level 'loud'"),
  (["--check", "--no-config=yes"], "takes no value"),
  (["--check", "--registry", "xyz=a"], "unknown registry kind"),
  (["--check", "--baseline", "a", "--write-baseline", "b"], "cannot be combined"),
  (["--fix"], "--fix is an option of --check"),
  (["new", "a", "b"], "one FOLDER only"),
  (["new", "--date", "2024-13-01"], "--date must be YYYY-MM-DD"),
])
func rejectsBadUsage(arguments: [String], message: String) {
  do {
    _ = try NotesCommandLine.parse(arguments)
    Issue.record("expected a usage error for \(arguments)")
  } catch {
    #expect(error.message.contains(message), "\(error.message)")
  }
}

@Test func helpDocumentsEveryOptionExitCodeAndRule() {
  let help = NotesCommandLine.helpText
  for option in [
    "--stdio", "--check", "--format", "--fail-on", "--config", "--no-config", "--log-level", "--help",
    "--version", "text", "json", "github", "sarif",
  ] {
    #expect(help.contains(option), "\(option)")
  }
  for code in ["0 ", "1 ", "2 "] { #expect(help.contains("\n  \(code)")) }
  for rule in RuleRegistry.rules { #expect(help.contains(rule.code.rawValue)) }
}

/// Every subcommand has its own help, listing each of its options.
@Test func everySubcommandHasItsHelp() {
  for subcommand in [NotesCommandLine.check] + NotesCommandLine.subcommands {
    let help = subcommand.helpText
    #expect(help.hasPrefix("usage: notes-lsp \(subcommand.invocation)"))
    for option in subcommand.options { #expect(help.contains(option.name), "\(subcommand.name): \(option.name)") }
  }
  for option in ["--min-severity", "--statistics", "--baseline", "--write-baseline", "--roster", "--registry"] {
    #expect(NotesCommandLine.helpText.contains(option), "\(option)")
  }
}

/// A baseline fingerprints a line by its words: the same whether the line is read as bytes (ASCII) or as characters.
@Test(arguments: [
  "", " ", "\t \t", "- [ ] (JK) check the workers", "  lead and trail  ", "a\t\tb   c", "x\ry", "é  and\tü ",
  "tab\tthen  😀 emoji", " \u{301}combining after a space", "| JK | John | @jk |",
])
func baselineLinesAreNormalisedByTheirWords(line: String) {
  let reference = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  #expect(Baseline.normalise(line) == reference)
}
