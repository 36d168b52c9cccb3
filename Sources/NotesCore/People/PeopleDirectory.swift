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
  /// The person each attendee identity was joined into (what `PersonResolver` reads a note's attendees with).
  private let personOfIdentity: [PersonIdentity: PersonID]
  /// The join the entries come from: their ids are valid in a workspace with the same one.
  let join: ObjectIdentifier

  public init(_ workspace: NotesWorkspace) {
    entries = workspace.people.map { person in
      Entry(
        person: person, lastAttended: PersonLookup.lastAttended(person), detail: Completion.detailLine(person),
        summary: PersonCard.summary(person))
    }
    personOfIdentity = workspace.peopleIndex.componentOfIdentity
    join = ObjectIdentifier(workspace.peopleCache)
  }

  /// The precomputed person `id` of `workspace`, when this directory was built from the same people join (a
  /// directory lags behind an attendee row being typed).
  func person(_ id: PersonID, in workspace: NotesWorkspace) -> Person? {
    guard join == ObjectIdentifier(workspace.peopleCache), entries.indices.contains(id) else { return nil }
    return entries[id].person
  }

  /// The people a note's attendee list names, as the resolver's first step reads them.
  public func attendeePeople(of document: NoteDocument) -> Set<PersonID> {
    Set((document.attendees?.entries ?? []).compactMap { personOfIdentity[PersonIdentity($0)] })
  }
}
