#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Kill loop: N cycles (default 100) of steady typing, kill -9 and reopen, reporting the
# characters lost per cycle. Needs a built tree (make build) and takes about 6 s a cycle.
#   tests/kill-loop.sh [N]
set -eu
cd "$(dirname "$0")/.."
export SG_KILL_LOOP="${1:-100}" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/data \
       SG_DATA_DIR="$PWD/data"
exec xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' dbus-run-session -- \
  /usr/bin/python3 tests/e2e/test-e2e-compose.py build/src/gui/socialguard
