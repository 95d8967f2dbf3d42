#!/bin/sh
# The command line as users meet it: formats, stdin/stdout, folders, exit
# codes, atomic output, --scale and --dpi.
set -u
huitu=$1; tests=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0
ok() { checks=$((checks + 1)); if [ "$1" != 0 ]; then echo "FAIL: $2"; fails=$((fails + 1)); fi; }
expect_rc() { checks=$((checks + 1)); if [ "$1" != "$2" ]; then echo "FAIL: $3 (exit $1, expected $2)"; fails=$((fails + 1)); fi; }
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }

cat > "$tmp/a.yaml" <<'Y'
page: {width: 400, margin: 20}
title: 低保标准
blocks:
  - text: 全市低保标准由2012年每人每月500元提高至995元。
Y
cat > "$tmp/b.yaml" <<'Y'
page: {size: A4}
title: 养老床位
Y
printf 'page: {width: wide}\n' > "$tmp/bad.yaml"

"$huitu" --version | grep -q '^huitu [0-9]'; ok $? "--version"
"$huitu" render --help | grep -q -- '--scale'; ok $? "render --help lists --scale"
"$huitu" check --help | grep -q 'usage: huitu check'; ok $? "check --help"

"$huitu" render "$tmp/a.yaml" -o "$tmp/a.png"; expect_rc $? 0 "render png"
[ "$(head -c 8 "$tmp/a.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]; ok $? "PNG signature"
"$huitu" render "$tmp/a.yaml" -o "$tmp/a.svg" && grep -q '<svg' "$tmp/a.svg"; ok $? "render svg"
"$huitu" render "$tmp/a.yaml" -o "$tmp/a.pdf" && head -c 5 "$tmp/a.pdf" | grep -q '%PDF-'; ok $? "render pdf"
"$huitu" render "$tmp/a.yaml" -o "$tmp/noext" 2>/dev/null; expect_rc $? 2 "output without extension or -f"
"$huitu" render "$tmp/a.yaml" -f svg -o "$tmp/noext" && grep -q '<svg' "$tmp/noext"; ok $? "-f svg"

# stdin and stdout
"$huitu" render - -f svg -o - < "$tmp/a.yaml" > "$tmp/stdout.svg"; expect_rc $? 0 "stdin to stdout"
cmp -s "$tmp/stdout.svg" "$tmp/a.svg"; ok $? "stdout bytes equal file bytes"

# --scale and --dpi
w1=$(png_size "$tmp/a.png")
"$huitu" render "$tmp/a.yaml" --scale 2 -o "$tmp/a2.png"
w2=$(png_size "$tmp/a2.png")
[ "${w1%x*}" -eq 400 ] && [ "${w2%x*}" -eq 800 ]; ok $? "--scale 2 doubles the width ($w1 -> $w2)"
"$huitu" render "$tmp/b.yaml" --dpi 300 -o "$tmp/b.png"
[ "$(png_size "$tmp/b.png")" = "2481x3508" ]; ok $? "A4 at 300 dpi is 2481x3508 ($(png_size "$tmp/b.png"))"

# several specs into a folder
mkdir "$tmp/out"
"$huitu" render "$tmp/a.yaml" "$tmp/b.yaml" -o "$tmp/out" -f pdf; expect_rc $? 0 "two specs into a folder"
[ -f "$tmp/out/a.pdf" ] && [ -f "$tmp/out/b.pdf" ]; ok $? "folder outputs named after the specs"

# errors: exit codes, nothing written, previous output kept
"$huitu" render "$tmp/bad.yaml" -o "$tmp/bad.png" 2>/dev/null; expect_rc $? 2 "bad spec exits 2"
[ ! -e "$tmp/bad.png" ]; ok $? "bad spec leaves no file"
cp "$tmp/a.png" "$tmp/keep.png"
"$huitu" render "$tmp/bad.yaml" -o "$tmp/keep.png" 2>/dev/null
cmp -s "$tmp/a.png" "$tmp/keep.png"; ok $? "failed render keeps the previous output"
"$huitu" render "$tmp/a.yaml" -o "$tmp/missing-dir/a.png" 2>"$tmp/err"; expect_rc $? 1 "output folder missing exits 1"
grep -q "does not exist" "$tmp/err"; ok $? "missing folder is named"
"$huitu" render "$tmp/nope.yaml" -o "$tmp/n.png" 2>"$tmp/err"; expect_rc $? 1 "missing spec exits 1"
"$huitu" render "$tmp" -o "$tmp/n.png" 2>"$tmp/err"; expect_rc $? 1 "a directory as spec exits 1"
[ -z "$(ls -A "$tmp" | grep '^\.')" ]; ok $? "no temporary files left"
"$huitu" check "$tmp/a.yaml"; expect_rc $? 0 "check ok"
"$huitu" check "$tmp/a.yaml" "$tmp/bad.yaml" 2>/dev/null; expect_rc $? 2 "check bad"
# --json: exactly the located problems, as JSON (a quote in the file name escaped)
printf 'page: {width: wide}\n' > "$tmp/q\"t.yaml"
"$huitu" check --json "$tmp/a.yaml" > "$tmp/ok.json"; expect_rc $? 0 "check --json ok"
[ "$(cat "$tmp/ok.json")" = '[]' ]; ok $? "check --json: no problems is []"
"$huitu" check --json "$tmp/a.yaml" "$tmp/q\"t.yaml" > "$tmp/bad.json"; expect_rc $? 2 "check --json bad"
want="[{'file': '$tmp/q\"t.yaml', 'line': 1, 'column': 15, 'severity': 'error', 'message': \"expected a length (a number of px, or with a unit: 210mm, 12pt), found the string 'wide'\"}]"
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])))' "$tmp/bad.json")" = "$want" ]; ok $? "check --json: the located error, parsed by python"
"$huitu" check --fonts "$tmp/a.yaml" > "$tmp/fonts.txt"; expect_rc $? 0 "check --fonts"
grep -q '^  U+4F4E 低 zh-CN Huitu Sans SC$' "$tmp/fonts.txt"; ok $? "check --fonts lists 低 with the bundled font"
printf 'title: "象形 \360\223\200\200"\n' > "$tmp/tofu.yaml"
"$huitu" check --fonts "$tmp/tofu.yaml" > "$tmp/fonts.txt" 2>/dev/null; expect_rc $? 2 "check --fonts with a missing glyph exits 2"
grep -q 'U+13000 .* MISSING' "$tmp/fonts.txt"; ok $? "check --fonts flags the missing glyph"
"$huitu" render --frobnicate 2>/dev/null; expect_rc $? 2 "unknown option"
"$huitu" frobnicate 2>/dev/null; expect_rc $? 2 "unknown command"

echo "cli: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
