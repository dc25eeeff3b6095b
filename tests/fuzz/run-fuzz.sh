#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds an engine fuzz target with clang, libFuzzer, ASan and UBSan, and fuzzes it.
#   tests/fuzz/run-fuzz.sh [SECONDS] [TARGET]      (default 600 analyzer)
# TARGET: analyzer   any bytes through the analyzer with the default pack (fuzz-analyzer.c)
#         tokens     valid UTF-8 through the tokenizer (fuzz-tokens.c)
#         rule-pack  concept files and a pack from the input, loaded and run (fuzz-rule-pack.c)
#         regex-anchors  a pattern and a text: when PCRE matches, the words the reader says the
#                    regex needs must be in the text (fuzz-regex-anchors.c)
#         cli        socialguard-check's main() on the input: plain text, --jsonl or --declare
#                    with a --db made once (fuzz-cli.c; the input's first byte chooses)
#         interests  the interests importer on JSON and CSV data, exports read back (fuzz-interests.c)
#         archive    SgArchiveReader on the input as a file: zips, tar.gz, Bluesky CAR, bare posts
#                    files; every post read with small limits (fuzz-archive.c)
# Each target has its own binary and corpus, so several can run at once. FUZZ_FLAGS adds
# libFuzzer options, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1" to go on past a crash;
# SG_DATA_DIR, when set, is the data read (a copy keeps a long run steady while data/ changes).
# Needs: clang (Debian package clang-14), libstemmer-dev. Seeds are short drafts written here.
# cli and interests also build src/store and src/interests: libsqlite3-dev.
# archive builds src/archive: libarchive-dev, libcbor-dev; python3 writes its seed archives.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$top/build-fuzz}
seconds=${1:-600}
target=${2:-analyzer}
engine=$top/src/engine
store=$top/src/store
interests=$top/src/interests
cflags= pkgs=     # more, for the targets that build the store
mkdir -p "$out"
[ -f "$out/config.h" ] || printf '%s\n' \
  '#define GETTEXT_PACKAGE "socialguard"' \
  "#define PKGDATADIR \"/nonexistent\"" \
  "#define SOURCE_DATADIR \"$top/data\"" \
  '#define LOCALEDIR "/usr/share/locale"' \
  '#define PACKAGE_VERSION "fuzz"' > "$out/config.h"

build () { # OUTPUT SOURCES...
  o=$1; shift
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DG_LOG_DOMAIN='"SocialGuard"' -I"$out" -I"$engine" $cflags ${FUZZ_CFLAGS:-} "$@" \
    $(pkg-config --cflags --libs glib-2.0 gio-2.0 gmodule-2.0 json-glib-1.0 $pkgs) -lstemmer -lm -o "$o"
}

# Drafts of every kind: identifiers, doses, masked and leet swearing, handles, tags, URLs,
# e-mail addresses, emoji, numbers, hyphens and typographic quotes.
draft_seeds () { # DIR
  printf 'NHS no 943 476 5919 for Mrs Okafor in bed 4 💙' > "$1/seed1"
  printf 'Take 500mg twice a day. Loving the new inhaler from Pellana!' > "$1/seed2"
  printf 'Just now in resus: a 31-year-old from Kendal, DOB 03/07/1979, LS1 4AP, 07700 900123' > "$1/seed3"
  printf '[photo: whiteboard with patient surnames] @jo_b88 anonymous GP here' > "$1/seed4"
  printf 'What a c**t. f*****g hell, sh1t day, b!tch, a$$hole, ******* and f u c k' > "$1/seed5"
  printf '#NHS #JuniorDoctors @drjo.b: see https://x.example/a?b=1 or www.example.org, mail jo+ward7@example.co.uk.' > "$1/seed6"
  printf 'Café – naïve 😂👍🏽 ❤️ 1️⃣ A&E bed-blocker pt’s “don’t” £20 €5 $3 50%% 3.5 1,000 12:30 3/4' > "$1/seed7"
  printf 'He is not an idiot, but a waste of space though.\nNever again!! **bold** *** 2nd 100mg x1y' > "$1/seed8"
}

case $target in
analyzer)
  # Kept where it always was (build-fuzz/fuzz-analyzer, build-fuzz/corpus).
  dir=$out
  build "$dir/fuzz-analyzer" "$top/tests/fuzz/fuzz-analyzer.c" "$engine"/*.c
  mkdir -p "$dir/corpus"
  draft_seeds "$dir/corpus"
  set -- -max_len=4096 "$dir/corpus"
  ;;
tokens)
  dir=$out/tokens
  mkdir -p "$dir/corpus"
  build "$dir/fuzz-tokens" "$top/tests/fuzz/fuzz-tokens.c" "$engine/sg-tokens.c" "$engine/sg-respell.c" \
    "$engine/sg-text.c"
  draft_seeds "$dir/corpus"
  set -- -max_len=4096 "$dir/corpus"
  ;;
regex-anchors)
  dir=$out/regex-anchors
  mkdir -p "$dir/corpus"
  build "$dir/fuzz-regex-anchors" "$top/tests/fuzz/fuzz-regex-anchors.c" \
    "$engine/sg-regex-anchors.c" "$engine/sg-lexicon.c" "$engine/sg-text.c"
  # Seeds: every regex of the default pack, each with a draft that has its words.
  python3 - "$top/data/rules/default" "$dir/corpus" <<'PY'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
found = set()
def walk(o):
    if isinstance(o, dict):
        if set(o) == {"regex"}:
            found.add(o["regex"])
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
for path in glob.glob(os.path.join(src, "*.json")):
    walk(json.load(open(path, encoding="utf-8")))
text = "Posting as 'Nurse_Jo' on the ward: 12st, 20% off, code SAVE20, if you know what i mean 🥵"
for i, pattern in enumerate(sorted(found)):
    if "\n" not in pattern:
        open(os.path.join(out, "seed%03d" % i), "w", encoding="utf-8").write(pattern + "\n" + text)
PY
  set -- -max_len=2048 "$dir/corpus"
  ;;
rule-pack)
  dir=$out/rule-pack
  mkdir -p "$dir/corpus"
  build "$dir/fuzz-rule-pack" "$top/tests/fuzz/fuzz-rule-pack.c" "$engine"/*.c
  # Sections: concept files, "%%", the pack, "%%", a draft (see fuzz-rule-pack.c).
  cat > "$dir/corpus/seed1" <<'EOF'
# concept: insult
# label: an insult
# means: words that call a person stupid
#   or worthless
# source: test
# masked: yes
idiot
waste of space
twat
%%
# concept: patient
# label: a patient
# means: test
# source: test
patient
service user
pt*
%%
{"id": "t", "title": "t", "version": "1", "concepts": "concepts",
 "sources": [{"id": "s", "title": "S", "status": "current"}],
 "lexicons": {"wards": ["ward #", "resus"], "names": {"terms": ["Okafor"], "capitalised": true}},
 "rules": [
  {"id": "respect.t", "category": "respect", "severity": "warning",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "pattern", "label": "a put-down", "pattern":
     [{"words": ["is", "was", "a", "an", "the"]}, {"gap": [0, 4]}, "@insult"]}},
  {"id": "boundaries.t", "category": "boundaries", "severity": "error",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "frame", "match": ["@patient", {"stems": ["friend"], "label": "f"}],
     "near": [{"terms": ["@wards", {"regex": "bed \\d+"}], "within": "sentence"}],
     "unless": [{"terms": ["not", "never"], "tokens": 3, "position": "before"}]}}
 ]}
%%
My patient in bed 4 is an idiot, a tw*t and a waste of space.
EOF
  cat > "$dir/corpus/seed2" <<'EOF'
# concept: swear
# label: swearing
# means: test
# source: test
# masked: any
fuck
shit
%%
{"id": "t", "title": "t", "version": "1", "concepts": "concepts",
 "sources": [{"id": "s", "title": "S"}],
 "rules": [
  {"id": "professionalism.t", "category": "professionalism", "severity": "info",
   "title": "t", "message": "m", "explanation": "e", "audiences": ["public", "closed"],
   "platforms": ["x"], "roles": ["doctor", "medical-student"],
   "role-messages": {"medical-student": "s"},
   "citations": [{"source": "s", "paragraph": "1"}],
   "fixes": [{"kind": "replace", "label": "l", "replacement": "x"}],
   "detector": {"type": "phrases", "match": ["@swear", "@masked-word"], "once": true}},
  {"id": "respect.p", "category": "respect", "severity": "warning",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "pattern", "pattern": [{"shape": "Title", "optional": true},
     {"stem": "waddle"}, {"gap": 3}, {"regex": "^[a-z]\\*+[a-z]$"}, {"concept": "swear"}]}}
 ]}
EOF
  # A model (text: bias, then a feature and its weight a line) and a rule that reads it.
  printf 'bias\t-1\ns:idiot\t3\nc:insult\t1.5\ne:\360\237\230\202\t0.5\n%%%%\n%s\n' \
    '{"id": "t", "title": "t", "version": "1", "sources": [{"id": "s", "title": "S"}],
 "rules": [{"id": "respect.m", "category": "respect", "severity": "warning", "title": "t",
   "message": "m", "explanation": "e", "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "model", "model": "model.tsv", "cutoff": 0.6,
     "near": [{"terms": ["idiot"], "within": "text"}]}}]}' > "$dir/corpus/seed-model"
  cat > "$dir/corpus/seed3" <<'EOF'
{"id": "t", "title": "t", "version": "1",
 "sources": [{"id": "s", "title": "S"}],
 "rules": [
  {"id": "confidentiality.i", "category": "confidentiality", "severity": "error",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "identifier", "kinds": ["nhs-number", "phone"],
     "require": ["checksum-valid"], "exclude": ["negated"]}},
  {"id": "confidentiality.a", "category": "confidentiality", "severity": "warning",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "identifiability",
     "features": {"age": {"terms": [{"regex": "\\d+-year-old"}], "weight": 2},
                  "place": {"terms": ["@proper-noun", "@organisation"], "label": "a place"},
                  "who": {"terms": ["@person", "@watch-list"]}},
     "require-one-of": ["age"], "threshold": {"public": 3, "closed": 4}}},
  {"id": "privacy.img", "category": "privacy", "severity": "warning",
   "title": "t", "message": "m", "explanation": "e",
   "citations": [{"source": "s", "paragraph": "1"}],
   "detector": {"type": "image", "carries": ["location", "owner"]}}
 ]}
%%
A 31-year-old from Kendal at Kingsmere Pharmacy, Mrs Okafor, NHS no 943 476 5919.
EOF
  # Keys and values the loader knows, so mutations reach past the key checks.
  printf '%s\n' '"{"' '"}"' '"["' '"]"' '"\"id\": "' '"\"rules\": ["' '"\"concepts\": \"concepts\""' \
    '"\"pattern\": ["' '"{\"gap\": [0, 12]}"' '"{\"words\": [\"a\"]}"' '"{\"stem\": \"x\"}"' \
    '"{\"regex\": \"x\"}"' '"{\"shape\": \"UPPER\"}"' '"\"optional\": true"' '"\"@masked-word\""' \
    '"{\"stems\": [\"x\"]}"' '"\"near\": [{\"terms\": ["' '"\"unless\": "' '"\"within\": \"clause\""' \
    '"\"tokens\": 50"' '"\"position\": \"after\""' '"\"lexicons\": {"' '"\"include\": ["' \
    '"\"file\": "' '"\"capitalised\": true"' '"\"type\": \"frame\""' '"\"type\": \"pattern\""' \
    '"\"label\": "' '"# concept: "' '"# label: "' '"# means: "' '"# source: "' '"# masked: any"' \
    '"\x0a%%\x0a"' '"*"' '"@insult"' '"@patient"' '"@dose"' '"@person"' > "$dir/pack.dict"
  set -- -max_len=8192 -dict="$dir/pack.dict" "$dir/corpus"
  ;;
cli)
  dir=$out/cli
  mkdir -p "$dir/corpus"
  cflags="-I$store -I$interests -I$top/src/cli" pkgs="sqlite3"
  build "$dir/fuzz-cli" "$top/tests/fuzz/fuzz-cli.c" "$top/src/cli/sg-check-report.c" \
    "$store"/*.c "$interests"/*.c "$engine"/*.c
  # The first byte is the command line (see fuzz-cli.c): "@" text, "A" --jsonl, "B" --declare,
  # "C" text past 1 MiB, "c" text on the file and on "-"; +4 on standard input, +8 --format
  # json / the file twice / and "-", +16..48 another platform, +128 --db. The rest is input.
  draft_seeds "$dir/corpus"
  for f in "$dir"/corpus/seed[1-8]; do { printf '@'; cat "$f"; } > "$f.t" && mv "$f.t" "$f"; done
  printf 'D%s\nline two\r\n\n' 'Friend request from my patient in bed 4 on ward 7' > "$dir/corpus/seed9"
  printf 'H%s' 'What an idiot. Mrs Okafor, 07700 900123, DOB 03/07/1979 #NHS' > "$dir/corpus/seed10"
  printf 'C%s\n' 'Café naïve é 😂 line' > "$dir/corpus/seed11"
  printf 'c%s\n' 'Mrs Okafor 07700 900123' > "$dir/corpus/seed12"
  printf '\300%s' 'Okafor at Kingsmere' > "$dir/corpus/seed13"
  cat > "$dir/corpus/seed14" <<'EOF'
A{"id": 1, "text": "NHS no 943 476 5919 for Mrs Okafor in bed 4", "platform": "x"}

{"id": "two", "text": "a\u0000b f*****g hell \\u0000 not a NUL \\\u0000", "platform": "bluesky"}
{"id": null, "text": "Take 500mg twice a day"}
   
{"id": [1, {"a": 2}], "text": "no platform", "platform": "nowhere"}
{"text": 5}
not json
{"id": 3.5, "text": "\ud83d\ude02 emoji and \u00e9 \U0000", "platform": null}
{"id": "crlf", "text": "idiot"}
EOF
  printf 'I%s\n%s\n' '{"id":7,"text":"Kingsmere ward 7, Okafor"}' '{"id":8,"text":"b\u0000"}' > "$dir/corpus/seed15"
  printf '\305%s\r\n' '{"id":9,"text":"Okafor from Kingsmere, a 31-year-old","platform":"threads"}' > "$dir/corpus/seed16"
  printf 'B%s\n' 'Loving the new Inhalix inhaler from Pellana!' > "$dir/corpus/seed17"
  printf 'R%s' 'Thanks Kingsmere Pharmacy and Pellana Pharma for the Breathe-Easy samples   ' > "$dir/corpus/seed18"
  printf 'F%s' 'Pellana, on standard input' > "$dir/corpus/seed19"
  printf 'J%s' 'Pellana, then "-" (empty)' > "$dir/corpus/seed20"
  printf 'b%s' 'Inhalix on mastodon: a post that is long enough that the full declaration may not fit' > "$dir/corpus/seed21"
  set -- -max_len=4096 "$dir/corpus"
  ;;
interests)
  dir=$out/interests
  mkdir -p "$dir/corpus"
  cflags="-I$store -I$interests" pkgs="sqlite3"
  build "$dir/fuzz-interests" "$top/tests/fuzz/fuzz-interests.c" "$store"/*.c "$interests"/*.c \
    "$engine"/*.c
  cat > "$dir/corpus/seed1" <<'EOF'
[{"organisation": "Pellana", "aliases": ["Pellana Pharma"], "products": ["Inhalix", "Breathe-Easy"],
  "category": "consultancy", "paid_to": "self", "amount": 2500.5, "currency": "GBP",
  "started": "2023-04-01", "ended": null, "notes": "Advisory board, \"two\" meetings\n"},
 {"organisation": "Kingsmere Pharmacy", "category": "sponsorship", "paid_to": "institution",
  "amount": 300, "started": "2022-01-01", "ended": "2024-02-29"}]
EOF
  printf '%s' '[{"organisation":"A\u0000B","category":"gifts","amount":0,"notes":null},{"organisation":" x ","aliases":[" a ;b",""],"category":"shares","amount":1e9}]' > "$dir/corpus/seed2"
  printf '%s' '[{"organisation":"Q","category":"royalties","amount":-1}] [' > "$dir/corpus/seed3"
  printf '%s\r\n%s\r\n%s\r\n' 'organisation,aliases,products,category,paid_to,amount,currency,started,ended,notes' \
    'Pellana,Pellana Pharma;PP,"Inhalix; Breathe-Easy",consultancy,self,2500.50,GBP,2023-04-01,,"Board, ""two"" meetings"' \
    '"Kingsmere Pharmacy",,,sponsorship,institution,1e3,,2022-01-01,2024-02-29,' > "$dir/corpus/seed4"
  printf '%s\n\n%s\n%s\n' ' category , organisation,notes,amount' 'gifts,"Multi' 'line",  , nan' > "$dir/corpus/seed5"
  printf '%s\n%s\n%s' 'organisation,category,started,ended,amount,currency' \
    'X,employment,2020-02-30,2019-01-01,1000000001,gbp' 'Y,research-funding,"2020-01-01",,0x10,EUR' > "$dir/corpus/seed6"
  printf '%s\n%s\r%s' 'organisation,bogus' 'a,b' '"unclosed' > "$dir/corpus/seed7"
  printf '%s\n' '"organisation"""' '"x"y,z' > "$dir/corpus/seed8"
  printf '%s\n' '"organisation","category","paid_to"' '"A","non-financial-personal","someone"' \
    '"B","non-financial-professional",""' > "$dir/corpus/seed9"
  printf '%s\n' '"organisation"' '"\"' '"A",B' > "$dir/corpus/seed10"
  # Keys, categories and fields, so mutations reach past the checks.
  printf '%s\n' '"organisation"' '"aliases"' '"products"' '"category"' '"paid_to"' '"amount"' \
    '"currency"' '"started"' '"ended"' '"notes"' '"employment"' '"consultancy"' '"speaker-fees"' \
    '"research-funding"' '"shares"' '"sponsorship"' '"royalties"' '"gifts"' \
    '"non-financial-professional"' '"non-financial-personal"' '"institution"' '"self"' \
    '"GBP"' '"2024-02-29"' '"1999-12-31"' '"\"\""' '"\",\""' '"\x0d\x0a"' '"null"' '"[{"' '"}]"' \
    '"\\u0000"' '"1e9"' '"-0"' > "$dir/csv.dict"
  set -- -max_len=4096 -dict="$dir/csv.dict" "$dir/corpus"
  ;;
archive)
  dir=$out/archive
  mkdir -p "$dir/corpus"
  cflags="-I$top/src/archive" pkgs="libarchive libcbor"
  # A fuzzer cannot forge SHA-256: blocks are not checked against their CIDs in this build,
  # so the tree and the records behind them are reached.
  FUZZ_CFLAGS="-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
  build "$dir/fuzz-archive" "$top/tests/fuzz/fuzz-archive.c" "$top"/src/archive/*.c \
    "$engine/sg-error.c"
  # One small file of each kind the reader knows, bare and packed (zip, tar.gz), so mutations
  # start past the sniffing. Small, so libFuzzer's -max_len keeps whole archives.
  python3 - "$dir/corpus" <<'EOF'
import io, sys, tarfile, zipfile
d = sys.argv[1]
outbox = ('{"type": "OrderedCollection", "orderedItems": [{"id": "a1", "type": "Create",'
  ' "object": {"id": "https://m.example/users/jo/statuses/1", "type": "Note", "summary": "cw",'
  ' "published": "2023-01-02T10:00:00Z", "url": "https://m.example/@jo/1", "inReplyTo": null,'
  ' "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [],'
  ' "content": "<p>Night &amp; day<br>x &#39; &nbsp;</p><p><span class=\\"invisible\\">https://</span>a</p>",'
  ' "attachment": [{"type": "Document", "name": "alt"}, {"name": null}]}},'
  ' {"type": "Announce", "object": "https://o.example/1"}]}')
tweets = ('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1050118621198921728",'
  ' "created_at": "Thu Oct 11 00:00:00 +0000 2018", "full_text": "RT? no &amp; &lt;3 @jo",'
  ' "in_reply_to_status_id_str": "7", "entities": {"media": [{"ext_alt_text": "alt"}]}}},'
  ' {"tweet": {"id": 8, "created_at": "bad", "full_text": "x"}}]')
facebook = ('[{"timestamp": 1577836800, "data": [{"post": "caf\\u00c3\\u00a9 \\u00f0\\u009f\\u0098\\u0082"}],'
  ' "attachments": [{"data": [{"media": {"uri": "p.jpg", "description": "d"}}]}], "title": "t"},'
  ' {"timestamp": 1577836800, "data": [{"post": "same second \\u0000"}]}]')
instagram = ('[{"media": [{"uri": "a.jpg", "creation_timestamp": 1672531200, "title": "New \\u00c3\\u00a9"}]},'
  ' {"media": [{"uri": "b.jpg", "creation_timestamp": 1672617600, "title": ""}], "title": "c",'
  ' "creation_timestamp": 1672617600}]')
shares = ('\ufeffDate,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n'
  '2023-01-15 10:20:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567,'
  '"Proud, ""again"".\r\nTwo",,,MEMBER_NETWORK\r\n\r\n2021-02-03 04:05:06,,x,,,PUBLIC\r\nbad row\r\n')
files = {'outbox.json': outbox, 'data/tweets.js': tweets,
         'your_activity_across_facebook/posts/your_posts_1.json': facebook,
         'your_instagram_activity/content/posts_1.json': instagram, 'Shares.csv': shares}
for i, (name, text) in enumerate(files.items()):
    open('%s/seed-plain%d' % (d, i), 'wb').write(text.encode())
    with zipfile.ZipFile('%s/seed-zip%d' % (d, i), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('other/x.txt', 'not posts')
        z.writestr(name, text)
with zipfile.ZipFile('%s/seed-zip-all' % d, 'w', zipfile.ZIP_STORED) as z:
    for name, text in files.items():
        z.writestr(name, text)
    z.writestr('your_posts_1.html', '<html></html>')
with tarfile.open('%s/seed-tgz' % d, 'w:gz') as t:
    for name, text in (('media/a.bin', 'xx'), ('outbox.json', outbox)):
        b = text.encode()
        info = tarfile.TarInfo(name)
        info.size = len(b)
        t.addfile(info, io.BytesIO(b))
EOF
  # Bluesky repositories (CAR files): written by the builder of tests/test-archive-bluesky.c.
  clang -g -O1 -DG_LOG_DOMAIN='"SocialGuard"' -I"$out" -I"$engine" $cflags \
    "$top/tests/test-archive-bluesky.c" "$top"/src/archive/*.c "$engine/sg-error.c" \
    $(pkg-config --cflags --libs glib-2.0 gio-2.0 json-glib-1.0 $pkgs) -o "$dir/write-seeds"
  "$dir/write-seeds" --write-seeds "$dir/corpus"
  printf '%s\n' '"PK\x03\x04"' '"PK\x01\x02"' '"PK\x05\x06"' '"\x1f\x8b"' '"ustar"' \
    '"outbox.json"' '"tweets.js"' '"your_posts_1.json"' '"posts_1.json"' '"Shares.csv"' \
    '"\"orderedItems\""' '"\"OrderedCollection\""' '"window.YTD.tweets.part0 = "' \
    '"\"tweet\""' '"\"full_text\""' '"\"timestamp\""' '"\"media\""' '"\"content\""' \
    '"\"object\""' '"\"Create\""' '"ShareCommentary"' '"\\u0000"' '"\\ud83d"' '"\xc3\xa9"' \
    '"\xff"' '"&#x1F602;"' '"&amp;"' '"<br>"' '"$type"' '"app.bsky.feed.post"' '"createdAt"' \
    '"\xa2eroots"' '"gversion\x01"' '"\x01q\x12\x20"' '"\xd8\x2a"' > "$dir/archive.dict"
  set -- -max_len=16384 -dict="$dir/archive.dict" "$dir/corpus"
  ;;
*)
  echo "unknown target $target (analyzer, tokens, rule-pack, regex-anchors, cli, interests, archive)" >&2
  exit 2
  ;;
esac

# -timeout: an input that takes over 10 s is a finding (the analyzer runs as the user types).
SG_DATA_DIR="${SG_DATA_DIR:-$top/data}" FUZZ_NOTE_DIR="$dir" "$dir/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
  -artifact_prefix="$dir/" -print_final_stats=1 ${FUZZ_FLAGS:-} "$@"
