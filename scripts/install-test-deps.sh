#!/bin/sh
# Installs the real SVG consumers the test suite checks huitu's SVGs with:
# headless Chromium and LibreOffice (Draw imports SVG).  They are big
# (~400 MB), so they live here and not in install-deps.sh: `make test`
# runs this, `make` does not.  Only installs what is missing.
# Measured on Debian 12 (2 cores, deb.debian.org): 35 s from nothing
# (chromium + libreoffice-draw with --no-install-recommends: ~450 MB installed).
set -eu
PKGS="chromium libreoffice-draw strace"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing test tools:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
