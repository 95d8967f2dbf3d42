#!/bin/sh
# Slow strings (issue 12, item 11): a 60,000-letter word took 3.3 s (33 s
# as a title on a busy machine) and 20,000 combining marks on one letter
# 1.7 s, quadratic in Pango's line breaking and shaping.  The text engine
# now cuts a word longer than 1,000 characters in the middle and drops
# marks after the 30th on a character, with a located warning.  Each case:
# exit code, the exact warning line, and a generous time bound (timeout 30
# on a shared machine; each takes well under a second).
#   reliability_text.sh HUITU
set -u
huitu=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0; checks=0
fail() { echo "FAIL: $1"; [ -f err ] && sed 's/^/    /' err | cut -c1-200 | head -5; fails=$((fails + 1)); }
# run NAME RC 'a line stderr must hold' huitu args...
run() {
  name=$1; want=$2; line=$3; shift 3
  checks=$((checks + 1))
  timeout 30 "$huitu" "$@" 2> err > /dev/null
  rc=$?
  if [ "$rc" = 124 ]; then fail "$name: still running after 30 s"; return; fi
  if [ "$rc" != "$want" ]; then fail "$name: exit $rc, expected $want"; return; fi
  grep -qxF "$line" err || fail "$name: no line '$line'"
}
word=$(head -c 60000 /dev/zero | tr '\0' a)
marks=$(yes "$(printf '\314\201')" | head -n 20000 | tr -d '\n')
printf 'title: %s\n' "$word" > word-title.yaml
printf 'title: t\nblocks:\n  - text: %s\n' "$word" > word-text.yaml
printf 'title: "a%s"\n' "$marks" > marks-title.yaml
printf 'title: t\nblocks:\n  - text: "a%s b"\n' "$marks" > marks-text.yaml
wmsg="a word of 60000 characters with no place to break a line: only its first 500 and last 499 are set, joined by '…' (break it with spaces, or shorten it)"
mmsg="a character carries 20000 combining marks: only the first 30 are drawn"
run word-title 0 "word-title.yaml:1:8: warning: $wmsg" render word-title.yaml -o word-title.svg
run word-text 0 "word-text.yaml:3:11: warning: $wmsg" render word-text.yaml -o word-text.png
run word-check 0 "word-text.yaml:3:11: warning: $wmsg" check word-text.yaml
run marks-title 0 "marks-title.yaml:1:8: warning: $mmsg" render marks-title.yaml -o marks-title.svg
run marks-text 0 "marks-text.yaml:3:11: warning: $mmsg" render marks-text.yaml -o marks-text.pdf
checks=$((checks + 1))
[ -s word-title.svg ] && [ -s word-text.png ] && [ -s marks-title.svg ] && [ -s marks-text.pdf ] || fail "an output is missing"
# The cut word keeps both ends, joined by an ellipsis (SVG text elements
# carry the characters).
checks=$((checks + 1))
timeout 30 "$huitu" render --svg-text text word-title.yaml -o t.svg 2> /dev/null
grep -q '>a*…a*<' t.svg || fail "the cut title has no '…' between its letters"
echo "reliability_text: $checks checks, $fails failed"
[ "$fails" = 0 ]
