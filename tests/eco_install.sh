#!/bin/sh
# Install and embed: `cmake --install` into a temporary prefix, then, from
# outside the tree, build examples/embed.c against the installed package
# with pkg-config (shared and static) and with CMake (find_package(huitu)),
# run them with no HUITU_FONT_PATH (the library finds its fonts relative to
# itself), after moving the whole install (relocation), and check the man
# page and the exported symbols.
#   eco_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
unset HUITU_FONT_PATH
status=0
fail() { echo "FAIL $*"; status=1; }
step() { echo "-- $*"; }

step "cmake --install (DESTDIR staging, then moved: a relocated install)"
DESTDIR="$tmp/stage" cmake --install "$build" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "cmake --install"; exit 1; }
# The configured prefix inside DESTDIR; move it somewhere else entirely.
staged=$(find "$tmp/stage" -name huitu.h -path '*/include/*' | head -1)
[ -n "$staged" ] || { fail "no include/huitu.h installed"; exit 1; }
mv "$(dirname "$(dirname "$staged")")" "$tmp/prefix"
p="$tmp/prefix"
libdir=$(dirname "$(find "$p" -name 'libhuitu.so.0' | head -1)")
for f in bin/huitu include/huitu.h share/huitu/fonts/HuituSansSC-Regular.otf share/huitu/fonts/OFL.txt \
         share/man/man1/huitu.1 share/huitu/python/huitu.py; do
  [ -e "$p/$f" ] || fail "not installed: $f"
done
for f in libhuitu.so libhuitu.so.0 libhuitu.a pkgconfig/huitu.pc cmake/huitu/huitu-config.cmake \
         cmake/huitu/huitu-config-version.cmake cmake/huitu/huituTargets.cmake; do
  [ -e "$libdir/$f" ] || fail "not installed: lib/$f"
done

step "the shared library exports huitu_* only"
others=$(nm -D --defined-only "$libdir/libhuitu.so.0" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^huitu_' | grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$')
[ -z "$others" ] || fail "libhuitu.so exports non-huitu_ symbols: $(echo $others | head -c 300)"
nm -D --defined-only "$libdir/libhuitu.so.0" | grep -q ' T huitu_doc_render$' || fail "huitu_doc_render not exported"

step "the static library has huitu_* only as global symbols"
others=$(nm -g --defined-only "$libdir/libhuitu.a" | awk 'NF == 3 {print $3}' | grep -v '^huitu_' | grep -v -E '^(__odr_asan|__asan|__ubsan|__tsan|___asan)' )
[ -z "$others" ] || fail "libhuitu.a defines non-huitu_ global symbols: $(echo $others | head -c 300)"
nm -g --defined-only "$libdir/libhuitu.a" | grep -q ' T huitu_doc_render$' || fail "huitu_doc_render missing from libhuitu.a"

step "the installed CLI finds its fonts after the move, with no environment at all"
echo 'title: 安装测试' > "$tmp/t.yaml"
# Every program runs with an empty environment: no LD_LIBRARY_PATH (its
# RUNPATH finds libhuitu), no HUITU_FONT_PATH, no HOME.  Under the
# sanitizers their runtime's options stay (LeakSanitizer's suppressions of
# the font libraries' own caches, tests/lsan.supp).
run_bare() {
  if [ -n "${ECO_CFLAGS:-}" ]; then
    env -i ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" ${LSAN_OPTIONS:+"LSAN_OPTIONS=$LSAN_OPTIONS"} "$@"
  else
    env -i ${ASAN_OPTIONS:+"ASAN_OPTIONS=$ASAN_OPTIONS"} ${LSAN_OPTIONS:+"LSAN_OPTIONS=$LSAN_OPTIONS"} "$@"
  fi
}
run_bare "$p/bin/huitu" render "$tmp/t.yaml" -o "$tmp/t.png" || fail "installed huitu cannot render without environment variables"
# It needs no libhuitu.so (the CLI links the library in); if it ever does,
# its RUNPATH must find the installed one.
if readelf -d "$p/bin/huitu" | grep -q 'NEEDED.*libhuitu'; then
  env -i ldd "$p/bin/huitu" | grep -q "libhuitu.so.0 => $libdir" || fail "installed huitu does not find the installed libhuitu.so"
fi

step "man page: generated from the option tables, valid troff"
man1="$p/share/man/man1/huitu.1"
if command -v groff >/dev/null; then
  w=$(groff -man -Tutf8 -ww -z "$man1" 2>&1) ; [ -z "$w" ] || fail "groff warnings: $w"
fi
for opt in $("$p/bin/huitu" render --help | grep -o -E -- '--[a-z-]+' | sort -u); do
  grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$man1" || fail "man page lacks render option $opt"
done
for cmd in render check schema; do grep -q "^\.SS $cmd" "$man1" || fail "man page lacks command $cmd"; done

check_embed() { # name binary
  out="$tmp/$1.svg"
  if ! run_bare "$2" > "$out" 2> "$tmp/$1.err"; then fail "$1: exit status $? rendering the example (no environment)"; cat "$tmp/$1.err"; return; fi
  grep -q '<svg' "$out" && grep -q '<desc>[^<]' "$out" || fail "$1: no SVG written"
  # A wrong spec: exit 2 and a located message.
  run_bare "$2" 'title: x
page: {width: wide}' > /dev/null 2> "$tmp/$1.err"
  rc=$?
  [ $rc -eq 2 ] || fail "$1: a bad spec gave exit status $rc, not 2"
  grep -q '^inline.yaml:2:15: expected a length' "$tmp/$1.err" || { fail "$1: no located message:"; cat "$tmp/$1.err"; }
  echo "   $1 ok ($(wc -c < "$out") bytes of SVG)"
}

# Which fonts did a program open?  With strace (when present) the check
# proves the fonts came from the moved install, not the build tree's
# compiled-in fallback.
fonts_from_install() { # name binary
  command -v strace >/dev/null || return 0
  strace -f -e trace=open,openat,stat,newfstatat -o "$tmp/$1.strace" "$2" > /dev/null 2>&1
  grep -q "$p/share/huitu/fonts/HuituSansSC" "$tmp/$1.strace" || fail "$1: did not load the fonts from the relocated install"
  grep "HuituSansSC" "$tmp/$1.strace" | grep -v ENOENT | grep -v -q "$p" && fail "$1: also used fonts outside the install"
  echo "   $1 loads its fonts from the relocated install"
}

cc="${CC:-cc} ${ECO_CFLAGS:-}"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
step "pkg-config: $(pkg-config --modversion huitu 2>&1), cflags $(pkg-config --cflags huitu)"
[ "$(pkg-config --variable=prefix huitu | xargs realpath 2>/dev/null)" = "$(realpath "$p")" ] || fail "huitu.pc is not relocatable: prefix $(pkg-config --variable=prefix huitu)"
# shellcheck disable=SC2046
# The README's command: RUNPATH to the libdir pkg-config names, so the
# program runs without LD_LIBRARY_PATH (check_embed runs it under env -i).
$cc -std=c11 -Wall -Werror "$src/examples/embed.c" $(pkg-config --cflags --libs huitu) \
    -Wl,-rpath,"$(pkg-config --variable=libdir huitu)" -o "$tmp/embed_pc" \
  && check_embed pkg-config "$tmp/embed_pc" && fonts_from_install pkg-config "$tmp/embed_pc" || fail "pkg-config build"
# Static: the same flags with --static, the archive instead of -lhuitu.
static_libs=$(pkg-config --static --libs huitu | sed "s#-lhuitu#$libdir/libhuitu.a#")
$cc -std=c11 -Wall -Werror "$src/examples/embed.c" $(pkg-config --cflags huitu) $static_libs -o "$tmp/embed_static_pc" \
  && check_embed pkg-config-static "$tmp/embed_static_pc" || fail "pkg-config --static build"
if ldd "$tmp/embed_static_pc" | grep -q libhuitu; then fail "the static build links libhuitu.so"; fi

step "CMake: find_package(huitu) from a project outside the tree"
cp -r "$src/examples" "$tmp/examples"
if cmake -S "$tmp/examples" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$p" -DCMAKE_BUILD_TYPE=Release \
     -DCMAKE_C_FLAGS="${ECO_CFLAGS:-}" -DCMAKE_EXE_LINKER_FLAGS="${ECO_CFLAGS:-}" > "$tmp/cmake.log" 2>&1 \
   && cmake --build "$tmp/cmake-build" > "$tmp/cmake-build.log" 2>&1; then
  check_embed cmake "$tmp/cmake-build/embed"
  if [ -x "$tmp/cmake-build/embed_static" ]; then check_embed cmake-static "$tmp/cmake-build/embed_static"; else fail "huitu::huitu_static missing"; fi
  step "the example installed (cmake --install): RUNPATH to huitu's libdir"
  if cmake --install "$tmp/cmake-build" --prefix "$tmp/app" > "$tmp/app.log" 2>&1; then
    readelf -d "$tmp/app/bin/embed" | grep -E 'R(UN)?PATH' | grep -q "$libdir" \
      || fail "installed example has no RUNPATH to $libdir: $(readelf -d "$tmp/app/bin/embed" | grep -E 'R(UN)?PATH')"
    check_embed cmake-installed "$tmp/app/bin/embed"
  else
    cat "$tmp/app.log"; fail "cmake --install of the example"
  fi
else
  cat "$tmp/cmake.log" "$tmp/cmake-build.log" | tail -30; fail "CMake build against the installed package"
fi
# A version the package does not satisfy is refused.
mkdir -p "$tmp/v"
printf 'cmake_minimum_required(VERSION 3.18)\nproject(v C)\nfind_package(huitu 9.0 QUIET)\nif(huitu_FOUND)\n  message(FATAL_ERROR "huitu 9.0 accepted")\nendif()\n' > "$tmp/v/CMakeLists.txt"
cmake -S "$tmp/v" -B "$tmp/v/b" -DCMAKE_PREFIX_PATH="$p" > "$tmp/v.log" 2>&1 || { cat "$tmp/v.log"; fail "version check"; }

[ $status -eq 0 ] && echo "install and embed: all good"
exit $status
