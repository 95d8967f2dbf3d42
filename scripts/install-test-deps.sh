#!/bin/sh
# Installs the real SVG consumers the test suite checks huitu's SVGs with:
# headless Chromium and LibreOffice (Draw imports SVG).  They are big
# (~400 MB), so they live here and not in install-deps.sh: `make test`
# runs this, `make` does not.  Only installs what is missing.
# Measured on Debian 12 (2 cores, deb.debian.org): 35 s from nothing
# (chromium + libreoffice-draw with --no-install-recommends: ~450 MB installed).
# The Python binding's data and Jupyter test (eco.python_data) needs numpy,
# pandas and nbconvert from Debian, and pip for `pip install ./python`.
set -eu
exec sh "$(dirname "$0")/install-deps.sh" chromium libreoffice-draw strace \
  python3-numpy python3-pandas jupyter-nbconvert python3-pip
