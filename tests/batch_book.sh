#!/bin/sh
# --book: one multi-page PDF of every good figure, fonts embedded once;
# --page A4 fixes the page size; the book is kept when nothing changed.
. "$(dirname "$0")/batch_lib.sh"
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) not installed: skipped"; exit 77; }
make_specs "$tmp/in" 5
printf 'page: {width: wide}\n' > "$tmp/in/bad.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f svg -q --book "$tmp/book.pdf" 2> "$tmp/stderr"
expect_rc $? 2 "bad spec still makes exit 2"
expect_eq "$(pdfinfo "$tmp/book.pdf" | awk '/^Pages:/ {print $2}')" 5 "book has one page per good figure"
expect_eq "$(pdfinfo "$tmp/book.pdf" | awk '/^Page size:/ {print $3 "x" $5}')" "300x180" "pages sized from the figure (400x240 px = 300x180 pt)"
if command -v pdffonts >/dev/null; then
  n=$(pdffonts "$tmp/book.pdf" | tail -n +3 | wc -l | tr -d ' ')
  [ "$n" -ge 1 ] && [ "$n" -le 4 ]; ok $? "fonts embedded once for the whole book ($n font objects)"
  pdffonts "$tmp/book.pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") exit 1 }'; ok $? "fonts embedded"
fi
rm "$tmp/in/bad.yaml"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f svg -q --book "$tmp/a4.pdf" --page A4 2>/dev/null
expect_rc $? 0 "A4 book"
expect_eq "$(pdfinfo "$tmp/a4.pdf" | awk '/^Page size:/ {print $3 "x" $5}')" "595.276x841.89" "--page A4 is 210x297 mm"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f svg -q --book "$tmp/a4.pdf" --page A4-landscape 2>/dev/null
expect_eq "$(pdfinfo "$tmp/a4.pdf" | awk '/^Page size:/ {print $3 "x" $5}')" "841.89x595.276" "--page A4-landscape"
cp "$tmp/a4.pdf" "$tmp/a4.before"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f svg --book "$tmp/a4.pdf" --page A4-landscape 2> "$tmp/stderr"
grep -q 'unchanged' "$tmp/stderr"; ok $? "book kept when nothing changed"
"$huitu" batch "$tmp/in" -o "$tmp/out" -f svg -q --force --book "$tmp/again.pdf" --page A4-landscape 2>/dev/null
cmp -s "$tmp/a4.before" "$tmp/again.pdf"; ok $? "the book is deterministic"
"$huitu" batch "$tmp/in" -o "$tmp/out" --page B9 2>/dev/null; expect_rc $? 2 "unknown page size refused"
# --dpi for print PNGs.
"$huitu" batch "$tmp/in" -o "$tmp/print" -f png --dpi 300 -q 2>/dev/null
w=$(od -An -tu1 -j16 -N4 "$tmp/print/fig01.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
expect_eq "$w" 1250 "--dpi 300 makes 400 px 1250 pixels wide"
finish
