#!/bin/sh
# One scene-dump case: the scene SPEC lays out, compared line by line with
# EXPECTED.  HUITU_UPDATE_SCENES=1 writes EXPECTED instead (then review the
# diff with git: every changed position, size and text is a line).
#   check.sh SCENE_DUMP SPEC EXPECTED
set -u
dump=$1; spec=$2; expected=$3
out=$(mktemp); trap 'rm -f "$out"' EXIT
cd "$(dirname "$spec")" || exit 1
"$dump" "$(basename "$spec")" > "$out" || { echo "scene_dump failed on $spec"; exit 1; }
if [ "${HUITU_UPDATE_SCENES:-0}" = 1 ]; then cp "$out" "$expected"; echo "updated $expected"; exit 0; fi
[ -f "$expected" ] || { echo "no $expected (run with HUITU_UPDATE_SCENES=1)"; exit 1; }
diff -u "$expected" "$out" | head -40
cmp -s "$expected" "$out"
