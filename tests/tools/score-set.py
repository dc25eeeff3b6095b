#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores socialguard-check on labelled sets, as tests/test-corpus.c does, for quick looks
while working on rules. Prints figures, and with --misses post ids and rule ids only: never
the text of a post (an unread set stays unread).

  tests/tools/score-set.py [--check PATH] [--misses] SET.jsonl…
"""
import argparse, json, subprocess, sys

CATS = ["confidentiality", "boundaries", "respect", "defamation", "anonymity",
        "conflict-of-interest", "prescribing", "advertising", "privacy", "professionalism"]

def score(check, path, misses):
    posts = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    feed = "".join(json.dumps({"id": p["id"], "text": p["text"], "platform": p["platform"]}) + "\n"
                   for p in posts)
    out = subprocess.run([check, "--jsonl", "-"], input=feed.encode(), capture_output=True)
    if out.returncode not in (0, 1):
        sys.exit("socialguard-check failed: " + out.stderr.decode()[:500])
    answers = {}
    for line in out.stdout.decode().splitlines():
        a = json.loads(line)
        answers[a["id"]] = a["findings"]
    exp = {c: 0 for c in CATS}; caught = {c: 0 for c in CATS}; false = {c: 0 for c in CATS}
    fp = fr = cp = cf = 0
    for p in posts:
        flagged = {}
        for f in answers.get(p["id"], []):
            if f["severity"] in ("warning", "error"):
                flagged.setdefault(f["category"], f["rule"])
        e, a = set(p["expect"]), set(p["allow"])
        right = e <= set(flagged) and set(flagged) <= e | a
        for c in CATS:
            if c in e:
                exp[c] += 1; caught[c] += c in flagged
            elif c in flagged and c not in a:
                false[c] += 1
        if e:
            fp += 1; fr += right
        else:
            cp += 1; cf += bool(set(flagged) - a)
        if misses and not right:
            miss = " ".join("missed=" + c for c in sorted(e - set(flagged)))
            extra = " ".join("false=" + flagged[c] for c in sorted(set(flagged) - e - a))
            print(f"  {p['id']}: {miss} {extra}")
    print(f"{path}: flagged right {fr}/{fp} = {fr/max(fp,1):.3f}; clean false {cf}/{cp} = {cf/max(cp,1):.3f}")
    print("   " + "  ".join(f"{c[:6]} {caught[c]}/{exp[c]}" + (f" f{false[c]}" if false[c] else "")
                           for c in CATS))

ap = argparse.ArgumentParser()
ap.add_argument("--check", default="build/src/cli/socialguard-check")
ap.add_argument("--misses", action="store_true")
ap.add_argument("sets", nargs="+")
args = ap.parse_args()
UNREAD = ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")
for s in args.sets:
    # An unread set is scored, never looked into: no list of its misses.
    score(args.check, s, args.misses and not any(u in s for u in UNREAD))
