#!/bin/sh
# gnuplot peer: the benchmark's grouped bar chart at 1200x800 (cairo terminals).
#   gnuplot_bar.sh FORMAT N OUTDIR   N figures in one gnuplot process
#   gnuplot_bar.sh FORMAT 0 OUT      one figure (cold start)
fmt=$1; n=$2; out=$3
font="Huitu Sans SC,12"
case $fmt in
  png) term="pngcairo size 1200,800 font '$font'";;
  svg) term="svg size 1200,800 font '$font'";;
  pdf) term="pdfcairo size 12.5in,8.33in font '$font'";;
esac
data=$(mktemp); trap 'rm -f "$data"' EXIT
printf '集中养育 1400 2510\n分散供养 850 2070\n低保标准 500 995\n' > "$data"
body="set style data histograms; set style histogram clustered gap 1; set style fill solid 1.0 noborder; \
set key top right title '年份'; set grid ytics lc rgb '#e5e5e5'; set ylabel '标准(元/月)'; set yrange [0:*]; \
set title '苏州市社会救助标准(元/月)'"
if [ "$n" = 0 ]; then
  gnuplot -e "set terminal $term; set output '$out'; $body; plot '$data' using 2:xtic(1) title '2012年' lc rgb '#4c78a8', '' using 3 title '2019年' lc rgb '#f58518'"
else
  gnuplot -e "set terminal $term; $body; do for [i=1:$n] { set output sprintf('$out/gp%d.$fmt', i); plot '$data' using 2:xtic(1) title '2012年' lc rgb '#4c78a8', '' using 3 title '2019年' lc rgb '#f58518' }; unset output"
fi
