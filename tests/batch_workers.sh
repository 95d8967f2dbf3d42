#!/bin/sh
# Parallel batches are byte-identical to -j 1, in PNG, SVG and PDF, run
# again and again at -j 2, 4 and 8 over copies of the whole gallery (which
# draws with more FreeType faces than cairo keeps open: the case where
# worker threads once crashed in cairo_surface_finish or wrote PDFs with a
# Type 3 stand-in face).  Then a worker killed mid-figure: only that figure
# fails, the rest are right, and the next run finishes it.
. "$(dirname "$0")/batch_lib.sh"
specs=$(cd "$(dirname "$0")/../specs" && pwd)
# (fewer under ThreadSanitizer: make test-tsan sets these)
copies=${HUITU_TEST_COPIES:-6}
k=1
while [ "$k" -le "$copies" ]; do
  mkdir -p "$tmp/in/c$k"
  cp "$specs"/*.yaml "$specs"/*.vl.json "$tmp/in/c$k/"
  cp -R "$specs/data" "$tmp/in/c$k/"   # what specs read by relative path (map-us-engineers)
  k=$((k + 1))
done
n=$(find "$tmp/in" -name '*.yaml' -o -name '*.vl.json' | wc -l | tr -d ' ')
"$huitu" batch "$tmp/in" -o "$tmp/ref" -f png,svg,pdf -j 1 -q 2>"$tmp/err"
expect_rc $? 0 "reference batch -j 1 ($n figures)"
files=$(find "$tmp/ref" -name '*.png' -o -name '*.svg' -o -name '*.pdf' | wc -l | tr -d ' ')
expect_eq "$files" "$((n * 3))" "-j 1 writes every figure in three formats"

# Every file and the index the same as -j 1's; the journal has each figure once.
same_as_ref() { # OUT LABEL
  diff -r -q -x .huitu-cache "$tmp/ref" "$1" > "$tmp/diff" 2>&1
  ok $? "$2: every output byte-identical to -j 1 ($(wc -l < "$tmp/diff" | tr -d ' ') differ: $(head -3 "$tmp/diff" | tr '\n' ' '))"
  expect_eq "$(cut -f1 "$1/.huitu-cache/hashes" | sort -u | wc -l | tr -d ' ')" "$n" "$2: the journal records every figure"
}
for j in ${HUITU_TEST_JOBS:-2 4 8}; do
  for run in $(seq 1 "${HUITU_TEST_ROUNDS:-2}"); do
    rm -rf "$tmp/out"
    "$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -j "$j" -q 2>"$tmp/err"
    expect_rc $? 0 "-j $j run $run"
    same_as_ref "$tmp/out" "-j $j run $run"
  done
done

# A worker killed while it renders: exit 1 with that one figure named, or
# (if the kill fell between two figures) exit 0; every file written is the
# reference's; a re-run renders what is missing and nothing else changes.
rm -rf "$tmp/out"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -j 2 -q --report "$tmp/r.json" 2>"$tmp/err" &
pid=$!
i=0
while [ "$i" -lt 500 ] && [ "$(find "$tmp/out" -name '*.pdf' 2>/dev/null | wc -l)" -lt 5 ]; do sleep 0.01; i=$((i + 1)); done
victim=$(pgrep -P "$pid" | head -1)
[ -n "$victim" ] && kill -KILL "$victim"
wait "$pid"; rc=$?
failed=$(report_inputs "$tmp/r.json" env-error | wc -l | tr -d ' ')
if [ "$rc" = 1 ]; then
  expect_eq "$failed" 1 "a killed worker fails exactly the figure it had"
  grep -q "error: the worker process rendering it died (signal 9 (Killed))" "$tmp/err"
  ok $? "the failure says the worker was killed"
else
  expect_rc "$rc" 0 "a kill between figures fails nothing"
  expect_eq "$failed" 0 "nothing failed"
fi
expect_eq "$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')" "$((n - failed))" "the other workers render the rest"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -j 2 -q --report "$tmp/r2.json" 2>"$tmp/err"
expect_rc $? 0 "re-run after the kill"
expect_eq "$(report_inputs "$tmp/r2.json" ok | wc -l | tr -d ' ')" "$failed" "the re-run renders only what failed"
same_as_ref "$tmp/out" "after the kill and a re-run"
expect_eq "$(find "$tmp/out" -name '.*.tmp' | wc -l | tr -d ' ')" 0 "no temporary files left"
finish
