#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Trains the engine's linear models (data/models/<category>.tsv) on the READ labelled sets.

The features are the engine's own (build/tests/sg-features: concepts found, word stems, two
words in a row "b:", two words with one between "k:", emoji), so a model reads a draft exactly
as the app will. Logistic regression with a light L2 penalty, fitted by stochastic gradient descent in plain Python (no third-party packages),
positives weighed up by the square root of how much rarer they are.

The cutoff is chosen by cross-validation over whole SETS, not shuffled posts: each labelled set
was written by one writer in one sitting, and a model scored on posts of a set it was trained
on looks better than it will on a new writer's drafts. The cutoff sits just above the score
that one in a thousand posts without the category reached while its set was held out, so the
model alone flags almost none of those; the script prints the held-out recall so you can see what a
model adds before shipping it. Never point it at an unread set.

  tests/tools/train-model.py [--write] [--more] [--exclude SET…] [--data-dir DIR] CATEGORY…

--exclude leaves sets out of training (to measure a model on sets it has not seen: write the
models into a copy of data/ with --data-dir and run socialguard-check with SG_DATA_DIR on it).
"""
import argparse, json, math, os, random, subprocess, sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
READ = ["../shared/corpus/posts.jsonl", "tests/data/holdout.jsonl", "tests/data/holdout-2.jsonl",
        "tests/data/tune-1.jsonl", "tests/data/tune-2.jsonl", "tests/data/tune-3.jsonl",
        "tests/data/tune-4.jsonl", "tests/data/tune-5.jsonl"]
# Later read sets in the real register (blind-written, read once scored), joined with --more.
# Every tune-N from 6 on: a new blind set joins once it has been scored (never before).
MORE = ["tests/data/tune-%d.jsonl" % i for i in range(6, 1000)
        if os.path.exists(os.path.join(TOP, "tests", "data", "tune-%d.jsonl" % i))]
MIN_COUNT = 3        # a feature must appear in this many training posts
# 1e-3 until session 16. With word pairs there are four times as many features, most seen in a
# handful of posts: a heavier penalty kept them from fitting single posts. Whole-set
# cross-validation of the models alone, held-out average precision at 1e-3, 3e-3, 1e-2, 3e-2:
# professionalism 0.848, 0.852, 0.856, 0.857; anonymity 0.937, 0.941, 0.944, 0.945; respect
# 0.916, 0.921, 0.924, 0.924. End to end, with confirm and cutoffs chosen again: 7307 of 9192
# held-out flagged posts right and 205 of 5168 false, against 7259 and 224 at 1e-3; on eight
# blind sets neither had seen (tune-70 … 77), 793 of 1006 and 63 of 594, against 789 and 64.
L2 = 1e-2
EPOCHS = 12
RATE = 0.1
FOLDS = 5
MAX_FALSE = 0.001    # share of held-out negatives the model alone may flag
MARGIN = 0.002       # the cutoff's distance above the negative at that rank
KEEP = 0.01          # weights smaller than this are left out of the shipped file
# Features a category's model may not learn from. Saying you are a doctor is what the guidance
# asks ("as a consultant", "I'm a GP"); the professionalism sets' role-honesty and "as a doctor,
# vaccines ..." posts taught the model that the words themselves are the fault, and it flagged
# "I comment as a consultant, because I am one" on its own (session 15). The written rules
# judge who is claiming what. "introduced" likewise (session 17: weighed 0.72, it flagged "I
# introduced myself as the registrar on call and explained the plan to the family").
NEUTRAL = {"professionalism": {"c:doctor-self", "c:role-claim", "s:as", "s:introduc"}}
# The same for words in a row: a pair holding one of these stems ("b:myself as", "b:as the")
# or naming the act of saying who you are ("introduced myself") is the claim itself (session
# 16: the first models with pairs flagged "I introduced myself as the consultant on call" at
# 0.91 from exactly those pairs).
NEUTRAL_IN_PAIRS = {"professionalism": {"as"}}   # "b:" and "k:" pairs alike
NEUTRAL_PAIRS = {"professionalism": {"b:introduc myself", "b:introduc herself",
                                     "b:introduc himself", "b:introduc themselv"}}


def is_neutral(category, feature):
    if feature in NEUTRAL.get(category, ()) or feature in NEUTRAL_PAIRS.get(category, ()):
        return True
    if feature.startswith("b:") or feature.startswith("k:"):
        return any(stem in NEUTRAL_IN_PAIRS.get(category, ())
                   for stem in feature[2:].split(" "))
    return False


# A "k:" pair that starts with one of these may have stood round an "as" ("myself as the",
# "herself as a"): the words of saying who you are, as above.
NEUTRAL_FIRST_OF_SKIPS = {"professionalism": {"myself", "himself", "herself", "themselv"}}


def skips_neutral(category, feature, features):
    """Whether a "k:" pair (two words with one between) may have stood either side of a word
    the category's model may not learn from in pairs: "introduced myself as the registrar"
    gives "k:myself the" round the "as" (session 17: the professionalism model weighed it 0.77
    and flagged that draft on its own). Told from the post's own pairs in a row."""
    if not feature.startswith("k:"):
        return False
    first, _, second = feature[2:].partition(" ")
    if first in NEUTRAL_FIRST_OF_SKIPS.get(category, ()):
        return True
    return any("b:%s %s" % (first, n) in features and "b:%s %s" % (n, second) in features
               for n in NEUTRAL_IN_PAIRS.get(category, ()))


def load():
    posts = []
    for path in READ:
        full = os.path.join(TOP, path)
        if any(u in path for u in ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")):
            sys.exit("unread sets are never trained on")
        if os.path.exists(full):
            posts += [dict(json.loads(l), set=os.path.basename(path))
                      for l in open(full, encoding="utf-8") if l.strip()]
    feed = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    env = dict(os.environ, SG_DATA_DIR=os.path.join(TOP, "data"))
    out = subprocess.run([os.path.join(TOP, "build/tests/sg-features")], input=feed.encode(),
                         capture_output=True, env=env, check=True).stdout.decode()
    feats = {}
    for line in out.splitlines():
        a = json.loads(line)
        feats[a["id"]] = set(a["features"])
    return [(p, feats[p["id"]]) for p in posts if p["id"] in feats]


def fit(rows, n_features, seed=1):
    """rows: (set of feature indices, label). Returns (bias, weights list)."""
    w = [0.0] * n_features
    b = 0.0
    pos = sum(y for _, y in rows) or 1
    # Positives are rare: weigh them up so the model does not learn to say no, but only by the
    # square root of their rarity, which kept false alarms on held-out sets lower.
    wpos = math.sqrt((len(rows) - pos) / pos)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for k in order:
            x, y = rows[k]
            z = b + sum(w[i] for i in x)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = (p - y) * (wpos if y else 1.0)
            b -= RATE * g
            for i in x:
                w[i] -= RATE * (g + L2 * w[i])
    return b, w


def score(b, w, x):
    z = b + sum(w[i] for i in x)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def train(category, data, args):
    labelled = [({t for t in f if not skips_neutral(category, t, f)},
                 1 if category in p["expect"] else 0, p["set"]) for p, f in data
                if category in p["expect"] or category not in p["allow"]]
    counts = {}
    for f, _, _ in labelled:
        for t in f:
            counts[t] = counts.get(t, 0) + 1
    vocab = sorted(t for t, c in counts.items()
                   if c >= MIN_COUNT and not is_neutral(category, t))
    index = {t: i for i, t in enumerate(vocab)}
    rows = [({index[t] for t in f if t in index}, y) for f, y, _ in labelled]

    # Whole sets to a fold, so every score below is of a writer the model has not read.
    names = sorted({s for _, _, s in labelled})
    random.Random(7).shuffle(names)
    fold_of = {name: k % FOLDS for k, name in enumerate(names)}
    cv = []
    for k in range(FOLDS):
        held = [i for i, (_, _, s) in enumerate(labelled) if fold_of[s] == k]
        kept = [rows[i] for i, (_, _, s) in enumerate(labelled) if fold_of[s] != k]
        b, w = fit(kept, len(vocab))
        cv += [(score(b, w, rows[i][0]), rows[i][1]) for i in held]
    negatives = sorted((s for s, y in cv if y == 0), reverse=True)
    cutoff = min(0.995, max(0.5, negatives[int(MAX_FALSE * len(negatives))] + MARGIN))
    recall = sum(1 for s, y in cv if y and s >= cutoff) / max(1, sum(y for _, y in cv))
    false = sum(1 for s, y in cv if not y and s >= cutoff) / max(1, len(negatives))
    print(f"{category}: {sum(y for _, y in rows)} positive of {len(rows)}; {len(vocab)} features; "
          f"held-out sets at cutoff {cutoff:.3f}: recall {recall:.2f}, false {false:.4f}")

    b, w = fit(rows, len(vocab))
    weights = {vocab[i]: round(w[i], 4) for i in range(len(vocab)) if abs(w[i]) >= KEEP}
    if args.write:
        data_dir = args.data_dir or os.path.join(TOP, "data")
        path = os.path.join(data_dir, "models", category + ".tsv")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Text the engine reads in one pass (sg_model_load): "#" lines, the bias, then a
        # feature and its weight a line.
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"# SocialGuard model: {category}\n"
                     f"# trained on the read labelled sets: "
                     f"{', '.join(os.path.basename(r) for r in READ)}\n"
                     "# features: engine features v3 (concepts, stems, words in a row, "
                     "words one apart, emoji)\n"
                     f"# held-out sets (whole sets held out) at the rule's cutoff {round(cutoff, 4)}: "
                     f"recall {round(recall, 3)}, false {round(false, 4)}\n"
                     "# written by tests/tools/train-model.py: bias, then a feature and its weight "
                     "a line\n"
                     f"bias\t{round(b, 4)}\n")
            for name, weight in sorted(weights.items()):
                fh.write(f"{name}\t{weight}\n")
        print(f"  wrote {path} ({len(weights)} weights)")
        # The rule that reads the model carries the cutoff: keep the two in step.
        rules = os.path.join(data_dir, "rules", "default", category + ".json")
        pack = json.load(open(rules, encoding="utf-8"))
        for rule in pack["rules"]:
            if rule["detector"].get("type") == "model":
                rule["detector"]["cutoff"] = round(cutoff, 4)
        with open(rules, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(pack, indent=2, ensure_ascii=False) + "\n")


ap = argparse.ArgumentParser()
ap.add_argument("--write", action="store_true")
ap.add_argument("--more", action="store_true", help="also train on tune-6 and later")
ap.add_argument("--exclude", nargs="*", default=[], help="sets (file names) left out of training")
ap.add_argument("--data-dir", help="write into this copy of data/ instead")
ap.add_argument("categories", nargs="+")
args = ap.parse_args()
if args.more:
    READ += MORE
READ = [r for r in READ if os.path.basename(r) not in args.exclude]
data = load()
for c in args.categories:
    train(c, data, args)
