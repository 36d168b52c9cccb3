/// A small workspace of notes for the cross-meeting tests: three conda-forge style meetings (table attendees,
/// carry-over section) and a conda style meeting in another folder (ordered-list attendees, `JK:` owners).
enum CrossMeetingNotes {
  static let first = """
    ---
    title: '2024-01-10'
    ---
    # conda-forge core meeting 2024-01-10

    - [Previous meetings](https://conda-forge.org/community/minutes/)

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | ---- | -------- | --------- | ----------- |
    | John Kirkham | JK | jakirkham | NVIDIA |
    | Matthew R. Becker | MRB | beckermr | cf |
    | Eric Dill | ED | ericdill | Anaconda |

    5 people total

    ### From previous meeting(s)

    - [ ] (JK) write a blog post on CUDA stuff
    - [ ] (MRB) pinning epochs draft CFEP
    - [ ] (ED) welcome packets for new members
    - [x] (JK) update the docs

    ### Your __new__() agenda items

    - [ ] (JK/MRB) discuss CUDA 12 and the JK migration
      - [ ] open the migration PR
    - [x] Cheng will review the PR

    ```
    (JK) not an owner in code
    ```

    """

  static let second = """
    ---
    title: '2024-01-24'
    ---
    # conda-forge core meeting 2024-01-24

    - [Last week's meeting](https://hackmd.io/#REPLACE_ME#)

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | ---- | -------- | --------- | ----------- |
    | John Kirkham | JK | jakirkham | NVIDIA |
    | Matthew R. Becker | MRB. | beckermr | cf |

    1 people total

    ### From previous meeting(s)

    - [ ] (JK) Write a blog-post on CUDA stuff.
    - [x] (ED) welcome packets for new members

    ### Your __new__() agenda items

    - [ ] (Eric) email the list about the move
    - [ ] nobody owns this yet

    """

  static let third = """
    ---
    title: '2024-02-07'
    ---
    # conda-forge core meeting 2024-02-07

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | ---- | -------- | --------- | ----------- |
    | John Kirkham | JK | jakirkham | NVIDIA |

    X people total

    ### From previous meeting(s)

    - [ ] (JK) write a blog post on CUDA stuff

    ### Your __new__() agenda items

    - [ ]

    """

  static let conda = """
    ---
    tags: [meeting-notes]
    ---
    # 2024-01-16 Conda Community Meeting

    ## Attendees

    1. JK: John Kirkham (@jakirkham), NVIDIA
    1. JRG: Jaime Rodríguez-Guerra (@jaimergp), Quansight

    ## Action items

    - [ ] JK: port the docs
    - [ ] (jakirkham) check the CUDA pins
    - [ ] JRG: new meeting schedule

    JK said that prose is not a mention.

    """

  static let cfFolder = "file:///ws/cf/"
  static let condaFolder = "file:///ws/conda/"
  static let firstURI = cfFolder + "2024-01-10.md"
  static let secondURI = cfFolder + "2024-01-24.md"
  static let thirdURI = cfFolder + "2024-02-07.md"
  static let condaURI = condaFolder + "20240116_agenda_and_minutes.md"

  static var all: [(String, String)] {
    [(firstURI, first), (secondURI, second), (thirdURI, third), (condaURI, conda)]
  }
}
