#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Peak memory of socialguard-check: 50 MB of finding-dense text against 50 MB of clean text
in the same run, and a 200 MB finding-dense stream on standard input (as an endless pipe
would be). Prints each peak RSS and the ratios; memory must not grow with the input."""
import os, subprocess, sys, tempfile

CHECK = sys.argv[1]
DENSE = "Mrs Okafor in bed 4, NHS no 943 476 5919, DOB 02/09/1947, call 07700 900417\n"
CLEAN = "Sepsis can be hard to spot. If you are worried, call 111 or your GP today.\n"


def peak(args, stdin=None):
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, stdin=stdin,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1800)
    return int(p.stderr.decode().strip().splitlines()[-1]) / 1024


with tempfile.TemporaryDirectory() as d:
    files = {}
    for name, line in (("dense", DENSE), ("clean", CLEAN)):
        path = os.path.join(d, name + ".txt")
        with open(path, "w") as f:
            f.write(line * (50 * 1024 * 1024 // len(line)))
        files[name] = path
    dense = peak([CHECK, files["dense"]])
    clean = peak([CHECK, files["clean"]])
    print(f"50 MB finding-dense file: peak RSS {dense:.0f} MiB")
    print(f"50 MB clean file:         peak RSS {clean:.0f} MiB")
    print(f"  ratio dense/clean: {dense / clean:.2f}")
    feeder = subprocess.Popen(["sh", "-c", f"yes '{DENSE.strip()}' | head -c 200000000"],
                              stdout=subprocess.PIPE)
    stream = peak([CHECK, "-"], stdin=feeder.stdout)
    feeder.wait()
    print(f"200 MB finding-dense stream on stdin: peak RSS {stream:.0f} MiB "
          f"(ratio to the clean file {stream / clean:.2f})")
