#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a real Secret Service: gnome-keyring on a private session bus, unlocked
# with a throwaway password, its files in a throwaway home. Fails (never skips) without it.
set -eu
command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon is not installed (make check installs it)" >&2; exit 1; }
HOME=$(mktemp -d)
XDG_DATA_HOME=$HOME/.local/share
XDG_RUNTIME_DIR=$HOME/run
export HOME XDG_DATA_HOME XDG_RUNTIME_DIR
mkdir -p "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$HOME"' EXIT
dbus-run-session -- sh -c '
  eval "$(printf %s throwaway-password | gnome-keyring-daemon --unlock --components=secrets)"
  SG_TEST_KEYRING=1 "$@"' sh "$@"
