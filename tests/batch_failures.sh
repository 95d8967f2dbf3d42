#!/bin/sh
# A bad spec among good ones: the good ones are written, the summary names
# the bad one with file:line:col, exit 2; the report is valid JSON.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 4
printf 'page: {width: wide}\n' > "$tmp/in/bad.yaml"
# A name JSON must escape, and a message with quotes in it.
printf 'title: "unterminated\n' > "$tmp/in/we\"ird\\name.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,pdf -j 2 --report "$tmp/r.json" > "$tmp/stdout" 2> "$tmp/stderr"
expect_rc $? 2 "a spec error makes exit 2"
for i in 01 02 03 04; do
  [ -s "$tmp/out/fig$i.png" ] && [ -s "$tmp/out/fig$i.pdf" ]; ok $? "good figure fig$i written"
done
[ ! -e "$tmp/out/bad.png" ]; ok $? "nothing written for the bad spec"
grep -q "figures failed" "$tmp/stderr"; ok $? "a failure summary"
sed -n '/figures failed/,$p' "$tmp/stderr" | grep -q "$tmp/in/bad.yaml:1:15: error: "; ok $? "the summary locates the error (file:line:col)"
grep -q '4 rendered, 0 unchanged, 2 failed' "$tmp/stderr"; ok $? "the counts"
python3 -m json.tool "$tmp/r.json" > /dev/null; ok $? "the report is valid JSON"
python3 - "$tmp/r.json" "$tmp" <<'P'; ok $? "the report's records"
import json, sys
r = json.load(open(sys.argv[1])); t = sys.argv[2]
f = {x["input"]: x for x in r["figures"]}
assert len(f) == 6, f.keys()
bad = f[t + "/in/bad.yaml"]
assert bad["status"] == "spec-error" and bad["outputs"] == [] and bad["errors"][0].startswith(t + "/in/bad.yaml:1:15: error:"), bad
weird = f[t + '/in/we"ird\\name.yaml']
assert weird["status"] == "spec-error", weird
good = f[t + "/in/fig01.yaml"]
assert good["status"] == "ok" and good["outputs"] == [t + "/out/fig01.png", t + "/out/fig01.pdf"] and good["errors"] == [], good
assert all(isinstance(x["ms"], (int, float)) and x["ms"] >= 0 for x in r["figures"])
P
# An I/O failure only (an unreadable output folder for one figure): exit 1.
rm -rf "$tmp/in2"; make_specs "$tmp/in2" 2
mkdir -p "$tmp/out2"; mkdir "$tmp/out2/fig01.png"
"$huitu" batch "$tmp/in2" -o "$tmp/out2" -q 2> "$tmp/stderr2"
expect_rc $? 1 "an I/O error (no spec error) makes exit 1"
[ -s "$tmp/out2/fig02.png" ]; ok $? "the other figure is still written"
# Output name clashes: a/x.yaml and b/x.yaml given as files — the first
# keeps the name, each later one fails naming the first; others render.
make_specs "$tmp/a" 2; make_specs "$tmp/b" 1; make_specs "$tmp/c" 1
"$huitu" batch "$tmp/a/fig01.yaml" "$tmp/b/fig01.yaml" "$tmp/a/fig02.yaml" "$tmp/c/fig01.yaml" -o "$tmp/o4" -f svg -j 2 2> "$tmp/clash"
expect_rc $? 1 "a name clash fails the batch"
grep -q "$tmp/b/fig01.yaml: error: its outputs would overwrite those of '$tmp/a/fig01.yaml' (both are named 'fig01'): rename one" "$tmp/clash"; ok $? "the second of a name names the first"
grep -q "$tmp/c/fig01.yaml: error: its outputs would overwrite those of '$tmp/a/fig01.yaml'" "$tmp/clash"; ok $? "the third of a name names the first too"
[ -s "$tmp/o4/fig01.svg" ] && [ -s "$tmp/o4/fig02.svg" ]; ok $? "the first of the name and the others are written"
grep -q "2 rendered, 0 unchanged, 2 failed" "$tmp/clash"; ok $? "clash counts"
# No spec at all / missing input.
"$huitu" batch "$tmp/nothing" -o "$tmp/o3" 2>/dev/null; expect_rc $? 1 "missing input"
mkdir "$tmp/empty"; "$huitu" batch "$tmp/empty" -o "$tmp/o3" 2>/dev/null; expect_rc $? 2 "no spec found"
finish
