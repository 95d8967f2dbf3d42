#!/bin/sh
# One bad-spec case: render it, compare stderr and the exit code with the
# expectation file exactly, and check that no output file was left behind.
#   run_bad.sh HUITU CASE.yaml CASE.expected
# The expectation file: first line "exit N", then the exact stderr lines.
# A case with warnings only (exit 0) renders: its PNG must be there.
set -u
huitu=$1; spec=$2; expected=$3
dir=$(dirname "$spec"); name=$(basename "$spec")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$dir" || exit 1
"$huitu" render "$name" -o "$tmp/out.png" 2> "$tmp/stderr"
rc=$?
{ echo "exit $rc"; cat "$tmp/stderr"; } > "$tmp/actual"
status=0
if ! diff -u "$expected" "$tmp/actual"; then status=1; fi
if [ $rc -eq 0 ]; then
  if [ -s "$tmp/out.png" ]; then rm -f "$tmp/out.png"; else echo "exit 0 but no output"; status=1; fi
fi
if [ -n "$(ls -A "$tmp" | grep -v -e '^stderr$' -e '^actual$')" ]; then
  echo "output left behind: $(ls -A "$tmp")"; status=1
fi
exit $status
