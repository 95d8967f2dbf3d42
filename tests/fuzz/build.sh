#!/bin/sh
# Build the libFuzzer targets into BUILD (default build-fuzz): the library
# with clang, ASan + UBSan and fuzzer coverage, then one binary per target.
#   tests/fuzz/build.sh [BUILD]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
CC=${CC:-clang}
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER="$CC" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUITU_SANITIZE=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link -gline-tables-only" >/dev/null
cmake --build "$build" --target huitu_static -j "${JOBS:-2}"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
libs=$(pkg-config --libs cairo pango pangocairo pangoft2 fontconfig freetype2 harfbuzz yaml-0.1 libdeflate librsvg-2.0)
for t in fuzz_spec fuzz_render; do
  $CC $flags -I"$root/include" -I"$root/src" "$root/tests/fuzz/$t.c" "$build/libhuitu_internal.a" $libs -lm -lpthread \
    -o "$build/$t"
  echo "built $build/$t"
done
