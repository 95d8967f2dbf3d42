#!/bin/sh
# Installs what huitu needs on Debian 12 (or Ubuntu), only when something is
# missing, so `make` stays fast on a machine that already has everything.
# With arguments, installs those packages instead (the same way).
set -eu
PKGS="${*:-build-essential cmake pkg-config libcairo2-dev libpango1.0-dev libharfbuzz-dev
libfontconfig1-dev libfreetype-dev libyaml-dev libdeflate-dev libpng-dev librsvg2-dev libicu-dev fonts-noto-cjk
poppler-utils libxml2-utils python3 python3-yaml python3-jsonschema parallel}"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
