#!/bin/sh
# Installs the benchmark's peers, only what is missing.  Every peer is
# optional: bench.py skips (and says so) whatever is not there.
#   - matplotlib for the system python (Debian python3-matplotlib)
#   - gnuplot with the cairo terminals (gnuplot-nox)
#   - Vega-Lite in node: vega, vega-lite, and canvas for PNG/PDF, into
#     bench/node_modules (not committed).  canvas needs prebuilt binaries or
#     a compiler and cairo headers; if it does not install, Vega gives SVG only.
#   - /usr/bin/time (the time package); libgif-dev, libjpeg-dev, g++ so that
#     canvas can build from source when no prebuilt binary downloads
set -u
here=$(cd "$(dirname "$0")" && pwd)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
for p in python3-matplotlib gnuplot-nox time fonts-noto-cjk libgif-dev libjpeg-dev libcairo2-dev libpango1.0-dev g++ make; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bench/install.sh: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing ||
    echo "bench/install.sh: apt-get failed; the benchmark skips what is missing"
fi
if command -v npm >/dev/null 2>&1; then
  cd "$here" || exit 0
  [ -f package.json ] || printf '{"name": "huitu-bench", "private": true}\n' > package.json
  if [ ! -d node_modules/vega-lite ] || [ ! -d node_modules/vega ]; then
    echo "bench/install.sh: npm install vega vega-lite"
    npm install --no-audit --no-fund --silent vega@5 vega-lite@5 || echo "bench/install.sh: vega did not install: skipped"
  fi
  if [ ! -d node_modules/canvas ]; then
    echo "bench/install.sh: npm install canvas (for Vega PNG/PDF; may fail: then SVG only)"
    npm install --no-audit --no-fund --silent canvas@2 || echo "bench/install.sh: canvas did not install: Vega PNG/PDF skipped"
  fi
else
  echo "bench/install.sh: no npm: Vega-Lite skipped"
fi
exit 0
