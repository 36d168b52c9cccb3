/// Multi-note fixtures for the series model and carrying over: small notes shaped like the real ones.
enum SeriesNotes {
  static let folder = "file:///ws/cf/"

  /// A conda-forge style note: title, a carry-over section and an agenda, with the given item lines.
  static func core(_ date: String, carried: [String] = [], agenda: [String] = [], extra: String = "") -> (
    String, String
  ) {
    let text = """
      # conda-forge core meeting \(date)

      ## Attendees

      | Name | Initials | GitHub ID | Affiliation |
      | ---- | -------- | --------- | ----------- |
      | John Kirkham | JK | jakirkham | NVIDIA |

      ### From previous meeting(s)

      \(carried.joined(separator: "\n"))

      ### Your __new__() agenda items

      \(agenda.joined(separator: "\n"))
      \(extra)
      """
    return (folder + date + ".md", text)
  }

  /// A grant meeting kept in the same folder: its own title and its own action items.
  static func grant(_ date: String, items: [String]) -> (String, String) {
    let text = """
      # \(date) conda-forge grant meeting

      ## Action items

      \(items.joined(separator: "\n"))

      """
    return (folder + date + "-grant.md", text)
  }

  static func uri(_ date: String) -> String { folder + date + ".md" }
}
