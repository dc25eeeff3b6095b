#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a .pot fragment with the user-visible strings of data/: rule packs (titles,
messages, explanations, role messages, fix and detector labels, source titles), concept
labels, privacy checklists, platform names and the declarations' wording. xgettext 0.21 has
no JSON reader, so po/meson.build hands this fragment to xgettext beside the C sources.

The loaders look the same strings up with g_dgettext (src/engine/sg-rule-pack.c,
sg-concepts.c, sg-platform.c, src/review/sg-checklist.c, src/interests/sg-interest-register.c);
what is extracted here and what is looked up there must agree, and tests/test-pot.py checks
every string of data/ against its own list of what a user reads.

Usage: extract-data-strings.py DATA_DIR OUTPUT.pot"""
import glob
import json
import os
import sys

# Declarations go into the post itself, so they carry a context translators can see.
DECLARATION_CONTEXT = "declaration"


class Catalogue:
    def __init__(self, root):
        self.root = root
        self.entries = {}          # (msgctxt, msgid) -> {"refs": [...], "comments": [...]}

    def add(self, path, text, comment, context=None):
        if not isinstance(text, str) or not text.strip():
            return
        ref = os.path.relpath(path, os.path.dirname(self.root))
        e = self.entries.setdefault((context, text), {"refs": [], "comments": []})
        if ref not in e["refs"]:
            e["refs"].append(ref)
        if comment not in e["comments"]:
            e["comments"].append(comment)

    def write(self, out):
        out.write('# User-visible strings of data/, written by build-aux/extract-data-strings.py.\n'
                  'msgid ""\nmsgstr ""\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Content-Transfer-Encoding: 8bit\\n"\n\n')
        for (context, text), e in self.entries.items():
            for c in e["comments"][:3]:
                out.write(f"#. {c}\n")
            out.write(f"#: {' '.join(e['refs'])}\n")
            if "%" in text:
                out.write("#, no-c-format\n")
            if context is not None:
                out.write(f"msgctxt {quote(context)}\n")
            out.write(f"msgid {quote(text)}\nmsgstr \"\"\n\n")


def quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" in s:
        parts = s.split("\n")
        lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + "\n".join(f'"{l}"' for l in lines)
    return f'"{s}"'


def labels(cat, path, node, where):
    """Every "label" in a detector: the kinds of wording shown when a finding is explained."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "label":
                cat.add(path, v, f"Kind of wording, shown as the reason for a finding ({where})")
            else:
                labels(cat, path, v, where)
    elif isinstance(node, list):
        for v in node:
            labels(cat, path, v, where)


def rule_pack(cat, path):
    with open(path, encoding="utf-8") as f:
        pack = json.load(f)
    cat.add(path, pack.get("title"), "Title of the rule pack")
    for s in pack.get("sources", []):
        cat.add(path, s.get("title"), f"Title of guidance cited ({s.get('id')})")
        cat.add(path, s.get("short"), f"Short title of guidance cited ({s.get('id')})")
        cat.add(path, s.get("applies-to"), f"Who the guidance applies to ({s.get('id')}), "
                                           "shown after “for”")
    labels(cat, path, pack.get("lexicons", {}), "a lexicon")
    for r in pack.get("rules", []):
        rid = r.get("id")
        cat.add(path, r.get("title"), f"Title of rule {rid}")
        cat.add(path, r.get("message"), f"Message of rule {rid}")
        cat.add(path, r.get("explanation"), f"Explanation of rule {rid}")
        for role, text in r.get("role-messages", {}).items():
            cat.add(path, text, f"Message of rule {rid} for a {role}")
        for fix in r.get("fixes", []):
            cat.add(path, fix.get("label"), f"Button that fixes a finding of rule {rid}")
        labels(cat, path, r.get("detector", {}), f"rule {rid}")


def concept(cat, path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# label:"):
                cat.add(path, line[len("# label:"):].strip(),
                        "Kind of wording, shown as the reason for a finding")
                return


def checklist(cat, path):
    with open(path, encoding="utf-8") as f:
        c = json.load(f)
    cat.add(path, c.get("name"), "Name of a checklist's platform")
    for item in c.get("items", []):
        iid = item.get("id")
        cat.add(path, item.get("title"), f"Privacy checklist item {iid}: title")
        cat.add(path, item.get("why"), f"Privacy checklist item {iid}: why it matters")
        for step in item.get("steps", []):
            cat.add(path, step, f"Privacy checklist item {iid}: a step; keep the platform's "
                                "own menu names as the platform shows them in your language")
        cat.add(path, item.get("conservative"), f"Privacy checklist item {iid}: the safest answer")


def platforms(cat, path):
    with open(path, encoding="utf-8") as f:
        for p in json.load(f)["platforms"]:
            cat.add(path, p.get("name"), f"Name of a place to post ({p.get('id')})")


def declarations(cat, path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)

    def walk(node, where):
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "comment":
                    walk(v, f"{where}/{k}" if where else k)
        elif isinstance(node, str):
            cat.add(path, node, f"Declaration of interests added to a post ({where}); keep "
                                "{orgs}, {text} and {url}", DECLARATION_CONTEXT)
    walk(d, "")


def main():
    data, output = sys.argv[1], sys.argv[2]
    cat = Catalogue(data)
    for p in sorted(glob.glob(os.path.join(data, "rules", "*.json")) +
                    glob.glob(os.path.join(data, "rules", "*", "*.json"))):
        rule_pack(cat, p)
    for p in sorted(glob.glob(os.path.join(data, "concepts", "*.txt"))):
        concept(cat, p)
    for p in sorted(glob.glob(os.path.join(data, "checklists", "*.json"))):
        checklist(cat, p)
    platforms(cat, os.path.join(data, "platforms.json"))
    declarations(cat, os.path.join(data, "declarations.json"))
    with open(output, "w", encoding="utf-8") as out:
        cat.write(out)


if __name__ == "__main__":
    main()
