#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeds the swearing concepts from a maintained list, so they do not rest on memory alone.

Reads cuss 2.2.0 (build-aux/third-party/cuss, MIT: words rated 2 "likely profane", 1 "maybe",
0 "unlikely") and build-aux/swearing-routing.tsv (word, rating, the concept it belongs to or
"skip", why; "profanity+profane-name" for a swear word that names a person). Rating 0 is never
used. A word is added to its concept unless that concept's hand-written part has it, or it is a
hand-written term of another people-word concept (so it is not flagged twice over). Each concept file keeps its hand-written terms
above the seeded marker; everything below it is rewritten, sure words (rating 2) first, then
the "maybe" words (rating 1) that the routing kept after review, each block labelled.

  build-aux/seed-swearing.py           rewrite the seeded blocks
  build-aux/seed-swearing.py --check   exit 1 if a concept file is out of date (a test runs this)
"""
import os, re, sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CUSS = os.path.join(TOP, "build-aux", "third-party", "cuss", "index.js")
ROUTING = os.path.join(TOP, "build-aux", "swearing-routing.tsv")
CONCEPTS = ["profanity", "profanity-mild", "slur", "sexual", "insult", "profane-name"]
# Hand-written concepts a seeded word must not repeat (other lists of people-words too).
ALSO_HAND = ["body-slang", "derogatory-noun", "dehumanising"]
MARKER = "# --- seeded from cuss 2.2.0 (MIT) by build-aux/seed-swearing.py; do not edit below ---"


def cuss_ratings():
    text = open(CUSS, encoding="utf-8").read()
    body = text[text.index("{") + 1:text.rindex("}")]
    pairs = re.findall(r"^\s+(?:'([^']+)'|([A-Za-z0-9]+)): ([012]),?$", body, re.M)
    return {(a or b): int(r) for a, b, r in pairs}


def routing(ratings):
    routes = {}
    for n, line in enumerate(open(ROUTING, encoding="utf-8"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, rating, route, *why = line.rstrip("\n").split("\t")
        if word not in ratings or ratings[word] != int(rating):
            sys.exit(f"{ROUTING}:{n}: '{word}' is not rated {rating} in cuss")
        if route != "skip" and not set(route.split("+")) <= set(CONCEPTS):
            sys.exit(f"{ROUTING}:{n}: unknown concept '{route}'")
        if route == "skip" and not (why and why[0].strip()):
            sys.exit(f"{ROUTING}:{n}: a skipped word needs its reason")
        routes[word] = [] if route == "skip" else route.split("+")
    missing = [w for w, r in ratings.items() if r > 0 and w not in routes]
    if missing:
        sys.exit(f"{ROUTING}: no route for {len(missing)} rated words, e.g. {missing[:5]}")
    return routes


def hand_part(name):
    path = os.path.join(TOP, "data", "concepts", name + ".txt")
    lines = open(path, encoding="utf-8").read().split("\n")
    if MARKER in lines:
        lines = lines[:lines.index(MARKER)]
    while lines and not lines[-1].strip():
        lines.pop()
    return path, lines


def terms_of(lines):
    return {l.strip().lower() for l in lines if l.strip() and not l.lstrip().startswith("#")}


def main():
    check = "--check" in sys.argv[1:]
    ratings = cuss_ratings()
    routes = routing(ratings)
    hand = {}
    for name in CONCEPTS + ALSO_HAND:
        hand[name] = hand_part(name)
    stale = []
    for name in CONCEPTS:
        path, lines = hand[name]
        others = set().union(*(terms_of(l) for n, (_, l) in hand.items() if n != name))
        words = sorted(w for w, r in routes.items()
                       if name in r and w.lower() not in terms_of(lines)
                       and (len(r) > 1 or w.lower() not in others))
        sure = [w for w in words if ratings[w] == 2]
        maybe = [w for w in words if ratings[w] == 1]
        out = lines + ["", MARKER,
                       f"# {len(sure)} words cuss rates 2 (likely profane) that the list above lacks"]
        out += sure
        if maybe:
            out += ["", f"# {len(maybe)} words cuss rates 1 (maybe), kept after review"] + maybe
        text = "\n".join(out) + "\n"
        if open(path, encoding="utf-8").read() != text:
            if check:
                stale.append(os.path.relpath(path, TOP))
            else:
                open(path, "w", encoding="utf-8").write(text)
                print(f"{os.path.relpath(path, TOP)}: {len(sure)} sure, {len(maybe)} maybe")
    if stale:
        sys.exit("out of date, run build-aux/seed-swearing.py: " + ", ".join(stale))


main()
