/// Everyone the workspace knows, with what completion shows for them, computed once. A front end keeps one until
/// the people of the workspace change (a note's attendees, a roster), so completion does not rebuild every person
/// of a large workspace on each keystroke.
public struct PeopleDirectory: Sendable {
  public struct Entry: Sendable {
    public var person: Person
    public var lastAttended: MeetingDate?
    public var detail: String
    public var summary: String
  }

  public let entries: [Entry]
  private let byInitials: [String: [Int]]
  private let byHandle: [String: [Int]]
  /// The person each attendee identity was joined into (what `PersonResolver` reads a note's attendees with).
  private let personOfIdentity: [PersonIdentity: PersonID]

  public init(_ workspace: NotesWorkspace) {
    entries = workspace.people.map { person in
      Entry(
        person: person, lastAttended: PersonLookup.lastAttended(person), detail: Completion.detailLine(person),
        summary: PersonCard.summary(person))
    }
    var initials: [String: [Int]] = [:]
    var handles: [String: [Int]] = [:]
    for (index, entry) in entries.enumerated() {
      for key in Set(entry.person.initials.map(Self.initialsKey)) where !key.isEmpty {
        initials[key, default: []].append(index)
      }
      for key in Set(entry.person.handles.map { $0.lowercased() }) where !key.isEmpty {
        handles[key, default: []].append(index)
      }
    }
    byInitials = initials
    byHandle = handles
    personOfIdentity = workspace.peopleIndex.componentOfIdentity
  }

  /// The people a note's attendee list names, as the resolver's first step reads them.
  public func attendeePeople(of document: NoteDocument) -> Set<PersonID> {
    Set((document.attendees?.entries ?? []).compactMap { personOfIdentity[PersonIdentity($0)] })
  }

  /// Letters only, upper-cased: `mrb.` → `MRB`.
  static func initialsKey(_ text: String) -> String {
    String(text.unicodeScalars.filter { $0.properties.isAlphabetic }).uppercased()
  }

  /// The people known by these initials (case and dots ignored).
  public func people(withInitials initials: String) -> [Person] {
    (byInitials[Self.initialsKey(initials)] ?? []).map { entries[$0].person }
  }

  /// The people known by this handle (case ignored, without `@`).
  public func people(withHandle handle: String) -> [Person] {
    let key = (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
    return (byHandle[key] ?? []).map { entries[$0].person }
  }
}
