import Foundation
import Testing

// The architecture invariants of README.md ("Architecture") that a machine can check, by reading the sources. (Which
// module imports which is enforced by `Package.swift`: SwiftPM refuses an undeclared import.)

/// The Swift files under a folder of the package, with their lines (comment lines left out).
private func sources(_ folder: String) -> [(path: String, lines: [String])] {
  let root = packageRoot.appendingPathComponent(folder)
  guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
  var files: [(String, [String])] = []
  while let url = walker.nextObject() as? URL {
    guard url.pathExtension == "swift" else { continue }
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    let code = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
      !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
    }
    files.append((String(url.path.dropFirst(packageRoot.path.count + 1)), code))
  }
  return files.sorted { $0.0 < $1.0 }
}

/// Lines of `files` matching a regular expression, as `path: line`.
private func matches(_ pattern: String, in files: [(path: String, lines: [String])]) -> [String] {
  let regex = try! NSRegularExpression(pattern: pattern)
  return files.flatMap { file in
    file.lines.filter { line in
      regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }.map { "\(file.path): \($0.trimmingCharacters(in: .whitespaces))" }
  }
}

@Test func theCoreHasNoInputOutputJSONOrProtocol() {
  let core = sources("Sources/NotesCore")
  #expect(core.count > 20)
  #expect(matches(#"^\s*(@testable\s+)?import\s+(?!Foundation\b)"#, in: core) == [], "the core imports only Foundation")
  let io =
    #"\b(FileManager|FileHandle|fopen|fread|contentsOfFile|(String|Data)\(contentsOf|write\(toFile|print\(|"#
    + #"JSONSerialization|JSONDecoder|JSONEncoder|JSONValue|ProcessInfo|DispatchQueue)"#
  #expect(matches(io, in: core) == [], "the core reads (uri, text) and returns values")
}

@Test func rulesNeverCallFeatures() {
  let rules = sources("Sources/NotesCore/Rules")
  #expect(!rules.isEmpty)
  let features = sources("Sources/NotesCore/Features").flatMap { file in
    matches(#"^\s*public\s+(enum|struct)\s+\w+"#, in: [file]).compactMap { line in
      line.split(separator: " ").drop { $0 != "enum" && $0 != "struct" }.dropFirst().first.map {
        String($0.prefix { $0.isLetter || $0.isNumber })
      }
    }
  }
  #expect(features.contains("DocumentSymbolFeature"))
  let pattern = #"\b([A-Za-z]+Feature|"# + features.joined(separator: "|") + #")\b"#
  #expect(matches(pattern, in: rules) == [], "a rule calls a feature")
}

@Test func handlersReadTypedParamsAndConvertOnlyThroughTheSeam() {
  let server = sources("Sources/NotesServer")
  #expect(matches(#"params\["#, in: server) == [], "a raw params read")
  let handlers = sources("Sources/NotesServer/Handlers")
  #expect(handlers.count >= 10)
  // Kind mappings and protocol values are made in ProtocolConversion.swift only.
  let construction =
    #"\b(SymbolKind|CompletionItemKind|DiagnosticSeverity|LSPDiagnostic|WorkspaceEdit|TextEdit|"#
    + #"InlayHint|CodeLens|DocumentSymbol|SymbolInformation|Location|FoldingRange|DocumentLink|Position)\("#
  #expect(matches(construction, in: handlers) == [], "a handler builds a protocol value itself")
  #expect(matches(#"switch\s+\S*\.kind\b"#, in: handlers) == [], "a handler maps a kind itself")
}
