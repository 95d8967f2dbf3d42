#!/bin/sh
# Regional glyphs follow the spec's lang, never the process locale.
#   regional_fonts.sh HUITU_BINARY
# Renders small specs to PDF under different locales and reads the embedded
# font names with pdffonts: a zh-CN spec must never use a Japanese face
# (fontconfig's fallback for Han under LANG=C.UTF-8), and ja / zh-TW / ko
# specs must use the Noto CJK JP / TC / KR faces when they are installed.
set -u
HUITU=${1:?usage: regional_fonts.sh HUITU_BINARY}
command -v pdffonts >/dev/null 2>&1 || { echo "SKIP: pdffonts (poppler-utils) not installed"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/huitu-cjk.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0

spec() { # spec FILE LANG TEXT
  cat >"$1" <<SPEC
page: {width: 600, height: auto, lang: $2}
title: $3
blocks:
  - text: $3
SPEC
}

fonts_of() { # fonts_of SPEC LOCALE -> font names, one a line
  out="$TMP/out.pdf"
  rm -f "$out"
  if ! LANG=$2 LC_ALL=$2 "$HUITU" render "$1" -o "$out" >"$TMP/log" 2>&1; then
    echo "FAIL: huitu render $1 under LANG=$2:" >&2
    cat "$TMP/log" >&2
    fail=1
    return
  fi
  pdffonts "$out" | tail -n +3 | awk '{print $1}'
}

# 25 of these characters have different Japanese forms.
ZH="低保标准与社区养老服务：城乡统筹、同城同标，年均增幅9.01%。"
spec "$TMP/zh.yaml" zh-CN "$ZH"
for loc in C.UTF-8 ja_JP.UTF-8 en_US.UTF-8 zh_TW.UTF-8 ko_KR.UTF-8; do
  f=$(fonts_of "$TMP/zh.yaml" "$loc")
  if [ -z "$f" ]; then echo "FAIL: zh-CN under $loc: no fonts in the PDF"; fail=1; continue; fi
  if echo "$f" | grep -qi 'jp'; then
    echo "FAIL: zh-CN spec under LANG=$loc uses a Japanese face:"; echo "$f"; fail=1
  elif ! echo "$f" | grep -q 'HuituSansSC'; then
    echo "FAIL: zh-CN spec under LANG=$loc does not use Huitu Sans SC:"; echo "$f"; fail=1
  else
    echo "ok: zh-CN under LANG=$loc: $(echo $f | tr '\n' ' ')"
  fi
done

check_region() { # check_region LANG TEXT FCFAMILY PDFPATTERN
  if ! fc-list ":family=$3" family | grep -q .; then
    echo "skip: $1 ($3 is not installed; scripts/install-deps.sh installs fonts-noto-cjk)"
    return
  fi
  spec "$TMP/r.yaml" "$1" "$2"
  for loc in C.UTF-8 zh_CN.UTF-8; do
    f=$(fonts_of "$TMP/r.yaml" "$loc")
    if echo "$f" | grep -q "$4"; then
      echo "ok: $1 under LANG=$loc: $(echo $f | tr '\n' ' ')"
    else
      echo "FAIL: $1 spec under LANG=$loc does not use $3:"; echo "$f"; fail=1
    fi
    # Han in a lang: ja/zh-TW/ko spec must not come out in the SC forms.
    if echo "$f" | grep -q 'HuituSansSC'; then
      echo "FAIL: $1 spec under LANG=$loc also uses the Simplified Chinese bundle:"; echo "$f"; fail=1
    fi
  done
}
check_region ja "ひらがなとカタカナ、漢字の直し方。社会と教育" "Noto Sans CJK JP" 'NotoSansCJKjp\|NotoSansCJK-.*JP\|CJKJP\|CJK.*JP'
check_region zh-TW "臺灣的社會福利與教育，低收入戶補助。" "Noto Sans CJK TC" 'CJKtc\|CJK.*TC'
check_region ko "한국어 텍스트와 漢字 사회 교육" "Noto Sans CJK KR" 'CJKkr\|CJK.*KR'

exit $fail
