import LSPProtocol
import NotesCore

// Renaming a person's initials across the workspace.
extension NotesLanguageServer {
  func prepareRename(_ params: TextDocumentPositionParams) throws -> PrepareRenameResult? {
    guard let (document, offset) = located(params) else { return nil }
    do {
      let target = try InitialsRename.prepare(in: document, at: offset, workspace: workspace)
      return conversion.prepareRename(target, in: document.source)
    } catch {
      throw ResponseError(code: .requestFailed, message: error.message)
    }
  }

  func rename(_ params: RenameRequest.Params) throws -> WorkspaceEdit? {
    guard let (document, offset) = located(params.position) else { return nil }
    do {
      let edits = try crossIndex.rename(
        in: document, at: offset, to: params.newName, workspace: workspace, generation: workspaceGeneration)
      return conversion.workspaceEdit(edits, workspace: workspace)
    } catch {
      throw ResponseError(code: .requestFailed, message: error.message)
    }
  }
}
