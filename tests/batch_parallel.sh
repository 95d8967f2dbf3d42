#!/bin/sh
# The GNU parallel recipe of the README, for real: one job per shard,
# then a last pass that renders nothing and gathers the index and the book.
. "$(dirname "$0")/batch_lib.sh"
command -v parallel >/dev/null || { echo "GNU parallel not installed: skipped"; exit 77; }
make_specs "$tmp/in" 17
cd "$tmp" || exit 1
parallel --will-cite --halt never -j 3 "$huitu" batch in -o out -f png,svg -j 1 -q --shard {}/3 --report 'report-{}.json' ::: 0 1 2 2>/dev/null
expect_rc $? 0 "parallel: three shards"
expect_eq "$(ls out/*.png | wc -l | tr -d ' ')" 17 "every figure rendered"
cat report-0.json report-1.json report-2.json > /dev/null; ok $? "one report per shard"
total=0
for i in 0 1 2; do total=$((total + $(report_inputs "report-$i.json" ok | wc -l))); done
expect_eq "$total" 17 "each figure rendered by exactly one shard"
"$huitu" batch in -o out -f png,svg -q --book book.pdf --report all.json 2>/dev/null
expect_rc $? 0 "gather pass"
expect_eq "$(report_inputs all.json unchanged | wc -l | tr -d ' ')" 17 "the gather pass renders nothing"
expect_eq "$(grep -c '<svg' out/index.html)" 17 "gathered index inlines every SVG"
if command -v pdfinfo >/dev/null; then
  expect_eq "$(pdfinfo book.pdf | awk '/^Pages:/ {print $2}')" 17 "gathered book"
fi
# The environment-variable forms (Slurm, Kubernetes Indexed Jobs).
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 sh -c '"$0" batch in -o slurm -q --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"' "$huitu" 2>/dev/null
expect_rc $? 0 "Slurm array recipe"
expect_eq "$(ls slurm/*.png | wc -l | tr -d ' ')" 6 "Slurm task 1 of 3 renders figures 1, 4, 7, ... (6 of 17)"
finish
