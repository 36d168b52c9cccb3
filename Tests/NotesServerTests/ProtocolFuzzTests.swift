import Foundation
import LSPProtocol
import NotesJSON
import Testing

@testable import NotesServer

/// The protocol fuzzer (`notes-bench fuzz --protocol`, Fuzz/FuzzProtocol.swift, linked from Sources/notes-bench) with a
/// fixed seed: every request gets exactly one answer with the JSON-RPC code its fault calls for, and the server keeps
/// answering a valid hover after each malformed message.
@Test func protocolFuzzKeepsTheJSONRPCContract() {
  let report = ProtocolFuzzer(seed: 42, steps: 400).run()
  let codes = report.mistypedAnswers.sorted { $0.key < $1.key }.map {
    "\($0.key == 0 ? "result" : String($0.key)): \($0.value)"
  }
  print(
    "protocol fuzz: \(report.steps) steps, \(report.requests) requests, \(report.violations.count) violations; "
      + "mistyped params answered \(codes.joined(separator: ", ")); \(String(format: "%.1f", report.seconds)) s")
  #expect(report.steps == 400)
  #expect(report.requests > 200)
  for violation in report.violations { Issue.record(Comment(rawValue: violation)) }
  // Params that break the contract (a required field missing, a field of the wrong type) are -32602, every time.
  for line in report.contractBreaks { Issue.record(Comment(rawValue: line)) }
  #expect(report.mistypedAnswers[-32602, default: 0] > 0)
  #expect(report.mistypedAnswers.keys.allSatisfy { [0, -32602, -32803].contains($0) })
}

/// Every field of every request the server handles, deleted or given each odd value (a table over all of them):
/// exactly one answer each, -32602 for every required field left out and every value of the wrong type (the params
/// contract, `ProtocolFuzzer.expectedCodes`), never silence; the server serves on.
@Test func everyFieldOfEveryRequestIsAnswered() {
  let report = ProtocolFuzzer(seed: 0, steps: 0).sweep()
  let results = report.mistypedResults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
  print(
    "protocol sweep: \(report.requests) requests over \(report.steps) methods, \(report.violations.count) violations; "
      + "answered with a result: \(results.joined(separator: ", "))")
  #expect(report.steps == ProtocolFuzzer.requestTemplates("file:///x.md").count)
  for violation in report.violations { Issue.record(Comment(rawValue: violation)) }
  print("protocol sweep: \(report.contractBreaks.count) answers break the params contract")
  for line in report.contractBreaks { Issue.record(Comment(rawValue: line)) }
  #expect(report.mistypedAnswers[-32602, default: 0] > 0)
}

/// The fuzzer's own bookkeeping: mistyping changes a field and keeps the rest.
@Test func mistypingReplacesOneFieldAtATime() {
  let fuzzer = ProtocolFuzzer(seed: 1, steps: 0)
  var random = FuzzRandom(seed: 7)
  let params: JSONValue = ["textDocument": ["uri": "file:///a.md"], "position": ["line": 1, "character": 2]]
  #expect(ProtocolFuzzer.paths(params).count == 5)
  var changed = 0
  for _ in 0..<50 where fuzzer.mistype(params, &random, [.bool(true)]) != params { changed += 1 }
  #expect(changed > 40)
  #expect(ProtocolFuzzer.replacing(params, at: ["position", "line"][...], with: nil)["position"]?["line"] == nil)
}
