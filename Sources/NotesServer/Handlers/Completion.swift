import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func completion(_ params: CompletionRequest.Params) -> CompletionList? {
    guard let (document, offset) = located(params.position),
      let result = Completion.complete(
        in: workspace, document: document, at: offset, directory: currentPeopleDirectory()),
      !result.candidates.isEmpty
    else { return nil }
    return conversion.completionList(result, in: document.source)
  }
}
