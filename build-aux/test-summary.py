#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints one plain 'N passed, N failed, N skipped' line from meson's testlog.json.

CI reads this line, not meson's own summary. Subtests of TAP tests are counted one by one,
so the figure is the number of things checked rather than the number of programs run."""

import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "build/meson-logs/testlog.json"
passed = failed = skipped = 0

try:
    lines = open(path, encoding="utf-8").read().splitlines()
except OSError as e:
    print(f"no test log at {path}: {e}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for line in lines:
    if not line.strip():
        continue
    t = json.loads(line)
    result = t.get("result")
    out = t.get("stdout") or ""
    oks = len(re.findall(r"^ok \d+", out, re.M))
    oks_skipped = len(re.findall(r"^ok \d+.*# SKIP", out, re.M))
    not_oks = len(re.findall(r"^not ok \d+", out, re.M))
    if result in ("OK", "EXPECTEDFAIL"):
        if oks or not_oks:
            passed += oks - oks_skipped
            skipped += oks_skipped
        else:
            passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += max(1, not_oks)
        passed += oks - oks_skipped
        print(f"FAILED: {t.get('name')} ({result})")
        # CI shows only the end of the output: say here where and why it stopped.
        last_ok = re.findall(r"^(?:not )?ok \d+ .*$", out, re.M)
        if last_ok:
            print(f"  last subtest reported: {last_ok[-1][:200]}")
        err = (t.get("stderr") or "") + "\n" + out
        causes = [l for l in err.splitlines()
                  if re.search(r"ERROR|CRITICAL|WARNING|assertion|Bail out|not ok|Traceback|Error:", l)]
        for l in causes[-12:]:
            print(f"  {l[:300]}")

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
