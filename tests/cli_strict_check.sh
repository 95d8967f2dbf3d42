#!/bin/sh
# --strict (render, check, batch) and check without drawing (issue 18).
#   cli_strict_check.sh HUITU TESTS_DIR
# - every tests/bad case: `check` prints what `render` prints, with the same
#   exit code (too-many-pixels excepted: a PNG's size is the render's), so
#   check, which lays out and draws nothing, misses no problem render finds;
# - a spec with warnings only: exit 0 and a file without --strict; with it,
#   each warning an error marked [--strict], exit 2 and nothing written, in
#   render, check, check --json and batch (also after a batch that passed).
set -u
huitu=$1; tests=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cd "$tests/bad" || exit 1
n=0
for spec in *.yaml *.json; do
  [ "$spec" = too-many-pixels.yaml ] && continue
  "$huitu" render "$spec" -o "$tmp/r.png" 2> "$tmp/render.txt"; r=$?
  "$huitu" check "$spec" > /dev/null 2> "$tmp/check.txt"; c=$?
  rm -f "$tmp/r.png"
  if [ $r -ne $c ] || ! cmp -s "$tmp/render.txt" "$tmp/check.txt"; then
    bad "check $spec (exit $c) differs from render (exit $r):"; diff "$tmp/render.txt" "$tmp/check.txt" | head -5
  fi
  n=$((n + 1))
done
[ $n -gt 80 ] || bad "only $n bad cases compared"

spec=font-not-installed.yaml
"$huitu" render $spec -o "$tmp/w.png" 2> "$tmp/warn.txt" || bad "render without --strict failed"
[ -s "$tmp/w.png" ] || bad "render without --strict wrote nothing"
grep -q ': warning: ' "$tmp/warn.txt" || bad "$spec gives no warning"
# the same lines, each an error marked [--strict]
sed -e 's/: warning: /: error: /' -e 's/$/ [--strict]/' "$tmp/warn.txt" > "$tmp/want.txt"
"$huitu" render --strict $spec -o "$tmp/s.png" 2> "$tmp/strict.txt"; rc=$?
[ $rc -eq 2 ] || bad "render --strict: exit $rc, expected 2"
[ -e "$tmp/s.png" ] && bad "render --strict wrote a file"
cmp -s "$tmp/want.txt" "$tmp/strict.txt" || { bad "render --strict messages:"; diff "$tmp/want.txt" "$tmp/strict.txt"; }
"$huitu" check $spec 2> /dev/null || bad "check without --strict failed"
"$huitu" check --strict $spec 2> "$tmp/cstrict.txt"; rc=$?
[ $rc -eq 2 ] || bad "check --strict: exit $rc, expected 2"
cmp -s "$tmp/want.txt" "$tmp/cstrict.txt" || { bad "check --strict messages:"; diff "$tmp/want.txt" "$tmp/cstrict.txt"; }
"$huitu" check --strict --json $spec > "$tmp/j.json" 2> /dev/null
grep -q '"severity": "error", "message": "font .* \[--strict\]"' "$tmp/j.json" || bad "check --strict --json: $(cat "$tmp/j.json")"
grep -q '"severity": "warning"' "$tmp/j.json" && bad "check --strict --json still has warnings"

"$huitu" batch $spec -o "$tmp/out" > /dev/null 2>&1 || bad "batch without --strict failed"
[ -s "$tmp/out/font-not-installed.png" ] || bad "batch wrote no PNG"
# A strict run does not take the figure that passed with warnings as unchanged.
"$huitu" batch --strict $spec -o "$tmp/out" > "$tmp/b.txt" 2>&1; rc=$?
[ $rc -eq 2 ] || bad "batch --strict: exit $rc, expected 2"
grep -q 'error: font .* \[--strict\]' "$tmp/b.txt" || { bad "batch --strict output:"; cat "$tmp/b.txt"; }
exit $fail
