// MARK: - Owner tokens

/// Classifies one token that may name a person: initials, a handle, a name, a place-holder.
enum OwnerToken {
  /// What a token was judged to be.
  enum Verdict: Equatable {
    case person(OwnerKind, start: Int, end: Int)
    /// A word that rides along in an owner group without naming anyone (`absent`, `others`).
    case annotation
    /// Not an owner: prose, a number, a stop word.
    case notOwner
  }

  // NOTE: words that look like names or handles by shape but are not people, found in real notes at the start of
  // items and before a colon (`Question:`, `(optional)`, `TODO:`). Compared lower-case.
  static let stopWords: Set<String> = [
    "a", "about", "action", "actions", "add", "added", "agenda", "agreed", "all", "also", "alternative", "an", "and",
    "anaconda", "announcement", "announcements", "answer", "any", "anything", "apply", "applies", "approved", "aside",
    "ask", "assign", "background", "balance", "benefit", "blocked", "bonus", "both", "but", "can", "cancelled",
    "canceled", "caveat", "caveats", "chance", "changelog", "changes", "closed", "comment", "comments", "companion",
    "concern", "concerns", "conclusion", "conda", "consensus", "cont", "contd", "context", "continue", "continued",
    "core", "could", "current", "decided", "decision", "defaults", "deferred", "description", "details", "discussion",
    "docs", "documentation", "done", "draft", "due", "each", "edit", "eg", "email", "everyone", "example", "examples",
    "experimental", "feedback", "fonts", "for", "from", "fyi", "github", "goal", "goals", "hard", "he", "how", "i",
    "idea", "ideas", "ie", "if", "important", "in", "info", "informal", "informational", "initials", "invite", "is",
    "issue", "issues", "it", "later", "latest", "link", "links", "linux", "mac", "macos", "maintainers", "maybe",
    "may", "meeting", "merged", "might", "minor", "major", "move", "moved", "must", "name", "need", "needs", "new",
    "next", "no", "nobody", "none", "not", "note", "notes", "now", "numfocus", "numpy", "ok", "old", "on", "ongoing",
    "open", "opportunity", "option", "options", "optional", "or", "osx", "other", "outcome", "outreach", "overall",
    "pending", "people", "place", "plan", "planned", "plans", "please", "point", "possible", "postpone", "postponed",
    "potential", "previous", "problem", "projects", "pronounced", "proposal", "proposals", "pros", "cons", "question",
    "questions", "ready", "reason", "reasons", "recap", "recording", "related", "reminder", "removed", "repo",
    "request", "requirements", "result", "results", "risk", "risks", "roadmap", "scope", "see", "server", "settings",
    "severity", "she", "should", "side", "site", "slides", "so", "some", "something", "source", "sprint", "sprints",
    "standing", "status", "steps", "still", "stuff", "subject", "suggestion", "suggestions", "summary", "support",
    "syntax", "task", "tasks", "team", "test", "text", "that", "the", "theme", "then", "there", "these", "they",
    "things", "this", "those", "ticket", "time", "timeline", "to", "today", "todo", "todos", "topic", "topics",
    "total", "tracking", "tricky", "tutorial", "unlikely", "update", "updates", "upcoming", "urgent", "use", "used",
    "useful", "users", "validation", "versions", "vote", "votes", "voting", "want", "wants", "warning", "ways", "we",
    "website", "what", "when", "where", "which", "who", "why", "will", "windows", "with", "would", "yes", "you",
    "zoom", "longer-term", "long-term", "short-term", "wip", "tentative", "skip", "skipped", "recurring", "or",
    "ubuntu", "staging", "sigstore", "submitted", "semi", "short", "rough", "share", "slack", "sneak", "scheduling",
    "virtual", "using", "working", "python", "pypi", "azure", "gitter", "discourse", "mamba", "pixi", "rattler",
    "qt", "cuda", "nvidia", "intel", "arm", "power", "bot", "ci", "gpu", "api", "abi", "cli", "pr", "prs", "cep",
    "ceps", "cfep", "cfeps", "rfc", "rcs", "psa", "tbd", "eol", "faq", "url", "os", "eta", "ptal", "asap", "lts",
    "imo", "ui", "nb", "re", "ref", "refs", "aka", "etc", "vs", "q", "a", "pep", "peps", "yaml", "json", "toml",
    "ssl", "tls", "http", "https", "www", "aws", "gcp", "osx", "mkl", "blas", "gcc", "llvm", "msvc", "vc", "vs",
    "cdt", "cdts", "sdk", "ide", "irc", "pm", "am", "utc", "pst", "est", "cet", "faq", "tos", "coc", "cla", "nda",
    "update", "fix", "fixes", "bug", "bugs", "release", "releases", "dev", "devs", "migration", "migrations",
    "introductions", "intro", "intros", "welcome", "misc", "other", "others", "general", "vote", "agreement",
    "demo", "subnote", "reasonable", "generally", "usually", "currently", "probably", "only", "opinion", "hint",
    "highlights", "epic", "deadline", "content", "container",
    "constructor", "conditional", "chat", "calendar", "microsoft", "bioconda", "outreachy", "quetz", "otherwise",
    "try", "send", "whether", "switch", "easier", "better", "conversation", "anyone", "two", "three", "one", "pair",
    "rebuild", "waiting", "first", "second", "third", "last", "final", "finally", "meanwhile", "however", "yet",
    "still", "already", "please", "thanks", "thank", "sorry", "hello", "hi", "welcome", "reminder", "announce",
    "process", "policy", "governance", "budget", "funding", "grant", "hiring", "security", "infra",
    "infrastructure", "packaging", "package", "packages", "recipe", "recipes", "feedstock", "feedstocks", "channel",
    "channels", "label", "labels", "build", "builds", "test", "tests", "ci", "mirror", "mirrors", "server",
    "servers", "cloud", "storage", "cost", "costs", "money", "plan", "proposal", "review", "reviews", "reviewer",
    "reviewers", "maintainer", "owner", "lead", "leads", "blog", "post", "posts", "docs", "doc", "tutorial", "talk",
    "talks", "conference", "summit", "sprint", "workshop", "survey", "poll", "form", "forms", "office", "hours",
    "timing", "schedule", "agenda", "minutes", "recording", "video", "stream", "call", "calls", "slot", "slots",
    "new", "old", "big", "small", "short", "long", "quick", "easy", "hard", "main", "major", "minor", "patch",
    "fix", "bump", "upgrade", "downgrade", "migration", "migrator", "migrators", "pinning", "pinnings", "pin",
    "pins", "version", "versions", "compiler", "compilers", "toolchain", "windows", "linux", "macos", "mac",
    "apple", "google", "github", "gitlab", "azure", "travis-ci", "circleci", "drone", "appveyor", "anaconda.org",
    "pypi", "pip", "npm", "cargo", "rust", "go", "java", "julia", "r", "ruby", "perl", "lua", "node", "nodejs",
    "deno", "boost", "numpy", "scipy", "pandas", "pytorch", "tensorflow", "jax", "openblas", "openssl", "libssl",
  ]

  /// Upper-case words that are not initials: `TODO:`, `PR:`, `(WIP)`, `CUDA:`.
  static let acronyms: Set<String> = [
    "TODO", "WIP", "PR", "PRS", "CI", "CEP", "CEPS", "CFEP", "FYI", "GPU", "CPU", "CUDA", "ARM", "OSX", "API",
    "ABI", "CLI", "PSA", "TBD", "TBA", "TBC", "EOL", "FAQ", "URL", "OS", "ETA", "PTAL", "ASAP", "LTS", "IMO", "UI",
    "RE", "AKA", "ETC", "VS", "PEP", "YAML", "JSON", "TOML", "SSL", "TLS", "HTTP", "AWS", "GCP", "MKL", "BLAS",
    "GCC", "LLVM", "MSVC", "VC", "CDT", "SDK", "IDE", "IRC", "PM", "UTC", "PST", "EST", "CET", "TOS", "COC",
    "CLA", "NDA", "DONE", "NOTE", "NEW", "OLD", "AI", "ML", "QA", "RFC", "RC", "RCS", "FIX", "BUG", "EDIT", "IIRC",
    "TLDR", "DR", "CF", "OK", "NO", "YES", "GH", "CVE", "CVES", "SBOM", "PYPI", "MPI",
    "PPC", "LGTM", "NVCC", "WASM", "ELF", "DLL", "EXE", "MSI", "PDF", "SVG", "PNG", "SQL", "DNS", "CDN", "VM", "VMS",
    "PSF", "ASF", "OSI", "FAQS", "HPC", "IO", "RAM", "SSD", "KPI", "KPIS", "OKR", "OKRS", "ROI", "Q", "A",
  ]

  static func isAcronym(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    isUpperRun(scan, s, e) && acronyms.contains(scan.string(s, e))
  }

  /// Words that may follow a person inside an owner group without naming anyone: `(JRG, absent)`, `(MRB+others)`.
  static let annotations: Set<String> = [
    "absent", "addendum", "others", "other", "etc", "done", "wip", "maybe", "optional", "tentative", "remote",
    "async", "in absentia", "please read out", "all", "team", "folks", "and others", "et al", "et al.",
  ]

  /// Place-holders that name nobody: `(???)`, `(Needs Owner)`, `(TBD)`.
  static let placeholders: Set<String> = [
    "?", "??", "???", "????", "tbd", "tba", "tbc", "needs owner", "need owner", "needs an owner", "no owner",
    "owner", "owners", "nobody", "anyone", "someone", "somebody", "everyone", "volunteer", "volunteers",
    "unassigned", "name", "your name", "initials", "who", "who?", "...", "…", "n/a", "na",
  ]

  /// Judges `start..<end` (already trimmed) as a possible owner.
  static func classify(_ scan: ByteScanner, _ start: Int, _ end: Int) -> Verdict {
    let (s, e) = scan.trim(start, end)
    guard s < e, e - s <= 60 else { return .notOwner }
    let text = scan.string(s, e)
    let lower = text.lowercased()
    if placeholders.contains(lower) || isAllX(scan, s, e) { return .person(.placeholder, start: s, end: e) }
    if annotations.contains(lower) { return .annotation }
    let first = scan[s]
    if first == UInt8(ascii: "@") {
      var i = s + 1
      while i < e && isHandleByte(scan[i]) { i += 1 }
      return i == e && e > s + 1 ? .person(.handle, start: s + 1, end: e) : .notOwner
    }
    if ASCII.isDigit(first) || scan.find(schemeSeparator, from: s, to: e) != nil { return .notOwner }
    // Several words: a full name (`John K.`, `Marius van Niekerk`), or initials followed by prose (`FF 2022-01-14`).
    if let space = firstBlank(scan, s, e) {
      let words = wordRanges(scan, s, e)
      if words.count <= 4 && isFullName(scan, words) {
        if stopWords.contains(scan.string(words[0].0, words[0].1).lowercased()) { return .notOwner }
        return .person(.name, start: s, end: e)
      }
      if case .person(.initials, _, _) = single(scan, s, space, lower: scan.string(s, space).lowercased()) {
        return .person(.initials, start: s, end: space)
      }
      return .notOwner
    }
    return single(scan, s, e, lower: lower)
  }

  /// One word.
  static func single(_ scan: ByteScanner, _ s: Int, _ e: Int, lower: String) -> Verdict {
    // NOTE: capitals are judged against acronyms only: `IF` and `OR` are someone's initials, `TODO` and `PR` are not.
    if isInitials(scan, s, e) {
      return isAcronym(scan, s, e) ? .notOwner : .person(.initials, start: s, end: e)
    }
    if stopWords.contains(lower) { return .notOwner }
    // A nickname with an inner capital (`MichaelS`) is kept whatever its ending.
    if !hasInnerCapital(scan, s, e) && isCommonWordShape(lower) { return .notOwner }
    if isName(scan, s, e) { return .person(.name, start: s, end: e) }
    // `MRB.`, `JK.`, `Marius?`: initials or a name spoiled by punctuation.
    let last = scan[e - 1]
    if e - s >= 2 && (last == UInt8(ascii: ".") || last == UInt8(ascii: "?")) {
      if isInitials(scan, s, e - 1) || isName(scan, s, e - 1) || isUpperRun(scan, s, e - 1) {
        return .person(.malformedInitials, start: s, end: e)
      }
      return .notOwner
    }
    var lowerOnly = true
    var handleOnly = true
    var marked = false
    var i = s
    while i < e {
      let b = scan[i]
      if !(ASCII.isLower(b) || ASCII.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) {
        lowerOnly = false
      }
      if !isHandleByte(b) { handleOnly = false }
      if ASCII.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") { marked = true }
      i += 1
    }
    guard handleOnly, ASCII.isLetter(scan[s]), scan[e - 1] != UInt8(ascii: "-") else { return .notOwner }
    // NOTE: an all-lower-case word is a GitHub handle (`jakirkham`, `pkgw`, `mcg1969`) unless it is 2–3 letters with
    // no digit or hyphen (`mcg`, `jk`): that is someone's initials typed in lower case, reported as malformed.
    if lowerOnly {
      if !marked && e - s <= 3 { return .person(.malformedInitials, start: s, end: e) }
      return .person(.handle, start: s, end: e)
    }
    // Mixed case with a digit or hyphen (`Solid-Snake-Jay`, `CJ-wright`) is a handle; `MBa` is spoiled initials.
    if marked { return .person(.handle, start: s, end: e) }
    if e - s <= 4 && ASCII.isUpper(scan[s]) { return .person(.malformedInitials, start: s, end: e) }
    return .notOwner
  }

  // MARK: Shapes

  /// Endings of English words that are almost never first names: `Rendered`, `Implementation`, `Generally`,
  /// `Answers` (but `Marius`, `Jannis`, `Travis` keep their `s`), and lower-case parts after a hyphen
  /// (`Semi-related`; names capitalise both parts: `Rodríguez-Guerra`).
  // NOTE: a capitalised word before a colon is often a topic (`Calendar:`, `Epic:`); the stop list and these
  // endings keep most topics out, at the cost of a rare real name with such an ending.
  static func isCommonWordShape(_ lower: String) -> Bool {
    let suffixes = [
      "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ics", "ful", "less", "able",
      "ible", "ive", "ous",
    ]
    if lower.count > 3 && suffixes.contains(where: { lower.hasSuffix($0) }) { return true }
    if lower.count > 3 && lower.hasSuffix("s")
      && !["is", "us", "as", "os", "ys"].contains(where: { lower.hasSuffix($0) })
    {
      return true
    }
    return false
  }

  @inline(__always) static func isHandleByte(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
  }

  /// 2–4 ASCII letters, starting and ending with a capital, at least two capitals: `MRB`, `CJ`, `MvN`.
  // NOTE: digits never make initials (`JK2` is not initials); a lower-case particle between capitals is allowed
  // because people choose such initials (`MvN`).
  static func isInitials(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    let n = e - s
    guard n >= 2 && n <= 4, ASCII.isUpper(scan[s]), ASCII.isUpper(scan[e - 1]) else { return false }
    var capitals = 0
    var i = s
    while i < e {
      let b = scan[i]
      if ASCII.isUpper(b) {
        capitals += 1
      } else if !ASCII.isLower(b) {
        return false
      }
      i += 1
    }
    return capitals >= 2
  }

  static func hasInnerCapital(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    var i = s + 1
    while i < e {
      if ASCII.isUpper(scan[i]) { return true }
      i += 1
    }
    return false
  }

  static func isUpperRun(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    guard e > s else { return false }
    var i = s
    while i < e {
      if !ASCII.isUpper(scan[i]) { return false }
      i += 1
    }
    return true
  }

  /// A capitalised word: a capital then lower-case letters (non-ASCII letters, `-` and `'` allowed inside), or a
  /// mixed-case nickname like `MichaelS`.
  static func isName(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    guard e - s >= 2, isCapital(scan, s) else { return false }
    let second = s + scalarLength(scan[s])
    guard second < e, ASCII.isLower(scan[second]) || scan[second] >= 0x80 else { return false }
    var i = second
    while i < e {
      let b = scan[i]
      if !(ASCII.isLetter(b) || b >= 0x80 || b == UInt8(ascii: "-") || b == UInt8(ascii: "'")) { return false }
      i += 1
    }
    let last = scan[e - 1]
    return last != UInt8(ascii: "-") && last != UInt8(ascii: "'")
  }

  /// A capital letter: ASCII, or a Latin-1 supplement / Latin Extended-A capital (`É`, `Ł`) by its first byte.
  @inline(__always) static func isCapital(_ scan: ByteScanner, _ i: Int) -> Bool {
    let b = scan[i]
    if ASCII.isUpper(b) { return true }
    if b == 0xC3 {
      let c = scan[i + 1]
      return c >= 0x80 && c <= 0x9E && c != 0x97
    }
    return false
  }

  @inline(__always) static func scalarLength(_ b: UInt8) -> Int {
    b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
  }

  /// Two to four words forming a name: `John K`, `Mike S.`, `Matt Becker`, `Marius van Niekerk`.
  static func isFullName(_ scan: ByteScanner, _ words: [(Int, Int)]) -> Bool {
    guard words.count >= 2 && words.count <= 4 else { return false }
    for (k, (s, e)) in words.enumerated() {
      if k == 0 {
        if !isName(scan, s, e) { return false }
        continue
      }
      let lower = scan.string(s, e).lowercased()
      if k < words.count - 1 && ["van", "von", "de", "der", "da", "di", "la", "le", "del", "dos"].contains(lower) {
        continue
      }
      if isName(scan, s, e) { continue }
      // A single capital, maybe with a dot: `K`, `K.`.
      if ASCII.isUpper(scan[s]) && (e - s == 1 || (e - s == 2 && scan[s + 1] == UInt8(ascii: "."))) { continue }
      if isInitials(scan, s, e) && k == words.count - 1 && !isAcronym(scan, s, e) { continue }
      return false
    }
    return true
  }

  static func isAllX(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    guard e - s >= 2 else { return false }
    var i = s
    while i < e {
      if scan[i] != UInt8(ascii: "X") && scan[i] != UInt8(ascii: "x") { return false }
      i += 1
    }
    return true
  }

  static func firstBlank(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Int? {
    var i = s
    while i < e {
      if ASCII.isBlank(scan[i]) { return i }
      i += 1
    }
    return nil
  }

  private static let schemeSeparator: [UInt8] = Array(ascii: "://")

  /// Blank-separated words of `s..<e` (the first `maxCount` of them).
  static func wordRanges(_ scan: ByteScanner, _ s: Int, _ e: Int, maxCount: Int = .max) -> [(Int, Int)] {
    var result: [(Int, Int)] = []
    result.reserveCapacity(min(maxCount, 8))
    var i = s
    while i < e && result.count < maxCount {
      while i < e && ASCII.isBlank(scan[i]) { i += 1 }
      let ws = i
      while i < e && !ASCII.isBlank(scan[i]) { i += 1 }
      if i > ws { result.append((ws, i)) }
    }
    return result
  }
}
