#!/bin/sh
# The consumer comparison can fail: one changed digit in a figure (995 ->
# 996) is caught at the consumer tests' limit, an identical image passes.
#   eco_pngdiff_check.sh HUITU PNGDIFF SPEC LIMIT
set -u
huitu=$1; pngdiff=$2; spec=$3; limit=$4
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed 's/995, unit/996, unit/' "$spec" > "$tmp/changed.yaml"
cmp -s "$spec" "$tmp/changed.yaml" && { echo "FAIL: $spec has no '995, unit' to change"; exit 1; }
"$huitu" render -q "$spec" -o "$tmp/a.png" && "$huitu" render -q "$tmp/changed.yaml" -o "$tmp/b.png" || exit 1
"$pngdiff" "$tmp/a.png" "$tmp/a.png" "$limit" || { echo "FAIL: an image differs from itself"; exit 1; }
if "$pngdiff" "$tmp/a.png" "$tmp/b.png" "$limit"; then echo "FAIL: one changed digit went unnoticed"; exit 1; fi
echo "ok: a one-digit change is caught"
