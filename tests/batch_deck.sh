#!/bin/sh
# The seed report's 16:9 deck (specs/suzhou-deck, issue 16): every slide
# renders with no warning, and --book binds them into one PDF of one 16:9
# page per slide (1920x1080 px = 1440x810 pt), fonts embedded, in the
# slides' order (the cover first, then the sections 01..06, 01 over three
# slides).
. "$(dirname "$0")/batch_lib.sh"
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) not installed: skipped"; exit 77; }
deck="$(dirname "$0")/../specs/suzhou-deck"
n=$(ls "$deck"/*.yaml | wc -l | tr -d ' ')
[ "$n" -ge 7 ]; ok $? "a cover and six sections ($n slides)"
"$huitu" batch "$deck" -o "$tmp/out" -f png --book "$tmp/deck.pdf" --report "$tmp/r.json" 2> "$tmp/stderr"
expect_rc $? 0 "the deck renders"
grep -q 'warning' "$tmp/stderr"; expect_rc $? 1 "no warnings ($(grep -m1 warning "$tmp/stderr"))"
expect_eq "$(pdfinfo "$tmp/deck.pdf" | awk '/^Pages:/ {print $2}')" "$n" "one page per slide"
expect_eq "$(pdfinfo "$tmp/deck.pdf" | awk '/^Page size:/ {print $3 "x" $5}')" "1440x810" "16:9 pages"
if command -v pdffonts >/dev/null; then
  pdffonts "$tmp/deck.pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") exit 1 }'; ok $? "fonts embedded"
fi
if command -v pdftotext >/dev/null; then
  pdftotext -f 1 -l 1 "$tmp/deck.pdf" - | tr -d '\n ' | grep -q '十八大以来苏州民政事业发展成就'; ok $? "the cover first"
  # each slide after the cover carries its section's badge, in order; a
  # section may run over several slides (01: the split, a hero number, a chart)
  seq=""
  for p in $(seq 2 "$n"); do
    seq="$seq $(pdftotext -f "$p" -l "$p" "$tmp/deck.pdf" - | grep -m1 -E '^0[1-9]$')"
  done
  expect_eq "$(echo $seq | tr ' ' '\n' | uniq | tr '\n' ' ')" "01 02 03 04 05 06 " "the sections in order, each on its slides ($seq)"
  expect_eq "$(echo $seq | wc -w | tr -d ' ')" "$((n - 1))" "a badge on every slide"
fi
finish
