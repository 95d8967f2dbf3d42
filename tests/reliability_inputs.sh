#!/bin/sh
# Inputs that used to hang, race, blow up or pass silently (issue 12, items
# 3, 5, 7, 10, 12), made at run time in a scratch folder: FIFOs, a folder
# swapped for a symbolic link while rendering, a decompression bomb, lying
# and cut-short images, billion-laughs SVGs, stale temporary files.  Each
# case asserts the exit code, the exact located message, bounded time
# (timeout 10) and memory (ulimit -v), no output left, the previous output
# intact.
#   reliability_inputs.sh HUITU [RACE_RENDERS]
set -u
huitu=$1
race_n=${2:-200}
supp=$(cd "$(dirname "$0")" && pwd)/valgrind.supp
tmp=$(mktemp -d)
swapper=""
cleanup() { [ -n "$swapper" ] && kill "$swapper" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$tmp" || exit 1
fails=0; checks=0; skips=0
fail() { echo "FAIL: $1"; [ -f err ] && sed 's/^/    /' err | head -5; fails=$((fails + 1)); }
skip() { echo "SKIP: $1"; skips=$((skips + 1)); }
# Address space for each run: 1.5 GB (the 20000x20000 bomb took 1.58 GB
# of RSS before it was refused on its header).  A sanitizer build reserves
# terabytes of shadow memory and cannot start under any such limit.
vlimit=1500000
if ! sh -c '(ulimit -v "$1"; exec "$2" --version)' sh $vlimit "$huitu" > /dev/null 2>&1; then
  vlimit=unlimited; skip "memory bound: huitu cannot start under ulimit -v (a sanitizer build?)"
fi
# run NAME RC 'exact stderr' huitu args...: 10 s, $vlimit KB of address space
run() {
  name=$1; want=$2; msg=$3; shift 3
  checks=$((checks + 1))
  (ulimit -v $vlimit; exec timeout 10 "$huitu" "$@") 2> err > /dev/null
  rc=$?
  if [ "$rc" != "$want" ]; then fail "$name: exit $rc, expected $want"; return; fi
  if [ "$msg" != "$(cat err)" ]; then fail "$name: stderr is not '$msg'"; fi
}
keep() { printf 'previous output\n' > "$1"; }
intact() { checks=$((checks + 1)); [ "$(cat "$1" 2>/dev/null)" = "previous output" ] || fail "$2: previous output damaged"; }
absent() { checks=$((checks + 1)); [ ! -e "$1" ] || fail "$2: output file created"; }
no_temps() { checks=$((checks + 1)); [ -z "$(find . -name '.out*.tmp' 2>/dev/null)" ] || fail "$1: temporary file left"; }
image_spec() { printf 'title: 图片\nblocks:\n  - image: {src: "%s"}\n' "$1" > "$2"; }
# png NAME W H: a real grey PNG (python3's zlib), compressed as far as it goes
png() {
  python3 -c '
import sys, zlib, struct
w, h = int(sys.argv[2]), int(sys.argv[3])
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
z = zlib.compressobj(9); row = b"\0" * (w + 1); data = b"".join(z.compress(row) for _ in range(h)) + z.flush()
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", data) + chunk(b"IEND", b""))' "$@"
}
have_python=0; command -v python3 > /dev/null && have_python=1

# --- item 3: FIFOs never block ------------------------------------------
mkfifo f.png; image_spec f.png fifo.yaml
keep out.png
run "image FIFO: check" 2 "fifo.yaml:3:18: error: image 'f.png' is not a regular file (a FIFO)" check fifo.yaml
run "image FIFO: render" 2 "fifo.yaml:3:18: error: image 'f.png' is not a regular file (a FIFO)" render fifo.yaml -o out.png
intact out.png "image FIFO"
mkfifo f.svg; image_spec f.svg fifosvg.yaml
run "SVG image FIFO" 2 "fifosvg.yaml:3:18: error: image 'f.svg' is not a regular file (a FIFO)" render fifosvg.yaml -o out.png
intact out.png "SVG image FIFO"
mkfifo f.csv
printf 'data: {url: f.csv}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n' > fifocsv.yaml
run "data url FIFO" 2 "fifocsv.yaml:1:13: error: 'f.csv' is not a regular file (a FIFO)" render fifocsv.yaml -o out.png
mkfifo spec-fifo.yaml
run "spec FIFO: check" 1 "spec-fifo.yaml: error: not a regular file (a FIFO)" check spec-fifo.yaml
run "spec FIFO: render" 1 "spec-fifo.yaml: error: not a regular file (a FIFO)" render spec-fifo.yaml -o out.png
intact out.png "spec FIFO"
# An <image href> inside an SVG image that is a FIFO: librsvg gets the
# bytes without a base URL and loads nothing but data: URLs, so it renders.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#2f6fb3"/><image href="f.png" width="40" height="40"/><image href="../../etc/passwd" width="9" height="9"/></svg>' > href.svg
image_spec href.svg href.yaml
for fmt in png svg pdf; do
  run "SVG image whose <image href> is a FIFO ($fmt)" 0 "" render href.yaml -o "out-href.$fmt"
  checks=$((checks + 1)); [ -s "out-href.$fmt" ] || fail "SVG image whose <image href> is a FIFO ($fmt): no output"
done
rm -f href.* out-href.*

# --- item 7: decompression bombs and lying images -------------------------
if [ $have_python = 1 ]; then
  png bomb.png 20000 20000   # 389 KB claiming 400 million pixels
  image_spec bomb.png bomb.yaml
  keep out.png
  run "20000x20000 PNG bomb" 2 "bomb.yaml:3:18: error: image 'bomb.png' is 20000×20000 pixels (400000000), more than the limit of 67108864 (raise it with --max-image-pixels)" render bomb.yaml -o out.png
  intact out.png "PNG bomb"
  run "PNG bomb: check" 2 "bomb.yaml:3:18: error: image 'bomb.png' is 20000×20000 pixels (400000000), more than the limit of 67108864 (raise it with --max-image-pixels)" check bomb.yaml
  png small.png 30 20; image_spec small.png small.yaml
  run "--max-image-pixels lowers the limit" 2 "small.yaml:3:18: error: image 'small.png' is 30×20 pixels (600), more than the limit of 599 (raise it with --max-image-pixels)" render --max-image-pixels 599 small.yaml -o out.png
  intact out.png "--max-image-pixels 599"
  run "a small PNG renders" 0 "" render --max-image-pixels 600 small.yaml -o small.png.out.png
  run "--max-image-pixels must be a number" 2 "huitu render: --max-image-pixels must be a whole number of at least 1, found 'lots'" render --max-image-pixels lots small.yaml -o out.png
  # A data: URL PNG bomb inside an SVG image is sized from its header too.
  python3 -c 'import base64, sys; d = base64.b64encode(open("bomb.png", "rb").read()).decode()
open("inner.svg", "w").write("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"40\" height=\"40\"><image xlink:href=\"data&#58;image/png;base64," + d + "\" width=\"40\" height=\"40\"/></svg>")'
  image_spec inner.svg inner.yaml
  run "PNG bomb inside an SVG image (data: URL)" 2 "inner.yaml:3:18: error: image 'inner.svg' embeds a 20000×20000 image (400000000 pixels), more than the limit of 67108864 (raise it with --max-image-pixels)" render inner.yaml -o out.png
  intact out.png "PNG bomb inside an SVG"
  rm -f bomb.png inner.svg
else
  skip "PNG bombs: no python3 to make them"
fi
# A header claiming 2^31-1 pixels a side, raised limit: too wide to draw.
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\177\377\377\377\000\000\000\001\010\000\000\000\000' > wide.png
printf '\000\000\000\000' >> wide.png   # CRC unchecked before the size: the size is refused first
image_spec wide.png wide.yaml
run "2^31-1 pixels wide" 2 "wide.yaml:3:18: error: image 'wide.png' is 2147483647×1 pixels (2147483647), more than the limit of 67108864 (raise it with --max-image-pixels)" check wide.yaml
# A PNG cut at every length: never exit 0 with a blank image, never a crash.
if [ $have_python = 1 ]; then
  png whole.png 64 48
  size=$(wc -c < whole.png)
  n=8
  while [ "$n" -lt "$size" ]; do
    head -c "$n" whole.png > cut.png; image_spec cut.png cut.yaml
    checks=$((checks + 1))
    (ulimit -v $vlimit; exec timeout 10 "$huitu" render cut.yaml -o cut.out.png) 2> err > /dev/null; rc=$?
    if [ "$rc" != 2 ]; then fail "PNG cut at $n of $size bytes: exit $rc, expected 2"; break; fi
    grep -q "^cut.yaml:3:18: error: image 'cut.png' is not a valid PNG file: " err || { fail "PNG cut at $n bytes: message"; break; }
    n=$((n + 7))
  done
  absent cut.out.png "cut PNGs"
fi

# --- item 12: entities in SVG images ---------------------------------------
{ printf '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
  prev=a; for i in 1 2 3 4 5 6 7 8 9; do printf '<!ENTITY a%s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n' $i $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev; prev=a$i; done
  printf ']>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text y="20">&a9;</text></svg>\n'; } > lol.svg
image_spec lol.svg lol.yaml
run "billion-laughs SVG image" 2 "lol.yaml:3:18: error: image 'lol.svg' declares XML entities (<!ENTITY>), which huitu does not expand in images" render lol.yaml -o out.png
intact out.png "billion-laughs SVG image"
if [ "$vlimit" = unlimited ]; then
  skip "billion-laughs SVG under valgrind: a sanitizer build (LeakSanitizer checks it instead)"
elif command -v valgrind > /dev/null 2>&1; then
  checks=$((checks + 1))
  timeout 120 valgrind -q --suppressions="$supp" --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$huitu" check lol.yaml > /dev/null 2> vg
  rc=$?
  [ "$rc" = 2 ] || { fail "billion-laughs SVG under valgrind: exit $rc (99 = a leak)"; sed 's/^/    /' vg | head -20; }
else
  skip "billion-laughs SVG under valgrind: no valgrind"
fi
# ...also inside an SVG nested as a data: URL, and in UTF-16 where the
# byte scan could not see it.
b64=$(base64 -w0 lol.svg)
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><image href="data:image/svg+xml;base64,%s" width="40" height="40"/></svg>' "$b64" > nested.svg
image_spec nested.svg nested.yaml
run "billion laughs nested in a data: URL" 2 "nested.yaml:3:18: error: image 'nested.svg' declares XML entities (<!ENTITY>), which huitu does not expand in images" render nested.yaml -o out.png
if command -v iconv > /dev/null 2>&1; then
  { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE lol.svg; } > utf16.svg
  image_spec utf16.svg utf16.yaml
  run "UTF-16 SVG image" 2 "utf16.yaml:3:18: error: image 'utf16.svg' is not in UTF-8: only UTF-8 (or another ASCII-compatible encoding) SVG images are supported" render utf16.yaml -o out.png
fi
intact out.png "entities"
no_temps "bad images"

# --- item 10: stale temporary files ---------------------------------------
printf 'title: 输出\nblocks:\n  - text: 一段文字\n' > ok.yaml
sh -c 'exit 0' & dead=$!; wait $dead   # a pid that is gone
touch -d '-2 minutes' ".out.png.$dead-0.tmp" ".out.png.$dead-3-1fa2.tmp" ".other.png.$dead-0.tmp" \
  ".out.png.$$-0.tmp" ".out.png.$dead-0.tmp.keep" ".out.png.x-0.tmp"
touch ".out.png.$dead-7.tmp"   # fresh: maybe a writer in another pid namespace
run "write after a killed process" 0 "" render ok.yaml -o out.png
checks=$((checks + 1))
[ ! -e ".out.png.$dead-0.tmp" ] && [ ! -e ".out.png.$dead-3-1fa2.tmp" ] || fail "stale temps of out.png not removed"
for f in ".other.png.$dead-0.tmp" ".out.png.$$-0.tmp" ".out.png.$dead-0.tmp.keep" ".out.png.x-0.tmp" ".out.png.$dead-7.tmp"; do
  checks=$((checks + 1)); [ -e "$f" ] || fail "'$f' removed: not a stale temp of out.png"
done
rm -f .out.png.* .other.png.*
# The leftover of a render SIGKILLed before its rename (the name it would
# have used): gone after the next write to the same target.
touch -d '-2 minutes' ".out.png.$dead-0.tmp"
run "render after a SIGKILL leftover" 0 "" render ok.yaml -o out.png
checks=$((checks + 1))
[ ! -e ".out.png.$dead-0.tmp" ] || fail "leftover of a killed render kept"

# --- item 5: a folder swapped for a symbolic link while rendering ---------
if [ $have_python = 1 ]; then
  mkdir -p race/spec/d race/outside
  printf 'a,b\ninside,1\n' > race/spec/d/x.csv
  printf 'a,b\nSECRET_OUTSIDE,1\n' > race/outside/x.csv
  ln -s ../outside race/spec/l
  printf 'data: {url: d/x.csv}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n' > race/spec/s.yaml
  image_spec d/x.svg race/spec/i.yaml
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><desc>INSIDE_IMAGE</desc></svg>' > race/spec/d/x.svg
  printf '<!--SECRET_OUTSIDE--><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>' > race/outside/x.svg
  secret64=$(base64 -w0 race/outside/x.svg | head -c 28)   # the comment, as embedded
  # swaps race/spec/d (a folder) and race/spec/l (a link out) atomically, for ever
  python3 -c '
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
a, b = b"race/spec/d", b"race/spec/l"
while True: libc.renameat2(-100, a, -100, b, 2)' &
  swapper=$!
  leaks=0; okn=0; i=0
  while [ $i -lt "$race_n" ]; do
    i=$((i + 1))
    rm -f race/out.svg race/img.svg
    timeout 10 "$huitu" render --svg-text text race/spec/s.yaml -o race/out.svg 2> /dev/null && okn=$((okn + 1))
    timeout 10 "$huitu" render race/spec/i.yaml -o race/img.svg 2> /dev/null && okn=$((okn + 1))
    if grep -q SECRET_OUTSIDE race/out.svg 2> /dev/null || grep -qF "$secret64" race/img.svg 2> /dev/null; then
      leaks=$((leaks + 1))
    fi
  done
  kill "$swapper"; wait "$swapper" 2> /dev/null; swapper=""
  checks=$((checks + 1))
  [ "$leaks" = 0 ] || fail "folder/link swap: the outside file reached the output in $leaks of $race_n rounds"
  checks=$((checks + 1))
  [ "$okn" -gt 0 ] || fail "folder/link swap: no render succeeded (the inside file should still be readable)"
  echo "race: $race_n rounds x 2 renders, $okn succeeded, $leaks leaks"
else
  skip "folder/link swap: no python3 for renameat2"
fi

echo "reliability (inputs): $((checks - fails)) passed, $fails failed, $skips skipped"
[ "$fails" -eq 0 ]
