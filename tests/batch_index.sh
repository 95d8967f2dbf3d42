#!/bin/sh
# OUTDIR/index.html: every figure, its SVG inline (ids made unique per
# figure), links to the PNG and PDF; opens from disk.  With only PNG, <img>.
. "$(dirname "$0")/batch_lib.sh"
make_specs "$tmp/in" 4
mkdir -p "$tmp/in/sub dir"; cp "$tmp/in/fig01.yaml" "$tmp/in/sub dir/nested #1.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -q 2>/dev/null
expect_rc $? 0 "batch"
[ -s "$tmp/out/index.html" ]; ok $? "index.html written"
[ -s "$tmp/out/sub dir/nested #1.png" ]; ok $? "sub-folders kept in the output names"
expect_eq "$(grep -c '<figure ' "$tmp/out/index.html")" 5 "one <figure> per spec"
expect_eq "$(grep -c '<svg' "$tmp/out/index.html")" 5 "every SVG inline"
for n in fig01 fig02 fig03 fig04; do
  grep -q "href=\"$n.png\"" "$tmp/out/index.html" && grep -q "href=\"$n.pdf\"" "$tmp/out/index.html"; ok $? "links to $n.png and $n.pdf"
done
grep -q 'href="sub%20dir/nested%20%231.png"' "$tmp/out/index.html"; ok $? "names escaped in URLs"
python3 - "$tmp/out/index.html" <<'P'; ok $? "ids unique across the inline SVGs, every reference resolves"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
ids = re.findall(r' id="([^"]+)"', h)
assert len(ids) == len(set(ids)), "duplicate ids"
refs = set(re.findall(r'href="#([^"]+)"', h)) | set(re.findall(r'url\(#([^)]+)\)', h))
assert refs <= set(ids), refs - set(ids)
P
python3 - "$tmp/out/index.html" <<'P'; ok $? "index.html parses: elements balanced"
import sys
from html.parser import HTMLParser
void = {"meta", "img", "br", "link", "input", "hr"}
class P(HTMLParser):
    def __init__(s): super().__init__(); s.stack = []; s.bad = 0
    def handle_starttag(s, t, a): t in void or s.stack.append(t)
    def handle_startendtag(s, t, a): pass
    def handle_endtag(s, t):
        if t in void: return
        if not s.stack or s.stack[-1] != t: s.bad += 1
        else: s.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.bad == 0 and p.stack == [], (p.bad, p.stack[-5:])
P
"$huitu" batch "$tmp/in" -o "$tmp/pngonly" -f png -q 2>/dev/null
grep -q '<img loading="lazy" alt="fig01" src="fig01.png">' "$tmp/pngonly/index.html"; ok $? "PNG only: <img>"
# Optional: a real browser shows every figure (only when chromium is installed).
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
  "$chrome" --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --dump-dom "file://$tmp/out/index.html" > "$tmp/dom.html" 2>/dev/null
  expect_eq "$(grep -c '<svg' "$tmp/dom.html")" 5 "chromium: every figure shows"
  "$chrome" --headless --no-sandbox --disable-gpu --screenshot="$tmp/shot.png" --window-size=1400,1800 "file://$tmp/pngonly/index.html" >/dev/null 2>&1
  [ -s "$tmp/shot.png" ]; ok $? "chromium: screenshot of the PNG gallery"
else
  echo "chromium not installed: browser check skipped"
fi
# An unchanged batch does not rebuild the page; a changed figure does.
"$huitu" batch "$tmp/in" -o "$tmp/same" -f svg -q 2>/dev/null
before=$(stat -c %Y.%y "$tmp/same/index.html"); sleep 1.1
"$huitu" batch "$tmp/in" -o "$tmp/same" -f svg -q 2>/dev/null
expect_eq "$(stat -c %Y.%y "$tmp/same/index.html")" "$before" "an unchanged batch leaves index.html as it is"
rm "$tmp/same/fig01.svg"
"$huitu" batch "$tmp/in" -o "$tmp/same" -f svg -q 2>/dev/null
expect_eq "$(stat -c %Y.%y "$tmp/same/index.html")" "$before" "a lost file made again, the same bytes: index.html as it is"
cp "$tmp/in/fig01.yaml" "$tmp/fig01.bak"; sed -i 's/^title: .*/title: 新标题/' "$tmp/in/fig01.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/same" -f svg -q 2>/dev/null
[ "$(stat -c %Y.%y "$tmp/same/index.html")" != "$before" ]; ok $? "a changed figure: index.html rebuilt"
cp "$tmp/fig01.bak" "$tmp/in/fig01.yaml"
# A figure that fails after an earlier good run: shown as failed with its
# message, not with the old picture, and with no links; the others as before.
cp "$tmp/out/fig02.svg" "$tmp/old02.svg"
printf 'title: [\n' > "$tmp/in/fig02.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f png,svg,pdf -q 2>/dev/null
expect_rc $? 2 "a broken spec fails the batch"
python3 - "$tmp/out/index.html" <<'P'; ok $? "the failed figure: class failed, its message, no picture, no link"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
figs = re.findall(r'<figure[^>]*data-name="([^"]*)">(.*?)</figure>', h, re.S)
d = dict(figs)
f = d["fig02"]
assert 'class="failed"' in re.search(r'<figure[^>]*data-name="fig02"', h).group(0)
assert "fig02.yaml:2:1: error:" in f, f[:300]
assert "<svg" not in f and "<img" not in f and "href=" not in f, f[:300]
assert "1 failed in this run" in h
assert all("<svg" in v for k, v in figs if k != "fig02" and not k.startswith("sub")), "others still inline"
P
cmp -s "$tmp/out/fig02.svg" "$tmp/old02.svg"; ok $? "the old output of the failed figure is kept on disk"
finish
