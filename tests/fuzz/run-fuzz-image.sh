#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the photo metadata reader and stripper (our code under ASan and UBSan; Exiv2 and
# gdk-pixbuf are the system libraries, not instrumented).
#   tests/fuzz/run-fuzz-image.sh [SECONDS]      (default 600)
# Needs: clang (Debian package clang-14), libgexiv2-dev, libheif-dev. Seeds: small photos made here.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$top/build-fuzz}/image
seconds=${1:-600}
mkdir -p "$out/corpus"
printf '%s\n' \
  '#define GETTEXT_PACKAGE "socialguard"' \
  '#define PACKAGE_VERSION "fuzz"' \
  "#define PKGDATADIR \"$top/data\"" "#define SOURCE_DATADIR \"$top/data\"" > "$out/config.h"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$out" -I"$top/src/engine" -I"$top/src/photos" \
  "$top/tests/fuzz/fuzz-image.c" "$top/src/photos/sg-image-metadata.c" "$top/src/photos/sg-places.c" \
  "$top/src/engine/sg-platform.c" "$top/src/engine/sg-guidance.c" "$top/src/engine/sg-error.c" -lm \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 gexiv2 gdk-pixbuf-2.0 json-glib-1.0 libheif) -o "$out/fuzz-image"
# Seeds: a JPEG and a PNG with GPS, names and a thumbnail, written by exiv2 if present.
/usr/bin/python3 - "$out/corpus" <<'PY'
import sys, gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf
p = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, 16, 12)
p.fill(0x3366ccff)
p.savev(sys.argv[1] + '/seed.jpg', 'jpeg', [], [])
p.savev(sys.argv[1] + '/seed.png', 'png', [], [])
PY
if command -v exiv2 >/dev/null; then
  exiv2 -M"set Exif.GPSInfo.GPSLatitude 51/1 30/1 0/1" -M"set Exif.GPSInfo.GPSLatitudeRef N" \
        -M"set Exif.Image.Artist Dr Test" -M"set Exif.Image.Orientation 6" \
        "$out/corpus/seed.jpg" "$out/corpus/seed.png" 2>/dev/null || true
fi
# A HEIC from the JPEG (its Exif comes along), for the libheif path.
if command -v heif-enc >/dev/null; then
  heif-enc -q 10 -o "$out/corpus/seed.heic" "$out/corpus/seed.jpg" >/dev/null 2>&1 || true
fi
# Each input is written to a file for Exiv2, so keep inputs small and the rate modest.
# -timeout: an input that takes over 10 s is a finding (a decoder loop), not a stall.
"$out/fuzz-image" -max_total_time="$seconds" -timeout=10 -max_len=8192 -print_final_stats=1 "$out/corpus"
