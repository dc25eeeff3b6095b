#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Past posts (issue 14): auditing a 50,000-post X archive against socialguard-check --jsonl on
the same texts. Reports the time ratio (the issue asks at most 3x), each program's peak RSS
against the archive's text size (at most 2x), the same above the process's own baseline (the
rules loaded and the store open, which the app holds whether or not it audits) during the audit
and once the flagged posts are read back as the page lists them, and the largest main-loop gap while the audit
runs (at most 50 ms). The texts are the read tuning sets (tests/data/tune-*.jsonl), cycled:
written to be flagged far more often than real timelines are, so the audit stores many more
posts than it would for a real archive.
Usage: bench-audit.py [--whole] SOCIALGUARD_CHECK BENCH_AUDIT [N_POSTS]
   (--whole: the flagged posts listed whole, as the page held them before issue 14's fix)
   or: bench-audit.py --window BENCH_PAST_POSTS_GAPS [N_POSTS]   (under Xvfb)
The second audits the same archive in the real window (bench-past-posts-gaps.c) and reports the
longest main-loop and frame gaps while it audits, lists and settles."""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

whole = "--whole" in sys.argv
if whole:
    sys.argv.remove("--whole")
window = sys.argv[1] == "--window"
MB = 1024 * 1024
check, bench, n = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 50000
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data")
texts = []
for i in range(1, 9):
    with open(os.path.join(data, f"tune-{i}.jsonl"), encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]


def run(argv, stdout=subprocess.DEVNULL):
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=stdout)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    out = proc.stdout.read() if stdout == subprocess.PIPE else None
    return elapsed, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status), out


with tempfile.TemporaryDirectory(prefix="sg-bench-audit-") as tmp:
    archive = os.path.join(tmp, "tweets.js")
    jsonl = os.path.join(tmp, "posts.jsonl")
    text_bytes = 0
    with open(archive, "w", encoding="utf-8") as a, open(jsonl, "w", encoding="utf-8") as j:
        a.write("window.YTD.tweets.part0 = [ ")
        for i in range(n):
            text = texts[i % len(texts)]
            text_bytes += len(text.encode("utf-8"))
            tweet = {"tweet": {"id_str": str(1000 + i),
                               "created_at": f"Wed Jun 01 12:00:00 +0000 {2010 + i % 15}",
                               "full_text": text}}
            a.write((",\n" if i else "") + json.dumps(tweet, ensure_ascii=False))
            j.write(json.dumps({"id": str(1000 + i), "text": text, "platform": "x"},
                               ensure_ascii=False) + "\n")
        a.write(" ]\n")
    archive_bytes = os.path.getsize(archive)

    if window:
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"), GSETTINGS_BACKEND="memory")
        proc = subprocess.run([bench, archive], env=env, stdout=subprocess.PIPE, check=True)
        result = json.loads(proc.stdout)
        print(f"posts: {n}; in the window: audit {result['audit_s']:.1f} s, then "
              f"{result['posts_listed']} flagged posts listed in {result['list_s']:.2f} s")
        print(f"longest main-loop gap: {result['max_gap_auditing_ms']:.1f} ms while auditing, "
              f"{result['max_gap_listing_ms']:.1f} ms while listing, "
              f"{result['max_gap_settling_ms']:.1f} ms while the rows are made; longest time "
              f"between frames {result['max_frame_gap_ms']:.1f} ms (issue: at most 50)")
        base = result["base_rss"]
        print(f"window RSS {base / MB:.1f} MB before the import; above that / text size "
              f"({text_bytes / MB:.1f} MB): peak {(result['peak_rss'] - base) / text_bytes:.2f}, "
              f"at the end {(result['end_rss'] - base) / text_bytes:.2f}")
        sys.exit(0)

    check_s, check_rss, check_rc, _ = run([check, "--jsonl", jsonl])
    if check_rc not in (0, 1):
        sys.exit(f"socialguard-check failed ({check_rc})")
    audit_s, audit_rss, audit_rc, out = run([bench] + (["--whole"] if whole else []) +
                                            [archive, os.path.join(tmp, "sg.db")],
                                            stdout=subprocess.PIPE)
    if audit_rc != 0:
        sys.exit(f"bench-audit failed ({audit_rc})")
    result = json.loads(out)
    db_bytes = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp)
                   if f.startswith("sg.db"))

MB = 1024 * 1024
print(f"posts: {n}, text {text_bytes / MB:.1f} MB, archive file {archive_bytes / MB:.1f} MB")
print(f"socialguard-check --jsonl: {check_s:.1f} s, peak RSS {check_rss / MB:.0f} MB")
print(f"audit (process): {audit_s:.1f} s, audit alone {result['seconds']:.1f} s, "
      f"peak RSS {audit_rss / MB:.0f} MB; checked {result['checked']}, "
      f"flagged {result['flagged']} ({100 * result['flagged'] / max(result['checked'], 1):.0f} %), "
      f"database {db_bytes / MB:.1f} MB")
print(f"time ratio audit/check: {audit_s / check_s:.2f} (issue: at most 3)")
base = result["base_rss"]
print(f"RSS / text size: audit process peak {audit_rss / text_bytes:.2f}, check {check_rss / text_bytes:.2f}; "
      f"audit RSS above check's: {(audit_rss - check_rss) / MB:.0f} MB")
print(f"RSS above the baseline (rules loaded, store open: {base / MB:.1f} MB) / text size: "
      f"during the audit {(result['audit_peak_rss'] - base) / text_bytes:.2f}, "
      f"with the {result['listed']} flagged posts listed "
      f"{'whole (as before issue 14)' if whole else 'as the page holds them'} "
      f"{(result['listed_rss'] - base) / text_bytes:.2f} (issue: at most 2)")
print(f"largest main-loop gap during the audit: {result['max_gap_ms']:.1f} ms "
      f"(issue: at most 50), {result['progress_events']} progress events")
