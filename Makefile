# huitu — the two commands of the README:
#   make        install what is missing, build, render every spec in specs/ to out/
#   make test   build and run the whole test suite (ctest)
#   make bench  install the benchmark's peers, build, print the speed table (bench/README.md)
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
HUITU = $(BUILD)/huitu
SPECS = $(wildcard specs/*.yaml specs/*.vl.json)
# In CI (CI=true), compiler warnings are errors.
CMAKE_CI = $(if $(CI),-DHUITU_WERROR=ON,)

.PHONY: all deps test-deps build gallery test test-sanitize test-tsan clean bench fuzz fuzz-deps fuzz-build valgrind

all: gallery

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_CI)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

gallery: build
	@mkdir -p out
	@rc=0; for f in png svg pdf; do \
	  $(HUITU) render $(SPECS) -o out -f $$f || rc=1; \
	done; \
	echo "rendered $(words $(SPECS)) specs into out/ as PNG, SVG and PDF"; exit $$rc

# The real SVG consumers the tests check against (Chromium, LibreOffice):
# big, so only `make test` installs them (~35 s on a fresh Debian 12).
test-deps:
	@sh scripts/install-test-deps.sh

test: build test-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer (the
# parallel batch test over 2 copies of the gallery, not 6: ASan is ~5x slower
# and the gallery has grown past 40 specs).
test-sanitize: deps test-deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHUITU_SANITIZE=ON $(CMAKE_CI)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 HUITU_TEST_COPIES=2 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  ctest --output-on-failure -j $(JOBS)

# The threaded API test and the parallel batch test under ThreadSanitizer
# (issue 12: -j N must be byte-identical to -j 1, with nothing racing), and
# one document laid out by several threads at once (the chart is read-only
# after the model stage: any write layout makes into it is a race).
test-tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DHUITU_TSAN=ON $(CMAKE_CI)
	cmake --build build-tsan -j $(JOBS) --target huitu test_threads test_chart_threads
	cd build-tsan && G_SLICE=always-malloc TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1 suppressions=$(CURDIR)/tests/tsan.supp" HUITU_TEST_COPIES=1 HUITU_TEST_JOBS="2 8" HUITU_TEST_ROUNDS=1 \
	  ctest --output-on-failure -R 'unit.test_threads|unit.test_chart_threads|batch.workers'

# Speed against matplotlib, gnuplot and Vega-Lite (bench/README.md).  Not part of ctest.
bench: build
	@sh bench/install.sh
	python3 bench/bench.py --huitu $(HUITU) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) build-asan

# Fuzzing (README "Reliability"): libFuzzer + ASan + UBSan, clang 14.
#   make fuzz FUZZ_SECONDS=1800          both targets, that long each
#   make fuzz FUZZ_TARGETS=fuzz_spec     one of them
# Crashes land in tests/fuzz/crashes/; the corpus grows in build-fuzz/.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= fuzz_spec fuzz_render
fuzz-deps: deps
	@for p in clang libclang-rt-14-dev; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	  || { echo "installing $$p"; $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq --no-install-recommends $$p; }; done

fuzz-build: fuzz-deps
	sh tests/fuzz/build.sh build-fuzz

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do sh tests/fuzz/run.sh $$t $(FUZZ_SECONDS) build-fuzz || exit 1; done

# Every gallery spec (and the bad corpus) under valgrind memcheck, all three
# formats: any memory error or definite leak fails.  Suppressions for the
# one-time allocations of fontconfig/pango/glib: tests/valgrind.supp.
valgrind: build
	@command -v valgrind >/dev/null || $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq valgrind
	sh tests/valgrind_gallery.sh $(HUITU) specs
