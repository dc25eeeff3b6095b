#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parses the iCalendar file that sg_reminders_to_ics writes (printed by a small helper
program) with a strict reader of RFC 5545's structure: CRLF lines, BEGIN/END nesting,
required properties, date formats, escaped text. Prints TAP."""
import re
import subprocess
import sys

ics = subprocess.run([sys.argv[1]], capture_output=True, check=True).stdout.decode("utf-8")
ok = []


def check(name, cond, msg=""):
    ok.append((bool(cond), name, msg))


check("lines end in CRLF", ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", ""))
lines = ics.split("\r\n")[:-1]
stack, events = [], []
for line in lines:
    if line.startswith("BEGIN:"):
        stack.append(line[6:])
        if line == "BEGIN:VEVENT":
            events.append({})
    elif line.startswith("END:"):
        check(f"END matches BEGIN ({line})", stack and stack.pop() == line[4:])
    else:
        key, _, value = line.partition(":")
        if stack and stack[-1] == "VEVENT":
            events[-1][key.split(";")[0]] = value
check("balanced", not stack)
check("calendar header", lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"])
check("two events", len(events) == 2, str(len(events)))
for e in events:
    check("required properties", {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(e), str(e))
    check("all-day dates", re.fullmatch(r"\d{8}", e.get("DTSTART", "")) is not None)
    check("UTC stamp", re.fullmatch(r"\d{8}T\d{6}Z", e.get("DTSTAMP", "")) is not None)
check("comma escaped in text", any("\\," in e.get("SUMMARY", "") for e in events))
check("never-reviewed account due today", any(e.get("DTSTART") == "20261125" for e in events))
check("reviewed account due after its interval", any(e.get("DTSTART") == "20270223" for e in events))
check("an alarm per event", ics.count("BEGIN:VALARM") == 2)

print(f"1..{len(ok)}")
for i, (good, name, msg) in enumerate(ok, 1):
    print(f"{'ok' if good else 'not ok'} {i} {name}")
    if not good and msg:
        print(f"# {msg}")
sys.exit(0 if all(g for g, _, _ in ok) else 1)
