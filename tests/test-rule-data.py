#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks on the rule pack's data that the loader cannot make (TAP output):

1. Every rule cites the guidance in force first: its first citation is a source whose status
   is "current", and no rule cites only withdrawn sources.
2. No Good medical practice citation uses a 2013 number: ¶65, ¶69 and ¶70 mean continuity
   of care and records in the 2024 edition, and ¶36 means interests (only conflict-of-interest
   rules may cite it). The 2013 edition of GMP is not a source at all. Each category file's
   description names the 2024 text before any 2013 paragraph (it is what a reader of the
   pack sees first).
3. No rule term, lexicon line or concept term of four words or more appears word for word in
   a labelled set (tests/data/*.jsonl, ../shared/corpus/posts.jsonl): long literals that match
   a labelled post are the rules learning the posts, not the language.
4. Every concept file says what it means and where its words came from.

Prints rule ids, file names and terms; never the text of a post.
"""
import glob, json, os, re, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(top, "data")
results = []

def ok(good, name, detail=""):
    results.append((good, name, detail))

pack = json.load(open(os.path.join(data, "rules", "default.json"), encoding="utf-8"))
sources = {s["id"]: s for s in pack["sources"]}
rules, lexicon_terms, stale_descriptions = [], [], []
for inc in pack.get("include", []):
    part = json.load(open(os.path.join(data, "rules", inc), encoding="utf-8"))
    description = part.get("description", "")
    if "2024" not in description or ("2013" in description and
                                     description.index("2013") < description.index("2024")):
        stale_descriptions.append(inc)
    rules += part.get("rules", [])
    for name, lex in part.get("lexicons", {}).items():
        if isinstance(lex, list):
            lexicon_terms += [(inc + ":" + name, t) for t in lex]
for name, lex in pack.get("lexicons", {}).items():
    if isinstance(lex, list):
        lexicon_terms += [("default.json:" + name, t) for t in lex]
    else:
        path = lex if isinstance(lex, str) else lex["file"]
        for line in open(os.path.join(data, "rules", path), encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                lexicon_terms.append((os.path.basename(path), line.split("\t")[0]))

# 1 and 2
bad_first, only_withdrawn, bad_gmp = [], [], []
for r in rules:
    cits = r["citations"]
    statuses = [sources[c["source"]].get("status") for c in cits]
    if statuses[0] != "current":
        bad_first.append(r["id"])
    if all(s == "withdrawn" for s in statuses):
        only_withdrawn.append(r["id"])
    for c in cits:
        if c["source"] in ("gmp", "gmp-2013"):
            bad_gmp.append(r["id"] + " cites GMP 2013")
        if c["source"] == "gmp-2024":
            n = re.match(r"\d+", c["paragraph"])
            n = int(n.group()) if n else None
            if n in (65, 69, 70) or (n == 36 and r["category"] != "conflict-of-interest"):
                bad_gmp.append(f"{r['id']} cites GMP 2024 ¶{c['paragraph']}")
ok(not bad_first, "every rule cites a current source first", ", ".join(bad_first))
ok(not only_withdrawn, "no rule cites only withdrawn guidance", ", ".join(only_withdrawn))
ok(not bad_gmp, "no Good medical practice citation uses a 2013 number", "; ".join(bad_gmp))
ok(all(s.get("status") for s in pack["sources"]), "every source says whether it is in force")
ok(not stale_descriptions, "every category file's description cites the 2024 guidance first",
   ", ".join(stale_descriptions))

# 3
def terms_of(node):
    if isinstance(node, str):
        if not node.startswith("@"):
            yield node
    elif isinstance(node, list):
        for n in node:
            yield from terms_of(n)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in ("regex", "label"):
                continue
            yield from terms_of(v)

literals = [(r["id"], t) for r in rules for t in terms_of(r["detector"].get("match", []))]
for r in rules:
    for cond in r["detector"].get("near", []) + r["detector"].get("unless", []):
        literals += [(r["id"], t) for t in terms_of(cond["terms"])]
    literals += [(r["id"], t) for t in terms_of(r["detector"].get("pattern", []))]
literals += lexicon_terms
for path in sorted(glob.glob(os.path.join(data, "concepts", "*.txt"))):
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            literals.append((os.path.basename(path), line))

def norm(s):
    s = s.lower().replace("\u2019", "'").rstrip("*")
    return re.sub(r"\s+", " ", s).strip()

# An unread set stays unread: a term found in one is counted, not named, so that nobody
# learns its wording from this test. (Remove such a term or shorten it; do not go looking.)
UNREAD = ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")
read_texts, unread_texts = [], []
sets = sorted(glob.glob(os.path.join(top, "tests", "data", "*.jsonl")))
corpus = os.path.join(top, "..", "shared", "corpus", "posts.jsonl")
if os.path.exists(corpus):
    sets.append(corpus)
for path in sets:
    bucket = unread_texts if any(u in path for u in UNREAD) else read_texts
    for line in open(path, encoding="utf-8"):
        if line.strip():
            bucket.append(norm(json.loads(line)["text"]))

def found(t, blob):
    # A plain substring test first: most terms are in no post, and the regex is the slow part.
    if norm(t) not in blob:
        return None
    return re.search(r"(?<![a-z0-9])" + re.escape(norm(t)) + r"(?![a-z0-9])", blob)

read_blob, unread_blob = "\n".join(read_texts), "\n".join(unread_texts)
long_terms = [(where, t) for where, t in literals if len(norm(t).split()) >= 4]
long_hits = sorted({f"{where}: “{t}”" for where, t in long_terms if found(t, read_blob)})
unread_hits = sum(1 for where, t in long_terms if not found(t, read_blob) and found(t, unread_blob))
if unread_hits:
    long_hits.append(f"{unread_hits} more in the unread sets (not named)")
ok(not long_hits, f"no literal of four words or more is copied from the {len(sets)} labelled sets",
   "; ".join(long_hits))

# 4
missing = []
for path in sorted(glob.glob(os.path.join(data, "concepts", "*.txt"))):
    head = open(path, encoding="utf-8").read(4000)
    for key in ("concept", "label", "means", "source"):
        if not re.search(r"^#\s*" + key + r":\s*\S", head, re.M):
            missing.append(f"{os.path.basename(path)} lacks “{key}”")
ok(not missing, "every concept file has its header", "; ".join(missing))

# 5: the models weigh features the engine still makes: a concept or lexicon that was renamed
# or removed would leave its weight unused (retrain with tests/tools/train-model.py).
names = {os.path.basename(p)[:-4] for p in glob.glob(os.path.join(data, "concepts", "*.txt"))}
names |= set(pack.get("lexicons", {}))
for inc in pack.get("include", []):
    names |= set(json.load(open(os.path.join(data, "rules", inc), encoding="utf-8")).get("lexicons", {}))
names |= {"dose", "proper-noun", "person", "doctor-name", "organisation", "watch-list",
          "opening-handle", "masked-word"}
stale = []
for path in sorted(glob.glob(os.path.join(data, "models", "*.tsv"))):
    weighed = [line.split("\t", 1)[0] for line in open(path, encoding="utf-8")
               if line.strip() and not line.startswith("#")]
    for f in weighed:
        if f.startswith("c:") and f[2:] not in names and not f[2:].startswith("identifier:"):
            stale.append(f"{os.path.basename(path)}: {f}")
ok(not stale, "every concept a model weighs still exists", "; ".join(stale))

print(f"1..{len(results)}")
for i, (good, name, detail) in enumerate(results, 1):
    print(f"{'ok' if good else 'not ok'} {i} - {name}")
    if not good:
        for part in detail.split("; "):
            print(f"# {part}")
sys.exit(0 if all(g for g, _, _ in results) else 1)
