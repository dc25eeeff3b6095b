#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The app must not link the libraries it opens on first use (sg-lazy-library.h): each one
linked is loaded and relocated before main() at every start. Reads the executable's NEEDED
entries with readelf and prints TAP."""

import subprocess
import sys

OPENED_ON_USE = ["libsoup-3.0", "libical", "libarchive", "libgexiv2", "libheif"]

exe = sys.argv[1]
out = subprocess.run(["readelf", "-d", exe], capture_output=True, text=True, check=True).stdout
needed = [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines()
          if "(NEEDED)" in line]

print(f"1..{len(OPENED_ON_USE) + 1}")
ok = len(needed) > 0 and any(n.startswith("libgtk-4") for n in needed)
print(f"{'ok' if ok else 'not ok'} 1 - readelf lists what the app links (GTK among them)")
for i, lib in enumerate(OPENED_ON_USE, 2):
    linked = [n for n in needed if n.startswith(lib + ".so")]
    print(f"{'not ok' if linked else 'ok'} {i} - {lib} is opened on use, not linked"
          + (f" (linked: {linked[0]})" if linked else ""))
