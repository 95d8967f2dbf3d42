#!/bin/sh
# Seed corpus for the fuzzers: every spec in specs/ and tests/, plus the
# crash reproducers, into DIR (default build-fuzz/seeds).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build-fuzz/seeds}
mkdir -p "$out"
n=0
for f in $(find "$root/specs" "$root/tests" "$root/docs" -type f \
             \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) 2>/dev/null) \
         $(find "$root/tests/fuzz/crashes" -type f 2>/dev/null); do
  [ "$(wc -c < "$f")" -le 65536 ] || continue
  cp "$f" "$out/$(echo "$f" | sed "s|^$root/||; s|/|_|g")"
  n=$((n + 1))
done
echo "$n seeds in $out"
