#!/bin/sh
# Render every gallery spec (specs/*.yaml, tests/vl/*.vl.json, tests/vl/gallery/*,
# tests/vl/fidelity/*) to SVG and PNG with two huitu binaries and compare the
# outputs byte for byte: a refactor that should not change what is drawn
# shows every file it did.
#   scripts/gallery-compare.sh OLD_HUITU NEW_HUITU [WORKDIR]
# Exit 0 when every output is identical, 1 when any differs or one binary
# renders a spec the other fails on.
set -u
old=$1 new=$2
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/gallery-compare.XXXXXX")}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/old" "$work/new"
same=0 diff=0
for spec in "$root"/specs/*.yaml "$root"/tests/vl/*.json "$root"/tests/vl/gallery/*.json "$root"/tests/vl/fidelity/*.json; do
  [ -e "$spec" ] || continue
  name=$(echo "${spec#"$root"/}" | tr / _)
  for fmt in svg png; do
    out=$name.$fmt
    # A spec's data urls are relative to its folder: render from there.
    (cd "$(dirname "$spec")" && "$old" render -q "$spec" -o "$work/old/$out") >"$work/old/$out.log" 2>&1
    ro=$?
    (cd "$(dirname "$spec")" && "$new" render -q "$spec" -o "$work/new/$out") >"$work/new/$out.log" 2>&1
    rn=$?
    if [ $ro -ne $rn ]; then
      echo "DIFFERS (exit $ro vs $rn): $out"; diff=$((diff + 1))
    elif [ $ro -ne 0 ]; then
      # Both fail: their messages must agree.
      if cmp -s "$work/old/$out.log" "$work/new/$out.log"; then same=$((same + 1))
      else echo "DIFFERS (messages): $out"; diff=$((diff + 1)); fi
    elif cmp -s "$work/old/$out" "$work/new/$out"; then
      same=$((same + 1))
    else
      echo "DIFFERS: $out"; diff=$((diff + 1))
    fi
  done
done
echo "gallery-compare: $same identical, $diff differ ($work)"
[ $diff -eq 0 ]
