#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Trains the engine's linear models (data/models/<category>.json) on the READ labelled sets.

The features are the engine's own (build/tests/sg-features: concepts found, word stems,
emoji), so a model reads a draft exactly as the app will. L2-regularised logistic regression,
fitted by batch gradient descent in plain Python (no third-party packages). The cutoff is
chosen by 5-fold cross-validation so that the model alone flags at most MAX_FALSE of the posts
that must not have the category; the script prints the cross-validated recall so you can see
what a model adds before shipping it. Never point it at an unread set.

  tests/tools/train-model.py [--write] CATEGORY…
"""
import argparse, json, math, os, random, subprocess, sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
READ = ["../shared/corpus/posts.jsonl", "tests/data/holdout.jsonl", "tests/data/holdout-2.jsonl",
        "tests/data/tune-1.jsonl", "tests/data/tune-2.jsonl", "tests/data/tune-3.jsonl",
        "tests/data/tune-4.jsonl", "tests/data/tune-5.jsonl"]
# Later read sets in the real register (blind-written, read once scored), joined with --more.
MORE = ["tests/data/tune-6.jsonl", "tests/data/tune-7.jsonl", "tests/data/tune-8.jsonl",
        "tests/data/tune-9.jsonl", "tests/data/tune-10.jsonl", "tests/data/tune-11.jsonl", "tests/data/tune-12.jsonl", "tests/data/tune-13.jsonl",
        "tests/data/tune-14.jsonl", "tests/data/tune-15.jsonl",
        "tests/data/tune-16.jsonl", "tests/data/tune-17.jsonl",
        "tests/data/tune-18.jsonl", "tests/data/tune-19.jsonl",
        "tests/data/tune-20.jsonl", "tests/data/tune-21.jsonl",
        "tests/data/tune-22.jsonl", "tests/data/tune-23.jsonl",
        "tests/data/tune-24.jsonl", "tests/data/tune-25.jsonl",
        "tests/data/tune-26.jsonl", "tests/data/tune-27.jsonl",
        "tests/data/tune-28.jsonl", "tests/data/tune-29.jsonl",
        "tests/data/tune-30.jsonl", "tests/data/tune-31.jsonl",
        "tests/data/tune-32.jsonl", "tests/data/tune-33.jsonl",
        "tests/data/tune-34.jsonl"]
MAX_FALSE = 0.0015   # share of negative posts the model alone may flag, in cross-validation
MIN_COUNT = 3        # a feature must appear in this many training posts
L2 = 0.02
EPOCHS = 300
RATE = 0.5


def load():
    posts = []
    for path in READ:
        full = os.path.join(TOP, path)
        if any(u in path for u in ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")):
            sys.exit("unread sets are never trained on")
        if os.path.exists(full):
            posts += [json.loads(l) for l in open(full, encoding="utf-8") if l.strip()]
    feed = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    env = dict(os.environ, SG_DATA_DIR=os.path.join(TOP, "data"))
    out = subprocess.run([os.path.join(TOP, "build/tests/sg-features")], input=feed.encode(),
                         capture_output=True, env=env, check=True).stdout.decode()
    feats = {}
    for line in out.splitlines():
        a = json.loads(line)
        feats[a["id"]] = set(a["features"])
    return [(p, feats[p["id"]]) for p in posts if p["id"] in feats]


def fit(rows, vocab):
    """rows: (set of feature indices, label). Returns (bias, weights list)."""
    w = [0.0] * len(vocab)
    b = 0.0
    n = len(rows)
    pos = sum(y for _, y in rows) or 1
    # Positives are rare: weigh them up so the model does not learn to say no.
    wpos = (n - pos) / pos
    for epoch in range(EPOCHS):
        gb = 0.0
        gw = [0.0] * len(vocab)
        for x, y in rows:
            z = b + sum(w[i] for i in x)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = (p - y) * (wpos if y else 1.0)
            gb += g
            for i in x:
                gw[i] += g
        b -= RATE * gb / n
        for i in range(len(w)):
            w[i] -= RATE * (gw[i] / n + L2 * w[i])
    return b, w


def score(b, w, x):
    z = b + sum(w[i] for i in x)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def train(category, data, write):
    labelled = [(f, 1 if category in p["expect"] else 0) for p, f in data
                if category in p["expect"] or category not in p["allow"]]
    counts = {}
    for f, _ in labelled:
        for t in f:
            counts[t] = counts.get(t, 0) + 1
    vocab = sorted(t for t, c in counts.items() if c >= MIN_COUNT)
    index = {t: i for i, t in enumerate(vocab)}
    rows = [({index[t] for t in f if t in index}, y) for f, y in labelled]

    random.seed(7)
    order = list(range(len(rows)))
    random.shuffle(order)
    folds = [order[k::5] for k in range(5)]
    cv = []
    for k in range(5):
        test = set(folds[k])
        b, w = fit([rows[i] for i in order if i not in test], vocab)
        cv += [(score(b, w, rows[i][0]), rows[i][1]) for i in folds[k]]
    negatives = sorted((s for s, y in cv if y == 0), reverse=True)
    allowed = int(MAX_FALSE * len(negatives))
    cutoff = min(0.99, max(0.5, negatives[allowed] + 1e-6 if allowed < len(negatives) else 0.5))
    recall = sum(1 for s, y in cv if y and s >= cutoff) / max(1, sum(y for _, y in cv))
    false = sum(1 for s, y in cv if not y and s >= cutoff) / max(1, len(negatives))
    print(f"{category}: {sum(y for _, y in rows)} positive of {len(rows)}; {len(vocab)} features; "
          f"cross-validated at cutoff {cutoff:.3f}: recall {recall:.2f}, false {false:.3f}")

    b, w = fit(rows, vocab)
    weights = {vocab[i]: round(w[i], 4) for i in range(len(vocab)) if abs(w[i]) >= 0.02}
    if write:
        path = os.path.join(TOP, "data", "models", category + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"category": category,
                       "trained-on": "read labelled sets: " + ", ".join(os.path.basename(r) for r in READ),
                       "features": "engine features v1 (concepts, stems, emoji)",
                       "cutoff": round(cutoff, 4),
                       "cross-validated": {"recall": round(recall, 3), "false": round(false, 4)},
                       "bias": round(b, 4), "weights": dict(sorted(weights.items()))},
                      fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(f"  wrote {path} ({len(weights)} weights)")
        # The rule that reads the model carries the cutoff: keep the two in step.
        rules = os.path.join(TOP, "data", "rules", "default", category + ".json")
        pack = json.load(open(rules, encoding="utf-8"))
        for rule in pack["rules"]:
            if rule["detector"].get("type") == "model":
                rule["detector"]["cutoff"] = round(cutoff, 4)
        with open(rules, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(pack, indent=2, ensure_ascii=False) + "\n")


ap = argparse.ArgumentParser()
ap.add_argument("--write", action="store_true")
ap.add_argument("--more", action="store_true", help="also train on " + ", ".join(MORE))
ap.add_argument("categories", nargs="+")
args = ap.parse_args()
if args.more:
    READ += MORE
data = load()
for c in args.categories:
    train(c, data, args.write)
