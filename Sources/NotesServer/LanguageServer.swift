import Foundation
import LSPTransport
import NotesConfig

/// Tunables of a server instance.
public struct ServerOptions: Sendable {
  /// How long typing must pause before push diagnostics are computed (seconds).
  public var diagnosticsDelay: Double
  /// Where logs go and how much.
  public var logger: Logger
  /// The name and version reported in `initialize`.
  public var version: String
  /// An open document longer than this (UTF-8 bytes) is not parsed: it gets `file.too-large` and nothing else.
  public var maximumDocumentBytes: Int

  public init(
    diagnosticsDelay: Double = 0.15, logger: Logger = Logger(level: .info), version: String = "0.1.0",
    maximumDocumentBytes: Int = NoteFiles.maximumFileSize
  ) {
    self.diagnosticsDelay = diagnosticsDelay
    self.logger = logger
    self.version = version
    self.maximumDocumentBytes = maximumDocumentBytes
  }
}

/// The entry points of the language server.
public enum LanguageServer {
  /// Serves LSP over stdin/stdout until `exit` or the end of input. Guards stdout first (a stray `print` goes to
  /// stderr). Returns the process exit code: 0 after `shutdown` + `exit`, 1 otherwise.
  public static func runOverStdio(logLevel: String?) -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    let protocolFD = StdoutGuard.install()
    let logger = Logger(level: Logger.level(fromArgument: logLevel))
    var options = ServerOptions(logger: logger)
    if let raw = ProcessInfo.processInfo.environment["NOTES_LSP_DIAGNOSTICS_DELAY_MS"], let ms = Double(raw), ms >= 0 {
      options.diagnosticsDelay = ms / 1000
    }
    let connection = FileDescriptorConnection.stdio(protocolOutput: protocolFD)
    // Lines stderr does not take (by default info and below) go to the client once it has initialized.
    logger.forward(to: connection)
    let server = NotesLanguageServer(connection: connection, options: options)
    logger.info("notes-lsp \(options.version) serving LSP on stdio (pid \(ProcessInfo.processInfo.processIdentifier))")
    server.start()
    return server.waitForExit()
  }
}
