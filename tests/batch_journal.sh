#!/bin/sh
# The change-detection journal OUT/.huitu-cache/hashes: compaction leaves
# one line per name; the last line of a name wins; a torn last line (a
# crash mid-append) and garbage lines are ignored, and the next appends
# still count; names with a tab or a backslash round-trip; folders made by
# older versions (one NAME.hash file per figure) are honoured and carried
# over; shards appending and compacting at once lose no line.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 6
J="$tmp/out/.huitu-cache/hashes"
run() { "$huitu" batch "$tmp/in" -o "$tmp/out" -f svg -j 2 -q --report "$tmp/r.json" "$@" 2>/dev/null; }
count() { report_inputs "$tmp/r.json" "$1" | wc -l | tr -d ' '; }
valid_lines() { grep -c '^[^	]*	fnv1a64:[0-9a-f]\{16\}$' "$1"; }

run; expect_rc $? 0 "first run"
expect_eq "$(wc -l < "$J" | tr -d ' ')" 6 "first run: 6 lines"
LC_ALL=C sort "$J" > "$tmp/good"
# Compaction: --force appends a second line per name; the end of the batch
# rewrites the journal with one line per name, sorted.
run --force; run --force
expect_eq "$(count ok)" 6 "--force renders all"
expect_eq "$(wc -l < "$J" | tr -d ' ')" 6 "compaction: one line per name after --force runs"
expect_eq "$(cut -f1 "$J" | tr '\n' ' ')" "fig01 fig02 fig03 fig04 fig05 fig06 " "compaction: sorted by name"
cmp -s "$J" "$tmp/good"; ok $? "compaction: the same hashes"

# The last line of a name wins: a later wrong hash renders that figure.
printf 'fig02\tfnv1a64:0000000000000000\n' >> "$J"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig02.yaml" "the last line of a name wins"
cmp -s "$J" "$tmp/good"; ok $? "and the journal is compacted back"

# A crash in the middle of an append: fig06's line torn (no newline).  It
# is ignored, so fig06 is rendered again; the line appended after it is
# not lost in the fragment; the next run renders nothing.
grep -v '^fig06' "$tmp/good" > "$J"
printf 'fig06\tfnv1a64:12ab' >> "$J"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig06.yaml" "torn last line: that figure is rendered again"
expect_eq "$(count unchanged)" 5 "torn last line: the others are kept"
run
expect_eq "$(count unchanged)" 6 "after a torn line, the new line counts"
cmp -s "$J" "$tmp/good"; ok $? "the torn fragment is compacted away"
# A torn line that happens to end in a right hash prefix still does not count.
head -c 20 "$tmp/good" > "$tmp/frag"; grep -v '^fig01' "$tmp/good" > "$J"; cat "$tmp/frag" >> "$J"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig01.yaml" "a torn line is never a match"
# Garbage and broken lines in the middle are ignored.
{ printf 'garbage\n\nfig03\tfnv1a64:zzzzzzzzzzzzzzzz\n\tfnv1a64:0000000000000000\n'; cat "$tmp/good"; printf 'fig04 fnv1a64:00\n'; } > "$J"
run
expect_eq "$(count unchanged)" 6 "broken lines are ignored"
cmp -s "$J" "$tmp/good"; ok $? "and compacted away"

# Names with a tab, a backslash: escaped in the journal, found again.
printf 'page: {width: 300, height: 400}\ntitle: tab\nblocks:\n  - kpi: {value: 1, label: a}\n' > "$tmp/in/with	tab.yaml"
printf 'page: {width: 300, height: 400}\ntitle: bs\nblocks:\n  - kpi: {value: 2, label: b}\n' > "$tmp/in/back\\slash.yaml"
run
expect_eq "$(count ok)" 2 "two new figures with odd names"
run
expect_eq "$(count unchanged)" 8 "odd names: unchanged on the next run"
grep -q '^with\\ttab	fnv1a64:' "$J"; ok $? "a tab in a name is written \\t"
grep -qF 'back\\slash	fnv1a64:' "$J"; ok $? "a backslash in a name is written \\\\"
rm "$tmp/in/with	tab.yaml" "$tmp/in/back\\slash.yaml" "$tmp/out/with	tab.svg" "$tmp/out/back\\slash.svg"

# An older version's folder: one NAME.hash file per figure (in sub-folders
# for names with one), no journal.
mkdir -p "$tmp/in/sub"
cp "$tmp/in/fig01.yaml" "$tmp/in/sub/deep.yaml"; sed -i 's/低保标准/深/' "$tmp/in/sub/deep.yaml"
run; run --force
grep -v '\\' "$J" > "$tmp/good2" # without the odd names, whose specs are gone
expect_eq "$(grep -c '^sub/deep	' "$J")" 1 "a name with a sub-folder is stored"
rm "$J"
while IFS='	' read -r name hash; do
  mkdir -p "$(dirname "$tmp/out/.huitu-cache/$name")"; printf '%s\n' "$hash" > "$tmp/out/.huitu-cache/$name.hash"
done < "$tmp/good2"
printf 'fnv1a64:0000000000000000\n' > "$tmp/out/.huitu-cache/fig05.hash"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig05.yaml" "old NAME.hash files are honoured (a wrong one renders)"
expect_eq "$(count unchanged)" 6 "old NAME.hash files: the rest unchanged"
LC_ALL=C sort "$J" | cmp -s - "$tmp/good2"; ok $? "old hashes are carried into the journal"
expect_eq "$(find "$tmp/out/.huitu-cache" -name '*.hash' | wc -l | tr -d ' ')" 0 "and the old files removed"
[ ! -d "$tmp/out/.huitu-cache/sub" ]; ok $? "with their emptied sub-folders"
run
expect_eq "$(count unchanged)" 7 "then everything is unchanged"
# A journal entry beats an old file (which a newer run would have removed).
printf 'fnv1a64:0000000000000000\n' > "$tmp/out/.huitu-cache/fig02.hash"
run
expect_eq "$(count unchanged)" 7 "the journal beats an old file"
rm -r "$tmp/in/sub" "$tmp/out/sub" "$tmp/out/.huitu-cache/fig02.hash"

# Shards writing into one folder at once, each appending and then trying to
# compact while the others append: afterwards nothing is missing.
make_specs "$tmp/many" 48
round=1
while [ "$round" -le 3 ]; do
  pids=
  for i in 0 1 2 3 4 5; do
    "$huitu" batch "$tmp/many" -o "$tmp/shared" -f svg -j 2 -q --force --shard "$i/6" 2>/dev/null & pids="$pids $!"
  done
  rcs=0
  for p in $pids; do wait "$p" || rcs=1; done
  expect_rc "$rcs" 0 "round $round: six concurrent shards"
  "$huitu" batch "$tmp/many" -o "$tmp/shared" -f svg -q --report "$tmp/g.json" 2>/dev/null
  expect_eq "$(report_inputs "$tmp/g.json" unchanged | wc -l | tr -d ' ')" 48 "round $round: the gathering pass renders nothing"
  round=$((round + 1))
done
expect_eq "$(valid_lines "$tmp/shared/.huitu-cache/hashes")" "$(wc -l < "$tmp/shared/.huitu-cache/hashes" | tr -d ' ')" "every line of the shared journal is whole"
expect_eq "$(find "$tmp/shared" -name '.*.tmp' | wc -l | tr -d ' ')" 0 "no temporary files left"
finish
