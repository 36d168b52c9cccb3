import Foundation
import NotesCore
import NotesJSON

/// What `.notes-lsp.json` (or LSP `initializationOptions`) configures, with paths resolved to absolute file URLs.
public struct NotesConfiguration: Sendable {
  /// The file this came from, nil for defaults or editor settings.
  public var file: URL?
  /// Settings the core obeys (rule severities, failing severity, stale threshold, inlay hints).
  public var settings: NotesSettings
  /// Globs (relative to the configuration's folder) of files to check; empty means every `*.md` / `*.markdown`.
  public var include: [String]
  /// Globs of files and folders to skip, in addition to `.git` and `node_modules`.
  public var exclude: [String]
  /// Roster files (`github_username,email,name`).
  public var rosters: [URL]
  /// CFEP registries (`cfeps.tsv` format).
  public var cfepRegistries: [URL]
  /// CEP registries (`ceps.tsv` format).
  public var cepRegistries: [URL]
  /// A template for `notes-lsp new`, when configured.
  public var template: URL?

  public init(
    file: URL? = nil, settings: NotesSettings = NotesSettings(), include: [String] = [], exclude: [String] = [],
    rosters: [URL] = [], cfepRegistries: [URL] = [], cepRegistries: [URL] = [], template: URL? = nil
  ) {
    self.file = file
    self.settings = settings
    self.include = include
    self.exclude = exclude
    self.rosters = rosters
    self.cfepRegistries = cfepRegistries
    self.cepRegistries = cepRegistries
    self.template = template
  }
}

/// A configuration that cannot be used: where and why. Never silently ignored.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based; 0 when the problem is not at a line (unreadable file).
  public var line: Int
  public var column: Int
  public var reason: String

  public init(file: String, line: Int, column: Int, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String { line > 0 ? "\(file):\(line):\(column): \(reason)" : "\(file): \(reason)" }
}

extension NotesConfiguration {
  /// The name of the configuration file.
  public static let fileName = ".notes-lsp.json"

  /// Finds `.notes-lsp.json` in `directory` or the nearest folder above it.
  public static func find(from directory: URL) -> URL? {
    nil  // FIXME: stub (check helper)
  }

  /// Reads and validates a configuration file; paths in it are relative to its folder.
  public static func load(from file: URL) throws(ConfigurationError) -> NotesConfiguration {
    NotesConfiguration(file: file)  // FIXME: stub (check helper)
  }

  /// Validates a configuration given as JSON (the file's content, or LSP `initializationOptions` /
  /// `workspace/didChangeConfiguration` settings), resolving relative paths against `baseDirectory`.
  public static func parse(_ json: JSONValue, baseDirectory: URL, source: String) throws(ConfigurationError)
    -> NotesConfiguration
  {
    NotesConfiguration()  // FIXME: stub (check helper)
  }
}
