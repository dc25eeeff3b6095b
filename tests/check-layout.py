#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a subsystem includes a header of one it must not reach (HACKING.md, "Where code
lives"). The build already refuses most of these, since a library's include path holds only
the folders it may use; this test says which line broke the rule, and also catches a header
reached through a relative path or one that moved folders. TAP output."""

import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
src = os.path.join(top, "src")

# Which folders each may include from (itself always). Anything not listed is forbidden:
# engine -> anything; store -> interests, review, publish; publish -> review, interests;
# review/interests -> publish; photos -> store, publish; archive -> anything but the engine;
# audit -> interests, review, publish, photos, gui; cli -> publish, photos, gui.
ALLOWED = {
    "engine": set(),
    "store": {"engine"},
    "interests": {"store", "engine"},
    "review": {"store", "engine"},
    "publish": {"store", "engine"},
    "photos": {"engine"},
    "archive": {"engine"},
    "audit": {"engine", "archive", "store"},
    "cli": {"engine", "store", "interests", "archive"},
    "gui": {"engine", "store", "interests", "review", "publish", "photos", "archive", "audit"},
}

owner = {}
for folder in ALLOWED:
    for _, _, names in os.walk(os.path.join(src, folder)):
        for name in names:
            if not name.endswith(".h"):
                continue
            if name in owner:
                print(f"Bail out! {name} is in both {owner[name]} and {folder}")
                sys.exit(1)
            owner[name] = folder

# Any folder under src/ must be one of the known subsystems (a new one is added here, with
# its directions, on purpose).
unknown = [d for d in os.listdir(src)
           if os.path.isdir(os.path.join(src, d)) and d not in ALLOWED]

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
n = 0
failures = []
private = []
for folder, allowed in ALLOWED.items():
    for root, _, files in os.walk(os.path.join(src, folder)):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            for m in include.finditer(text):
                header = os.path.basename(m.group(1))
                there = owner.get(header)
                if there is None or there == folder:
                    continue
                line = text.count("\n", 0, m.start()) + 1
                if there not in allowed:
                    failures.append(f"{os.path.relpath(path, top)}:{line}: {folder} includes "
                                    f"{header} of {there}, a direction it must not take")
                elif header.endswith("-private.h"):
                    # A subsystem's internals stay inside it even where the direction is
                    # allowed: the store's tables of other subsystems use sg-store-sql.h.
                    private.append(f"{os.path.relpath(path, top)}:{line}: {folder} includes "
                                   f"{header}, private to {there}")

# In the GUI, only the application, its window and main() know the application and the window:
# pages and their parts get an SgContext and show toasts through sg-toast.
SHELL = {"sg-application.c", "sg-application.h", "sg-window.c", "sg-window.h", "main.c"}
reach_up = []
for root, _, names in os.walk(os.path.join(src, "gui")):
    for name in sorted(names):
        if not name.endswith((".c", ".h")) or name in SHELL:
            continue
        path = os.path.join(root, name)
        text = open(path, encoding="utf-8").read()
        for m in include.finditer(text):
            if os.path.basename(m.group(1)) in ("sg-application.h", "sg-window.h"):
                line = text.count("\n", 0, m.start()) + 1
                reach_up.append(f"{os.path.relpath(path, top)}:{line}: includes {m.group(1)}; "
                                "take an SgContext instead")

print("1..5")
n_headers = len(owner)
print(f"{'ok' if n_headers > 50 else 'not ok'} 1 headers found in every subsystem ({n_headers})")
print(f"{'not ok' if unknown else 'ok'} 2 every folder under src/ is a known subsystem"
      + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
print(f"{'not ok' if failures else 'ok'} 3 no subsystem includes a header it must not reach")
for f in failures:
    print(f"# {f}")
print(f"{'not ok' if reach_up else 'ok'} 4 no GUI file below the window reaches up to it or the application")
for f in reach_up:
    print(f"# {f}")
print(f"{'not ok' if private else 'ok'} 5 no subsystem includes another's -private.h")
for f in private:
    print(f"# {f}")
sys.exit(1 if failures or unknown or reach_up or private or n_headers <= 50 else 0)
