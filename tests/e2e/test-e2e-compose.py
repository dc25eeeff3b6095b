#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, through the accessibility tree as a screen reader sees it: start the real
app, type a draft with a patient's name and NHS number into Compose, read the verdict and
the finding rows, apply a fix, save a screenshot; then kill -9 the app one second after
typing and check that the draft is there on restart. Prints TAP.

Needs a display and a session bus (make check runs it under xvfb-run and dbus-run-session)
and python3-pyatspi."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pyatspi

APP = sys.argv[1]
OUT = os.environ.get("SG_TEST_OUTPUT_DIR", tempfile.gettempdir())
results = []


def find(acc, pred, depth=0):
    if acc is None or depth > 60:
        return None
    try:
        if pred(acc):
            return acc
    except Exception:  # noqa: BLE001 - a dying accessible is skipped
        pass
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:  # noqa: BLE001
            continue
        r = find(child, pred, depth + 1)
        if r is not None:
            return r
    return None


def find_all(acc, pred, out=None, depth=0):
    out = [] if out is None else out
    if acc is None or depth > 60:
        return out
    try:
        if pred(acc):
            out.append(acc)
    except Exception:  # noqa: BLE001
        pass
    for i in range(acc.childCount):
        try:
            find_all(acc.getChildAtIndex(i), pred, out, depth + 1)
        except Exception:  # noqa: BLE001
            pass
    return out


def wait_for(fn, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        r = fn()
        if r:
            return r
        time.sleep(0.1)
    return None


class App:
    def __init__(self, data_home):
        env = dict(os.environ)
        env.update(XDG_DATA_HOME=data_home, GDK_DEBUG="gl-disable", GSK_RENDERER="cairo")
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        self.proc = subprocess.Popen([APP], env=env)
        self.acc = wait_for(self._find_app, 20)
        if self.acc is None and self.proc.poll() is not None:
            # Seen once in many runs: Xvfb refused the very first connection ("cannot open
            # display"). Start again once, and say so; a second failure fails the test.
            print(f"# the app exited at start (status {self.proc.returncode}); starting it again",
                  flush=True)
            self.proc = subprocess.Popen([APP], env=env)
            self.acc = wait_for(self._find_app, 20)
        assert self.acc is not None, "the app did not appear in the accessibility tree"

    def _find_app(self):
        desk = pyatspi.Registry.getDesktop(0)
        for i in range(desk.childCount):
            a = desk.getChildAtIndex(i)
            try:
                if a is not None and a.name == "socialguard" and a.get_process_id() == self.proc.pid:
                    return a
            except Exception:  # noqa: BLE001
                continue
        return None

    def editor(self):
        return wait_for(lambda: find(self.acc, lambda a: a.name == "Draft" and a.getRoleName() == "text"))

    def text(self):
        t = self.editor().queryText()
        return t.getText(0, t.characterCount)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def insert(editor, text):
    # GTK 4.8 reads the length as bytes of UTF-8, whatever the AT-SPI documentation says.
    editor.queryEditableText().insertText(0, text, len(text.encode("utf-8")))


def test(name):
    def wrap(fn):
        try:
            fn()
            results.append((True, name, ""))
        except AssertionError as e:
            results.append((False, name, str(e)))
        except Exception as e:  # noqa: BLE001
            results.append((False, name, repr(e)))
        return fn
    return wrap


DRAFT = "Lovely chat with Mrs Okafor on Ward 9 today. NHS no 943 476 5919."
VERDICTS = ("Do not post as written", "Ready to post")

data_home = tempfile.mkdtemp(prefix="sg-e2e-")


@test("compose: verdict, rows, a fix, a screenshot")
def _():
    app = App(data_home)
    try:
        editor = app.editor()
        assert editor is not None, "no editor labelled 'Draft'"
        # Wait until the draft store is ready: the editor is editable from the start, but the
        # first draft loads from the database.
        time.sleep(1.0)
        insert(editor, DRAFT)

        verdict = wait_for(lambda: find(app.acc, lambda a: a.getRoleName() == "label" and
                                        a.name == "Do not post as written"))
        assert verdict is not None, "no verdict 'Do not post as written'"

        rows = wait_for(lambda: find_all(app.acc, lambda a: a.getRoleName() == "list item" and
                                         a.name.startswith("Do not post as written:")))
        names = [r.name for r in rows]
        assert any("943 476 5919" in n for n in names), names
        # A name beside care words is inferred: a warning, said so to a screen reader too.
        review = wait_for(lambda: find_all(app.acc, lambda a: a.getRoleName() == "list item" and
                                           a.name.startswith("Review before posting:")))
        assert any("Okafor" in r.name for r in review), [r.name for r in review]

        row = next(r for r in rows if "943 476 5919" in r.name)
        fix = find(row, lambda a: a.getRoleName() in ("push button", "button") and
                   a.name.startswith("Replace"))
        assert fix is not None, "no fix button in the NHS number row"
        fix.queryAction().doAction(0)
        assert wait_for(lambda: "943 476" not in app.text()), app.text()
        assert "[removed]" in app.text()

        # The photo button is reachable by its name, as a screen reader user meets it.
        attach = wait_for(lambda: find(app.acc, lambda a: a.name == "Attach Photos"))
        assert attach is not None, "no 'Attach Photos' in the accessibility tree"

        time.sleep(0.5)
        shot = os.path.join(OUT, "e2e-compose.png")
        subprocess.run(["import", "-window", "root", shot], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        app.close()


@test("crash: kill -9 one second after typing loses nothing")
def _():
    app = App(data_home)
    typed = "Draft written just before a crash 💙"
    try:
        editor = app.editor()
        time.sleep(1.0)
        t = editor.queryText()
        editor.queryEditableText().deleteText(0, t.characterCount)
        insert(editor, typed)
        time.sleep(1.0)
        app.kill()
    finally:
        app.close()

    again = App(data_home)
    try:
        assert wait_for(lambda: again.text() == typed, 10), repr(again.text())
    finally:
        again.close()


@test("steady typing for 5 s, then kill -9: at most 2 s of text lost")
def _():
    app = App(data_home)
    typed = ""
    stamps = []
    try:
        editor = app.editor()
        time.sleep(1.0)
        t = editor.queryText()
        editor.queryEditableText().deleteText(0, t.characterCount)
        start = time.time()
        i = 0
        while time.time() - start < 5.0:
            ch = "abcdefghij"[i % 10]
            editor.queryEditableText().insertText(len(typed), ch, 1)
            typed += ch
            stamps.append(time.time())
            i += 1
            time.sleep(0.1)          # never a pause long enough for the 0.7 s autosave
        killed_at = time.time()
        app.kill()
    finally:
        app.close()

    again = App(data_home)
    try:
        saved = wait_for(lambda: again.text() or None, 10) or ""
    finally:
        again.close()
    assert typed.startswith(saved), "the reopened draft is not what was typed"
    must_have = sum(1 for t in stamps if t <= killed_at - 2.5)
    lost = len(typed) - len(saved)
    print(f"# steady typing: {len(typed)} characters typed, {lost} lost "
          f"({lost * 0.1:.1f} s of typing)", flush=True)
    assert len(saved) >= must_have, (len(saved), must_have)


@test("SIGTERM (logout, shutdown) saves the draft before quitting")
def _():
    app = App(data_home)
    typed = "Typed a moment before the session ended"
    try:
        editor = app.editor()
        time.sleep(1.0)
        t = editor.queryText()
        editor.queryEditableText().deleteText(0, t.characterCount)
        insert(editor, typed)
        time.sleep(0.15)             # well inside the autosave pause
        app.proc.send_signal(signal.SIGTERM)
        app.proc.wait(15)
    finally:
        app.close()

    again = App(data_home)
    try:
        assert wait_for(lambda: again.text() == typed, 10), "not saved on SIGTERM"
    finally:
        again.close()


# tests/kill-loop.sh: N cycles of steady typing for a random 1-6 s, kill -9, reopen, count
# the characters lost. Not part of the suite (100 cycles take ten minutes).
if os.environ.get("SG_KILL_LOOP"):
    import random
    results.clear()
    losses = []
    for cycle in range(int(os.environ["SG_KILL_LOOP"])):
        app = App(data_home)
        typed = ""
        try:
            editor = app.editor()
            time.sleep(0.5)
            t = editor.queryText()
            editor.queryEditableText().deleteText(0, t.characterCount)
            duration = random.uniform(1.0, 6.0)
            start = time.time()
            while time.time() - start < duration:
                editor.queryEditableText().insertText(len(typed), "x", 1)
                typed += "x"
                time.sleep(0.1)
            app.kill()
        finally:
            app.close()
        again = App(data_home)
        try:
            saved = wait_for(lambda: again.text() or None, 10) or ""
        finally:
            again.close()
        # A reopened draft longer than what was typed is the previous cycle's: nothing of
        # this cycle was saved, so all of it counts as lost.
        losses.append(len(typed) - len(saved) if len(saved) <= len(typed) else len(typed))
        print(f"# cycle {cycle + 1}: typed {len(typed)}, lost {losses[-1]}", flush=True)
    losses.sort()
    print(f"# {len(losses)} cycles: characters lost per cycle median {losses[len(losses) // 2]}, "
          f"max {losses[-1]} (typing at 10 characters a second)", flush=True)
    results.append((max(losses) <= 20, "kill loop: at most 2 s of typing lost per cycle",
                    f"max {losses[-1]}"))

shutil.rmtree(data_home, ignore_errors=True)
print(f"1..{len(results)}")
for i, (ok, name, msg) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    for line in msg.splitlines():
        print(f"# {line}")
sys.exit(0 if all(r[0] for r in results) else 1)
