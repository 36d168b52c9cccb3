// swift-tools-version: 6.0
// NOTE: Foundation only, by the project's rules: no package dependencies. The target graph below is the module map
// of README.md; SwiftPM refuses an import of a sibling target that is not declared here, which enforces it.
import PackageDescription

let package = Package(
  name: "notes-lsp",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "notes-lsp", targets: ["notes-lsp"]),
    .executable(name: "notes-bench", targets: ["notes-bench"]),
  ],
  targets: [
    // The analysis engine: text, parser, workspace model, diagnostics, features. No I/O, no JSON, no LSP.
    .target(name: "NotesCore"),
    // A JSON value with a position-reporting parser and a writer (used by configuration and protocol).
    .target(name: "NotesJSON"),
    // `.notes-lsp.json`, globs, file discovery and reading/writing files: the one place that touches the disk.
    .target(name: "NotesConfig", dependencies: ["NotesCore", "NotesJSON"]),
    // JSON-RPC 2.0 envelope and the LSP 3.17 subset we speak, as values over NotesJSON. No I/O.
    .target(name: "LSPProtocol", dependencies: ["NotesJSON"]),
    // Content-Length framing, the stdio connection and an in-memory connection for tests.
    .target(name: "LSPTransport", dependencies: ["LSPProtocol", "NotesJSON"]),
    // The language server: lifecycle, documents, index, handlers; the one conversion seam core <-> protocol.
    .target(
      name: "NotesServer",
      dependencies: ["NotesCore", "NotesConfig", "NotesJSON", "LSPProtocol", "LSPTransport"]),
    // `--check`: run the core over files and print text, json, github or sarif.
    .target(name: "NotesCheck", dependencies: ["NotesCore", "NotesConfig", "NotesJSON"]),
    // The executable: arguments, stdout guard, wiring.
    .executableTarget(name: "notes-lsp", dependencies: ["NotesCheck", "NotesServer", "NotesConfig", "NotesCore"]),
    // Benchmarks (not tests): `swift run -c release notes-bench`.
    .executableTarget(
      name: "notes-bench",
      dependencies: ["NotesCore", "NotesConfig", "NotesCheck", "NotesServer", "LSPProtocol", "LSPTransport", "NotesJSON"]),
    // Runs the VS Code extension's node tests and a headless Neovim against the built server.
    .testTarget(name: "EditorTests"),
    .testTarget(name: "NotesCoreTests", dependencies: ["NotesCore"], exclude: ["Golden", "Truth/tasks"]),
    // Also the server: the parity test compares what it publishes with what `--check` prints.
    .testTarget(
      name: "NotesCheckTests",
      dependencies: [
        "NotesCheck", "NotesConfig", "NotesCore", "NotesJSON", "NotesServer", "LSPProtocol", "LSPTransport",
      ],
      // Golden files are read from the source tree (`#filePath`), not bundled.
      exclude: ["Golden"]),
    .testTarget(name: "NotesJSONTests", dependencies: ["NotesJSON"]),
    .testTarget(
      name: "NotesServerTests",
      dependencies: ["NotesServer", "LSPProtocol", "LSPTransport", "NotesJSON", "NotesCore"]),
  ]
)
