/* Kinsoku over a corpus: every sentence of tests/data/cjk-corpus.txt (taken
 * from the seed report) laid out at several widths; no line may start with
 * closing punctuation or a small kana, none may end with an opening
 * bracket, and no number is split from its unit. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"
#include "text/text.h"

/* The rules, written out independently of src/text/text_breaks.c. */
static const char *const NO_START[] = {"，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "】", "〕",
                                       "〉", "…", "ー", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ",
                                       "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", ",",
                                       ".",  ";",  ":",  "!",  "?",  ")",  "]",  "}",  "%",  "‰",  "℃",  "”",  "·"};
static const char *const NO_END[] = {"（", "《", "「", "『", "【", "〔", "〈", "(", "[", "{", "“"};

static int starts_with_any(const char *s, const char *const *set, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strncmp(s, set[i], strlen(set[i]))) return 1;
  return 0;
}

static int is_digit(gunichar c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
static int is_han(gunichar c) { return c >= 0x4E00 && c <= 0x9FFF; }

static int failures_shown;

static void fail(const char *what, const char *text, const text_box *b, int li, double width) {
  testing_failures++;
  if (failures_shown++ > 20) return;
  fprintf(stderr, "width %.0f: %s at line %d of: %s\n  lines:", width, what, li + 1, text);
  for (int i = 0; i < b->nlines; i++) fprintf(stderr, " [%.*s]", b->lines[i].len, b->text + b->lines[i].start);
  fprintf(stderr, "\n");
}

/* The last character (not a newline) before byte `at`. */
static gunichar char_before(const char *s, int at, int *pos) {
  const char *p = g_utf8_find_prev_char(s, s + at);
  if (pos) *pos = p ? (int)(p - s) : -1;
  return p ? g_utf8_get_char(p) : 0;
}

static void check_box(const char *text, const text_box *b, double width, int *nbreaks) {
  const char *s = b->text;
  testing_checks++;
  /* The lines cover the text, in order. */
  int at = 0;
  for (int i = 0; i < b->nlines; i++) {
    if (b->lines[i].start != at) fail("lines do not cover the text", text, b, i, width);
    at = b->lines[i].start + b->lines[i].len;
  }
  if (at != (int)strlen(s)) fail("lines do not cover the text", text, b, b->nlines - 1, width);
  for (int i = 0; i < b->nlines; i++) {
    const text_line *ln = &b->lines[i];
    if (ln->width > width + 0.5) fail("line wider than the box", text, b, i, width);
    if (i == 0) continue;
    (*nbreaks)++;
    const char *start = s + ln->start;
    if (starts_with_any(start, NO_START, sizeof NO_START / sizeof NO_START[0]))
      fail("line starts with a closing mark", text, b, i, width);
    int p1, p2;
    gunichar last = char_before(s, ln->start, &p1);
    char lastbuf[8] = {0};
    g_unichar_to_utf8(last, lastbuf);
    if (starts_with_any(lastbuf, NO_END, sizeof NO_END / sizeof NO_END[0]))
      fail("previous line ends with an opening bracket", text, b, i - 1, width);
    gunichar first = g_utf8_get_char(start);
    gunichar last2 = p1 > 0 ? char_before(s, p1, &p2) : 0;
    if (is_digit(last) && (is_digit(first) || is_han(first) || first == '%' || first == '.'))
      fail("number split from its unit", text, b, i, width);
    if (last == '.' && is_digit(last2) && is_digit(first)) fail("decimal number split", text, b, i, width);
    if ((last == 0x4E07 || last == 0x4EBF) && is_digit(last2) && is_han(first))
      fail("number with 万/亿 split from its measure word", text, b, i, width);
  }
}

int main(void) {
  char err[256];
  text_engine *e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/data/cjk-corpus.txt", HUITU_SOURCE_DIR);
  gchar *corpus = NULL;
  if (!g_file_get_contents(path, &corpus, NULL, NULL)) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }
  gchar **sent = g_strsplit(corpus, "\n", -1);
  int nsent = 0, nbreaks = 0, nlines = 0;
  static const double widths[] = {120, 180, 260, 400};
  static const char *const langs[] = {"zh-CN", "zh-TW"};
  for (int k = 0; sent[k]; k++) {
    if (!*sent[k]) continue;
    CHECK(strstr(sent[k], "澳门上葡京") == NULL);
    nsent++;
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
      for (int l = 0; l < 2; l++) {
        text_style st = {.lang = langs[l], .size = 18, .weight = 400, .color = 0xff};
        st.autospace = l; /* autospace must not change the breaks' rules */
        const text_box *b = text_layout(e, sent[k], &st, widths[w], 0, (src_loc){0}, NULL);
        check_box(sent[k], b, widths[w], &nbreaks);
        nlines += b->nlines;
      }
  }
  CHECK(nsent >= 200);
  printf("corpus: %d sentences, %d lines, %d line breaks checked\n", nsent, nlines, nbreaks);

  /* Targeted cases: each of these must keep its pieces together. */
  static const struct {
    const char *text, *together;
  } keep[] = {
      {"全市低保标准由2012年每人每月500元提高至995元，年均增幅9.01%；", "2012年"},
      {"全市低保标准由2012年每人每月500元提高至995元，年均增幅9.01%；", "9.01%；"},
      {"累计投入社会救助各类资金125.3亿元，惠及近80万名困难群体。", "125.3亿元，"},
      {"累计投入社会救助各类资金125.3亿元，惠及近80万名困难群体。", "80万名"},
      {"共建成居家养老服务中心85055张床位的新型社会化养老体系。", "85055张"},
      {"新人结婚领证全程办理只需6分钟，便民高效。", "6分钟，"},
      {"ラーメンとチャーハンを食べました。キャッシュカードです。", "ラー"},
      {"ラーメンとチャーハンを食べました。キャッシュカードです。", "キャッ"},
      {"彼は「はい」と言った。それから（たぶん）帰った。", "「は"},
      {"彼は「はい」と言った。それから（たぶん）帰った。", "い」"},
      {"彼は「はい」と言った。それから（たぶん）帰った。", "（た"},
      {"The quick brown fox 跳过了 lazy dogs 和 internationalization。", "internationalization。"},
  };
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
    /* Wide enough for the longest word (a word wider than the line must break). */
    for (double w = strstr(keep[i].text, "international") ? 180 : 30; w <= 200; w += 7) {
      text_style st = {.lang = "ja", .size = 16, .weight = 400, .color = 0xff};
      if (!strstr(keep[i].text, "ー") && !strstr(keep[i].text, "「")) st.lang = "zh-CN";
      const text_box *b = text_layout(e, keep[i].text, &st, w, 0, (src_loc){0}, NULL);
      const char *at = strstr(b->text, keep[i].together);
      int a = (int)(at - b->text), z = a + (int)strlen(keep[i].together);
      for (int li = 1; li < b->nlines; li++) {
        int s = b->lines[li].start;
        testing_checks++;
        if (s > a && s < z) {
          fail("a piece that belongs together was split", keep[i].text, b, li, w);
          fprintf(stderr, "  piece: %s\n", keep[i].together);
          break;
        }
      }
    }
  }
  g_strfreev(sent);
  g_free(corpus);
  text_engine_free(e);
  return testing_done("test_text_breaks");
}
