print("notes-bench: not yet")
