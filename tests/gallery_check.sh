#!/bin/sh
# Every spec in specs/ renders to PNG, SVG and PDF without errors, twice,
# with byte-identical results; PDFs embed their fonts and never use a
# Japanese face for Chinese text.
set -u
huitu=$1; specs=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0; n=0
for spec in "$specs"/*.yaml "$specs"/*.vl.json; do
  [ -e "$spec" ] || continue
  name=$(basename "$spec"); name=${name%.yaml}; name=${name%.vl.json}
  for fmt in png svg pdf; do
    if ! "$huitu" render "$spec" -o "$tmp/a.$fmt" 2> "$tmp/err"; then
      echo "FAIL $name.$fmt:"; cat "$tmp/err"; status=1; continue
    fi
    "$huitu" render "$spec" -o "$tmp/b.$fmt" 2>/dev/null
    if ! cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt"; then echo "FAIL $name.$fmt: not deterministic"; status=1; fi
    n=$((n + 1))
  done
  if command -v pdffonts >/dev/null; then
    fonts=$(pdffonts "$tmp/a.pdf" | tail -n +3)
    # Columns from the right: emb sub uni object-id generation.
    if echo "$fonts" | awk '{print $(NF-4)}' | grep -qv yes; then echo "FAIL $name.pdf: a font is not embedded"; status=1; fi
    lang=$(grep -o 'lang: *[A-Za-z-]*' "$spec" | head -1 | sed 's/lang: *//')
    case "${lang:-zh-CN}" in
      # The subset tag before '+' is random letters: look at the names only.
      zh-CN|zh-SG) if echo "$fonts" | awk '{print $1}' | sed 's/^[A-Z]*+//' | grep -q 'JP'; then echo "FAIL $name.pdf: Japanese font used for zh-CN"; status=1; fi ;;
    esac
  fi
done
echo "$n renders checked"
[ "$n" -gt 0 ] || status=1
exit $status
