/* Word-aware breaking over a corpus: every title/label of
 * tests/cjk/labels.txt (304 phrases of the seed report, extracted once by
 * tests/cjk/extract_labels.py) laid out at several widths.  Written out
 * independently of src/text/text_breaks.c, with ICU's word iterator:
 *   - no line break inside a dictionary word of up to 4 characters where
 *     the word could have been kept whole (the unbreakable piece around it,
 *     with its kinsoku neighbours, number and Pango's own non-breaks, fits
 *     the line, measured by laying it out);
 *   - no one-character last line;
 *   - kinsoku still holds (no closing mark starts a line, no opening one
 *     ends it);
 * and the examples of issue 17 come out as a Chinese editor breaks them. */
#include <glib.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"
#include "text/text.h"
#include "text/text_words.h"

static const char *const NO_START[] = {"，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "】",
                                       "〕", "〉", "…", ",", ".", ";", ":", "!", "?", ")", "]", "%", "”", "·"};
static const char *const NO_END[] = {"（", "《", "「", "『", "【", "〔", "〈", "(", "[", "“"};

static int in_list(gunichar c, const char *const *set, size_t n) {
  char b[8] = {0};
  g_unichar_to_utf8(c, b);
  for (size_t i = 0; i < n; i++)
    if (!strcmp(b, set[i])) return 1;
  return 0;
}
static int no_start(gunichar c) { return in_list(c, NO_START, sizeof NO_START / sizeof NO_START[0]); }
static int no_end(gunichar c) { return in_list(c, NO_END, sizeof NO_END / sizeof NO_END[0]); }
static int is_han_kana(gunichar c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3041 && c <= 0x30FF);
}
static int is_digit(gunichar c) { return c >= '0' && c <= '9'; }
static int is_magnitude(gunichar c) { return c == 0x4E07 /* 万 */ || c == 0x4EBF /* 亿 */; }

/* ICU's word boundaries (wb[i] = 1 before character i), through the
 * library's thin wrapper of ubrk (it opens libicuuc): the rules checked
 * here are written out independently, the segmenter is ICU's. */
static void words(const gunichar *c, int n, unsigned char *wb) { CHECK(text_words_bounds(c, n, "zh-CN", wb)); }

static text_engine *e;
static int shown;
static void show(const char *what, const text_box *b, double width) {
  if (shown++ > 25) return;
  fprintf(stderr, "width %.0f: %s:", width, what);
  for (int i = 0; i < b->nlines; i++) fprintf(stderr, " [%.*s]", b->lines[i].len, b->text + b->lines[i].start);
  fprintf(stderr, "\n");
}

/* Width of characters [a, b) set on their own. */
static double piece_width(const gunichar *c, int a, int b, const text_style *st) {
  GString *s = g_string_new(NULL);
  for (int i = a; i < b; i++) g_string_append_unichar(s, c[i]);
  double w = text_layout(e, s->str, st, 0, 0, (src_loc){0}, NULL)->width;
  g_string_free(s, TRUE);
  return w;
}

/* Whether characters [l, r), with the neighbours no rule lets a line
 * break from (kinsoku, a number and its unit, Pango's own non-breaks
 * around quotation marks and inside Latin words), fit the line. */
static unsigned char *inword; /* inword[i]: i is inside a CJK dictionary word of <= 4 characters */
static int piece_fits(const gunichar *c, int n, const PangoLogAttr *la, int l, int r, const text_style *st,
                      double width) {
  for (;;) {
    int moved = 0;
    if (l > 0 && (!la[l].is_line_break || inword[l] || no_start(c[l]) || no_end(c[l - 1]) ||
                  (is_digit(c[l - 1]) && (is_digit(c[l]) || is_han_kana(c[l]) || c[l] == '.')) ||
                  (c[l - 1] == '.' && is_digit(c[l])) || (l >= 2 && is_magnitude(c[l - 1]) && is_digit(c[l - 2])))) {
      l--;
      moved = 1;
    }
    if (r < n && (!la[r].is_line_break || inword[r] || no_start(c[r]) || no_end(c[r - 1]) ||
                  (is_digit(c[r - 1]) && (is_digit(c[r]) || is_han_kana(c[r]) || c[r] == '.')) ||
                  (c[r - 1] == '.' && is_digit(c[r])) || (r >= 2 && is_magnitude(c[r - 1]) && is_digit(c[r - 2])))) {
      r++;
      moved = 1;
    }
    if (!moved) break;
  }
  return piece_width(c, l, r, st) <= width - 1;
}

typedef struct {
  int texts, layouts, breaks, inside_word, inside_word_kept_possible, one_char_last, kinsoku;
} stats;

static void check(const char *text, const text_style *st, double width, stats *S) {
  glong n;
  gunichar *c = g_utf8_to_ucs4_fast(text, -1, &n);
  unsigned char *wb = g_malloc((size_t)n + 1);
  words(c, (int)n, wb);
  PangoLogAttr *la = g_new0(PangoLogAttr, n + 1);
  pango_get_log_attrs(text, (int)strlen(text), -1, pango_language_from_string(st->lang), la, (int)n + 1);
  const text_box *b = text_layout(e, text, st, width, 0, (src_loc){0}, NULL);
  S->layouts++;
  /* Words next to the piece count as part of it: the question is whether a
   * layout breaking only at word boundaries existed. */
  inword = g_malloc0((size_t)n + 1);
  for (int s0 = 0; s0 < n;) {
    int e0 = s0 + 1;
    while (e0 < n && !wb[e0]) e0++;
    int cjk = 1;
    for (int i = s0; i < e0; i++) cjk = cjk && is_han_kana(c[i]);
    if (cjk && e0 - s0 <= 4)
      for (int i = s0 + 1; i < e0; i++) inword[i] = 1;
    s0 = e0;
  }
  for (int li = 1; li < b->nlines; li++) {
    int p = (int)g_utf8_pointer_to_offset(b->text, b->text + b->lines[li].start); /* break before char p */
    S->breaks++;
    testing_checks++;
    if (no_start(c[p]) || no_end(c[p - 1])) {
      S->kinsoku++;
      testing_failures++;
      show("kinsoku", b, width);
    }
    /* the dictionary word around p */
    int ws = p, we = p;
    while (ws > 0 && !wb[ws]) ws--;
    while (we < n && !wb[we]) we++;
    if (ws == p) continue; /* a word boundary */
    int cjk = 1;
    for (int i = ws; i < we; i++) cjk = cjk && is_han_kana(c[i]);
    if (!cjk || we - ws > 4) continue;
    S->inside_word++;
    /* Could it have been kept whole?  The piece around the word that no
     * rule lets break: kinsoku neighbours, a number and its unit, Pango's
     * own non-breaks (around quotation marks, inside Latin words). */
    testing_checks++;
    if (piece_fits(c, (int)n, la, ws, we, st, width)) {
      S->inside_word_kept_possible++;
      testing_failures++;
      show("break inside a word that fits", b, width);
    }
  }
  /* one-character last line */
  if (b->nlines > 1) {
    const char *s = b->text + b->lines[b->nlines - 1].start;
    int chars = 0;
    for (const char *q = s; q < b->text + b->lines[b->nlines - 1].start + b->lines[b->nlines - 1].len;
         q = g_utf8_next_char(q)) {
      gunichar ch = g_utf8_get_char(q);
      if (g_unichar_isalnum(ch)) chars++;
    }
    /* unavoidable when the last two characters and what holds on to them
     * (17.1万户次 at 3.5 em) do not fit a line */
    int p2 = (int)n - 1, seen = 0;
    while (p2 > 0 && seen < 2) {
      if (g_unichar_isalnum(c[p2]) && ++seen == 2) break;
      p2--;
    }
    testing_checks++;
    if (chars == 1 && piece_fits(c, (int)n, la, p2, (int)n, st, width)) {
      S->one_char_last++;
      testing_failures++;
      show("one-character last line", b, width);
    }
  }
  g_free(inword);
  g_free(la);
  g_free(wb);
  g_free(c);
}

/* The lines of text at width, joined by " / ". */
static const char *lines_of(const char *text, double width, double size) {
  static char out[1024];
  text_style st = {.lang = "zh-CN", .size = size, .weight = 400, .color = 0xff};
  const text_box *b = text_layout(e, text, &st, width, 0, (src_loc){0}, NULL);
  out[0] = 0;
  for (int i = 0; i < b->nlines; i++) {
    if (i) strcat(out, " / ");
    strncat(out, b->text + b->lines[i].start, (size_t)b->lines[i].len);
  }
  return out;
}

/* Never this break (a " / " in bad) at any width from lo to hi em. */
static void never(const char *text, const char *bad, double lo, double hi) {
  for (double w = lo; w <= hi; w += 0.25) {
    const char *got = lines_of(text, w * 16 + 0.5, 16);
    testing_checks++;
    if (strstr(got, bad)) {
      testing_failures++;
      fprintf(stderr, "at %.2f em: %s (has %s)\n", w, got, bad);
      return;
    }
  }
}

int main(void) {
  char err[256];
  e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/cjk/labels.txt", HUITU_SOURCE_DIR);
  gchar *corpus = NULL;
  if (!g_file_get_contents(path, &corpus, NULL, NULL)) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }
  gchar **lab = g_strsplit(corpus, "\n", -1);
  stats S = {0};
  static const double ems[] = {3.5, 5, 6.5, 8, 10, 13};
  for (int k = 0; lab[k]; k++) {
    if (!*lab[k]) continue;
    CHECK(strstr(lab[k], "澳门上葡京") == NULL);
    S.texts++;
    for (size_t w = 0; w < sizeof ems / sizeof ems[0]; w++) {
      text_style st = {.lang = "zh-CN", .size = 18, .weight = 400, .color = 0xff};
      check(lab[k], &st, ems[w] * 18 + 0.5, &S);
      st.weight = 700;
      st.autospace = 1;
      check(lab[k], &st, ems[w] * 18 + 0.5, &S);
    }
  }
  CHECK(S.texts >= 300);
  printf("labels: %d texts, %d layouts, %d line breaks; %d inside a word of <= 4 characters, "
         "%d of them where the word fitted; %d one-character last lines; %d kinsoku violations\n",
         S.texts, S.layouts, S.breaks, S.inside_word, S.inside_word_kept_possible, S.one_char_last, S.kinsoku);

  /* Issue 17's examples. */
  never("十八大以来苏州民政事业发展成就", "发展成 / 就", 3, 16);
  never("十八大以来苏州民政事业发展成就", "民 / 政", 3, 16);
  never("累计投入社会救助资金", "社 / 会", 3, 12);
  never("主要指标", "主要 / 指标", 4, 8);
  never("护理型", "护理 / 型", 3, 8);
  never("护理型床位占比", "护理 / 型", 3, 8);
  never("城乡统筹、标准并轨、同城同标（2012—2019）", "（2012— / 2019）", 8, 30);
  never("城乡统筹、标准并轨、同城同标（2012—2019）", "（2012 / —2019）", 4, 30);
  never("社会力量举办（经营）床位占比", "（经 / 营）", 4, 16);
  never("社会力量举办（经营）床位占比", "占 / 比", 2, 16);
  never("惠及近80万名困难群体", "近 / 80", 5, 12);
  CHECK_STR(lines_of("十八大以来苏州民政事业发展成就", 8 * 16 + 0.5, 16), "十八大以来苏州 / 民政事业发展成就");
  CHECK_STR(lines_of("社会力量举办（经营）床位占比", 10 * 16 + 0.5, 16), "社会力量举办（经营） / 床位占比");
  CHECK_STR(lines_of("累计投入社会救助资金", 6 * 16 + 0.5, 16), "累计投入社会 / 救助资金");
  /* Japanese: a particle stays with the word before it. */
  {
    text_style ja = {.lang = "ja", .size = 16, .weight = 400, .color = 0xff};
    const text_box *j = text_layout(e, "介護保険サービスの利用者数", &ja, 6 * 16 + 0.5, 0, (src_loc){0}, NULL);
    CHECK(j->nlines == 3 && j->lines[1].len == (int)strlen("サービスの"));
  }
  /* Korean breaks at the spaces between words (keep-all), body text too;
   * a word wider than the line still breaks. */
  {
    text_style ko = {.lang = "ko", .size = 16, .weight = 400, .color = 0xff};
    const char *kt = "쑤저우시의 양로 병상은 38487개에서 85055개로 늘었습니다. 지역 사회(社會) 복지. "
                     "쑤저우시의 양로 병상은 38487개에서 85055개로 늘었습니다.";
    for (double wem = 6; wem <= 16; wem += 0.5) {
      const text_box *k = text_layout(e, kt, &ko, wem * 16 + 0.5, 0, (src_loc){0}, NULL);
      CHECK(k->nlines >= 2);
      for (int i = 1; i < k->nlines; i++) {
        const char *at = k->text + k->lines[i].start;
        testing_checks++;
        if (at[-1] != ' ') {
          testing_failures++;
          fprintf(stderr, "ko at %.1f em: line %d starts inside a word: %.*s\n", wem, i, k->lines[i].len, at);
        }
      }
    }
    const text_box *k = text_layout(e, "늘었습니다", &ko, 3 * 16 + 0.5, 0, (src_loc){0}, NULL);
    CHECK(k->nlines == 2 && k->width <= 3 * 16 + 0.5);
  }
  /* A word wider than the line still breaks (no overflow). */
  const text_box *b = text_layout(e, "社会救助", &(text_style){.lang = "zh-CN", .size = 16, .weight = 400}, 33, 0,
                                  (src_loc){0}, NULL);
  CHECK(b->nlines == 2 && b->width <= 33);
  /* Body text (over 40 characters) still breaks between any two characters
   * (clreq): full lines, 累计投入社 / 会救助 at 9 em. */
  const char *body = "全市低保标准由2012年每人每月500元提高至995元，年均增幅9.01%；累计投入社会救助各类资金125.3亿元。";
  CHECK(strstr(lines_of(body, 9 * 16 + 0.5, 16), "社 / 会") != NULL);

  g_strfreev(lab);
  g_free(corpus);
  text_engine_free(e);
  return testing_done("test_text_words");
}
