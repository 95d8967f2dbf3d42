#!/bin/sh
# Real SVG consumers: every gallery spec's SVG, rendered by headless
# Chromium or by LibreOffice's SVG import (soffice --convert-to png), must
# look like huitu's own PNG of the same spec (eco_pngdiff's tolerance).
#   eco_consumers.sh HUITU PNGDIFF SPECDIR chromium|libreoffice LIMIT_PERCENT KEEPDIR [MODE [KNOWN]]
# MODE: paths (default) checks outlined text; text checks --svg-text text
# with Huitu Sans SC installed for the consumer by `huitu fonts install`
# (into a private XDG_DATA_HOME); text-nofont checks it on a machine
# without Huitu Sans SC, where the consumer picks from the font-family list
# itself (Chromium) or falls back on its own (LibreOffice reads only the
# first name of the list).  KNOWN: names of specs (comma-separated) whose
# difference is known and explained where the test is declared: reported
# with their numbers, not counted as failures.
# A missing consumer FAILS (install it with scripts/install-test-deps.sh,
# which `make test` runs); HUITU_SKIP_CONSUMERS=1 is the explicit opt-out.
# Images of failures are kept in KEEPDIR for a look.
set -u
huitu=$1; pngdiff=$2; specs=$3; consumer=$4; limit=$5; keep=$6; mode=${7:-paths}; known=",${8:-},"
case $mode in
  paths) svgtext=paths ;;
  text|text-nofont) svgtext=text ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
if [ "${HUITU_SKIP_CONSUMERS:-0}" = 1 ]; then echo "SKIP: HUITU_SKIP_CONSUMERS=1"; exit 77; fi  # ctest: skipped, not passed
case $consumer in
  chromium) bin=chromium ;;
  libreoffice) bin=soffice ;;
  *) echo "unknown consumer $consumer"; exit 2 ;;
esac
if ! command -v $bin >/dev/null 2>&1; then
  echo "FAIL: '$bin' is not installed: run scripts/install-test-deps.sh (make test does), or set HUITU_SKIP_CONSUMERS=1 to skip knowingly"
  exit 1
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/svg" "$tmp/out" "$tmp/profile" "$tmp/home"
# The consumer's own home and font folders: only what this run installs.
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/share" XDG_CONFIG_HOME="$tmp/home/config" XDG_CACHE_HOME="$tmp/home/cache"
if [ "$mode" = text ]; then
  "$huitu" fonts install > "$tmp/log" 2>&1 || { echo "FAIL: huitu fonts install:"; cat "$tmp/log"; exit 1; }
  fc-list 2>/dev/null | grep -q "Huitu Sans SC" || { echo "FAIL: fontconfig does not list Huitu Sans SC after huitu fonts install"; exit 1; }
elif fc-list 2>/dev/null | grep -q "Huitu Sans SC"; then
  [ "$mode" = text-nofont ] && { echo "FAIL: Huitu Sans SC is installed on this machine: cannot check without it"; exit 1; }
fi
rm -rf "$keep"; mkdir -p "$keep"
n=0
for spec in "$specs"/*.yaml "$specs"/*.vl.json; do
  [ -e "$spec" ] || continue
  name=$(basename "$spec"); name=${name%.yaml}; name=${name%.vl.json}
  "$huitu" render -q "$spec" -o "$tmp/svg/$name.png" && "$huitu" render -q "$spec" --svg-text $svgtext -o "$tmp/svg/$name.svg" || {
    echo "FAIL $name: huitu could not render it"; echo "$name" >> "$tmp/failed"; continue; }
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "FAIL: no specs in $specs"; exit 1; }

# PNG width and height from the IHDR chunk.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{printf "%d,%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'; }

start=$(date +%s)
if [ "$consumer" = chromium ]; then
  for svg in "$tmp"/svg/*.svg; do
    name=$(basename "$svg" .svg)
    size=$(png_size "$tmp/svg/$name.png")
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --hide-scrollbars --force-device-scale-factor=1 \
      --user-data-dir="$tmp/profile" --screenshot="$tmp/out/$name.png" --window-size="$size" "file://$svg" \
      > "$tmp/log" 2>&1 || { echo "FAIL $name: chromium failed:"; tail -5 "$tmp/log"; }
  done
else
  # One soffice run converts them all (its start-up is the slow part).
  timeout 600 soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to png \
    --outdir "$tmp/out" "$tmp"/svg/*.svg > "$tmp/log" 2>&1 || { echo "FAIL: soffice failed:"; tail -20 "$tmp/log"; }
fi
echo "$consumer rendered $n SVGs ($mode) in $(( $(date +%s) - start ))s"

for png in "$tmp"/svg/*.png; do
  name=$(basename "$png" .png)
  got="$tmp/out/$name.png"
  if [ ! -s "$got" ]; then echo "FAIL $name: $consumer wrote no image"; echo "$name" >> "$tmp/failed"; continue; fi
  # LibreOffice exports at most 2048 px a side, so a tall page (a phone
  # poster) is compared after a 3-5x downscale, where every glyph edge's
  # antialiasing differs between the two rasterisers, and an output pixel
  # holds k x k source pixels, so more edges the larger k: past a 2x
  # downscale the limit grows with the square of the factor (the old
  # 1200-wide poster at 2.3x differed by 0.001%, the 1080x7400 phone poster
  # at 3.6x by 0.023%, the 1080x9600 sectioned one at 4.7x by 0.062%, all
  # on note-size glyph edges).  At such a downscale one changed digit is
  # below any of these limits anyway: eco.pngdiff_sensitive checks that at
  # 1:1, and Chromium compares the tall pages at 1:1.
  lim=$(printf '%s %s %s\n' "$(png_size "$png")" "$(png_size "$got")" "$limit" | tr ',' ' ' |
        awk '{k = $3 > 0 ? $1 / $3 : 1; f = k > 2 ? (k / 2) * (k / 2) : 1; printf "%.4f", $5 * f}')
  if out=$("$pngdiff" "$png" "$got" "$lim" "$tmp/out/$name.diff.png"); then
    echo "ok   $name: $out"
  elif [ "${known#*,$name,}" != "$known" ]; then
    echo "known $name: $out (explained where the test is declared)"; echo "$name" >> "$tmp/known"
  else
    echo "FAIL $name: $out (kept in $keep/)"
    cp "$png" "$keep/$name.huitu.png"; cp "$got" "$keep/$name.$consumer.png"
    cp "$tmp/svg/$name.svg" "$keep/"; cp "$tmp/out/$name.diff.png" "$keep/$name.diff.png" 2>/dev/null
    echo "$name" >> "$tmp/failed"
  fi
done
[ -e "$tmp/failed" ] && { echo "$(wc -l < "$tmp/failed") of $n SVGs ($mode) differ in $consumer"; exit 1; }
if [ -e "$tmp/known" ]; then
  echo "$(( n - $(wc -l < "$tmp/known") )) of $n SVGs ($mode) look the same in $consumer; known differences: $(tr '\n' ' ' < "$tmp/known")"
else
  echo "all $n SVGs ($mode) look the same in $consumer"
fi
