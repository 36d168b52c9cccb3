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
  (["--help"], .help),
  (["-h", "--bogus"], .help),
  (["--version"], .version),
  (["-V"], .version),
  (["new", "--date", "2024-01-01"], .notImplemented("new")),
  (["--check", "--fix"], .notImplemented("--fix")),
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
