#!/bin/sh
# Distributed batches (issue 18): docs/slurm-render.sh and the commands of
# docs/k8s-render-job.yaml, run here by simulating the environment their
# schedulers set (SLURM_ARRAY_TASK_ID/COUNT, JOB_COMPLETION_INDEX); the
# shards' reports merged by batch --merge-reports into one report and one
# index.html that hold every figure, failures with their messages.
. "$(dirname "$0")/batch_lib.sh"
docs=$(cd "$(dirname "$0")/../docs" && pwd)
make_specs "$tmp/specs" 9
printf 'blocks:\n  - kpi: {value: 很多}\n' > "$tmp/specs/bad.yaml"
hb=$(dirname "$huitu")
# Slurm: four array tasks, then the merge step.
for id in 0 1 2 3; do
  (cd "$tmp" && PATH="$hb:$PATH" SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1 \
    sh "$docs/slurm-render.sh" specs slurm > /dev/null 2>&1)
  rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 2 ] || expect_rc $rc 0 "slurm task $id"
done
expect_eq "$(ls "$tmp/slurm"/report-*.json | wc -l | tr -d ' ')" 4 "slurm: a report per task"
(cd "$tmp" && PATH="$hb:$PATH" sh "$docs/slurm-render.sh" --merge slurm > "$tmp/merge.out" 2>&1)
expect_rc $? 2 "slurm merge: exit 2 (a figure failed on its spec)"
expect_eq "$(cat "$tmp/merge.out")" "merged 4 reports: 10 figures, 1 failed" "slurm merge: its summary"
report_inputs "$tmp/slurm/report.json" ok | sed 's#.*/##' > "$tmp/ok"
expect_eq "$(wc -l < "$tmp/ok" | tr -d ' ')" 9 "merged report: the 9 good figures ok"
expect_eq "$(report_inputs "$tmp/slurm/report.json" spec-error | sed 's#.*/##')" "bad.yaml" "merged report: bad.yaml failed"
python3 - "$tmp/slurm/report.json" <<'P'; ok $? "merged report: names, outputs and the error's text"
import json, sys
r = json.load(open(sys.argv[1]))
f = {x["name"]: x for x in r["figures"]}
assert sorted(f) == ["bad"] + ["fig%02d" % i for i in range(1, 10)], sorted(f)
assert f["bad"]["errors"] == ["specs/bad.yaml:2:18: error: expected a number, found the string '很多'"], f["bad"]
assert f["fig01"]["outputs"] == ["slurm/fig01.png", "slurm/fig01.svg", "slurm/fig01.pdf"], f["fig01"]["outputs"]
P
grep -c '<figure' "$tmp/slurm/index.html" > "$tmp/n"; expect_eq "$(cat "$tmp/n")" 10 "merged index: 10 figures"
grep -q 'class="failed"' "$tmp/slurm/index.html"; ok $? "merged index: the failure shown as one"
grep -q "expected a number, found the string &#39;很多&#39;" "$tmp/slurm/index.html"; ok $? "merged index: with its message"
# Kubernetes: the render Job's command with each completion index, then the merge Job's.
python3 - "$docs/k8s-render-job.yaml" > "$tmp/k8s.cmds" <<'P' || { echo "FAIL: k8s manifest"; exit 1; }
import sys, yaml
for job in yaml.safe_load_all(open(sys.argv[1])):
    spec = job["spec"]
    c = spec["template"]["spec"]["containers"][0]
    print(spec.get("completions", 1), c["args"][0])
P
expect_eq "$(wc -l < "$tmp/k8s.cmds" | tr -d ' ')" 2 "k8s: a render and a merge Job"
n=$(sed -n 1p "$tmp/k8s.cmds" | cut -d' ' -f1)
render=$(sed -n 1p "$tmp/k8s.cmds" | cut -d' ' -f2- | sed "s#/data#$tmp/data#g")
merge=$(sed -n 2p "$tmp/k8s.cmds" | cut -d' ' -f2- | sed "s#/data#$tmp/data#g")
mkdir -p "$tmp/data/out"; cp -r "$tmp/specs" "$tmp/data/specs"
i=0
while [ $i -lt "$n" ]; do
  PATH="$hb:$PATH" JOB_COMPLETION_INDEX=$i sh -c "$render" > /dev/null 2>&1
  i=$((i + 1))
done
PATH="$hb:$PATH" sh -c "$merge" > "$tmp/kmerge.out" 2>&1
expect_rc $? 2 "k8s merge: exit 2"
expect_eq "$(cat "$tmp/kmerge.out")" "merged $n reports: 10 figures, 1 failed" "k8s merge: its summary"
expect_eq "$(ls "$tmp/data/out"/*.pdf | wc -l | tr -d ' ')" 9 "k8s: every good figure rendered once"
# A report that is not one is a located error, exit 1.
echo '{"figures": 3}' > "$tmp/nope.json"
"$huitu" batch --merge-reports "$tmp/nope.json" -o "$tmp/x" > /dev/null 2> "$tmp/err"
expect_rc $? 1 "merging a file that is not a report"
grep -q 'not a huitu batch report' "$tmp/err"; ok $? "it says so"
finish
