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
    let folder: String
    if let given = argument.uri {
      folder = workspace.summary(given)?.folder ?? (given.hasSuffix("/") ? given : given + "/")
    } else {
      let latest = workspace.uris.compactMap { workspace.summary($0) }.filter {
        $0.isMeetingNote && $0.seriesKey != nil
      }
      .max {
        ($0.date ?? MeetingDate(year: 0, month: 0, day: 0), $0.uri) < (
          $1.date ?? MeetingDate(year: 0, month: 0, day: 0), $1.uri
        )
      }
      guard let latest else { throw ResponseError(code: .requestFailed, message: "No meeting notes in the workspace.") }
      folder = latest.folder
    }
    var template: String?
    if let url = configuration.template {
      do { template = try NoteFiles.read(url).text } catch {
        throw ResponseError(code: .requestFailed, message: "template: \(error.description)")
      }
    }
    if let existing = NewMeeting.existingNote(folder: folder, workspace: workspace, date: argument.date) {
      let name = URL(string: existing)?.lastPathComponent ?? existing
      throw ResponseError(
        code: .requestFailed,
        message: "A note for that date already exists in the series (\(name)); it was left as it is.")
    }
    guard let plan = NewMeeting.plan(folder: folder, workspace: workspace, date: argument.date, template: template),
      let folderURL = Self.fileURL(folder)
    else { throw ResponseError(code: .requestFailed, message: "No dated meeting note in \(folder) to follow.") }
    let target = folderURL.appendingPathComponent(plan.fileName)
    if FileManager.default.fileExists(atPath: target.path) {
      throw ResponseError(code: .requestFailed, message: "\(plan.fileName) already exists; it was left as it is.")
    }
    do { try NoteFiles.writeAtomically(plan.text, to: target) } catch {
      throw ResponseError(code: .requestFailed, message: error.description)
    }
    refreshFromDisk(path: target.standardizedFileURL.path, deleted: false)
    let uri = uriByPath[target.standardizedFileURL.path] ?? target.absoluteString
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
    case .string(let uri): self.uri = uri
    case .object:
      let reader = try ParamsReader(json, path: path)
      uri = try reader.stringIfPresent("uri")
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
}
