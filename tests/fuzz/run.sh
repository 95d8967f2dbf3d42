#!/bin/sh
# Run one fuzz target for SECONDS (default 60) on its growing corpus
# (build-fuzz/corpus-TARGET, seeded from specs/ and tests/).  Crashes land
# in tests/fuzz/crashes/.  Data urls resolve inside a scratch folder.
#   tests/fuzz/run.sh fuzz_spec|fuzz_render [SECONDS] [BUILD]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
target=$1; secs=${2:-60}; build=${3:-$root/build-fuzz}
[ -x "$build/$target" ] || sh "$root/tests/fuzz/build.sh" "$build"
# Seeds per target: two targets run at once would race copying into one folder.
sh "$root/tests/fuzz/make_corpus.sh" "$build/seeds-$target" >/dev/null
corpus="$build/corpus-$target"; mkdir -p "$corpus" "$root/tests/fuzz/crashes"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
printf 'a,b\n1,2\nx,3\n' > "$scratch/d.csv"
cd "$scratch"
export HUITU_FONT_PATH="$root/fonts" LANG=C.UTF-8
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" \
       LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
"$build/$target" "$corpus" "$build/seeds-$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
  -max_len=16384 -dict="$root/tests/fuzz/spec.dict" -artifact_prefix="$root/tests/fuzz/crashes/$target-" \
  -print_final_stats=1 ${FUZZ_ARGS:-}
