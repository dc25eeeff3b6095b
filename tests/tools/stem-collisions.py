#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists concept terms whose Snowball stem is shared by other words of the READ labelled sets
that are not simple inflections of the term ("election" and "elective", "use" and "useful"):
each is a place where a concept may match a word it never meant. Prints counts and words,
never a post. Uses build/tests/sg-features, so the stems are the engine's own.

  tests/tools/stem-collisions.py [--most N]
"""
import argparse, collections, glob, json, os, re, subprocess

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNREAD = ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")

ap = argparse.ArgumentParser()
ap.add_argument("--most", type=int, default=60)
args = ap.parse_args()

sets = [os.path.join(TOP, "../shared/corpus/posts.jsonl")] + \
       sorted(p for p in glob.glob(os.path.join(TOP, "tests/data/*.jsonl"))
              if not any(u in p for u in UNREAD))
vocab = collections.Counter()
for path in sets:
    for line in open(path, encoding="utf-8"):
        if line.strip():
            vocab.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))

terms = collections.defaultdict(set)
for path in glob.glob(os.path.join(TOP, "data/concepts/*.txt")):
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if re.fullmatch(r"[a-z]+", line):
            terms[line].add(os.path.basename(path)[:-4])

words = sorted(set(vocab) | set(terms))
feed = "".join(json.dumps({"id": w, "text": w}) + "\n" for w in words)
out = subprocess.run([os.path.join(TOP, "build/tests/sg-features")], input=feed.encode(),
                     capture_output=True, check=True,
                     env=dict(os.environ, SG_DATA_DIR=os.path.join(TOP, "data"))).stdout.decode()
stem = {}
for line in out.splitlines():
    a = json.loads(line)
    stems = [f[2:] for f in a["features"] if f.startswith("s:")]
    if stems:
        stem[a["id"]] = stems[0]

by_stem = collections.defaultdict(set)
for w in vocab:
    if w in stem:
        by_stem[stem[w]].add(w)


def inflection(t, w):
    return w in {t + "s", t + "es", t + "ed", t + "d", t + "ing", t[:-1] + "ies", t[:-1] + "ied",
                 t[:-1] + "ing", t + t[-1] + "ed", t + t[-1] + "ing", t[:-1] + "ed",
                 t[:-1] + "es", t[:-1] + "s"}


rows = [(vocab[w], t, w, ",".join(sorted(c))) for t, c in terms.items() if t in stem
        for w in by_stem[stem[t]] if w != t and w not in terms and not inflection(t, w)]
for n, t, w, c in sorted(rows, reverse=True)[:args.most]:
    print(f"{n:5d}  {t} ~ {w}  ({c})")
