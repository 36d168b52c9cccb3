/// Two series of small notes for `OpenItemsQuery` and `PeopleQuery`: a core meeting (four notes, 2020 and 2024) and a
/// community meeting in another folder. `SC` is Sylvain Corlay in 2020 and Sophia Castellarin in 2024; John Kirkham is
/// `JK` in 2020 and `JAK` in 2024, and once `jakirkam` (a handle typo).
enum WorkspaceViewsNotes {
  static let core = "file:///ws/core/"
  static let community = "file:///ws/community/"

  static func table(_ rows: [(String, String, String)]) -> String {
    var text = "## Attendees\n\n| Name | Initials | GitHub |\n| --- | --- | --- |\n"
    for (name, initials, handle) in rows { text += "| \(name) | \(initials) | \(handle) |\n" }
    return text
  }

  static let sylvain = ("Sylvain Corlay", "SC", "scorlay")
  static let sophia = ("Sophia Castellarin", "SC", "scastellarin")
  static let john2020 = ("John Kirkham", "JK", "jakirkham")
  static let john2024 = ("John Kirkham", "JAK", "jakirkham")

  static let notes: [(String, String)] = [
    (
      core + "2020-01-08.md",
      """
      # 2020-01-08 Core meeting

      \(table([john2020, sylvain]))
      ## Action items

      - [ ] (SC) draft the governance doc
      - [ ] (JK) write a blog post on CUDA
      - [x] (JK) update the docs

      """
    ),
    (
      core + "2020-01-22.md",
      """
      # 2020-01-22 Core meeting

      \(table([john2020, sylvain]))
      ## Action items

      - [ ] (SC) draft the governance doc
      - [ ] (JK) write a blog post on CUDA stuff
      - [x] (JK) update the docs
      - [ ] (JK) order stickers

      """
    ),
    (
      core + "2020-02-05.md",
      """
      # 2020-02-05 Core meeting

      \(table([john2020, sylvain]))
      ## Action items

      - [x] (SC) draft the governance doc
      - [ ] (JK) write a blog post on CUDA stuff

      """
    ),
    (
      core + "2024-03-06.md",
      """
      # 2024-03-06 Core meeting

      \(table([john2024, sophia]))
      ## Action items

      - [ ] (JK) write a blog post on CUDA stuff
      - [ ] (SC) review the packaging guide
      - [ ] (jakirkham) ping NumFOCUS
      - [ ] (JK) order stickers

      """
    ),
    (
      community + "20240307_agenda_and_minutes.md",
      """
      # 2024-03-07 Community Meeting

      \(table([("John Kirkham", "JAK", "jakirkam")]))
      ## Action items

      - [ ] (JAK) write a blog post on CUDA stuff
      - [ ] (QQ) book the room

      """
    ),
  ]
}
