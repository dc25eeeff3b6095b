#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What `meson install` puts in place is enough to check a draft: the rule pack and everything
it names by path (concepts, models, lexicons), read by the installed socialguard-check. Installs
into a temporary DESTDIR and prints TAP. (The concepts and models were once left out: the
installed app could not load its rules.)"""

import glob
import json
import os
import subprocess
import sys
import tempfile

build = sys.argv[1]
with tempfile.TemporaryDirectory() as dest:
    subprocess.run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest],
                   check=True, stdout=subprocess.DEVNULL)
    shares = glob.glob(os.path.join(dest, "**", "share", "socialguard"), recursive=True)
    checks = glob.glob(os.path.join(dest, "**", "bin", "socialguard-check"), recursive=True)
    print("1..3")
    print(f"{'ok' if shares and checks else 'not ok'} 1 - the data folder and socialguard-check "
          "are installed")
    if not (shares and checks):
        sys.exit(1)
    share = shares[0]
    missing = []
    for pack in glob.glob(os.path.join(share, "rules", "**", "*.json"), recursive=True):
        base = os.path.dirname(pack)
        data = json.load(open(pack, encoding="utf-8"))
        named = [data.get("concepts")] if isinstance(data, dict) and data.get("concepts") else []
        if isinstance(data, dict):
            # A lexicon is a file, {"file": …}, or its words inline.
            for v in data.get("lexicons", {}).values():
                if isinstance(v, str):
                    named.append(v)
                elif isinstance(v, dict) and isinstance(v.get("file"), str):
                    named.append(v["file"])
            named += data.get("include", [])
            named += [r["detector"]["model"] for r in data.get("rules", [])
                      if r.get("detector", {}).get("type") == "model"]
        missing += [os.path.relpath(os.path.join(base, n), share) for n in named
                    if not os.path.exists(os.path.join(base, n))]
    print(f"{'not ok' if missing else 'ok'} 2 - everything the rule pack names is installed"
          + (f" (missing: {', '.join(sorted(set(missing))[:5])})" if missing else ""))
    draft = os.path.join(dest, "draft.txt")
    with open(draft, "w", encoding="utf-8") as f:
        f.write("Could someone chase the CT for the lady in bed 4, NHS no 943 476 5919?\n")
    out = subprocess.run([checks[0], "--format=json", draft], capture_output=True, text=True,
                         env=dict(os.environ, SG_DATA_DIR=share))
    found = out.returncode == 1 and any(f["category"] == "confidentiality"
                                        for f in json.loads(out.stdout or "[]"))
    print(f"{'ok' if found else 'not ok'} 3 - the installed socialguard-check loads the installed "
          "rules and flags a draft" + ("" if found else f" (exit {out.returncode}: "
                                           f"{out.stderr.strip()[:200]})"))
    sys.exit(0 if not missing and found else 1)
