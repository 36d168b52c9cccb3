import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON

/// The server as editors run it: the built `notes-lsp` (next to this executable) as a process of its own on stdio,
/// initialised on `root` and asked nothing else. Its peak and resident memory (VmHWM, VmRSS) and the time at index
/// ready are the server's alone, without the bench client and its generated workspace that the in-process figures
/// include.
struct ServerProcessMemory {
  var indexMilliseconds: Double
  var peakMB: Int
  var residentMB: Int

  /// Nil when the built server is not next to this executable or does not become ready.
  static func measure(root: URL) -> ServerProcessMemory? {
    let executable = builtNotesLSP()
    guard FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
    let process = Process()
    process.executableURL = executable
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now()
    guard (try? process.run()) != nil else { return nil }
    defer {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    func send(_ message: Message) {
      input.fileHandleForWriting.write(Data(MessageFramer.frame(message.json.serializedBytes())))
    }
    send(
      .request(
        id: .int(1), method: "initialize",
        params: ["processId": .null, "rootUri": .string(root.absoluteString), "capabilities": [:]]))
    send(.notification(method: "initialized", params: [:]))
    var framer = MessageFramer()
    var ready = false
    while !ready {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return nil }  // The server ended before it was ready.
      for case .message(let body) in framer.feed(chunk) {
        if let json = try? JSONValue.parse(body), json["method"]?.stringValue == "$/notes-lsp/indexReady" {
          ready = true
        }
      }
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let pid = String(process.processIdentifier)
    let peak = (procStatus("VmHWM:", process: pid) ?? -1024) / 1024
    let resident = (procStatus("VmRSS:", process: pid) ?? -1024) / 1024
    // Ended as an editor ends it; the deferred terminate is for the paths that return early.
    send(.request(id: .int(2), method: "shutdown", params: nil))
    send(.notification(method: "exit", params: nil))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return ServerProcessMemory(indexMilliseconds: milliseconds, peakMB: peak, residentMB: resident)
  }
}
