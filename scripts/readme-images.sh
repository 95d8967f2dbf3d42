#!/bin/sh
# Renders the images the README shows into docs/ (run after `make`).
set -eu
cd "$(dirname "$0")/.."
h=build/huitu
mkdir -p docs
$h render specs/dibao-standard.yaml -o docs/dibao-standard.png
$h render specs/chart-orphan-grouped.yaml -o docs/chart-orphan-grouped.png
$h render specs/chart-facilities-bar.yaml -o docs/chart-facilities-bar.png
$h render specs/dibao-compare.yaml -o docs/dibao-compare.png
$h render specs/typography.yaml -o docs/typography.png
$h render specs/suzhou-minzheng-poster.yaml --scale 0.5 -o docs/suzhou-minzheng-poster.png
$h render specs/section-bands.yaml -o docs/section-bands.png
$h render specs/ranking-funds.yaml -o docs/ranking-funds.png
$h render specs/steps-community-services.yaml -o docs/steps-community-services.png
