#!/usr/bin/env python3
"""Chooses the candidate lines of the task truth set from the raw text of the corpus (never from notes-lsp output).

Every list line is put in a stratum: source (conda-forge / conda) x year x kind, where kind is judged from the raw
text only: `task-section` (a heading naming tasks or carried items), `label` (TODO:/Action item:/AI: or under such a
bullet), `slot` (an owner slot before the checkbox), `agenda-top` (a checkbox at the left margin elsewhere),
`agenda-nested` (a nested checkbox elsewhere). Lines whose text was already chosen (notes copy items forward) are
skipped. A fixed seed makes the choice repeatable. Prints `file<TAB>line<TAB>kind<TAB>context<TAB>text`.
"""
import os, random, re, sys, collections

notes = sys.argv[1]
per = {"task-section": 40, "label": 15, "slot": 6, "agenda-top": 8, "agenda-nested": 12}
task_heading = re.compile(r"action item|todo|to do|next step|follow.?up|previous|last meeting|meetings? ago|issue tracker|outstanding|carr(y|ied)", re.I)
label = re.compile(r"^(\[.\]\s*)?(\*\*)?(todo|action items?|ai)\b\s*:?", re.I)
item = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
rows = collections.defaultdict(list)
late = collections.defaultdict(list)
anyline = collections.defaultdict(list)
for root, _, files in os.walk(notes):
    for f in sorted(files):
        if not f.endswith(".md"): continue
        path = os.path.join(root, f)
        rel = os.path.relpath(path, notes)
        source = rel.split("/")[0]
        m = re.search(r"(20\d\d)", f)
        year = m.group(1) if m else "?"
        heads = {}
        fence = False
        stack = []  # (indent, text)
        for n, line in enumerate(open(path, encoding="utf-8", errors="replace").read().split("\n"), 1):
            if line.lstrip().startswith("```"): fence = not fence; continue
            if fence: continue
            h = re.match(r"^(#{1,6})\s+(.*)", line)
            if h:
                lvl = len(h.group(1)); heads = {k: v for k, v in heads.items() if k < lvl}; heads[lvl] = h.group(2); stack = []
                continue
            m = item.match(line)
            if not m:
                if line.strip() and not line.startswith(" "): stack = []
                continue
            ind = len(m.group(1).expandtabs(4)); text = m.group(3).strip()
            while stack and stack[-1][0] >= ind: stack.pop()
            parents = [t for _, t in stack]
            stack.append((ind, text))
            if len(text.split()) >= 5 and not re.search(r"attend|present", heading, re.I):
                anyline[(source, year)].append((rel, n, "plain", heading[-60:], line.replace("\t", "    ")))
            if not text or re.fullmatch(r"\[.?\]\s*(\(\s*\))?\s*(\.\.\.)?", text): continue
            heading = " / ".join(heads[k] for k in sorted(heads))
            box = re.match(r"^\[.?\]", text) is not None
            if re.search(r"attend|present|previous meetings", heading, re.I):
                # conda-forge 2023-24 put `### Standing items` right under `## Attendees`: kept for round five.
                last = heads[max(heads)] if heads else ""
                if not re.search(r"attend|present|previous meetings", last, re.I) and re.match(r"^\[.\]", text):
                    late[(source, year)].append((rel, n, "under-attendees", heading[-60:], line.replace("\t", "    ")))
                continue
            if re.match(r"^\(\s*[^()]*\)\s*\[.\]", text): kind = "slot"
            elif label.match(text) or any(label.match(p) and len(p) < 20 for p in parents): kind = "label"
            elif task_heading.search(heading) and not re.search(r"^agenda$", heading, re.I): kind = "task-section"
            elif box and ind == 0: kind = "agenda-top"
            elif box: kind = "agenda-nested"
            else: continue
            ctx = (heading[-60:] + (" > " + parents[-1][:60] if parents else ""))
            rows[(source, year, kind)].append((rel, n, kind, ctx, line.replace("\t", "    ")))
random.seed(11)
seen = set()
out = []
for key in sorted(rows):
    cands = rows[key][:]
    random.shuffle(cands)
    k = 0
    for r in cands:
        norm = re.sub(r"\W+", " ", r[4]).strip().lower()
        if norm in seen: continue
        seen.add(norm); out.append(r); k += 1
        if k >= per[key[2]]: break
# Second round: more task candidates (checkbox or top-level lines of task sections, label lines), so that the set
# holds at least 300 task lines.
per2 = {"task-section": 60, "label": 60}
for key in sorted(rows):
    if key[2] not in per2: continue
    cands = [r for r in rows[key] if key[2] == "label" or re.match(r"^\s*[-*+]\s+\[.\]", r[4]) or not r[4].startswith(" ")]
    random.shuffle(cands)
    k = 0
    for r in cands:
        norm = re.sub(r"\W+", " ", r[4]).strip().lower()
        if norm in seen: continue
        seen.add(norm); out.append(r); k += 1
        if k >= per2[key[2]]: break
# Third round: lines anywhere whose text starts with a person followed by what they will do (`(AB) make…`,
# `AB: set up…`, `Name to…`, `Name will…`), so that owned tasks outside task sections are represented.
owner_start = re.compile(r"^(\[.\]\s*)?(\([^()]{1,30}\)\s*:?|[A-Z][A-Za-z]{1,3}:|[A-Z]?[a-z]+ (to|will) )\s*[a-z]")
extra = collections.defaultdict(list)
for key in sorted(rows):
    for r in rows[key]:
        text = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", r[4])
        if owner_start.match(text): extra[key[:2]].append(r)
for key in sorted(extra):
    cands = extra[key][:]
    random.shuffle(cands)
    k = 0
    for r in cands:
        norm = re.sub(r"\W+", " ", r[4]).strip().lower()
        if norm in seen: continue
        seen.add(norm); out.append(r); k += 1
        if k >= 7: break

# Fourth round: items copied forward are most of the tasks real notes hold; a copy under another sub-heading
# (`Last meeting`, `2 meetings ago`, `Move to Issue Tracker`, `TODOs`) is a line of its own, judged again.
chosen = {(r[0], r[1]) for r in out}
seen4 = set()
for r in out: seen4.add((re.sub(r"\W+", " ", r[4]).strip().lower(), r[3].split(" > ")[0].split(" / ")[-1]))
for key in sorted(rows):
    if key[2] != "task-section": continue
    cands = [r for r in rows[key] if re.match(r"^\s*[-*+]\s+\[.\]", r[4]) and (r[0], r[1]) not in chosen]
    random.shuffle(cands)
    k = 0
    for r in cands:
        norm = (re.sub(r"\W+", " ", r[4]).strip().lower(), r[3].split(" > ")[0].split(" / ")[-1])
        if norm in seen4: continue
        seen4.add(norm); out.append(r); k += 1
        if k >= 12: break
# Fifth round: checkbox lines of agenda sub-headings that the notes put under the Attendees heading.
for key in sorted(late):
    cands = late[key][:]
    random.shuffle(cands)
    k = 0
    for r in cands:
        norm = re.sub(r"\W+", " ", r[4]).strip().lower()
        if norm in seen: continue
        seen.add(norm); out.append(r); k += 1
        if k >= 12: break
# Sixth round: a year of a source with no line chosen yet (conda-forge 2017: bullets under bold labels, no
# checkboxes) gets a few of its list lines of five words or more.
years = {(r[0].split("/")[0], (re.search(r"(20\d\d)", r[0].split("/")[-1]) or [None, "?"])[1]) for r in out}
for key in sorted(anyline):
    if key in years: continue
    cands = anyline[key][:]
    random.shuffle(cands)
    for r in cands[:8]: out.append(r)
for r in out: print("\t".join(map(str, r)))