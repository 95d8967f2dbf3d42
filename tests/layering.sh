#!/bin/sh
# The include graph between source folders runs down the pipeline only.
#   tests/layering.sh SRC LEVEL...     (LEVELs lowest first, as HUITU_LEVELS)
# Every `#include "dir/..."` in SRC/<folder>/*.[ch] (and SRC/api.c,
# SRC/api_internal.h as folder "api") must name its own folder or one
# listed before it; cli sits above every level.  Prints the table of edges
# between folders (count of include lines) and each upward one; exit 1 when
# there is one, or a folder or include names a folder not in the list.
#   tests/layering.sh --self-test SCRIPT   checks this script catches one.
set -u
if [ "${1:-}" = "--self-test" ]; then
  t=$(mktemp -d "${TMPDIR:-/tmp}/layering.XXXXXX")
  mkdir -p "$t/base" "$t/chart"
  printf '#include "chart/chart.h"\n' > "$t/base/up.c"
  printf '#include "base/up.h"\n' > "$t/chart/chart.h"
  out=$(sh "$2" "$t" base chart 2>&1); rc=$?
  rm -rf "$t"
  case $rc:$out in
    1:*"upward: base -> chart (base/up.c)"*) echo "self-test: an upward include is caught"; exit 0 ;;
    *) echo "self-test FAILED: exit $rc, output:"; echo "$out"; exit 1 ;;
  esac
fi
src=$1; shift
levels="$* cli"
rank() { i=0; for l in $levels; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo -1; }
bad=0
edges=$(mktemp "${TMPDIR:-/tmp}/layering-edges.XXXXXX")
for f in $(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
  case $f in */*) from=${f%%/*} ;; *) from=api ;; esac
  rf=$(rank "$from")
  if [ "$rf" -lt 0 ]; then echo "unknown folder: $from ($f): add it to HUITU_LEVELS"; bad=1; continue; fi
  for to in $(sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)/.*|\1|p' "$src/$f"); do
    [ "$to" = "$from" ] && continue
    echo "$from -> $to" >> "$edges"
    rt=$(rank "$to")
    if [ "$rt" -lt 0 ]; then echo "unknown folder: $from -> $to ($f)"; bad=1
    elif [ "$rt" -gt "$rf" ]; then echo "upward: $from -> $to ($f)"; bad=1; fi
  done
done
echo "include edges between folders (lines), pipeline: $levels"
sort "$edges" | uniq -c
rm -f "$edges"
exit $bad
