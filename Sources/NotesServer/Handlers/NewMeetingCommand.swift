import Foundation
import LSPProtocol
import NotesConfig
import NotesCore
import NotesJSON

extension NotesLanguageServer {
  /// `notes-lsp.newMeeting` with an optional argument: a note or folder URI, or `{"uri": …, "date": "YYYY-MM-DD"}`.
  /// Creates the next note of that series (default: the series with the latest meeting) and never overwrites.
  func executeCommand(_ params: ExecuteCommandRequest.Params) throws -> JSONValue {
    guard params.command == Self.newMeetingCommand else {
      throw ResponseError.invalidParams("unknown command \(params.command)")
    }
    let argument = try NewMeetingArgument(json: params.arguments.first ?? .null, path: "params.arguments[0]")
    ensureIndexed()
    // The file work is `NoteSource`'s, as for `notes-lsp new`: series, template, refusal, atomic write.
    let (uri, plan) = try createNextMeeting(given: argument.uri, date: argument.date)
    if client.showDocument { request(ShowDocumentParams.method, ShowDocumentParams(uri: uri, takeFocus: true).json) }
    return NewMeetingCreated(uri: uri, fileName: plan.fileName, carriedItems: plan.carriedItems).json
  }
}

/// The argument of `notes-lsp.newMeeting`: nothing, a note or folder URI, or `{"uri": …, "date": "YYYY-MM-DD"}`.
struct NewMeetingArgument: JSONDecodable {
  var uri: String?
  var date: MeetingDate?

  init(json: JSONValue, path: String) throws(ResponseError) {
    switch json {
    case .null: return
    case .string(let uri): self.uri = try Self.fileURI(uri, path: path)
    case .object:
      let reader = try ParamsReader(json, path: path)
      uri = try reader.stringIfPresent("uri").map { (uri) throws(ResponseError) in
        try Self.fileURI(uri, path: "\(path).uri")
      }
      if let text = try reader.stringIfPresent("date") {
        guard let parsed = CalendarMath.parse(text) else {
          throw ResponseError.invalidParams("date must be YYYY-MM-DD")
        }
        date = parsed
      }
    default:
      throw ResponseError.invalidParams("\(path) must be a URI or an object, not \(json.typeName)")
    }
  }

  /// `text` when it is a `file:` URI; anything else is -32602.
  static func fileURI(_ text: String, path: String) throws(ResponseError) -> String {
    guard let url = URL(string: text), url.isFileURL, !url.path.isEmpty else {
      throw ResponseError.invalidParams("\(path) must be a file URI")
    }
    return text
  }
}
