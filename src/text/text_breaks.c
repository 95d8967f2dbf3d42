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
#include <math.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "text/text_internal.h"
#include "text/text_words.h"

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
        if (c[j] == 0x5E73 && c[j + 1] == 0x65B9 && j + 2 < n && is_han(c[j + 2])) nb[j + 2] = 1; /* 平方米 */
      }
    }
    i = j > i ? j - 1 : i;
  }
  nb[0] = 0;
}

/* ---- words (titles, labels, table cells, legend entries) ----
 *
 * Kinsoku and the number rules say where a line must not break; a CJK
 * title can still break anywhere else, and Pango's first-fit picks the
 * last point that fits: 发展成 / 就, 累计投入社 / 会救助资金.  For short
 * texts the break opportunities inside these units are removed as well:
 *   - the last two characters (no one-character last line, 孤字),
 *   - a whole text of up to 4 characters (主要指标),
 *   - number ranges (2012—2019, 3~5),
 *   - dictionary words of up to 4 characters (ICU's segmenter: 发展|成就),
 *   - bracketed terms of up to 6 characters inside the brackets (（经营）;
 *     after the words: Pango 1.50 never breaks next to a quotation mark
 *     (UAX #14 LB19), so a quoted term glues its neighbours to it and,
 *     kept first, would cost the words around it: 困难家 / 庭“一户…”),
 *   - and a one-character word joined to its neighbour when the two make
 *     at most 4 characters: a suffix to the word before (护理型, 苏州市,
 *     床位占比), a preposition or prefix (近, 约, 第, 为…) to the word
 *     after; kana particles and okurigana stay with the word before, up to
 *     6 characters (人口は, サービスの);
 * in this order, each unit kept only when the unbreakable piece it makes
 * (with the kinsoku, number and Pango pieces it touches) fits the line,
 * estimated from the em (CJK characters one em, Latin and digits at the
 * bundled faces' widest or a little over), so
 * a word wider than the line still breaks where it must: never an
 * overflowing line.  Longer texts (body paragraphs) may break between any
 * two characters, as clreq allows; only the 孤字 rule applies to them. */
#define WORDS_LABEL_MAX 40 /* characters: up to this, a text is a title or label */
#define WORDS_MAX 4        /* a word or joined unit kept whole */
#define BRACKET_MAX 6      /* characters inside the brackets */

static int is_kana(gunichar c) {
  return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0xFF66 && c <= 0xFF9F);
}
static int is_hira(gunichar c) { return c >= 0x3041 && c <= 0x309F; }
static int is_word_char(gunichar c) { return is_han(c) || is_kana(c) || c == 0x3005 /* 々 */ || c == 0x3006; }
static int is_ascii_alnum(gunichar c) { return c < 0x80 && g_ascii_isalnum((gchar)c); }

/* One-character words that lean on the word after them. */
static int leans_forward(gunichar c) {
  static const gunichar f[] = {0x8FD1 /* 近 */, 0x7EA6 /* 约 */, 0x7D04 /* 約 */, 0x7B2C /* 第 */,
                               0x6BCF /* 每 */, 0x5404 /* 各 */, 0x5168 /* 全 */, 0x603B /* 总 */,
                               0x7E3D /* 總 */, 0x526F /* 副 */, 0x975E /* 非 */, 0x8D85 /* 超 */,
                               0x903E /* 逾 */, 0x5171 /* 共 */, 0x8FBE /* 达 */, 0x9054 /* 達 */,
                               0x7531 /* 由 */, 0x4ECE /* 从 */, 0x5F9E /* 從 */, 0x5728 /* 在 */,
                               0x5BF9 /* 对 */, 0x5C0D /* 對 */, 0x4E3A /* 为 */, 0x70BA /* 為 */,
                               0x5411 /* 向 */, 0x4EE5 /* 以 */, 0x5C06 /* 将 */, 0x5C07 /* 將 */,
                               0x628A /* 把 */, 0x88AB /* 被 */, 0x81F3 /* 至 */, 0x65B0 /* 新 */};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    if (f[i] == c) return 1;
  return 0;
}
/* Conjunctions: one-character words that join neither side. */
static int stands_alone(gunichar c) {
  return c == 0x548C /* 和 */ || c == 0x4E0E /* 与 */ || c == 0x8207 /* 與 */ || c == 0x6216 /* 或 */;
}
static int is_range_dash(gunichar c) {
  return c == 0x2014 || c == 0x2013 || c == '-' || c == '~' || c == 0xFF5E /* ～ */ || c == 0x301C /* 〜 */ ||
         c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */ || c == 0x2015;
}
static gunichar closing_of(gunichar c) {
  switch (c) {
  case 0xFF08: return 0xFF09; /* （） */
  case '(': return ')';
  case 0x300A: return 0x300B; /* 《》 */
  case 0x300C: return 0x300D; /* 「」 */
  case 0x300E: return 0x300F; /* 『』 */
  case 0x3010: return 0x3011; /* 【】 */
  case 0x3014: return 0x3015; /* 〔〕 */
  case 0x3008: return 0x3009; /* 〈〉 */
  case 0x3016: return 0x3017; /* 〖〗 */
  case 0xFF3B: return 0xFF3D; /* ［］ */
  case 0x201C: return 0x201D; /* “” */
  case 0x2018: return 0x2019; /* ‘’ */
  default: return 0;
  }
}

typedef struct {
  const gunichar *c;
  int n;
  unsigned char *nb;
  const double *x; /* x[i]: estimated advance of characters 0 .. i-1 */
  double limit;
  const PangoLogAttr *la; /* Pango's own break opportunities (n + 1) */
} word_ctx;

/* Positions Pango does not break at by itself (UAX #14: inside a Latin
 * word or number, around quotation marks) count as joined when measuring a
 * piece: kept whole, they would overflow the line with it. */
static int joined(const word_ctx *w, int i) { return w->nb[i] || (w->la && !w->la[i].is_line_break); }

/* Forbid the breaks before characters a+1 .. b-1 when the unbreakable
 * piece that makes fits the line; returns whether it did. */
static int keep_whole(word_ctx *w, int a, int b) {
  if (a < 0) a = 0;
  if (b > w->n) b = w->n;
  if (b - a < 2) return 0;
  int l = a, r = b;
  while (l > 0 && joined(w, l)) l--;
  while (r < w->n && joined(w, r)) r++;
  if (w->x[r] - w->x[l] > w->limit) return 0;
  for (int i = a + 1; i < b; i++) w->nb[i] = 1;
  return 1;
}

static int is_punct_like(gunichar c) {
  return !is_word_char(c) && !is_ascii_alnum(c) && !g_unichar_isalnum(c);
}

/* Estimated advance in em: CJK one em; Latin letters and digits at most
 * what the bundled faces give them (digits 0.555 regular, 0.59 bold). */
static double est_advance(gunichar c) {
  if (c >= 0x80) return 1.0; /* CJK, and ambiguous-width marks (“ ” — … ·) full-width in CJK faces */
  if (c == ' ') return 0.35;
  if (c == '.' || c == ',') return 0.33;
  if (c == ':' || c == ';' || c == '\'' || c == '!' || c == '|') return 0.36;
  if (c == '(' || c == ')' || c == '[' || c == ']' || c == '-' || c == '/') return 0.44;
  if (c == '%' || c == '@' || c == 'm' || c == 'w' || c == 'W' || c == 'M') return 0.97;
  if (c >= 'A' && c <= 'Z') return 0.76;
  return c >= '0' && c <= '9' ? 0.6 : 0.62; /* digits 0.555 (bold 0.59), most lower case */
}

static int is_hangul(gunichar c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}

/* Korean is written in words separated by spaces (어절), and a line breaks
 * at those spaces, not between the syllables of a word (늘었 / 습니다) —
 * CSS's word-break: keep-all, what Korean reports and newspapers do.  A
 * word wider than the line still breaks (keep_whole only keeps what fits). */
static void keep_korean_words(word_ctx *w) {
  for (int s = 0; s < w->n;) {
    while (s < w->n && g_unichar_isspace(w->c[s])) s++;
    int e = s, hangul = 0;
    while (e < w->n && !g_unichar_isspace(w->c[e])) hangul |= is_hangul(w->c[e++]);
    if (hangul) keep_whole(w, s, e);
    s = e;
  }
}

void text_breaks_mark_words(const gunichar *c, int n, const PangoLogAttr *la, const text_style *st, double width,
                            unsigned char *nb) {
  double size = st->size;
  if (n < 2 || width <= 0 || size <= 0) return;
  const char *lang = st->lang;
  double ls = st->letter_spacing > 0 ? st->letter_spacing : 0;
  double *x = g_new(double, (size_t)n + 1);
  x[0] = 0;
  for (int i = 0; i < n; i++) {
    double a = est_advance(c[i]) * size;
    if (st->autospace && i > 0 && ((is_ascii_alnum(c[i]) && c[i - 1] >= 0x2E80) || (is_ascii_alnum(c[i - 1]) && c[i] >= 0x2E80)))
      a += 0.25 * size; /* 盘古之白: between CJK and Latin letters or digits */
    x[i + 1] = x[i] + a + ls;
  }
  word_ctx w = {c, n, nb, x, width + 0.25, la};
  if (lang && !g_ascii_strncasecmp(lang, "ko", 2) && (!lang[2] || lang[2] == '-' || lang[2] == '_')) keep_korean_words(&w);

  /* 孤字: the last two characters (letters, digits, ideographs, kana) stay
   * together; trailing punctuation already stays with the last one. */
  int last = n - 1;
  while (last > 0 && is_punct_like(c[last])) last--;
  if (last > 0 && !is_punct_like(c[last - 1]) && !g_unichar_isspace(c[last - 1]) && !is_ascii_alnum(c[last]))
    keep_whole(&w, last - 1, last + 1);

  if (n <= WORDS_LABEL_MAX) {
    /* A label of up to 4 characters (主要指标, 护理型) is one term. */
    if (n <= WORDS_MAX) keep_whole(&w, 0, n);
    /* Number ranges: 2012—2019, 2012年至2019年 (the number rules keep 年). */
    for (int i = 0; i < n; i++) {
      if (!is_digit(c[i]) || (i > 0 && is_digit(c[i - 1]))) continue;
      int j = i;
      while (j < n && (is_digit(c[j]) || ((c[j] == '.' || c[j] == ',') && j + 1 < n && is_digit(c[j + 1])))) j++;
      int k = j;
      if (k < n && is_han(c[k]) && nb[k] && k + 1 < n && is_range_dash(c[k + 1])) k++; /* 2012年— */
      if (k < n && is_range_dash(c[k])) {
        int m = k + 1;
        while (m < n && c[m] == c[k] && c[k] == 0x2014) m++; /* —— */
        if (m < n && is_digit(c[m])) {
          while (m < n && (is_digit(c[m]) || ((c[m] == '.' || c[m] == ',') && m + 1 < n && is_digit(c[m + 1]))))
            m++;
          if (!keep_whole(&w, i, m) && k == j) keep_whole(&w, k - 1, k + 1); /* at least not —2019 at a line start */
        }
      }
    }
    /* Dictionary words, then one-character words joined to a neighbour. */
    unsigned char *wb = g_malloc((size_t)n + 1);
    if (text_words_bounds(c, n, lang, wb)) {
      for (int s = 0; s < n;) {
        int e = s + 1;
        while (e < n && !wb[e]) e++;
        int cjk = 1;
        for (int i = s; i < e && cjk; i++) cjk = is_word_char(c[i]);
        if (cjk && e - s >= 2 && e - s <= WORDS_MAX) keep_whole(&w, s, e);
        s = e;
      }
      /* Bracketed terms: （经营）, 《条例》, with their brackets. */
      for (int i = 0; i < n; i++) {
        gunichar close = closing_of(c[i]);
        if (!close) continue;
        int j = i + 1;
        while (j < n && j - i - 1 <= BRACKET_MAX && c[j] != close && !closing_of(c[j])) j++;
        if (j < n && c[j] == close && j - i - 1 <= BRACKET_MAX) keep_whole(&w, i, j + 1);
      }
      int us = -1, ue = -1, lone = 0; /* the unit being joined; lone: one character that may join forward */
      for (int s = 0; s < n;) {
        int e = s + 1;
        while (e < n && !wb[e]) e++;
        int len = e - s, cjk = 1, hira = 1;
        for (int i = s; i < e; i++) {
          cjk = cjk && is_word_char(c[i]);
          hira = hira && is_hira(c[i]);
        }
        if (!cjk) {
          /* 近80万名: a leaning character stays with the number after it. */
          if (lone && us >= 0 && ue == s && leans_forward(c[us]) && is_digit(c[s])) keep_whole(&w, us, s + 1);
          us = -1;
          lone = 0;
        } else if (len == 1 && is_han(c[s]) && stands_alone(c[s])) {
          us = -1;
          lone = 0;
        } else if (len == 1 && is_han(c[s]) && leans_forward(c[s])) {
          us = s;
          ue = e;
          lone = 1;
        } else if (us >= 0 && ue == s && ue - us + len <= (hira ? WORDS_MAX + 2 : WORDS_MAX) &&
                   ((len == 1 && is_han(c[s])) || hira || lone)) {
          /* a suffix or particle joins the unit before; a lone character the word after it */
          keep_whole(&w, us, e);
          ue = e;
          lone = 0;
        } else {
          us = s;
          ue = e;
          lone = len == 1 && !hira; /* a particle never leans on the word after it */
        }
        s = e;
      }
    }
    g_free(wb);
  }
  g_free(x);
}

void text_breaks_apply(const char *text, PangoAttrList *attrs) { text_breaks_apply_style(text, attrs, NULL, 0, 0); }

/* How far over the width a text's estimate may be and the text still be
 * tried on one line first (text_breaks_apply_style's defer): CJK is set at
 * the estimate, digits and Latin narrower. */
#define DEFER_OVER 1.15

int text_breaks_apply_style(const char *text, PangoAttrList *attrs, const text_style *st, double width, int defer) {
  gunichar *c;
  int *off;
  int n = decode(text, &c, &off);
  if (n < 2) {
    g_free(c);
    g_free(off);
    return 0;
  }
  unsigned char *nb = g_malloc((size_t)n + 1);
  text_breaks_mark(c, n, nb);
  int deferred = 0;
  if (st && width > 0 && st->size > 0) {
    /* Most labels fit their line: nothing to do (the estimate is at or
     * over the real width, so a text that may wrap is never skipped for
     * want of width; markup that enlarges text is not seen). */
    double est = 0, limit = defer ? width * DEFER_OVER : width;
    for (int i = 0; i < n && est <= limit; i++) est += est_advance(c[i]) * st->size + fabs(st->letter_spacing);
    deferred = est > width && est <= limit;
    if (est > width && !deferred) {
      /* Pango's own break opportunities; for body text only its tail
       * matters (the 孤字 rule), the rest counted as breakable. */
      int from = n <= WORDS_LABEL_MAX ? 0 : n - 16;
      PangoLogAttr *la = g_new0(PangoLogAttr, (size_t)n + 1);
      for (int i = 0; i < from; i++) la[i].is_line_break = 1;
      pango_get_log_attrs(text + off[from], off[n] - off[from], -1,
                          pango_language_from_string(st->lang ? st->lang : "zh-CN"), la + from, n - from + 1);
      if (from > 0) la[from].is_line_break = 1;
      text_breaks_mark_words(c, n, la, st, width, nb);
      g_free(la);
    }
  }
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
  return deferred;
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
