#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""For rule work on READ sets only: prints the posts a category gets wrong with what fired.
  tests/tools/explain-set.py SET.jsonl CATEGORY [--false|--missed]"""
import json, subprocess, sys
path, cat = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "--false"
if any(u in path for u in ("holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7")):
    sys.exit("unread sets are never looked into")
posts = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
feed = "".join(json.dumps({"id": p["id"], "text": p["text"], "platform": p["platform"]}) + "\n" for p in posts)
out = subprocess.run(["build/src/cli/socialguard-check", "--jsonl", "--format=json", "-"], input=feed.encode(), capture_output=True)
ans = {json.loads(l)["id"]: json.loads(l)["findings"] for l in out.stdout.decode().splitlines()}
for p in posts:
    fs = [f for f in ans[p["id"]] if f["category"] == cat and f["severity"] != "info"]
    if mode == "--false" and fs and cat not in p["expect"] and cat not in p["allow"]:
        print(p["id"], "|", p["text"][:220].replace("\n", " / "))
        for f in fs: print("     ", f["rule"], "«" + f["match"] + "»")
    if mode == "--missed" and not fs and cat in p["expect"]:
        print(p["id"], "|", p["text"][:260].replace("\n", " / "))
