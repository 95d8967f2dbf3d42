/* CJK line-breaking rules (禁则, kinsoku) on top of Pango's UAX #14, and
 * punctuation compression (标点挤压).
 *
 * Pango's default breaking already keeps most closing punctuation off the
 * start of a line, but not all of it (the middle dot, some marks when Pango
 * falls back to character breaks), and it happily splits a number from its
 * unit ("2019|年", "80|万|名").  Here the forbidden break positions are
 * computed from the plain text and handed to Pango as
 * pango_attr_allow_breaks_new(FALSE) ranges.
 *
 * Measured with Pango 1.50: an allow_breaks=FALSE attribute over the bytes
 * of characters [a, b) removes the break opportunities strictly inside the
 * range — before characters a+1 .. b-1 — including character breaks (so the
 * WORD_CHAR fallback cannot undo them), and never the ones at its edges.  A
 * range over a single character therefore does nothing: to forbid the break
 * before character i the range must cover characters i-1 and i.  Ranges of
 * the same type must not overlap (Pango reports one attribute per type per
 * segment), so consecutive forbidden positions are merged into one range. */
#include <glib.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "text/text_internal.h"

/* Never at the start of a line: closing punctuation, small kana, the
 * prolonged sound mark, iteration marks, half-width closers and the signs
 * that follow a number. */
static const gunichar no_start[] = {
    0xFF0C /* ， */, 0x3002 /* 。 */, 0x3001 /* 、 */, 0xFF1B /* ； */, 0xFF1A /* ： */, 0xFF01 /* ！ */,
    0xFF1F /* ？ */, 0xFF09 /* ） */, 0x300B /* 》 */, 0x300D /* 」 */, 0x300F /* 』 */, 0x3011 /* 】 */,
    0x3015 /* 〕 */, 0x3009 /* 〉 */, 0x3017 /* 〗 */, 0x3019 /* 〙 */, 0xFF3D /* ］ */, 0xFF5D /* ｝ */,
    0x201D /* ” */, 0x2019 /* ’ */, 0x2026 /* … */, 0x2025 /* ‥ */, 0x30FC /* ー */, 0x00B7 /* · */,
    0x30FB /* ・ */, 0xFF0E /* ． */, 0xFF61 /* ｡ */, 0xFF64 /* ､ */, 0x3005 /* 々 */, 0x303B /* 〻 */,
    0x309D /* ゝ */, 0x309E /* ゞ */, 0x30FD /* ヽ */, 0x30FE /* ヾ */, 0x309B /* ゛ */, 0x309C /* ゜ */,
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, /* ぁぃぅぇぉっゃゅょゎゕゖ */
    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, /* ァィゥェォッャュョヮヵヶ */
    0x31F0, 0x31F1, 0x31F2, 0x31F3, 0x31F4, 0x31F5, 0x31F6, 0x31F7, 0x31F8, 0x31F9, 0x31FA, 0x31FB, 0x31FC,
    0x31FD, 0x31FE, 0x31FF, /* Katakana Phonetic Extensions (small ㇰ…ㇿ) */
    0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70, /* half-width small kana, ｰ */
    ',', '.', ';', ':', '!', '?', ')', ']', '}', '%', 0x2030 /* ‰ */, 0x2103 /* ℃ */, 0x2109 /* ℉ */,
    0x00B0 /* ° */, 0x2032 /* ′ */, 0x2033 /* ″ */, 0xFF05 /* ％ */, 0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55,
    0xFE56, 0xFE57, /* small form variants */
};

/* Never at the end of a line: opening brackets and quotes. */
static const gunichar no_end[] = {
    0xFF08 /* （ */, 0x300A /* 《 */, 0x300C /* 「 */, 0x300E /* 『 */, 0x3010 /* 【 */, 0x3014 /* 〔 */,
    0x3008 /* 〈 */, 0x3016 /* 〖 */, 0x3018 /* 〘 */, 0xFF3B /* ［ */, 0xFF5B /* ｛ */, 0x201C /* “ */,
    0x2018 /* ‘ */, '(', '[', '{', 0xFF04 /* ＄ */, 0xFFE5 /* ￥ */, 0x00A5 /* ¥ */, 0xFFE1 /* ￡ */,
    '$', 0x20AC /* € */, 0x00A3 /* £ */,
};

static int in_set(gunichar c, const gunichar *set, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (set[i] == c) return 1;
  return 0;
}

int text_is_no_start(gunichar c) { return in_set(c, no_start, sizeof no_start / sizeof no_start[0]); }
int text_is_no_end(gunichar c) { return in_set(c, no_end, sizeof no_end / sizeof no_end[0]); }

static int is_digit(gunichar c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

static int is_han(gunichar c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007 /* 〇 */;
}

/* Multipliers that sit between a number and its measure word: 80万名. */
static int is_magnitude(gunichar c) {
  return c == 0x4E07 /* 万 */ || c == 0x4EBF /* 亿 */ || c == 0x5343 /* 千 */ || c == 0x767E /* 百 */ ||
         c == 0x5146 /* 兆 */ || c == 0x842C /* 萬 */ || c == 0x5104 /* 億 */;
}

/* Two-character units that must stay whole after a number: 6分钟. */
static int is_unit2(gunichar a, gunichar b) {
  static const gunichar pairs[][2] = {
      {0x5206, 0x949F} /* 分钟 */, {0x5206, 0x9418} /* 分鐘 */, {0x5C0F, 0x65F6} /* 小时 */,
      {0x5C0F, 0x6642} /* 小時 */, {0x516C, 0x91CC} /* 公里 */, {0x516C, 0x9877} /* 公顷 */,
      {0x516C, 0x9803} /* 公頃 */, {0x5343, 0x7C73} /* 千米 */, {0x5E73, 0x65B9} /* 平方 */,
      {0x5468, 0x5C81} /* 周岁 */, {0x4EBA, 0x6B21} /* 人次 */, {0x5E74, 0x5EA6} /* 年度 */,
      {0x500D, 0x6570} /* 倍数 */, {0x4E2A, 0x6708} /* 个月 */, {0x500B, 0x6708} /* 個月 */,
      {0x5E73, 0x7C73} /* 平米 */, {0x5B63, 0x5EA6} /* 季度 */, {0x767E, 0x5206} /* 百分 */,
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    if (pairs[i][0] == a && pairs[i][1] == b) return 1;
  return 0;
}

/* Decode text into code points with their byte offsets (offs has n+1
 * entries, the last = strlen). */
static int decode(const char *text, gunichar **cps, int **offs) {
  int n = (int)g_utf8_strlen(text, -1);
  *cps = g_new(gunichar, n + 1);
  *offs = g_new(int, n + 1);
  const char *p = text;
  for (int i = 0; i < n; i++) {
    (*cps)[i] = g_utf8_get_char(p);
    (*offs)[i] = (int)(p - text);
    p = g_utf8_next_char(p);
  }
  (*cps)[n] = 0;
  (*offs)[n] = (int)(p - text);
  return n;
}

/* nb[i] (1 <= i < n): the break before character i is forbidden. */
void text_breaks_mark(const gunichar *c, int n, unsigned char *nb) {
  memset(nb, 0, (size_t)n + 1);
  for (int i = 1; i < n; i++) {
    if (text_is_no_start(c[i]) || text_is_no_end(c[i - 1])) nb[i] = 1;
    /* Dashes and ellipses come in pairs that must not be split: —— …… */
    if ((c[i] == 0x2014 || c[i] == 0x2026 || c[i] == 0x2E3A) && c[i] == c[i - 1]) nb[i] = 1;
  }
  /* Numbers with their units: a digit run (with its decimal point, thousands
   * separators and sign) stays with the next Han character, a multiplier
   * (万, 亿) pulls in one more, and known two-character units stay whole. */
  for (int i = 0; i < n; i++) {
    if (!is_digit(c[i])) continue;
    int j = i;
    while (j < n && (is_digit(c[j]) || ((c[j] == '.' || c[j] == ',' || c[j] == 0xFF0E) && j + 1 < n &&
                                        is_digit(c[j + 1]))))
      j++;
    for (int k = i + 1; k < j; k++) nb[k] = 1;
    if (j < n && (c[j] == '%' || c[j] == 0xFF05 || c[j] == 0x2030 || c[j] == 0x2103 || c[j] == 0x00B0)) {
      nb[j] = 1;
      j++;
    } else if (j < n && is_han(c[j])) {
      nb[j] = 1;
      if (is_magnitude(c[j]) && j + 1 < n && is_han(c[j + 1])) {
        nb[j + 1] = 1;
        if (is_magnitude(c[j + 1]) && j + 2 < n && is_han(c[j + 2])) nb[j + 2] = 1; /* 亿万元? rare */
        if (j + 2 < n && is_unit2(c[j + 1], c[j + 2])) nb[j + 2] = 1;
      } else if (j + 1 < n && is_unit2(c[j], c[j + 1])) {
        nb[j + 1] = 1;
      }
    }
    i = j > i ? j - 1 : i;
  }
  nb[0] = 0;
}

void text_breaks_apply(const char *text, PangoAttrList *attrs) {
  gunichar *c;
  int *off;
  int n = decode(text, &c, &off);
  if (n < 2) {
    g_free(c);
    g_free(off);
    return;
  }
  unsigned char *nb = g_malloc((size_t)n + 1);
  text_breaks_mark(c, n, nb);
  for (int i = 1; i < n; i++) {
    if (!nb[i]) continue;
    int j = i;
    while (j + 1 < n && nb[j + 1]) j++;
    /* Breaks before i..j forbidden: cover characters i-1 .. j. */
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)off[i - 1];
    a->end_index = (guint)off[j + 1];
    pango_attr_list_insert(attrs, a);
    i = j;
  }
  g_free(nb);
  g_free(c);
  g_free(off);
}

/* ---- punctuation compression ---- */

/* Full-width punctuation whose glyph has its ink in one half of the em:
 * closing marks (ink on the left, blank on the right) and opening marks
 * (blank on the left).  Which half is blank depends on the regional forms
 * (SC puts ，。、；：！？ at the left, TC centres them), and the font's
 * `halt` feature knows it: applying `halt` to a mark gives its half-width
 * form with the right blank removed, which is what compression wants. */
static int is_fw_closing(gunichar c) {
  return c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
         c == 0xFF1F || c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011 ||
         c == 0x3015 || c == 0x3009 || c == 0x3017 || c == 0x201D || c == 0x2019;
}
static int is_fw_opening(gunichar c) {
  return c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3010 || c == 0x3014 ||
         c == 0x3008 || c == 0x3016 || c == 0x201C || c == 0x2018;
}
int text_is_fw_punct(gunichar c) { return is_fw_closing(c) || is_fw_opening(c); }

/* `halt` for horizontal and rotated marks, `vhal` for upright marks in
 * vertical text: HarfBuzz applies each only in its direction (their GPOS
 * records adjust XAdvance and YAdvance respectively). */
static void add_halt(PangoAttrList *attrs, int start, int end) {
  PangoAttribute *a = pango_attr_font_features_new("halt 1, vhal 1");
  a->start_index = (guint)start;
  a->end_index = (guint)end;
  pango_attr_list_insert(attrs, a);
}

/* Adjacent punctuation (」。 ，「 ）、 。」): the pair takes 1.5 em instead
 * of 2 (clreq 3.1.6, JIS X 4051 §4.3): the first mark is set half-width
 * when it is a closing one, otherwise the second when it is an opening
 * one.  Curly quotes are included: where the font draws them proportional
 * (Noto CJK JP and KR) `halt` does not cover them and nothing changes. */
void text_punct_compress_pairs(const char *text, PangoAttrList *attrs) {
  gunichar *c;
  int *off;
  int n = decode(text, &c, &off);
  for (int i = 0; i + 1 < n; i++) {
    gunichar a = c[i], b = c[i + 1];
    if (!text_is_fw_punct(a) || !text_is_fw_punct(b)) continue;
    if (is_fw_closing(a))
      add_halt(attrs, off[i], off[i + 1]);
    else if (is_fw_opening(b))
      add_halt(attrs, off[i + 1], off[i + 2]);
  }
  g_free(c);
  g_free(off);
}

void text_punct_compress_at(PangoAttrList *attrs, int start, int end) { add_halt(attrs, start, end); }
