import Foundation
import NotesCheck
import NotesServer

// `notes-lsp`: the language server (no arguments, `--stdio`), the checker (`--check`, `--check --fix`) or a
// subcommand (`new`, …). One parser reads every command line (`NotesCommandLine`); see `--help`.

let arguments = Array(CommandLine.arguments.dropFirst())

let command: NotesCommand
do {
  command = try NotesCommandLine.parse(arguments)
} catch {
  FileHandle.standardError.write(
    Data("notes-lsp: \(error.message)\n\(NotesCommandLine.usageHint(for: arguments))\n".utf8))
  exit(ExitCode.error)
}

if case .server(let logLevel) = command {
  exit(LanguageServer.runOverStdio(logLevel: logLevel))
}
let output = StandardCheckOutput()
let code = NotesCommandLine.run(
  command, context: CommandContext(currentDirectory: FileManager.default.currentDirectoryPath, output: output))
output.flush()
exit(code)
