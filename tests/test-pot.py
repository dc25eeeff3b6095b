#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every string a user reads in data/ is in the translation template.

Regenerates the template the way po/meson.build does (xgettext over po/POTFILES.in plus the
fragment build-aux/extract-data-strings.py writes), then walks data/ with its own list of
which JSON keys a user reads and which are ids, patterns or addresses. A string under a key on
neither list fails too, so a new field has to be classified here before it can ship.

Usage: test-pot.py SOURCE_ROOT DATA_STRINGS_POT. Prints TAP."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

root, fragment = sys.argv[1], os.path.abspath(sys.argv[2])
data = os.path.join(root, "data")

# Key paths ("[]" for a list element, "*" for any member name). A path ending in a visible
# key is read by the user; one ending in a hidden key is matched, linked or compared.
RULE_VISIBLE = [r"title", r"sources/\[\]/(title|short|applies-to)",
                r"rules/\[\]/(title|message|explanation)", r"rules/\[\]/role-messages/[^/]+",
                r"rules/\[\]/fixes/\[\]/label", r"(rules/\[\]/detector|lexicons)/.*/label",
                r"rules/\[\]/detector/label"]
RULE_HIDDEN = [r"id", r"version", r"description", r"concepts", r"include/\[\]",
               r"sources/\[\]/(id|status|edition|in-force|withdrawn|checked|url)",
               r"rules/\[\]/(id|category|severity)", r"rules/\[\]/(roles|audiences|platforms)/\[\]",
               r"rules/\[\]/citations/\[\]/(source|paragraph)", r"rules/\[\]/fixes/\[\]/(kind|replacement)",
               r"rules/\[\]/detector/.*", r"lexicons/.*"]
CHECKLIST_VISIBLE = [r"name", r"items/\[\]/(title|why|conservative)", r"items/\[\]/steps/\[\]"]
CHECKLIST_HIDDEN = [r"platform", r"items/\[\]/(id|topic|settings_url)",
                    r"items/\[\]/citations/\[\]/(source|paragraph)"]
PLATFORM_VISIBLE = [r"platforms/\[\]/name"]
PLATFORM_HIDDEN = [r"platforms/\[\]/(id|audience|counting|share-url)"]
DECLARATION_VISIBLE = [r"(full|short)/(prefix|separator|institution|nothing)",
                       r"(full|short)/categories/[^/]+", r"link"]
DECLARATION_HIDDEN = [r"comment"]

results = []


def check(name, cond, msg=""):
    results.append((bool(cond), name, msg))


def leaves(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, f"{path}/{k}" if path else k)
    elif isinstance(node, list):
        for v in node:
            yield from leaves(v, f"{path}/[]")
    elif isinstance(node, str):
        yield path, node


def classify(path, visible, hidden):
    # Visible first: a label inside a detector is read even though the detector is not.
    if any(re.fullmatch(p, path) for p in visible):
        return "visible"
    if any(re.fullmatch(p, path) for p in hidden):
        return "hidden"
    return None


def parse_pot(text):
    """(msgctxt, msgid) pairs of a PO file."""
    entries, ctx, cur, field = set(), None, None, None
    for line in text.splitlines() + [""]:
        m = re.match(r'^(msgctxt|msgid|msgstr|msgid_plural)\s+(".*")$', line)
        if m:
            if m.group(1) == "msgctxt":
                ctx, cur, field = "", None, "ctx"
                ctx = json.loads(m.group(2))
            elif m.group(1) == "msgid":
                cur, field = json.loads(m.group(2)), "id"
            else:
                if cur is not None and field == "id":
                    entries.add((ctx, cur))
                field = "str"
        elif line.startswith('"'):
            if field == "id":
                cur += json.loads(line)
            elif field == "ctx":
                ctx += json.loads(line)
        elif not line.strip():
            if field == "str":
                ctx, cur, field = None, None, None
    return entries


with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "socialguard.pot")
    subprocess.run(["xgettext", "--package-name=socialguard", "-f",
                    os.path.join(root, "po", "POTFILES.in"), "-D", root, "--from-code=UTF-8",
                    "-k_", "-kN_", "-kC_:1c,2", "-kNC_:1c,2", "-kg_dngettext:2,3", "--add-comments",
                    "-o", pot, fragment], check=True)
    with open(pot, encoding="utf-8") as f:
        template = parse_pot(f.read())
check("template regenerated", len(template) > 1000, str(len(template)))
check("code strings kept beside data strings", (None, "Privacy review: %s (%s)") in template)

groups = [
    (sorted(glob.glob(os.path.join(data, "rules", "*.json")) +
            glob.glob(os.path.join(data, "rules", "*", "*.json"))), RULE_VISIBLE, RULE_HIDDEN, None),
    (sorted(glob.glob(os.path.join(data, "checklists", "*.json"))), CHECKLIST_VISIBLE,
     CHECKLIST_HIDDEN, None),
    ([os.path.join(data, "platforms.json")], PLATFORM_VISIBLE, PLATFORM_HIDDEN, None),
    ([os.path.join(data, "declarations.json")], DECLARATION_VISIBLE, DECLARATION_HIDDEN,
     "declaration"),
]
for files, visible, hidden, context in groups:
    check(f"found {os.path.relpath(files[0], root)}…", files and all(map(os.path.exists, files)))
    for path in files:
        name = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        missing, unknown, n = [], set(), 0
        for key, text in leaves(doc):
            kind = classify(key, visible, hidden)
            if kind is None:
                unknown.add(key)
            elif kind == "visible" and text.strip():
                n += 1
                if (context, text) not in template:
                    missing.append(text)
        check(f"{name}: every key classified", not unknown, ", ".join(sorted(unknown)))
        check(f"{name}: {n} user-visible strings in the template", not missing,
              "; ".join(m[:60] for m in missing[:5]))

missing = []
concepts = sorted(glob.glob(os.path.join(data, "concepts", "*.txt")))
for path in concepts:
    with open(path, encoding="utf-8") as f:
        label = next((l[len("# label:"):].strip() for l in f if l.startswith("# label:")), None)
    if label is None or (None, label) not in template:
        missing.append(os.path.basename(path))
check(f"{len(concepts)} concept labels in the template", concepts and not missing,
      ", ".join(missing[:5]))

# Every source file that marks a string for translation is listed, so none of its messages is
# left out of the template (a file split in two must bring its new half along).
with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = {l.strip() for l in f if l.strip() and not l.startswith("#")}
marker = re.compile(r'\b(?:N?C?_|g_dngettext)\s*\(\s*(?:"|[A-Za-z_"][^)]*,\s*")')
unlisted = []
for path in sorted(glob.glob(os.path.join(root, "src", "**", "*.c"), recursive=True)):
    rel = os.path.relpath(path, root)
    with open(path, encoding="utf-8") as f:
        if marker.search(f.read()) and rel not in listed:
            unlisted.append(rel)
check("every source file with translatable strings is in po/POTFILES.in", not unlisted,
      ", ".join(unlisted))

print(f"1..{len(results)}")
for i, (good, name, msg) in enumerate(results, 1):
    print(f"{'ok' if good else 'not ok'} {i} {name}")
    if not good and msg:
        print(f"# {msg}")
sys.exit(0 if all(g for g, _, _ in results) else 1)
