import Foundation
import NotesCheck
import NotesServer

// `notes-lsp`: the language server (no arguments, `--stdio`) or the checker (`--check`). See `--help`.

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())

// `new` and `--check --fix` (the cross-meeting commands) first; everything else is `NotesCommandLine`'s.
do {
  let output = StandardCheckOutput()
  // `items`, `people`, `report`: the workspace views parse their own options.
  if let code = ViewsCommandLine.run(
    arguments, currentDirectory: FileManager.default.currentDirectoryPath, output: output)
  {
    output.flush()
    exit(code)
  }
  if let code = CrossMeetingCommandLine.run(
    arguments, currentDirectory: FileManager.default.currentDirectoryPath, output: output)
  {
    output.flush()
    exit(code)
  }
}

let command: NotesCommand
do {
  command = try NotesCommandLine.parse(arguments)
} catch {
  printError("notes-lsp: \(error.message)")
  printError("Run 'notes-lsp --help' for usage.")
  exit(ExitCode.error)
}

switch command {
case .help:
  print(NotesCommandLine.helpText, terminator: "")
  exit(ExitCode.clean)
case .version:
  print("notes-lsp \(NotesLSPVersion.string)")
  exit(ExitCode.clean)
case .notImplemented(let name):
  printError("notes-lsp: \(name) is not yet implemented")
  exit(ExitCode.error)
case .check(let options, _):
  let output = StandardCheckOutput()
  let code = CheckEngine.run(options, currentDirectory: FileManager.default.currentDirectoryPath, output: output)
  output.flush()
  exit(code)
case .server(let logLevel):
  exit(LanguageServer.runOverStdio(logLevel: logLevel))
}
