#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the analyzer with clang, libFuzzer, ASan and UBSan, and fuzzes it.
#   tests/fuzz/run-fuzz.sh [SECONDS]      (default 600)
# Needs: clang (Debian package clang-14). Seeds are drafts written for the unit tests.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$top/build-fuzz}
seconds=${1:-600}
mkdir -p "$out/corpus"
[ -f "$out/config.h" ] || printf '%s\n' \
  '#define GETTEXT_PACKAGE "socialguard"' \
  "#define PKGDATADIR \"/nonexistent\"" \
  "#define SOURCE_DATADIR \"$top/data\"" \
  '#define LOCALEDIR "/usr/share/locale"' \
  '#define PACKAGE_VERSION "fuzz"' > "$out/config.h"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$out" -I"$top/src/core" \
  "$top/tests/fuzz/fuzz-analyzer.c" \
  "$top"/src/core/sg-analyzer.c "$top"/src/core/sg-entities.c "$top"/src/core/sg-error.c \
  "$top"/src/core/sg-finding.c "$top"/src/core/sg-guidance.c "$top"/src/core/sg-identifiers*.c \
  "$top"/src/core/sg-lexicon.c "$top"/src/core/sg-platform.c "$top"/src/core/sg-rule-pack.c \
  "$top"/src/core/sg-text.c \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 json-glib-1.0) -o "$out/fuzz-analyzer"
# Seeds: a few drafts of every kind.
printf 'NHS no 943 476 5919 for Mrs Okafor in bed 4 💙' > "$out/corpus/seed1"
printf 'Take 500mg twice a day. Loving the new inhaler from Pellana!' > "$out/corpus/seed2"
printf 'Just now in resus: a 31-year-old from Kendal, DOB 03/07/1979, LS1 4AP, 07700 900123' > "$out/corpus/seed3"
printf '[photo: whiteboard with patient surnames] @jo_b88 anonymous GP here' > "$out/corpus/seed4"
SG_DATA_DIR="$top/data" "$out/fuzz-analyzer" -max_total_time="$seconds" -max_len=4096 \
  -print_final_stats=1 "$out/corpus"
