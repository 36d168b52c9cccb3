print("notes-lsp: not yet")
