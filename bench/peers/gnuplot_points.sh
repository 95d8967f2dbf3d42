#!/bin/sh
# gnuplot peer of the scale test: gen_points.py's CSV (x,y with a header) as
# a 1200x800 line or scatter chart (cairo terminals), for its time and peak RSS.
#   gnuplot_points.sh FORMAT MARK CSV OUT     MARK: a key of gen_points.py's MARKS
fmt=$1; mark=$2; csv=$3; out=$4
case $fmt in
  png) term="pngcairo size 1200,800";;
  svg) term="svg size 1200,800";;
  pdf) term="pdfcairo size 12.5in,8.33in";;
esac
# The closest gnuplot marker of each: open circle (point), filled circle,
# filled square, filled triangle, cross; sizes about huitu's.
case $mark in
  line) style="lines lw 2";;
  point) style="points pt 6 ps 0.2";;
  circle) style="points pt 7 ps 0.3";;
  square) style="points pt 5 ps 0.3";;
  triangle) style="points pt 9 ps 0.3";;
  cross) style="points pt 1 ps 0.4";;
  *) echo "gnuplot_points.sh: unknown mark $mark" >&2; exit 2;;
esac
exec gnuplot -e "set terminal $term; set output '$out'; set datafile separator ','; \
plot '$csv' using 1:2 every ::1 with $style lc rgb '#4c78a8' notitle"
