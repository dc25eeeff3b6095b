#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first window against a bare libadwaita window, interleaved in one run.

    xvfb-run -a bench/bench-first-frame-rounds.py build/bench/bench-first-frame [ROUNDS]
        [--compare OTHER/build/bench/bench-first-frame] [--skeleton]

Runs the app and the bare window one after the other ROUNDS times (12 unless told), in an
order that turns round each round, after one warm-up round that is not counted, and prints
the median time to the first frame of each, their ratio (issue 15 asks for at most 1.3) and
the median resident set at that frame. --compare adds the app of another build (an older
commit, say) to the same rounds, measured against the same bare windows; --skeleton adds a
libadwaita window with the same chrome and no content (header bar, view switcher over five
empty pages, menu button), the part of the time any app of this shape pays. The machines are
shared: a single pair of runs says little, medians of rounds interleaved in the same minutes
much more.
"""

import argparse
import os
import statistics
import subprocess
import tempfile


def run_once(args, env):
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    values = dict(line.split(None, 1) for line in out.splitlines() if line.strip())
    # The main thread's CPU time says how much of the wait was its own work (an older build
    # that does not print it reads as 0).
    return (float(values["first-frame-ms"]), int(values.get("first-frame-rss-kb", "0")),
            float(values.get("first-frame-main-cpu-ms", "0")))


def environment(exe, home, name):
    build = os.path.dirname(os.path.dirname(os.path.abspath(exe)))
    return dict(os.environ,
                GSETTINGS_BACKEND="memory",
                GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
                GDK_DEBUG="gl-disable",
                GSK_RENDERER="cairo",
                NO_AT_BRIDGE="1",
                # A data folder of its own that outlives the warm-up round, so the app opens
                # an existing store as it does for a user, not a first run.
                XDG_DATA_HOME=os.path.join(home, name, "data"),
                XDG_CONFIG_HOME=os.path.join(home, name, "config"),
                XDG_CACHE_HOME=os.path.join(home, name, "cache"),
                # The app's icons where an installed copy has them (data/icons/hicolor), so
                # the window's icon is drawn from the theme before the first frame as it is for
                # a user; uninstalled, the app would skip that and look faster than it is.
                XDG_DATA_DIRS=os.pathsep.join(
                    [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data"),
                     os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"]))


def report(name, runs, bare):
    ms = [t for t, _, _ in runs]
    print("%-12s median %6.1f ms (min %6.1f, max %6.1f)  rss %5.1f MB  main-thread CPU %5.1f ms" %
          (name, statistics.median(ms), min(ms), max(ms),
           statistics.median(r for _, r, _ in runs) / 1024,
           statistics.median(c for _, _, c in runs)))
    if bare is not None:
        bare_ms = [t for t, _, _ in bare]
        print("%-12s ratio %.2f (median of the pairs' ratios %.2f)" %
              ("", statistics.median(ms) / statistics.median(bare_ms),
               statistics.median(a / b for a, b in zip(ms, bare_ms))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("exe")
    parser.add_argument("rounds", nargs="?", type=int, default=12)
    parser.add_argument("--compare", help="the bench-first-frame of another build")
    parser.add_argument("--skeleton", action="store_true",
                        help="also time the libadwaita chrome without content")
    opts = parser.parse_args()

    # The baseline is bench-first-frame-bare beside the app's binary: libadwaita alone. The
    # app binary's own --bare ("bare-linked") also loads every library the app links; it is
    # shown so the cost of those libraries can be seen, and is not the baseline.
    bare_exe = os.path.join(os.path.dirname(os.path.abspath(opts.exe)), "bench-first-frame-bare")
    with tempfile.TemporaryDirectory() as home:
        kinds = [("app", [opts.exe], environment(opts.exe, home, "app")),
                 ("bare", [bare_exe, "--bare"], environment(opts.exe, home, "bare")),
                 ("bare-linked", [opts.exe, "--bare"], environment(opts.exe, home, "linked"))]
        if opts.compare:
            kinds.append(("compared", [opts.compare], environment(opts.compare, home, "other")))
        if opts.skeleton:
            kinds.append(("skeleton", [bare_exe, "--skeleton"],
                          environment(opts.exe, home, "skeleton")))
        for _, args, env in kinds:
            run_once(args, env)
        runs = {name: [] for name, _, _ in kinds}
        for i in range(opts.rounds):
            order = kinds if i % 2 == 0 else list(reversed(kinds))
            for name, args, env in order:
                runs[name].append(run_once(args, env))

    print("rounds %d" % opts.rounds)
    report("bare", runs["bare"], None)
    report("bare-linked", runs["bare-linked"], runs["bare"])
    report("app", runs["app"], runs["bare"])
    if opts.compare:
        report("compared", runs["compared"], runs["bare"])
    if opts.skeleton:
        report("skeleton", runs["skeleton"], runs["bare"])


if __name__ == "__main__":
    main()
