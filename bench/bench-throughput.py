#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Throughput of socialguard-check on a generated 10 MB file, and the same file through
`wc -w` in the same run as a baseline for the machine's speed. Best of three runs each."""

import os
import subprocess
import sys
import tempfile
import time

CHECK = sys.argv[1]
SIZE = 10 * 1024 * 1024

# A day of typical drafts: most say nothing risky; one line in eight has something to flag.
clean = [
    "Handover went well tonight and the team were brilliant as ever.",
    "A reminder that sepsis can look like flu early on, so check the obs and ask about urine output.",
    "Our audit found that time to antibiotics improved after the new pathway was introduced.",
    "The rota has three gaps next month and no plan to fill them. I've exception-reported it.",
    "Journal club this week: a small RCT of early mobilisation after hip fracture. 🧵",
    "Delighted to welcome our new FY1s this morning. Ask questions, drink water, go home on time.",
    "If you're revising for the MRCP, practise presenting findings out loud; it makes a difference.",
]
risky = [
    "Could someone chase the CT for the lady in bed 4, NHS no 943 476 5919?",
    "Our audit found that time to antibiotics improved after the new pathway was introduced.",
    "Loving the new inhaler from Pellana, best device on the market!",
    "Take 500mg twice a day for five days if you have a chest infection.",
    "The rota has three gaps next month and no plan to fill them. I've exception-reported it.",
    "Journal club this week: a small RCT of early mobilisation after hip fracture. 🧵",
]


def write_file(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        written, i = 0, 0
        while written < SIZE:
            line = lines[i % len(lines)] + "\n"
            f.write(line)
            written += len(line.encode())
            i += 1


def best_of(cmd, n=3):
    best = None
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best



with tempfile.TemporaryDirectory() as d:
    for name, lines in (("typical (1 line in 8 risky)", clean + risky[2:3]),
                        ("dense (every line risky)", risky)):
        path = os.path.join(d, "posts.txt")
        write_file(path, lines)
        mb = os.path.getsize(path) / (1024 * 1024)
        t_check = best_of([CHECK, "--format=json", path])
        t_wc = best_of(["wc", "-w", path])
        print(f"{name}: {mb:.1f} MB")
        print(f"  socialguard-check: {t_check:.3f} s, {mb / t_check:.1f} MB/s")
        print(f"  wc -w: {t_wc:.3f} s, {mb / t_wc:.1f} MB/s")
        print(f"  ratio check/wc: {t_check / t_wc:.1f}")
