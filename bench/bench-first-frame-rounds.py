#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first window against a bare libadwaita window, interleaved in one run.

    xvfb-run -a bench/bench-first-frame-rounds.py build/bench/bench-first-frame [ROUNDS]

Runs the app and the bare window one after the other ROUNDS times (12 unless told), in
alternating order, after one warm-up round of each that is not counted, and prints the median
time to the first frame of each, their ratio (issue 15 asks for at most 1.3) and the median
resident set at that frame. The machines are shared: a single pair of runs says little, a
median of interleaved rounds in the same minute much more.
"""

import os
import statistics
import subprocess
import sys
import tempfile


def run_once(exe, bare, env):
    args = [exe] + (["--bare"] if bare else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    values = dict(line.split(None, 1) for line in out.splitlines() if line.strip())
    return float(values["first-frame-ms"]), int(values.get("first-frame-rss-kb", "0"))


def main():
    exe = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    build = os.path.dirname(os.path.dirname(os.path.abspath(exe)))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ,
                   GSETTINGS_BACKEND="memory",
                   GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
                   GDK_DEBUG="gl-disable",
                   GSK_RENDERER="cairo",
                   NO_AT_BRIDGE="1",
                   # A data folder of its own that outlives the warm-up round, so the app
                   # opens an existing store as it does for a user, not a first run.
                   XDG_DATA_HOME=os.path.join(home, "data"),
                   XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_CACHE_HOME=os.path.join(home, "cache"))
        run_once(exe, False, env)
        run_once(exe, True, env)
        app, bare = [], []
        for i in range(rounds):
            order = (False, True) if i % 2 == 0 else (True, False)
            for is_bare in order:
                (bare if is_bare else app).append(run_once(exe, is_bare, env))
    app_ms = statistics.median(t for t, _ in app)
    bare_ms = statistics.median(t for t, _ in bare)
    print("rounds %d" % rounds)
    print("app-ms   median %.1f  (min %.1f, max %.1f)" %
          (app_ms, min(t for t, _ in app), max(t for t, _ in app)))
    print("bare-ms  median %.1f  (min %.1f, max %.1f)" %
          (bare_ms, min(t for t, _ in bare), max(t for t, _ in bare)))
    print("ratio %.2f" % (app_ms / bare_ms))
    print("ratio-of-pairs median %.2f" %
          statistics.median(a / b for (a, _), (b, _) in zip(app, bare)))
    print("app-rss-mb  median %.1f" % (statistics.median(r for _, r in app) / 1024))
    print("bare-rss-mb median %.1f" % (statistics.median(r for _, r in bare) / 1024))


if __name__ == "__main__":
    main()
