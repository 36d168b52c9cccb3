import Foundation
import NotesConfig
import NotesCore

/// `notes-lsp --check`: finds the files, runs the core over them in two passes and prints what it finds.
///
/// Pass 1 parses every file and `index`es it into one `NotesWorkspace` (people, dates, series, open items — no
/// texts); pass 2 parses each file again and asks the workspace for its diagnostics, printing them before reading the
/// next file. Memory therefore grows with the people and items of the workspace, not with its text.
public struct CheckEngine: Sendable {
  public var configuration: NotesConfiguration
  /// The folder paths are printed relative to.
  public var currentDirectory: String
  /// The severity at or above which findings fail the run (exit 1).
  public var failOn: Severity
  /// How many files are read and parsed at once (default: one per core).
  public var concurrency = ProcessInfo.processInfo.activeProcessorCount
  /// Pass 1 keeps parsed notes for pass 2 while their texts total at most this many bytes, so a small workspace is
  /// read and parsed once; beyond it, files are read again. NOTE: a fixed budget keeps memory bounded whatever the
  /// number of files (0 turns the cache off: pure streaming).
  public var documentCacheBudget = 2 * 1024 * 1024

  public init(configuration: NotesConfiguration, currentDirectory: String, failOn: Severity? = nil) {
    self.configuration = configuration
    self.currentDirectory = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
    self.failOn = failOn ?? configuration.settings.failOn
  }

  // MARK: - Running from the command line

  /// Runs `--check` as the command line asked: configuration, discovery, both passes, output. Returns the exit code.
  public static func run(_ options: CheckOptions, currentDirectory: String, output: CheckOutput) -> Int32 {
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let roots = (options.paths.isEmpty ? ["."] : options.paths).map { path in
      path.hasPrefix("/")
        ? URL(fileURLWithPath: path).standardizedFileURL
        : cwd.appendingPathComponent(path).standardizedFileURL
    }

    // Configuration: --no-config, --config FILE, or .notes-lsp.json upward from the first path.
    // NOTE: one configuration per run, found from the first PATH (its folder for a file): a workspace is one set
    // of people and series, and pre-commit passes paths of one repository.
    var configuration = NotesConfiguration()
    do {
      if let file = options.configFile {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : cwd.appendingPathComponent(file)
        configuration = try NotesConfiguration.load(from: url.standardizedFileURL)
      } else if !options.noConfig, let found = NotesConfiguration.find(from: roots[0]) {
        configuration = try NotesConfiguration.load(from: found)
      }
    } catch {
      reportConfigurationError(error, format: options.format, currentDirectory: cwd.path, output: output)
      return ExitCode.error
    }

    let engine = CheckEngine(configuration: configuration, currentDirectory: cwd.path, failOn: options.failOn)
    var workspace = NotesWorkspace(settings: configuration.settings)
    do {
      try configuration.apply(to: &workspace)
    } catch {
      reportConfigurationError(
        ConfigurationError(file: error.path, line: 0, column: 0, reason: "cannot read: \(error.reason)"),
        format: options.format, currentDirectory: cwd.path, output: output)
      return ExitCode.error
    }
    let discovery = NoteFiles.discovery(roots: roots, configuration: configuration)
    let problems = discovery.problems.map { CheckProblem(path: engine.displayPath($0.path), message: $0.reason) }
    let result = engine.check(
      files: discovery.files, workspace: workspace, format: options.format, output: output, problems: problems)
    return result.exitCode
  }

  static func reportConfigurationError(
    _ error: ConfigurationError, format: OutputFormat, currentDirectory: String, output: CheckOutput
  ) {
    var shown = error
    shown.file = CheckEngine.displayPath(error.file, currentDirectory: currentDirectory)
    output.writeError("notes-lsp: configuration error: \(shown)\n")
    if format == .github {
      var properties = "file=\(GitHubReporter.escapeProperty(shown.file))"
      if shown.line > 0 { properties += ",line=\(shown.line),col=\(shown.column)" }
      output.write("::error \(properties),title=notes-lsp configuration::\(GitHubReporter.escapeData(shown.reason))\n")
      output.flush()
    }
  }

  // MARK: - Checking

  /// What a run found.
  public struct Result: Sendable {
    public var summary: CheckSummary
    public var problems: [CheckProblem]
    public var exitCode: Int32
  }

  /// Checks `files` (in the order given) against `workspace` (rosters and registries already loaded), writing
  /// `format` to `output`. `problems` found earlier (missing paths) are reported with the others.
  public func check(
    files: [URL], workspace initial: NotesWorkspace, format: OutputFormat, output: CheckOutput,
    problems initialProblems: [CheckProblem] = []
  ) -> Result {
    var workspace = initial
    workspace.settings = configuration.settings
    var problems = initialProblems
    var unreadable = Set<String>()
    // NOTE: files are read and parsed on every core, a chunk at a time (so memory stays bounded by the chunk, not
    // the workspace); indexing and printing stay sequential and in file order, so output is deterministic.
    let chunkSize = max(1, concurrency) * 16

    // Pass 1: index every note.
    // NOTE: the summaries are made with the parse, on every core, and the next chunk is read and parsed while this
    // one is indexed (in file order, on this thread), so indexing does not leave the other cores idle.
    var cache: [String: Loaded] = [:]
    var cachedBytes = 0
    let settings = workspace.settings
    let engine = self
    let chunks = stride(from: 0, to: files.count, by: chunkSize).map {
      Array(files[$0..<min(files.count, $0 + chunkSize)])
    }
    let loadChunk: @Sendable ([URL]) -> [(Loaded, NoteSummary?)] = { chunk in
      engine.inParallel(chunk.count) { i in
        let item = engine.load(chunk[i], settings: settings)
        if case .document(let document, _, _) = item { return (item, NoteSummary(document)) }
        return (item, nil)
      }
    }
    var pending = chunks.isEmpty ? nil : PendingChunk(chunks[0], loadChunk)
    for (k, chunk) in chunks.enumerated() {
      guard let current = pending?.wait() else { break }
      // NOTE: only the settings go to the parallel reads: a copy of the workspace alive while `index` mutates it
      // would make every chunk copy the whole index.
      pending = k + 1 < chunks.count ? PendingChunk(chunks[k + 1], loadChunk) : nil
      for (i, (item, summary)) in current.enumerated() {
        switch item {
        case .document(_, _, let bytes):
          if let summary { workspace.index(summary: summary) }
          if cachedBytes + bytes <= documentCacheBudget {
            cache[chunk[i].path] = item
            cachedBytes += bytes
          }
        case .unreadable(let problem):
          unreadable.insert(chunk[i].path)
          problems.append(problem)
        case .skipped: break
        }
      }
    }
    var start = 0

    // Pass 2: diagnostics, file by file, streamed.
    var reporter = makeReporter(format, currentDirectory: currentDirectory)
    var summary = CheckSummary()
    reporter.begin(output: output)
    let remaining = files.filter { !unreadable.contains($0.path) }
    let snapshot = workspace
    start = 0
    while start < remaining.count {
      let chunk = Array(remaining[start..<min(remaining.count, start + chunkSize)])
      let engine = self
      let cached = chunk.map { cache.removeValue(forKey: $0.path) }
      let reports = inParallel(chunk.count) { i in
        engine.report(
          chunk[i], loaded: cached[i] ?? engine.load(chunk[i], settings: snapshot.settings), workspace: snapshot)
      }
      for report in reports {
        if let problem = report.problem {
          problems.append(problem)
          continue
        }
        summary.files += 1
        summary.bytes += report.bytes
        if report.isMeetingNote { summary.notes += 1 }
        for f in report.findings { summary.count(f.severity) }
        reporter.file(report.findings, output: output)
        output.flush()
      }
      start += chunk.count
    }
    summary.problems = problems.count
    for problem in problems { output.writeError("notes-lsp: \(problem.path): \(problem.message)\n") }
    reporter.finish(summary: summary, problems: problems, output: output)
    output.flush()
    let exitCode: Int32 =
      !problems.isEmpty
      ? ExitCode.error : summary.count(atOrAbove: failOn) > 0 ? ExitCode.findings : ExitCode.clean
    return Result(summary: summary, problems: problems, exitCode: exitCode)
  }

  /// What pass 2 found in one file.
  struct FileReport: Sendable {
    var findings: [Finding] = []
    var isMeetingNote = false
    var bytes = 0
    var problem: CheckProblem?
  }

  func report(_ url: URL, loaded: Loaded, workspace: NotesWorkspace) -> FileReport {
    let path = displayPath(url.path)
    var report = FileReport()
    let diagnostics: [Diagnostic]
    let source: SourceText
    switch loaded {
    case .unreadable(let problem):
      report.problem = problem
      return report
    case .skipped(let fileDiagnostics, let skippedSource, let bytes):
      source = skippedSource
      diagnostics = fileDiagnostics
      report.bytes = bytes
    case .document(let document, let decoded, let bytes):
      source = document.source
      diagnostics = workspace.diagnostics(for: document, decoded: decoded)
      report.isMeetingNote = document.isMeetingNote
      report.bytes = bytes
    }
    report.findings = diagnostics.map { finding($0, path: path, source: source) }
    report.findings.sort { ($0.line, $0.column, $0.code.rawValue) < ($1.line, $1.column, $1.code.rawValue) }
    return report
  }

  /// `body(0..<count)` on every core; results in index order.
  func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    if concurrency <= 1 || count <= 1 { return (0..<count).map(body) }
    let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    buffer.initialize(repeating: nil)
    defer {
      _ = buffer.deinitialize()
      buffer.deallocate()
    }
    nonisolated(unsafe) let slots = buffer
    DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    return buffer.compactMap { $0 }
  }

  /// A chunk being read and parsed on other threads while the caller goes on.
  final class PendingChunk: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: [(Loaded, NoteSummary?)] = []

    init(_ chunk: [URL], _ load: @escaping @Sendable ([URL]) -> [(Loaded, NoteSummary?)]) {
      group.enter()
      DispatchQueue.global().async {
        self.result = load(chunk)
        self.group.leave()
      }
    }

    /// The chunk's files, loaded (waits for them).
    func wait() -> [(Loaded, NoteSummary?)] {
      group.wait()
      return result
    }
  }

  // MARK: - One file

  enum Loaded: Sendable {
    /// A parsed note and its decoded text (for the file-level diagnostics).
    case document(NoteDocument, DecodedText, bytes: Int)
    /// Not read as a note (binary or too large): only the file's own diagnostics, over `source`.
    case skipped([Diagnostic], SourceText, bytes: Int)
    case unreadable(CheckProblem)
  }

  /// The URI a file is known by in the workspace: a `file://` URI, as editors send.
  public static func uri(of url: URL) -> String { url.standardizedFileURL.absoluteString }

  func load(_ url: URL, settings: NotesSettings) -> Loaded {
    if let size = NoteFiles.size(of: url), size > NoteFiles.maximumFileSize {
      var diagnostics: [Diagnostic] = []
      if let severity = settings.severity(for: .fileTooLarge) {
        let megabytes = (Double(size) / 1_048_576 * 10).rounded() / 10
        diagnostics.append(
          Diagnostic(
            code: .fileTooLarge, severity: severity,
            message: "The file is \(megabytes) MiB, more than the 10 MiB a note can be; it was not checked. "
              + "Exclude it in .notes-lsp.json.",
            range: TextRange(utf8Start: 0, utf8End: 0)))
      }
      return .skipped(diagnostics, SourceText(""), bytes: 0)
    }
    let bytes: [UInt8]
    do {
      bytes = try NoteFiles.readBytes(url)
    } catch {
      return .unreadable(CheckProblem(path: displayPath(url.path), message: error.reason))
    }
    let decoded = DecodedText(bytes: bytes)
    if decoded.issues.contains(.binary) {
      // NOTE: a binary file is reported (`file.binary`) and not read as a note: its "lines" would only be noise.
      let source = SourceText(decoded.text)
      return .skipped(
        FileDiagnostics.diagnostics(decoded, source: source, settings: settings), source, bytes: bytes.count)
    }
    let document = NoteParser.parse(uri: Self.uri(of: url), text: decoded.text)
    return .document(document, decoded, bytes: bytes.count)
  }

  func finding(_ diagnostic: Diagnostic, path: String, source: SourceText) -> Finding {
    let start = source.oneBasedLineColumn(ofUTF8Offset: diagnostic.range.utf8Start)
    let end = source.oneBasedLineColumn(ofUTF8Offset: diagnostic.range.utf8End)
    var finding = Finding(
      path: path, code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, line: start.line,
      column: start.column, endLine: end.line, endColumn: end.column)
    finding.related = diagnostic.related.map { related in
      let file = URL(string: related.uri).map(\.path) ?? related.uri
      return FindingLocation(path: displayPath(file), line: related.line + 1, message: related.message)
    }
    return finding
  }

  // MARK: - Paths

  /// `path` relative to the current folder when it lies under it, else as given.
  public func displayPath(_ path: String) -> String {
    CheckEngine.displayPath(path, currentDirectory: currentDirectory)
  }

  /// NOTE: paths print relative to the current folder, with `../` when the file is beside it (`../notes/x.md`),
  /// so that they stay short and clickable; only when the two share nothing but `/` is the path absolute.
  static func displayPath(_ path: String, currentDirectory: String) -> String {
    // Paths from discovery are already absolute and standardized: build a URL only for the others.
    let isClean = path.hasPrefix("/") && !path.contains("/.") && !path.contains("//")
    let standardized = isClean ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    if let relative = NoteFiles.relativePath(standardized, under: currentDirectory), !relative.isEmpty {
      return relative
    }
    let target = standardized.split(separator: "/", omittingEmptySubsequences: true)
    let base = currentDirectory.split(separator: "/", omittingEmptySubsequences: true)
    var common = 0
    while common < target.count && common < base.count && target[common] == base[common] { common += 1 }
    guard common > 0 else { return standardized }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + target[common...].map(String.init)).joined(separator: "/")
  }
}
