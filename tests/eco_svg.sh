#!/bin/sh
# SVG that survives slides: every gallery spec's SVG, with outlined text
# (default) and with --svg-text=text, is well-formed XML (xmllint) and
# follows the rules PowerPoint, Keynote, Google Slides and LibreOffice need:
# presentation attributes only (no style attribute or element, no `font`
# shorthand), colours as #rrggbb with a separate *-opacity (no rgb()/rgba()),
# no foreignObject, a <title> and a non-empty <desc>; in text mode every
# <tspan> carries its characters' x and every <text> its xml:lang.
#   eco_svg.sh HUITU SPECDIR
set -u
huitu=$1; specs=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0; n=0
fail() { echo "FAIL $1"; status=1; }
for spec in "$specs"/*.yaml "$specs"/*.vl.json; do
  [ -e "$spec" ] || continue
  name=$(basename "$spec"); name=${name%.yaml}; name=${name%.vl.json}
  for mode in paths text; do
    svg="$tmp/$name.$mode.svg"
    if ! "$huitu" render -q "$spec" --svg-text "$mode" -o "$svg" 2> "$tmp/err"; then fail "$name ($mode): render failed"; cat "$tmp/err"; continue; fi
    n=$((n + 1))
    xmllint --noout "$svg" 2> "$tmp/xml" || { fail "$name ($mode): not well-formed XML"; head -5 "$tmp/xml"; }
    # Attributes and elements a slide program may not read.
    grep -n -E ' style="|<style|<foreignObject|rgba?\(|hsla?\(| font="|currentColor|<script' "$svg" | head -3 > "$tmp/bad"
    [ -s "$tmp/bad" ] && { fail "$name ($mode): forbidden SVG features:"; cat "$tmp/bad"; }
    # Every paint is #rrggbb, none, or a url(#id) reference.
    grep -o -E ' (fill|stroke|stop-color)="[^"]*"' "$svg" | grep -v -E '="(#[0-9a-f]{6}|none|url\(#[A-Za-z0-9_-]+\))"$' | sort -u | head -3 > "$tmp/bad"
    [ -s "$tmp/bad" ] && { fail "$name ($mode): colours not as #rrggbb:"; cat "$tmp/bad"; }
    # Opacities are plain numbers in [0, 1].
    grep -o -E ' [a-z-]*opacity="[^"]*"' "$svg" | grep -v -E '="(0(\.[0-9]+)?|1)"$' | sort -u | head -3 > "$tmp/bad"
    [ -s "$tmp/bad" ] && { fail "$name ($mode): opacity values:"; cat "$tmp/bad"; }
    # <title> and <desc>, the desc not empty (the spec's description or an automatic summary).
    grep -q '<title>[^<]' "$svg" || fail "$name ($mode): no <title>"
    grep -q '<desc>[^<]' "$svg" || fail "$name ($mode): no <desc> or an empty one"
    if [ $mode = text ]; then
      grep -q '<text' "$svg" || fail "$name (text): --svg-text=text wrote no <text>"
      # A CJK font fallback list on every text, ending in a generic family.
      grep -o 'font-family="[^"]*"' "$svg" | grep -v -E "sans-serif\"|serif\"|monospace\"" | head -1 > "$tmp/bad"
      [ -s "$tmp/bad" ] && { fail "$name (text): font-family without a generic fallback:"; cat "$tmp/bad"; }
      # Every character placed: each <tspan> has its x list, each <text> its language.
      grep -o '<tspan[^>]*>' "$svg" | grep -v '<tspan x="[0-9. -]*"' | head -1 > "$tmp/bad"
      [ -s "$tmp/bad" ] && { fail "$name (text): a <tspan> without x positions:"; cat "$tmp/bad"; }
      grep -o '<text [^>]*>' "$svg" | grep -v 'xml:lang="' | head -1 > "$tmp/bad"
      [ -s "$tmp/bad" ] && { fail "$name (text): a <text> without xml:lang:"; cat "$tmp/bad"; }
    else
      grep -q '<text' "$svg" && fail "$name (paths): <text> in outlined mode"
    fi
  done
done
echo "$n SVGs checked"
[ "$n" -gt 0 ] || status=1
exit $status
