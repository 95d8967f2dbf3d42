#!/bin/sh
# Every spec in a folder through valgrind memcheck, in all three formats
# (and `check` on the bad corpus): exits non-zero on any memory error or
# definite leak.  Logs go to $VG_LOGS (default: a temp folder, kept on failure).
#   valgrind_gallery.sh HUITU SPECS_DIR [BAD_DIR]
set -u
huitu=$1; specs=$2; bad=${3:-$(dirname "$0")/bad}
supp=$(cd "$(dirname "$0")" && pwd)/valgrind.supp
export HUITU_FONT_PATH=${HUITU_FONT_PATH:-$(cd "$(dirname "$0")/.." && pwd)/fonts} LANG=C.UTF-8
logs=${VG_LOGS:-$(mktemp -d)}; out=$(mktemp -d)
vg="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=no --suppressions=$supp --num-callers=30"
fails=0; runs=0
for f in "$specs"/*.yaml "$specs"/*.vl.json; do
  [ -f "$f" ] || continue
  name=$(basename "$f"); name=${name%.yaml}; name=${name%.vl.json}
  for fmt in png svg pdf; do
    runs=$((runs + 1))
    $vg --log-file="$logs/$name.$fmt.log" "$huitu" render "$f" -o "$out/$name.$fmt" >/dev/null 2>&1
    rc=$?
    if [ "$rc" = 99 ] || [ "$rc" -gt 2 ]; then echo "FAIL: $name.$fmt (exit $rc, $logs/$name.$fmt.log)"; fails=$((fails + 1)); fi
  done
done
for f in "$bad"/*.yaml "$bad"/*.json; do
  [ -f "$f" ] || continue
  runs=$((runs + 1)); name=$(basename "$f")
  (cd "$(dirname "$f")" && $vg --log-file="$logs/bad-$name.log" "$huitu" check "$name" >/dev/null 2>&1)
  rc=$?
  if [ "$rc" = 99 ] || [ "$rc" -gt 2 ]; then echo "FAIL: bad/$name (exit $rc, $logs/bad-$name.log)"; fails=$((fails + 1)); fi
done
rm -rf "$out"
errs=$(cat "$logs"/*.log | grep -c "ERROR SUMMARY: [1-9]")
echo "valgrind: $runs runs, $fails failed ($errs logs with errors); logs in $logs"
[ "$fails" -eq 0 ] && [ -z "${VG_LOGS:-}" ] && rm -rf "$logs"
[ "$fails" -eq 0 ]
