#!/bin/sh
# Change detection: a second run renders nothing; editing one spec renders
# exactly that one; touching without a change renders nothing; a changed
# data file or option renders again; --force renders all.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 6
run() { "$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg -j 2 -q --report "$tmp/r.json" "$@" 2>/dev/null; }
run; expect_rc $? 0 "first run"
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 6 "first run renders all 6"
# One journal line per figure: NAME<TAB>fnv1a64:HEX (no file per figure).
expect_eq "$(grep -c '^fig0[1-6]	fnv1a64:[0-9a-f]\{16\}$' "$tmp/out/.huitu-cache/hashes")" 6 "hashes stored beside the outputs, one line per figure"
expect_eq "$(ls "$tmp/out/.huitu-cache")" "hashes" "and nothing else in .huitu-cache"
cp "$tmp/out/fig03.png" "$tmp/fig03.before"
run; expect_rc $? 0 "second run"
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 0 "second run renders nothing"
expect_eq "$(report_inputs "$tmp/r.json" unchanged | wc -l | tr -d ' ')" 6 "second run: 6 unchanged"
sed -i 's/value: 504/value: 9999/' "$tmp/in/fig04.yaml"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig04.yaml" "editing fig04 renders exactly fig04"
touch "$tmp/in/fig02.yaml"
run
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 0 "touching without changing the content renders nothing"
rm "$tmp/out/fig05.svg"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/fig05.yaml" "a missing output is rendered again"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg -j 2 -q --scale 2 --report "$tmp/r.json" 2>/dev/null
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 6 "changed options render all again"
run
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 6 "and back"
run --force
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" 6 "--force renders all"
cmp -s "$tmp/out/fig03.png" "$tmp/fig03.before"; ok $? "re-rendered output is byte-identical"
# A file the spec reads (an image) is part of the hash.
cp "$tmp/out/fig01.png" "$tmp/in/pic.png"
cat > "$tmp/in/withimage.yaml" <<'Y'
page: {width: 400, margin: 16}
title: 图片
blocks:
  - image: {src: pic.png}
Y
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/withimage.yaml" "a new spec is rendered"
cp "$tmp/out/fig02.png" "$tmp/in/pic.png"
run
expect_eq "$(report_inputs "$tmp/r.json" ok)" "$tmp/in/withimage.yaml" "changing the image it reads renders it again"
# No temporary file is left behind.
expect_eq "$(find "$tmp/out" -name '.*.tmp' | wc -l | tr -d ' ')" 0 "no temporary files left"
finish
