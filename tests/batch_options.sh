#!/bin/sh
# batch checks --scale and --dpi as render does (plain decimal numbers in
# range: '2x', 'nan', '1e-9' refused, exit 2, nothing written), and echoes
# option values and file names with control characters escaped.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 2
for bad in 2x nan 1e-9 inf 0x2 ""; do
  "$huitu" batch "$tmp/in" -o "$tmp/out" --scale "$bad" 2>"$tmp/err"
  expect_rc $? 2 "--scale '$bad' refused"
  expect_eq "$(cat "$tmp/err")" "huitu batch: --scale must be a number from 0.1 to 16, found '$bad'" "--scale '$bad': the message"
done
"$huitu" batch "$tmp/in" -o "$tmp/out" --dpi 5 2>"$tmp/err"
expect_rc $? 2 "--dpi 5 refused"
expect_eq "$(cat "$tmp/err")" "huitu batch: --dpi must be a number from 10 to 2400, found '5'" "--dpi 5: the message"
[ ! -e "$tmp/out" ]; ok $? "nothing written for a refused option"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f "$(printf 'p\033[2Jng')" 2>"$tmp/err"
expect_rc $? 2 "a bad format refused"
expect_eq "$(cat "$tmp/err")" 'huitu batch: -f takes formats separated by commas (png,svg,pdf), found '"'"'p\x1b[2Jng'"'" "the format echoed escaped"
printf 'title: [\n' > "$tmp/in/$(printf 'e\033]0;x\007.yaml')"
"$huitu" batch "$tmp/in" -o "$tmp/out" -q 2>"$tmp/err"
expect_rc $? 2 "a broken spec fails the batch"
grep -q "$(printf '\033')" "$tmp/err"; expect_rc $? 1 "no raw ESC on stderr"
grep -qF 'e\x1b]0;x\x07.yaml' "$tmp/err"; ok $? "the file name shown escaped"
"$huitu" batch "$tmp/in" -o "$tmp/out" --scale 2 -q --force 2>/dev/null
expect_rc $? 2 "--scale 2 accepted (the broken spec still fails)"
expect_eq "$(ls "$tmp/out"/*.png | wc -l | tr -d ' ')" 2 "the good figures rendered at --scale 2"
# The --max-* limits reach every worker (render's options, the same checks).
"$huitu" batch "$tmp/in" -o "$tmp/lim" --max-memory 0 2>"$tmp/err"
expect_rc $? 2 "--max-memory 0 refused"
expect_eq "$(cat "$tmp/err")" "huitu batch: --max-memory must be a whole number of at least 1, found '0'" "--max-memory 0: the message"
mkdir -p "$tmp/rows"
cat > "$tmp/rows/t.yaml" <<'Y'
blocks:
  - chart:
      data: {values: [{a: 1}, {a: 2}, {a: 3}]}
      mark: bar
      encoding: {x: {field: a, type: ordinal}}
Y
"$huitu" batch "$tmp/rows" -o "$tmp/rowsout" -q --max-rows 2 2>"$tmp/err"
expect_rc $? 2 "--max-rows 2: the figure over it fails"
grep -q "t.yaml:3:22: error: too many rows (3; the limit is 2)" "$tmp/err"; ok $? "--max-rows reaches the worker: $(head -2 "$tmp/err" | tr '\n' ' ')"
"$huitu" batch "$tmp/rows" -o "$tmp/rowsout" -q --max-rows 3 2>"$tmp/err"
expect_rc $? 0 "--max-rows 3: it renders"
# Checking the limits must not start font threads in the parent before it
# forks (a worker inherited a held lock and hung under ASan in CI).
grep -q "internal error" "$tmp/err"; expect_rc $? 1 "--max-rows 3: no threads in the parent at fork"
# --shard auto: the slice from Slurm, Kubernetes or GNU parallel's environment.
make_specs "$tmp/sh" 7
names() { ls "$1" | grep '\.png$' | tr '\n' ' '; }
env -u JOB_COMPLETION_INDEX -u PARALLEL_JOBSLOT SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 \
  "$huitu" batch "$tmp/sh" -o "$tmp/s1" --shard auto -q 2>/dev/null
expect_eq "$(names "$tmp/s1")" "fig03.png fig06.png " "Slurm task 3 of 1..3 is shard 2/3"
env -u SLURM_ARRAY_TASK_ID -u PARALLEL_JOBSLOT JOB_COMPLETION_INDEX=1 "$huitu" batch "$tmp/sh" -o "$tmp/s2" --shard auto/2 -q 2>/dev/null
expect_eq "$(names "$tmp/s2")" "fig02.png fig04.png fig06.png " "Kubernetes index 1 of 2"
env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX PARALLEL_JOBSLOT=1 "$huitu" batch "$tmp/sh" -o "$tmp/s3" --shard auto/4 -q 2>/dev/null
expect_eq "$(names "$tmp/s3")" "fig01.png fig05.png " "GNU parallel slot 1 of 4"
env -u SLURM_ARRAY_TASK_ID -u PARALLEL_JOBSLOT JOB_COMPLETION_INDEX=1 "$huitu" batch "$tmp/sh" -o "$tmp/s4" --shard auto 2>"$tmp/err"
expect_rc $? 2 "Kubernetes without N refused"
expect_eq "$(cat "$tmp/err")" "huitu batch: --shard auto: JOB_COMPLETION_INDEX gives the index (1) but not the number of shards: give --shard auto/N" "the message says what to add"
env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX -u PARALLEL_JOBSLOT "$huitu" batch "$tmp/sh" -o "$tmp/s5" --shard auto 2>"$tmp/err"
expect_rc $? 2 "no engine in the environment"
finish
