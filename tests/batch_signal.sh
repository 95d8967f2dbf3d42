#!/bin/sh
# SIGINT/SIGTERM during a batch: previous outputs intact, no temporary
# files, exit 130; a re-run finishes the rest.  Then huitu watch.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 60
# Figures recorded as finished in OUT's change-detection journal.
recorded() { if [ -f "$1/.huitu-cache/hashes" ]; then grep -c '^fig[0-9]*	fnv1a64:[0-9a-f]\{16\}$' "$1/.huitu-cache/hashes"; else echo 0; fi; }
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -j 1 -q --report "$tmp/r.json" 2>/dev/null &
pid=$!
# Wait until a few figures are written, then interrupt.
i=0; while [ "$i" -lt 200 ] && [ "$(ls "$tmp/out" 2>/dev/null | grep -c '\.pdf$')" -lt 3 ]; do sleep 0.02; i=$((i + 1)); done
kill -INT "$pid"
wait "$pid"; rc=$?
expect_rc "$rc" 130 "interrupted batch exits 130"
expect_eq "$(find "$tmp/out" -name '.*.tmp' | wc -l | tr -d ' ')" 0 "no temporary files left"
python3 -m json.tool "$tmp/r.json" >/dev/null; ok $? "report written on interrupt"
done_n=$(report_inputs "$tmp/r.json" ok | wc -l | tr -d ' ')
[ "$done_n" -gt 0 ] && [ "$done_n" -lt 60 ]; ok $? "stopped part way ($done_n of 60)"
python3 - "$tmp/out" <<'P'; ok $? "every output written is complete"
import glob, sys
for p in glob.glob(sys.argv[1] + "/*.png"):
    b = open(p, "rb").read(); assert b.startswith(b"\x89PNG") and b.endswith(b"IEND\xaeB`\x82"), p
for p in glob.glob(sys.argv[1] + "/*.pdf"):
    b = open(p, "rb").read(); assert b.startswith(b"%PDF-") and b.rstrip().endswith(b"%%EOF"), p
for p in glob.glob(sys.argv[1] + "/*.svg"):
    b = open(p, "rb").read(); assert b.rstrip().endswith(b"</svg>"), p
P
expect_eq "$(recorded "$tmp/out")" "$done_n" "the journal records exactly the finished figures"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -j 2 -q --report "$tmp/r2.json" 2>/dev/null
expect_rc $? 0 "re-run"
expect_eq "$(report_inputs "$tmp/r2.json" unchanged | wc -l | tr -d ' ')" "$done_n" "the re-run keeps what was done"
expect_eq "$(report_inputs "$tmp/r2.json" ok | wc -l | tr -d ' ')" "$((60 - done_n))" "and renders the rest"

# A crash (kill -9: no handler, no summary, no compaction): every figure
# whose journal line was appended has all its outputs, so the re-run
# renders exactly the others.
"$huitu" batch "$tmp/in" -o "$tmp/crash" -f png,svg,pdf -j 1 -q 2>/dev/null &
pid=$!
i=0; while [ "$i" -lt 200 ] && [ "$(recorded "$tmp/crash")" -lt 3 ]; do sleep 0.02; i=$((i + 1)); done
kill -KILL "$pid"; wait "$pid"
kept=$(recorded "$tmp/crash")
[ "$kept" -gt 0 ] && [ "$kept" -lt 60 ]; ok $? "killed part way ($kept of 60 recorded)"
"$huitu" batch "$tmp/in" -o "$tmp/crash" -f png,svg,pdf -j 2 -q --report "$tmp/r3.json" 2>/dev/null
expect_rc $? 0 "re-run after kill -9"
expect_eq "$(report_inputs "$tmp/r3.json" unchanged | wc -l | tr -d ' ')" "$kept" "after kill -9: the finished figures are not rendered again"
expect_eq "$(report_inputs "$tmp/r3.json" ok | wc -l | tr -d ' ')" "$((60 - kept))" "after kill -9: the rest are"
# What kill -9 can leave is a temporary file (.NAME.PID-N.tmp), the name
# the checks for leftovers look for.
expect_eq "$(find "$tmp/crash" -name '.*' ! -name .huitu-cache ! -name '.*.tmp' | wc -l | tr -d ' ')" 0 "kill -9 leaves no other hidden file"

# SIGTERM the same way.
"$huitu" batch "$tmp/in" -o "$tmp/term" -f png,svg,pdf -j 2 -q 2>/dev/null &
pid=$!
i=0; while [ "$i" -lt 200 ] && [ "$(recorded "$tmp/term")" -lt 3 ]; do sleep 0.02; i=$((i + 1)); done
kill -TERM "$pid" 2>/dev/null; wait "$pid"; rc=$?
[ "$rc" = 130 ] || [ "$rc" = 0 ]; ok $? "SIGTERM: exit 130 (or 0 if it had finished): $rc"
expect_eq "$(find "$tmp/term" -name '.*.tmp' | wc -l | tr -d ' ')" 0 "SIGTERM: no temporary files left"

# huitu watch: inotify, then polling.
for mode in "" "--poll"; do
  cp "$tmp/in/fig01.yaml" "$tmp/w.yaml"
  "$huitu" watch "$tmp/w.yaml" -o "$tmp/w.svg" $mode 2> "$tmp/watch.log" &
  pid=$!
  i=0; while [ "$i" -lt 100 ] && ! grep -q watching "$tmp/watch.log"; do sleep 0.05; i=$((i + 1)); done
  grep -q '第1号' "$tmp/w.svg" 2>/dev/null || grep -q '<svg' "$tmp/w.svg"; ok $? "watch $mode: first render"
  before=$(cksum < "$tmp/w.svg")
  sleep 0.1
  sed 's/value: 501/value: 777/' "$tmp/in/fig01.yaml" > "$tmp/w.tmp" && mv "$tmp/w.tmp" "$tmp/w.yaml"
  i=0; while [ "$i" -lt 60 ] && [ "$(cksum < "$tmp/w.svg")" = "$before" ]; do sleep 0.05; i=$((i + 1)); done
  [ "$(cksum < "$tmp/w.svg")" != "$before" ]; ok $? "watch $mode: re-rendered after the spec changed"
  kill -INT "$pid"; wait "$pid"; expect_rc $? 0 "watch $mode: Ctrl-C exits 0"
done
finish
