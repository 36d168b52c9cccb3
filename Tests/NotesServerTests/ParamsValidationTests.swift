import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// Every request validates its params: for every request the server handles, valid params are answered, and each
// member of them removed (when required) or given the wrong type is -32602 Invalid params.

/// One request: valid params, and the member paths that may be left out.
private struct ParamsCase: CustomStringConvertible {
  var method: String
  var params: JSONValue
  var optional: Set<String> = []
  var description: String { method }
}

private let note = """
  # 2024-06-12 conda-forge core meeting

  ## Attendees

  | Name | Initials | GitHub ID | Affiliation |
  | ---- | -------- | --------- | ----------- |
  | Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight |

  - [ ] (JRG) draft the release notes
  - [ ] nobody owns this item

  """

private func cases(uri: String, folder: String) -> [ParamsCase] {
  let document: JSONValue = ["uri": .string(uri)]
  let position: JSONValue = ["line": 8, "character": 8]
  let range: JSONValue = ["start": ["line": 9, "character": 2], "end": ["line": 9, "character": 2]]
  let at: JSONValue = ["textDocument": document, "position": position]
  return [
    ParamsCase(method: "shutdown", params: .null),
    ParamsCase(
      method: "textDocument/completion",
      params: [
        "textDocument": document, "position": position, "context": ["triggerKind": 1, "triggerCharacter": "("],
      ],
      optional: ["context", "context.triggerKind", "context.triggerCharacter"]),
    ParamsCase(method: "textDocument/hover", params: at),
    ParamsCase(method: "textDocument/definition", params: at),
    ParamsCase(method: "textDocument/documentSymbol", params: ["textDocument": document]),
    ParamsCase(method: "textDocument/foldingRange", params: ["textDocument": document]),
    ParamsCase(method: "textDocument/documentLink", params: ["textDocument": document]),
    ParamsCase(
      method: "textDocument/diagnostic",
      params: ["textDocument": document, "identifier": "notes-lsp", "previousResultId": "1"],
      optional: ["identifier", "previousResultId"]),
    ParamsCase(
      method: "textDocument/references",
      params: ["textDocument": document, "position": position, "context": ["includeDeclaration": true]]),
    ParamsCase(method: "textDocument/prepareRename", params: at),
    ParamsCase(
      method: "textDocument/rename", params: ["textDocument": document, "position": position, "newName": "JRGG"]),
    ParamsCase(method: "workspace/symbol", params: ["query": "JRG"]),
    ParamsCase(
      method: "textDocument/codeAction",
      params: [
        "textDocument": document, "range": range,
        "context": [
          "diagnostics": [
            ["range": range, "message": "unowned", "code": "action-item.unowned", "severity": 2]
          ],
          "only": ["quickfix"], "triggerKind": 1,
        ],
      ],
      optional: [
        "context.only", "context.triggerKind", "context.diagnostics[0].code", "context.diagnostics[0].severity",
      ]),
    ParamsCase(
      method: "workspace/executeCommand",
      params: ["command": "notes-lsp.newMeeting", "arguments": [["uri": .string(folder), "date": "2031-01-01"]]],
      optional: ["arguments", "arguments[0].uri", "arguments[0].date"]),
    ParamsCase(
      method: "textDocument/inlayHint", params: ["textDocument": document, "range": range]),
    ParamsCase(method: "textDocument/codeLens", params: ["textDocument": document]),
  ]
}

/// Every member of `json` with its path (`context.diagnostics[0].range.start.line`).
private func paths(_ json: JSONValue, _ prefix: String = "") -> [(String, JSONValue)] {
  var result: [(String, JSONValue)] = []
  switch json {
  case .object(let object):
    for (key, value) in object {
      let path = prefix.isEmpty ? key : "\(prefix).\(key)"
      result.append((path, value))
      result += paths(value, path)
    }
  case .array(let elements):
    for (index, value) in elements.enumerated() {
      let path = "\(prefix)[\(index)]"
      result.append((path, value))
      result += paths(value, path)
    }
  default: break
  }
  return result
}

/// `json` with the member at `path` replaced (or removed, with nil).
private func replacing(_ json: JSONValue, at path: String, with value: JSONValue?) -> JSONValue {
  func walk(_ json: JSONValue, _ rest: Substring) -> JSONValue {
    if rest.hasPrefix("[") {
      guard case .array(var elements) = json, let close = rest.firstIndex(of: "]"),
        let index = Int(rest[rest.index(after: rest.startIndex)..<close])
      else { return json }
      var after = rest[rest.index(after: close)...]
      if after.hasPrefix(".") { after = after.dropFirst() }
      if after.isEmpty {
        if let value { elements[index] = value } else { elements.remove(at: index) }
      } else {
        elements[index] = walk(elements[index], after)
      }
      return .array(elements)
    }
    guard case .object(var object) = json else { return json }
    let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
    let key = String(rest[..<end])
    var after = rest[end...]
    if after.hasPrefix(".") { after = after.dropFirst() }
    if after.isEmpty {
      object[key] = value
      if value == nil { object = JSONObject(object.filter { $0.key != key }.map { ($0.key, $0.value) }) }
    } else if let inner = object[key] {
      object[key] = walk(inner, after)
    }
    return .object(object)
  }
  return walk(json, Substring(path))
}

/// A value of another JSON type than `value`.
private func mistyped(_ value: JSONValue) -> JSONValue {
  switch value {
  case .string: return true
  case .int, .double, .bool, .null: return "7"
  case .array, .object, .encoded: return 7
  }
}

@Test func everyRequestAnswersAWrongOrMissingParamWithInvalidParams() throws {
  let fixture = try FixtureWorkspace(files: ["notes/2024-06-12.md": note])
  defer { fixture.remove() }
  let client = TestClient()
  client.initialize(root: fixture.root)
  let uri = fixture.uri("notes/2024-06-12.md")
  client.open(uri, note)
  let all = cases(uri: uri, folder: fixture.uri("notes/"))
  // The table covers every request the server answers (initialize: below, on fresh servers).
  #expect(
    Set(all.map(\.method)).union(["initialize"]) == Set(NotesLanguageServer.messages.requestMethods),
    "a request without a row in this table")
  var checked = 0
  var wrong: [String] = []
  for row in all where row.method != "shutdown" {
    if let error = client.request(row.method, row.params)?.errorCode, error == -32602 {
      wrong.append("\(row.method) with valid params: -32602")
    }
    for params in [JSONValue.null, [1, 2], [:]] {
      checked += 1
      if client.request(row.method, params)?.errorCode != -32602 { wrong.append("\(row.method) with \(params)") }
    }
    for (path, value) in paths(row.params) {
      checked += 1
      let bad = replacing(row.params, at: path, with: mistyped(value))
      if client.request(row.method, bad)?.errorCode != -32602 { wrong.append("\(row.method): \(path) mistyped") }
      guard !path.hasSuffix("]") else { continue }  // Array elements: no "missing".
      checked += 1
      let without = replacing(row.params, at: path, with: nil)
      let code = client.request(row.method, without)?.errorCode
      if row.optional.contains(path) {
        if code == -32602 { wrong.append("\(row.method): optional \(path) left out gave -32602") }
      } else if code != -32602 {
        wrong.append("\(row.method): \(path) left out answered \(code.map(String.init) ?? "a result")")
      }
    }
  }
  print("params validation: \(checked) malformed params over \(all.count + 1) requests, \(wrong.count) wrong")
  #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
  // The bug of the audit: codeAction without or with a mistyped range answered null.
  let codeAction = all.first { $0.method == "textDocument/codeAction" }!.params
  #expect(client.request("textDocument/codeAction", replacing(codeAction, at: "range", with: nil))?.errorCode == -32602)
  #expect(client.request("textDocument/codeAction", replacing(codeAction, at: "range", with: 3))?.errorCode == -32602)
  #expect(client.shutdownAndExit() == 0)
}

@Test func initializeAnswersAWrongOrMissingParamWithInvalidParams() {
  let valid: JSONValue = [
    "processId": 1, "capabilities": [:], "rootUri": "file:///nowhere", "rootPath": "/nowhere",
    "workspaceFolders": [["uri": "file:///nowhere", "name": "nowhere"]], "trace": "off",
    "clientInfo": ["name": "test"], "locale": "en",
  ]
  var wrong: [String] = []
  for (path, value) in paths(valid) where !path.hasPrefix("clientInfo.") {
    let client = TestClient()
    if client.request("initialize", replacing(valid, at: path, with: mistyped(value)))?.errorCode != -32602 {
      wrong.append("\(path) mistyped")
    }
    client.connection.close()
  }
  let client = TestClient()
  #expect(client.request("initialize", replacing(valid, at: "capabilities", with: nil))?.errorCode == -32602)
  #expect(client.request("initialize", [1])?.errorCode == -32602)
  #expect(client.request("initialize", valid)?.resultValue?["capabilities"] != nil)
  #expect(wrong.isEmpty, "\(wrong)")
  #expect(client.shutdownAndExit() == 0)
}
