import Foundation
import LSPProtocol
import LSPTransport
import NotesCore
import NotesJSON

// Shared by `notes-bench fuzz --protocol` and Tests/NotesServerTests/ProtocolFuzzTests.swift (Fuzz/ links to
// this file): malformed and mistyped JSON-RPC / LSP messages against the in-process server.

/// What a protocol fuzz run saw.
struct ProtocolFuzzReport {
  var steps = 0
  var requests = 0
  /// Broken promises of the JSON-RPC contract: a request answered twice or never, a wrong error code, a server that
  /// stopped answering.
  var violations: [String] = []
  /// Answers to requests of known methods with mistyped or missing params: error code (0 for a result) → count.
  var mistypedAnswers: [Int: Int] = [:]
  /// Mistyped requests answered with a result rather than -32602, by method.
  var mistypedResults: [String: Int] = [:]
  /// Sweep answers that break the params contract (see `ProtocolFuzzer.expectedCodes`): a required field missing or
  /// any field of the wrong type answered with a result, or an optional field left out answered with an error.
  var contractBreaks: [String] = []
  var seconds = 0.0
}

/// Sends `steps` random cases to a fresh server, each followed by a valid hover that must be answered: framing
/// errors, bodies that are not JSON, JSON that is not a request, unknown methods, known methods with mistyped or
/// missing params (requests and notifications), `initialize` twice; requests before `initialize` (-32002) and after
/// `shutdown` (-32600). Every request id gets exactly one answer.
struct ProtocolFuzzer {
  let seed: UInt64
  let steps: Int

  /// The requests the server handles, with valid params (`DOC` is replaced by the open note's URI).
  static func requestTemplates(_ doc: String) -> [(method: String, params: JSONValue)] {
    let document: JSONValue = ["uri": .string(doc)]
    let position: JSONValue = ["line": 15, "character": 8]  // On `JRG` in `NoteMutator.fallback`.
    let range: JSONValue = ["start": ["line": 12, "character": 0], "end": ["line": 14, "character": 3]]
    let at: JSONValue = ["textDocument": document, "position": position]
    return [
      ("textDocument/hover", at), ("textDocument/definition", at), ("textDocument/completion", at),
      ("textDocument/prepareRename", at),
      (
        "textDocument/references",
        ["textDocument": document, "position": position, "context": ["includeDeclaration": true]]
      ),
      ("textDocument/rename", ["textDocument": document, "position": position, "newName": "ZZ"]),
      ("textDocument/documentSymbol", ["textDocument": document]),
      ("textDocument/foldingRange", ["textDocument": document]),
      ("textDocument/documentLink", ["textDocument": document]),
      ("textDocument/codeLens", ["textDocument": document]),
      ("textDocument/inlayHint", ["textDocument": document, "range": range]),
      ("textDocument/diagnostic", ["textDocument": document]),
      ("textDocument/codeAction", ["textDocument": document, "range": range, "context": ["diagnostics": []]]),
      ("workspace/symbol", ["query": "JRG"]),
      (
        "workspace/executeCommand",
        ["command": "notes-lsp.newMeeting", "arguments": [["uri": .string(doc), "date": "2024-02-07"]]]
      ),
    ]
  }

  /// The notifications the server handles, with valid params.
  static func notificationTemplates(_ doc: String, folder: String) -> [(method: String, params: JSONValue)] {
    let document: JSONValue = ["uri": .string(doc), "version": 50]
    return [
      (
        "textDocument/didOpen",
        [
          "textDocument": [
            "uri": .string(doc), "languageId": "markdown", "version": 1, "text": .string(NoteMutator.fallback),
          ]
        ]
      ),
      (
        "textDocument/didChange",
        [
          "textDocument": document,
          "contentChanges": [
            ["range": ["start": ["line": 3, "character": 0], "end": ["line": 3, "character": 2]], "text": "🎉"]
          ],
        ]
      ),
      ("textDocument/didSave", ["textDocument": ["uri": .string(doc)]]),
      ("textDocument/didClose", ["textDocument": ["uri": .string(doc)]]),
      ("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(doc), "type": 2]]]),
      ("workspace/didChangeConfiguration", ["settings": ["notes-lsp": ["diagnosticsDelayMs": 0]]]),
      (
        "workspace/didChangeWorkspaceFolders",
        [
          "event": [
            "added": [["uri": .string(folder), "name": "x"]], "removed": [["uri": .string(folder), "name": "x"]],
          ]
        ]
      ),
      ("$/cancelRequest", ["id": 999_999]),
      ("$/setTrace", ["value": "off"]),
    ]
  }

  /// Values of every JSON type, and numbers at the edges.
  static func oddValues(_ doc: String) -> [JSONValue] {
    [
      .null, .bool(true), .bool(false), .int(0), .int(-1), .int(7), .int(2_147_483_648), .int(-9_007_199_254_740_991),
      .double(1.5), .double(-0.0), .double(1e300), .string(""), .string(doc), .string("file:///nowhere/x.md"),
      .string("🎉 Rodríguez"), .string("\u{0}\r\n"), .string("- [ ] (AB"), .array([]), .array([1, 2]),
      .array([.string(doc)]), .object([:]), ["line": 1, "character": 1], ["uri": .string(doc)],
    ]
  }

  func run() -> ProtocolFuzzReport {
    var report = ProtocolFuzzReport()
    let started = Date()
    var random = FuzzRandom(seed: seed)
    let folder = FuzzFolder("notes-protocol-fuzz")
    defer { folder.remove() }
    let doc = folder.uri("2024-01-10.md")
    let requests = Self.requestTemplates(doc)
    let notifications = Self.notificationTemplates(doc, folder: folder.url.absoluteString)
    let odd = Self.oddValues(doc)
    let client = FuzzServerClient()
    var sent: [RequestID] = []

    func expect(_ id: RequestID, code: Int?, _ what: String) {
      sent.append(id)
      report.requests += 1
      guard let answer = client.answer(to: id, timeout: 30) else {
        report.violations.append("\(what): no answer")
        return
      }
      if let code, answer.fuzzErrorCode != code {
        report.violations.append(
          "\(what): answered \(answer.fuzzErrorCode.map(String.init) ?? "a result"), not \(code)")
      }
    }

    // Before initialize: every request is -32002, notifications are dropped, parse errors are still -32700.
    for n in 0..<max(3, steps / 20) {
      let (method, params) = random.pick(requests + [("shutdown", .null), ("x/unknown", [:])])
      let id = client.newID()
      client.send(id, method, random.oneIn(3) ? mistype(params, &random, odd) : params)
      expect(id, code: -32002, "before initialize #\(n) \(method)")
      if random.oneIn(4) { client.notify(random.pick(notifications).method, random.pick(odd)) }
    }
    let encoding = random.pick(PositionEncoding.allCases)
    if client.initialize(root: folder.url, encoding: encoding, pull: true)?.fuzzResult == nil {
      report.violations.append("initialize was not answered with a result")
      return report
    }
    client.open(doc, NoteMutator.fallback)

    for step in 0..<steps {
      report.steps += 1
      let nullErrorsBefore = client.nullIDErrorCodes.count
      var expectNullErrors: Set<Int> = []
      var errorRequired = true
      var what = ""
      switch random.below(12) {
      case 0:
        // A body that is not JSON, or JSON cut short.
        let valid = Message.request(id: .int(1), method: "textDocument/hover", params: requests[0].params)
        let bytes = valid.json.serializedBytes()
        let cut = random.oneIn(2) ? Array(bytes.prefix(random.below(bytes.count))) : Array("{\"jsonrpc\": 2.0,".utf8)
        client.sendRaw(MessageFramer.frame(cut.isEmpty ? Array("}".utf8) : cut))
        expectNullErrors = [-32700]
        what = "truncated JSON body"
      case 1:
        // A wrong Content-Length: too short (the rest of the body is read as headers) or too long (the frame is
        // completed with bytes that are not JSON), or a broken header; then a blank line to end the garbage.
        let body = Message.request(id: .string("framing"), method: "textDocument/hover", params: requests[0].params)
          .json
          .serializedBytes()
        switch random.below(4) {
        case 0:
          let declared = max(1, random.below(body.count))
          client.sendRaw(Array("Content-Length: \(declared)\r\n\r\n".utf8) + body)
          what = "Content-Length \(declared) for a body of \(body.count)"
        case 1:
          let extra = 1 + random.below(20)
          client.sendRaw(
            Array("Content-Length: \(body.count + extra)\r\n\r\n".utf8) + body + [UInt8](repeating: 0x78, count: extra))
          what = "Content-Length \(extra) bytes too long"
        case 2:
          client.sendRaw(Array("Content-Length: \(random.pick(["-1", "abc", "1e3", "", "0x10"]))\r\n\r\n".utf8) + body)
          what = "bad Content-Length value"
        default:
          client.sendRaw((0..<(1 + random.below(100))).map { _ in UInt8(truncatingIfNeeded: random.next()) })
          what = "random bytes"
          errorRequired = false
        }
        client.sendRaw(Array("\r\n\r\n".utf8))
        expectNullErrors = [-32700, -32600]
      case 2:
        // JSON that is not an object: -32600 with a null id.
        let value = random.pick([JSONValue.int(3), .string("x"), .null, .array([]), .array([["jsonrpc": "2.0"]])])
        client.sendRaw(MessageFramer.frame(value.serializedBytes()))
        expectNullErrors = [-32600]
        what = "a message that is not an object"
      case 3:
        // An object that is not a valid request: -32600, with the id when it could be read.
        let id = client.newID()
        var object: JSONObject = ["jsonrpc": "2.0", "id": id.json, "method": "textDocument/hover"]
        switch random.below(4) {
        case 0: object["jsonrpc"] = random.pick([JSONValue.string("1.0"), .int(2), .null])
        case 1: object["method"] = random.pick([JSONValue.int(1), .null, .array([]), .object([:])])
        case 2: object["params"] = random.pick([JSONValue.int(1), .string("x"), .bool(true)])
        default: object["method"] = nil
        }
        client.sendRaw(MessageFramer.frame(JSONValue.object(object).serializedBytes()))
        expect(id, code: -32600, "invalid request \(JSONValue.object(object))")
        what = "invalid request"
      case 4:
        // An id that is neither an integer nor a string: -32600 with a null id.
        let object: JSONValue = [
          "jsonrpc": "2.0", "id": random.pick([JSONValue.double(1.5), .bool(true), .array([1]), .object([:])]),
          "method": "textDocument/hover",
        ]
        client.sendRaw(MessageFramer.frame(object.serializedBytes()))
        expectNullErrors = [-32600]
        what = "bad id"
      case 5:
        let id = random.oneIn(3) ? RequestID.string("s-\(step)") : client.newID()
        let method = random.pick(["textDocument/frobnicate", "workspace/x", "", "$/unknown", "textdocument/hover"])
        // Params that are an object, an array or absent (anything else is an invalid request, case 3).
        let params = random.pick(odd.filter { $0.objectValue != nil || $0.arrayValue != nil || $0 == .null })
        client.send(id, method, params)
        expect(id, code: -32601, "unknown method \(method) with \(params)")
        what = "unknown method"
      case 6:
        let id = client.newID()
        client.send(id, "initialize", ["capabilities": [:]])
        expect(id, code: -32600, "initialize twice")
        what = "initialize twice"
      case 7, 8, 9:
        // A known request with mistyped or missing params: -32602 when they break the params contract (see
        // `expectedCodes`), else any answer but an internal error.
        let (method, params) = random.pick(requests)
        let id = client.newID()
        let bad = mistype(params, &random, odd)
        client.send(id, method, bad)
        expect(id, code: nil, "\(method) with \(bad)")
        if let answer = client.answer(to: id, timeout: 0) {
          let code = answer.fuzzErrorCode ?? 0
          report.mistypedAnswers[code, default: 0] += 1
          if code == 0 { report.mistypedResults[method, default: 0] += 1 }
          if code == -32603 { report.violations.append("\(method) with \(bad): internal error") }
          if !Self.expectedCodes(method: method, template: params, params: bad).contains(code) {
            report.contractBreaks.append("\(method) with \(bad) answered \(code == 0 ? "a result" : String(code))")
          }
        }
        what = "mistyped \(method)"
      case 10:
        // A known notification with mistyped params: no answer, and the server keeps serving.
        let (method, params) = random.pick(notifications)
        client.notify(method, random.oneIn(4) ? params : mistype(params, &random, odd))
        if method == "textDocument/didClose" || method == "textDocument/didOpen" {
          client.open(doc, NoteMutator.fallback)
        }
        what = "mistyped \(method)"
      default:
        // A valid request: a result (the next-meeting command may fail once its note exists: -32803).
        let (method, params) = random.pick(requests)
        let id = client.newID()
        client.send(id, method, params)
        expect(id, code: nil, "valid \(method)")
        // -32803 is a request that cannot be done (a rename where no one is, a next meeting that exists already).
        if let answer = client.answer(to: id, timeout: 0), let code = answer.fuzzErrorCode, code != -32803 {
          report.violations.append("valid \(method) answered \(code)")
        }
        what = "valid \(method)"
      }
      // The server still serves: a hover on the open note is answered with a result.
      let sentinel = client.newID()
      client.send(sentinel, "textDocument/hover", requests[0].params)
      sent.append(sentinel)
      guard let answer = client.answer(to: sentinel, timeout: 30) else {
        report.violations.append("step \(step) (\(what)): the server stopped answering")
        break
      }
      if answer.fuzzResult == nil {
        report.violations.append("step \(step) (\(what)): a valid hover answered \(answer.fuzzErrorCode ?? 0)")
      }
      let newErrors = client.nullIDErrorCodes.dropFirst(nullErrorsBefore)
      if errorRequired && !expectNullErrors.isEmpty && newErrors.isEmpty {
        report.violations.append("step \(step) (\(what)): no error answered")
      }
      for code in newErrors where !expectNullErrors.contains(code) {
        report.violations.append("step \(step) (\(what)): an error \(code) with a null id")
      }
    }

    // After shutdown: every request is -32600; exit then ends the server with 0.
    let shutdown = client.newID()
    client.send(shutdown, "shutdown", nil)
    expect(shutdown, code: nil, "shutdown")
    for n in 0..<max(3, steps / 20) {
      let (method, params) = random.pick(requests)
      let id = client.newID()
      client.send(id, method, random.oneIn(3) ? mistype(params, &random, odd) : params)
      expect(id, code: -32600, "after shutdown #\(n) \(method)")
    }
    client.notify("exit", nil)
    if client.server.waitForExit() != 0 { report.violations.append("exit after shutdown did not exit with 0") }
    // Exactly one answer per request id.
    for id in sent where client.answerCount(id) != 1 {
      report.violations.append("request \(id) answered \(client.answerCount(id)) times")
    }
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  /// Every field of every request the server handles, deleted or replaced by each odd value in turn (and the params
  /// replaced whole), each followed by a valid hover: every request is answered exactly once and the server serves on.
  func sweep() -> ProtocolFuzzReport {
    var report = ProtocolFuzzReport()
    let started = Date()
    let folder = FuzzFolder("notes-protocol-sweep")
    defer { folder.remove() }
    let doc = folder.uri("2024-01-10.md")
    let requests = Self.requestTemplates(doc)
    let odd = Self.oddValues(doc)
    let client = FuzzServerClient()
    client.initialize(root: folder.url, pull: true)
    client.open(doc, NoteMutator.fallback)
    var sent: [RequestID] = []
    for (method, params) in requests {
      var variants: [JSONValue] = [.array([]), .object([:]), .null]
      for path in Self.paths(params) {
        variants.append(Self.replacing(params, at: path[...], with: nil))
        for value in odd { variants.append(Self.replacing(params, at: path[...], with: value)) }
      }
      for bad in variants {
        let id = client.newID()
        client.send(id, method, bad)
        sent.append(id)
        report.requests += 1
        guard let answer = client.answer(to: id, timeout: 30) else {
          report.violations.append("\(method) with \(bad): no answer")
          return report
        }
        let code = answer.fuzzErrorCode ?? 0
        report.mistypedAnswers[code, default: 0] += 1
        if code == 0 { report.mistypedResults[method, default: 0] += 1 }
        if ![0, -32602, -32803].contains(code) { report.violations.append("\(method) with \(bad): answered \(code)") }
        if !Self.expectedCodes(method: method, template: params, params: bad).contains(code) {
          report.contractBreaks.append("\(method) with \(bad) answered \(code == 0 ? "a result" : String(code))")
        }
      }
      report.steps += 1
      let sentinel = client.newID()
      client.send(sentinel, "textDocument/hover", requests[0].params)
      sent.append(sentinel)
      if client.answer(to: sentinel, timeout: 30)?.fuzzResult == nil {
        report.violations.append("after \(method): a valid hover was not answered with a result")
      }
      // The sweep may close or rename things; open the note again for the next method.
      client.open(doc, NoteMutator.fallback)
    }
    _ = client.shutdownAndExit()
    for id in sent where client.answerCount(id) != 1 {
      report.violations.append("request \(id) answered \(client.answerCount(id)) times")
    }
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  /// The fields of the request templates a client may leave out (LSP 3.17): the rest are required.
  static let optionalFields: Set<String> = [
    // `notes-lsp.newMeeting` takes nothing, a note or folder URI, or `{"uri": …, "date": …}` with either left out.
    "workspace/executeCommand arguments", "workspace/executeCommand arguments.0",
    "workspace/executeCommand arguments.0.uri", "workspace/executeCommand arguments.0.date",
  ]

  /// Other types a field may have besides the template's.
  static let alsoAccepted: [String: Set<String>] = ["workspace/executeCommand arguments.0": ["string"]]

  /// The answers the params contract allows for `params` sent in place of the valid `template`: -32602 when a
  /// required field of the template is missing, or a field has another JSON type than the template's (an integral
  /// number stands for an integer; null for an optional field means left out); otherwise whatever the request makes
  /// of the values — a result, -32602, or -32803 when the request fails.
  ///
  /// The arguments of `workspace/executeCommand` belong to the command (`LSPAny[]`): they are held to the same rule.
  static func expectedCodes(method: String, template: JSONValue, params: JSONValue) -> Set<Int> {
    breaksContract(method, template, params, path: []) ? [-32602] : [0, -32602, -32803]
  }

  static func breaksContract(_ method: String, _ template: JSONValue, _ value: JSONValue, path: [String]) -> Bool {
    func name(_ path: [String]) -> String { "\(method) \(path.joined(separator: "."))" }
    if !path.isEmpty && optionalFields.contains(name(path)) && value == .null { return false }
    if kind(value) != kind(template) { return alsoAccepted[name(path)]?.contains(kind(value)) != true }
    switch (template, value) {
    case (.object(let expected), .object(let given)):
      for (key, child) in expected {
        if let present = given[key] {
          if breaksContract(method, child, present, path: path + [key]) { return true }
        } else if !optionalFields.contains(name(path + [key])) {
          return true
        }
      }
    case (.array(let expected), .array(let given)):
      for (index, child) in expected.enumerated() {
        if index < given.count {
          if breaksContract(method, child, given[index], path: path + [String(index)]) { return true }
        } else if !optionalFields.contains(name(path + [String(index)])) {
          return true
        }
      }
    default: break
    }
    return false
  }

  /// A JSON value's type (an integral double counts as an integer).
  static func kind(_ v: JSONValue) -> String {
    switch v {
    case .null: return "null"
    case .bool: return "bool"
    case .int: return "int"
    case .double(let d): return d.rounded() == d && abs(d) < 9e15 ? "int" : "double"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    case .encoded: return "encoded"  // Only a server's own results are; messages read are parsed.
    }
  }

  /// `params` with one to three fields deleted or given a value of another type, or replaced whole.
  func mistype(_ params: JSONValue, _ random: inout FuzzRandom, _ odd: [JSONValue]) -> JSONValue {
    if random.oneIn(6) { return random.pick([JSONValue.array([]), .array([1, 2]), .object([:]), .null]) }
    var value = params
    for _ in 0..<(1 + random.below(3)) {
      let paths = Self.paths(value)
      guard !paths.isEmpty else { break }
      let path = random.pick(paths)
      value = Self.replacing(value, at: path[...], with: random.oneIn(4) ? nil : random.pick(odd))
    }
    return value
  }

  /// Every path to a value inside objects and arrays.
  static func paths(_ value: JSONValue) -> [[String]] {
    var result: [[String]] = []
    switch value {
    case .object(let object):
      for (key, child) in object {
        result.append([key])
        result += paths(child).map { [key] + $0 }
      }
    case .array(let array):
      for (index, child) in array.enumerated() {
        result.append([String(index)])
        result += paths(child).map { [String(index)] + $0 }
      }
    default: break
    }
    return result
  }

  /// `value` with the element at `path` replaced (or removed, when `replacement` is nil).
  static func replacing(_ value: JSONValue, at path: ArraySlice<String>, with replacement: JSONValue?) -> JSONValue {
    guard let key = path.first else { return replacement ?? .null }
    switch value {
    case .object(let object):
      var copy = object
      if path.count == 1 {
        copy[key] = replacement
      } else if let child = object[key] {
        copy[key] = replacing(child, at: path.dropFirst(), with: replacement)
      }
      return .object(copy)
    case .array(var array):
      guard let index = Int(key), array.indices.contains(index) else { return value }
      if path.count == 1 {
        if let replacement { array[index] = replacement } else { array.remove(at: index) }
      } else {
        array[index] = replacing(array[index], at: path.dropFirst(), with: replacement)
      }
      return .array(array)
    default: return value
    }
  }
}
