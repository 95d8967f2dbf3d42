# Shared by the tests/batch_*.sh scripts (sourced):  huitu=$1, a temp dir,
# check helpers and a spec generator.
set -u
huitu=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0
ok() { checks=$((checks + 1)); if [ "$1" != 0 ]; then echo "FAIL: $2"; fails=$((fails + 1)); fi; }
expect_rc() { checks=$((checks + 1)); if [ "$1" != "$2" ]; then echo "FAIL: $3 (exit $1, expected $2)"; fails=$((fails + 1)); fi; }
expect_eq() { checks=$((checks + 1)); if [ "$1" != "$2" ]; then echo "FAIL: $3 (got '$1', expected '$2')"; fails=$((fails + 1)); fi; }
finish() { echo "$checks checks, $fails failed"; [ "$fails" = 0 ]; exit $?; }

# make_specs DIR N: N small distinct specs DIR/fig01.yaml ... (sorted = numbered)
make_specs() {
  mkdir -p "$1"
  i=1
  while [ "$i" -le "$2" ]; do
    n=$(printf '%02d' "$i")
    cat > "$1/fig$n.yaml" <<Y
page: {width: 400, height: 240, margin: 16}
title: 低保标准 $n
blocks:
  - kpi: {value: $((500 + i)), unit: 元/月, label: 第${i}号}
Y
    i=$((i + 1))
  done
}

# The inputs a report lists with a given status, one per line, sorted.
report_inputs() { # REPORT [STATUS]
  python3 - "$1" "${2:-}" <<'P'
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["figures"]:
    if not sys.argv[2] or f["status"] == sys.argv[2]:
        print(f["input"])
P
}
