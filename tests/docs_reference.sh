#!/bin/sh
# docs/spec-reference.md and docs/huitu-spec.5 are what
# scripts/spec-reference.py makes from this binary's key tables (huitu
# schema): a key added to a table without regenerating them fails here.
#   docs_reference.sh HUITU SOURCE_DIR
# Regenerate with:
#   huitu schema | python3 scripts/spec-reference.py > docs/spec-reference.md
#   huitu schema | python3 scripts/spec-reference.py --man > docs/huitu-spec.5
set -u
huitu=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$huitu" schema > "$tmp/schema.json" || { echo "huitu schema failed"; exit 1; }
fail=0
python3 "$src/scripts/spec-reference.py" < "$tmp/schema.json" > "$tmp/ref.md" || exit 1
python3 "$src/scripts/spec-reference.py" --man < "$tmp/schema.json" > "$tmp/spec.5" || exit 1
for pair in "ref.md docs/spec-reference.md" "spec.5 docs/huitu-spec.5"; do
  set -- $pair
  if ! cmp -s "$tmp/$1" "$src/$2"; then
    echo "FAIL: $2 is not what the key tables make now (regenerate it, see this script):"
    diff -u "$src/$2" "$tmp/$1" | head -20
    fail=1
  fi
done
# Every key of the page and of every block's content is in the reference.
python3 - "$tmp/schema.json" "$src/docs/spec-reference.md" <<'PY' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))["$defs"]
ref = open(sys.argv[2], encoding="utf-8").read()
missing = [(d, k) for d in s if d == "page" or d.startswith("content-") for k in s[d].get("properties", {})
           if "| `%s` |" % k not in ref]
if missing:
    print("FAIL: keys not in docs/spec-reference.md:", missing[:10])
    sys.exit(1)
PY
# The man page is valid roff (man reads it without a warning).
if command -v man > /dev/null 2>&1; then
  MANWIDTH=80 man -l "$src/docs/huitu-spec.5" 2> "$tmp/man.err" > /dev/null
  if [ -s "$tmp/man.err" ]; then echo "FAIL: man -l docs/huitu-spec.5:"; cat "$tmp/man.err"; fail=1; fi
fi
exit $fail
