#!/bin/sh
# Every input the fuzzers ever crashed on (tests/fuzz/regressions/) goes
# through check and render in all three formats: it must end with exit 0, 1
# or 2 -- never a signal, and (in the sanitizer build) never an ASan/UBSan
# report, which makes the process exit with a signal-like status.
#   fuzz_regress.sh HUITU DIR
set -u
huitu=$1; dir=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; n=0
for f in "$dir"/*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "$tmp/case.yaml"
  for cmd in check "render -o $tmp/o.svg" "render -o $tmp/o.pdf" "render -o $tmp/o.png"; do
    (cd "$tmp" && "$huitu" $cmd case.yaml >/dev/null 2>"$tmp/err")
    rc=$?
    if [ "$rc" -gt 2 ] || grep -q -e 'runtime error' -e 'AddressSanitizer' -e 'LeakSanitizer' "$tmp/err"; then
      echo "FAIL: $(basename "$f"): huitu $cmd exited $rc"; head -20 "$tmp/err"; fails=$((fails + 1))
    fi
  done
done
echo "fuzz regressions: $n inputs, $fails failures"
[ "$fails" -eq 0 ]
