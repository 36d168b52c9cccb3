import Foundation
import LSPProtocol
import NotesCore
import NotesJSON

/// The lifecycle of the connection: its phase, what the client said it can do, and the position conversion
/// negotiated in `initialize`.
struct Session {
  var phase = NotesLanguageServer.Phase.uninitialized
  var client = ClientCapabilities()
  var conversion: ProtocolConversion
  /// The id of the next request the server sends to the client.
  var nextOutgoingID = 1
}

/// What the client said it can do, reduced to what the server uses.
struct ClientCapabilities {
  var positionEncoding = PositionEncoding.utf16
  var pullDiagnostics = false
  var workDoneProgress = false
  var dynamicWatchedFiles = false
  var diagnosticRefresh = false
  /// `window.showDocument.support`: the client opens documents the server asks it to.
  var showDocument = false
  var showMessage = true

  init() {}

  init(json: JSONValue) {
    // NOTE: the client lists encodings in order of preference; the first we speak wins (we speak all three).
    for raw in json["general"]?["positionEncodings"]?.arrayValue ?? [] {
      if let name = raw.stringValue, let encoding = PositionEncoding(rawValue: name) {
        positionEncoding = encoding
        break
      }
    }
    if let diagnostic = json["textDocument"]?["diagnostic"], case .object = diagnostic { pullDiagnostics = true }
    workDoneProgress = json["window"]?["workDoneProgress"]?.boolValue ?? false
    dynamicWatchedFiles = json["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
    diagnosticRefresh = json["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue ?? false
    showDocument = json["window"]?["showDocument"]?["support"]?.boolValue ?? false
  }
}

// MARK: - Accessors by the names the handlers use

extension NotesLanguageServer {
  var phase: Phase {
    get { session.phase }
    set { session.phase = newValue }
  }

  var client: ClientCapabilities { session.client }

  var conversion: ProtocolConversion { session.conversion }

  var nextOutgoingID: Int { session.nextOutgoingID }
}
