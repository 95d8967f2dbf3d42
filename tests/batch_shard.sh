#!/bin/sh
# --shard I/N: the union of all shards is exactly the whole set, with no
# overlap, and a shard is the same slice every time.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 23
"$huitu" batch "$tmp/in" -o "$tmp/all" -f svg -j 2 -q --report "$tmp/all.json" 2>/dev/null
expect_rc $? 0 "whole batch"
report_inputs "$tmp/all.json" ok | sort > "$tmp/whole"
expect_eq "$(wc -l < "$tmp/whole" | tr -d ' ')" 23 "the whole batch renders 23 figures"
for n in 1 2 3 7 40; do
  : > "$tmp/union"
  i=0
  while [ "$i" -lt "$n" ]; do
    "$huitu" batch "$tmp/in" -o "$tmp/s$n" -f svg -j 2 -q --shard "$i/$n" --report "$tmp/r$n-$i.json" 2>/dev/null
    expect_rc $? 0 "shard $i/$n"
    report_inputs "$tmp/r$n-$i.json" >> "$tmp/union"
    i=$((i + 1))
  done
  sort "$tmp/union" > "$tmp/union.sorted"
  cmp -s "$tmp/union.sorted" "$tmp/whole"; ok $? "N=$n: union of the shards is the whole set"
  expect_eq "$(sort -u "$tmp/union" | wc -l | tr -d ' ')" "$(wc -l < "$tmp/union" | tr -d ' ')" "N=$n: no figure in two shards"
  expect_eq "$(ls "$tmp/s$n"/*.svg | wc -l | tr -d ' ')" 23 "N=$n: every output written once"
done
# Deterministic: the same slice again (a fresh output folder), and the
# slice does not depend on the order of the arguments.
"$huitu" batch "$tmp/in" -o "$tmp/again" -f svg -q --shard 1/3 --report "$tmp/again.json" 2>/dev/null
cmp -s "$tmp/r3-1.json.inputs" "$tmp/r3-1.json.inputs" 2>/dev/null
report_inputs "$tmp/r3-1.json" > "$tmp/a"; report_inputs "$tmp/again.json" > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b"; ok $? "shard 1/3 is the same slice twice"
set -- "$tmp/in"/fig2*.yaml "$tmp/in"/fig0*.yaml "$tmp/in"/fig1*.yaml
"$huitu" batch "$@" -o "$tmp/perm" -f svg -q --shard 1/3 --report "$tmp/perm.json" 2>/dev/null
report_inputs "$tmp/perm.json" | sed 's|.*/||' > "$tmp/c"; sed 's|.*/||' "$tmp/a" > "$tmp/a2"
cmp -s "$tmp/a2" "$tmp/c"; ok $? "shard 1/3 does not depend on the order of the arguments"
# Bad shard values.
for bad in 3/3 -1/3 1/0 x 1/ /3 1/3x; do
  "$huitu" batch "$tmp/in" -o "$tmp/bad" --shard "$bad" 2>/dev/null
  expect_rc $? 2 "--shard $bad is refused"
done
finish
