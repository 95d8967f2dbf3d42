/* Text engine: autospace, punctuation compression, vertical metrics,
 * shrink-to-fit, ellipsis, and which font draws what. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"
#include "text/text.h"

static text_engine *e;

static text_style style(const char *lang, double size) {
  text_style st = {0};
  st.lang = lang;
  st.size = size;
  st.weight = 400;
  st.color = 0x000000ff;
  return st;
}

static const text_box *lay(const char *s, const text_style *st, double w, int max_lines) {
  return text_layout(e, s, st, w, max_lines, (src_loc){0}, NULL);
}

/* x of the glyph drawing the character at byte offset `at` (first glyph of
 * the run that starts there or contains it, by order). */
static double glyph_x_at(const text_box *b, int at) {
  for (int r = 0; r < b->nruns; r++) {
    const text_run *run = &b->runs[r];
    if (at >= run->start && at < run->start + run->len) {
      /* Count characters from the run's start. */
      int k = 0;
      for (int i = run->start; i < at; i++)
        if (((unsigned char)b->text[i] & 0xc0) != 0x80) k++;
      return k < run->n ? run->glyphs[k].x : NAN;
    }
  }
  return NAN;
}

static void test_autospace(void) {
  text_style st = style("zh-CN", 20);
  const text_box *plain = lay("共2019年有GDP数据", &st, 0, 0);
  st.autospace = 1;
  const text_box *sp = lay("共2019年有GDP数据", &st, 0, 0);
  CHECK_STR(sp->text, "共2019年有GDP数据"); /* the string is unchanged */
  /* Four boundaries (共|2, 9|年, 有|G, P|数), a quarter em (5px) each. */
  CHECK_NEAR(sp->width - plain->width, 4 * 5.0, 0.02);
  /* Each gap is a whole quarter em at the boundary, none elsewhere. */
  CHECK_NEAR(glyph_x_at(sp, 3) - glyph_x_at(plain, 3), 5.0, 0.02);    /* "2" */
  CHECK_NEAR(glyph_x_at(sp, 4) - glyph_x_at(plain, 4), 5.0, 0.02);    /* "0" */
  CHECK_NEAR(glyph_x_at(sp, 6) - glyph_x_at(plain, 6), 5.0, 0.02);    /* "9": no gap inside the number */
  CHECK_NEAR(glyph_x_at(sp, 7) - glyph_x_at(plain, 7), 10.0, 0.02);   /* "年" */
  CHECK_NEAR(glyph_x_at(sp, 10) - glyph_x_at(plain, 10), 10.0, 0.02); /* "有" */
  CHECK_NEAR(glyph_x_at(sp, 13) - glyph_x_at(plain, 13), 15.0, 0.02); /* "G" */
  CHECK_NEAR(glyph_x_at(sp, 16) - glyph_x_at(plain, 16), 20.0, 0.02); /* "数" */
  /* The spaced character starting a line still gets its whole gap. */
  const text_box *w = lay("中文中文和A", &st, 85, 0); /* 和: a word of its own (中文中 would be kept whole) */
  CHECK(w->nlines == 2);
  if (w->nlines == 2) {
    int s1 = w->lines[1].start;
    CHECK_STR(w->text + s1, "和A");
    CHECK_NEAR(glyph_x_at(w, s1 + 3) - glyph_x_at(w, s1), 20 + 5.0, 0.02);
  }
  /* CJK next to CJK, Latin next to Latin: nothing. */
  st.autospace = 1;
  const text_box *a = lay("中文abc", &st, 0, 0);
  st.autospace = 0;
  const text_box *b = lay("中文abc", &st, 0, 0);
  CHECK_NEAR(a->width - b->width, 5.0, 0.02);
}

static void test_punctuation(void) {
  text_style st = style("zh-CN", 20);
  st.punctuation = TEXT_PUNCT_NONE;
  const text_box *full = lay("他说：「你好」。", &st, 0, 0);
  st.punctuation = TEXT_PUNCT_AUTO;
  const text_box *comp = lay("他说：「你好」。", &st, 0, 0);
  CHECK_STR(comp->text, "他说：「你好」。");
  CHECK_NEAR(full->width, 8 * 20.0, 0.01);
  /* Two adjacent pairs (：「 and 」。), half an em saved on each. */
  CHECK_NEAR(full->width - comp->width, 2 * 10.0, 0.01);
  /* A lone mark keeps its full em. */
  const text_box *lone = lay("你好，世界", &st, 0, 0);
  CHECK_NEAR(lone->width, 5 * 20.0, 0.01);
  /* compress: a closing mark at a line end is set half-width too. */
  st.punctuation = TEXT_PUNCT_COMPRESS;
  st.align = TEXT_RIGHT;
  const text_box *c2 = lay("一二三四五，六七八九十", &st, 125, 0);
  CHECK(c2->nlines == 2);
  if (REQUIRED(c2->nlines == 2)) CHECK_NEAR(c2->lines[0].width, 5 * 20.0 + 10.0, 0.01);
}

static void test_vertical(void) {
  text_style st = style("zh-CN", 20);
  st.vertical = 1;
  const text_box *v = lay("人数万人", &st, 0, 0);
  text_style hs = style("zh-CN", 20);
  const text_box *h = lay("人数万人", &hs, 0, 0);
  CHECK(v->vertical);
  CHECK(v->nlines == 1);
  /* Column length = the sum of vertical advances (one em each); the column
   * is as wide as a horizontal line is tall. */
  CHECK_NEAR(v->height, 4 * 20.0, 0.01);
  CHECK_NEAR(v->width, h->height, 0.5);
  /* Upright characters stacked: same x, y one em apart, in order. */
  CHECK(v->nruns >= 1);
  const text_run *r = &v->runs[0];
  CHECK(r->n == 4);
  for (int i = 1; i < r->n; i++) {
    CHECK_NEAR(r->glyphs[i].x, r->glyphs[0].x, 0.01);
    CHECK_NEAR(r->glyphs[i].y - r->glyphs[i - 1].y, 20.0, 0.01);
  }
  /* The ink is inside the box and centred across the column. */
  CHECK(v->ink_x >= -0.5 && v->ink_x + v->ink_w <= v->width + 0.5);
  CHECK(v->ink_y >= -0.5 && v->ink_y + v->ink_h <= v->height + 0.5);
  CHECK_NEAR(v->ink_x + v->ink_w / 2, v->width / 2, 2.0);
  CHECK_NEAR(v->lines[0].x, v->width / 2, 2.0);
  /* Wrapped: columns of at most 100px, stacked right to left. */
  const text_box *p = lay("党的十八大以来，奋勇争先的苏州民政人深学笃用新思想。", &st, 100, 0);
  CHECK(p->nlines >= 5);
  CHECK(p->height <= 100.5);
  for (int i = 1; i < p->nlines; i++) CHECK(p->lines[i].x < p->lines[i - 1].x);
  CHECK_NEAR(p->width, p->nlines * v->width, 1.0);
  /* Vertical forms: "，" in vertical text is another glyph (vert). */
  text_style hs2 = style("zh-CN", 20);
  const text_box *hc = lay("，", &hs2, 0, 0);
  const text_box *vc = lay("，", &st, 0, 0);
  CHECK(hc->nruns == 1 && vc->nruns == 1 && hc->runs[0].n == 1 && vc->runs[0].n == 1);
  if (REQUIRED(hc->nruns == 1 && vc->nruns == 1)) CHECK(hc->runs[0].glyphs[0].id != vc->runs[0].glyphs[0].id);
  /* Latin inside vertical text is turned, its em box centred on the column. */
  const text_box *lat = lay("GDP增长", &st, 0, 0);
  CHECK(lat->ink_x >= -0.5 && lat->ink_x + lat->ink_w <= lat->width + 0.5);
  CHECK_NEAR(lat->ink_x + lat->ink_w / 2, lat->width / 2, 3.0);
  /* The axis-title helper: one column, no wrapping. */
  const text_box *lab = text_layout_vertical_label(e, "人口（万人）", &hs, (src_loc){0}, NULL);
  CHECK(lab->vertical && lab->nlines == 1);
  CHECK(lab->height > lab->width * 3);
}

static void test_fit(void) {
  const char *s = "累计投入社会救助各类资金125.3亿元，惠及近80万名困难群体。";
  text_style st = style("zh-CN", 99);
  double size = 0;
  int fits = 0;
  const text_box *b = text_fit(e, s, &st, 200, 80, 8, 40, 0, (src_loc){0}, NULL, &size, &fits);
  CHECK(fits);
  CHECK(size > 8 && size < 40);
  CHECK(b->width <= 200.01 && b->height <= 80.01);
  /* The largest: an eighth of a pixel more does not fit. */
  st.size = size + 0.125;
  const text_box *big = lay(s, &st, 200, 0);
  CHECK(big->width > 200.01 || big->height > 80.01);
  /* Room for the maximum: the maximum. */
  text_fit(e, "短", &st, 200, 80, 8, 40, 0, (src_loc){0}, NULL, &size, &fits);
  CHECK(fits);
  CHECK_NEAR(size, 40, 1e-9);
  /* No room even at the minimum: the minimum, and fits = 0. */
  text_fit(e, s, &st, 30, 10, 8, 40, 0, (src_loc){0}, NULL, &size, &fits);
  CHECK(!fits);
  CHECK_NEAR(size, 8, 1e-9);
  /* Vertical: width is the stack of columns, height the column length. */
  st.vertical = 1;
  b = text_fit(e, s, &st, 60, 200, 8, 40, 0, (src_loc){0}, NULL, &size, &fits);
  CHECK(fits && b->vertical);
  CHECK(b->width <= 60.01 && b->height <= 200.01);
}

static void test_ellipsis(void) {
  text_style st = style("zh-CN", 18);
  const char *s = "党的十八大以来，奋勇争先的苏州民政人，深学笃用习近平新时代中国特色社会主义思想，全面落实上级民政部门和市委市政府部署。";
  const text_box *b = lay(s, &st, 180, 2);
  CHECK(b->nlines == 2);
  CHECK(b->ellipsized);
  CHECK(b->width <= 180.01);
  /* The last line ends with the ellipsis glyph (its run covers the cut text). */
  const text_box *ell = lay("…", &st, 0, 0);
  const text_run *last = &b->runs[b->nruns - 1];
  CHECK(last->n >= 1 && ell->runs[0].n == 1);
  if (REQUIRED(last->n >= 1)) CHECK(last->glyphs[last->n - 1].id == ell->runs[0].glyphs[0].id);
  /* The first line still obeys kinsoku. */
  CHECK(strncmp(b->text + b->lines[1].start, "，", 3) != 0);
  const text_box *one = lay(s, &st, 0, 1);
  CHECK(one->nlines == 1 && !one->ellipsized); /* no width: nothing to cut */
}

typedef struct report_acc {
  int n, primary, fallback, missing;
  char fam[64];
} report_acc;

static void on_char(void *ud, uint32_t ch, const char *lang, const char *family, const char *file,
                    text_font_status status) {
  report_acc *a = ud;
  a->n++;
  if (status == TEXT_FONT_PRIMARY) a->primary++;
  if (status == TEXT_FONT_FALLBACK) a->fallback++;
  if (status == TEXT_FONT_MISSING) a->missing++;
  if (family && !a->fam[0]) snprintf(a->fam, sizeof a->fam, "%s", family);
}

static void test_font_report(void) {
  report_acc a = {0};
  int bad = text_font_report(e, "中文中文abc 123。", "zh-CN", on_char, &a);
  CHECK(bad == 0);
  CHECK(a.n == 9); /* 中 文 a b c 1 2 3 。 (space not listed; repeats once) */
  CHECK(a.primary == 9);
  CHECK_STR(a.fam, "Huitu Sans SC");
  /* A private-use character no font has: missing. */
  report_acc m = {0};
  bad = text_font_report(e, "中\xf3\xb0\x80\x80", "zh-CN", on_char, &m);
  CHECK(bad == 1 && m.missing == 1);
  /* And text_layout reports it as an error at the location. */
  diag_list d = {0};
  text_style st = style("zh-CN", 16);
  text_layout(e, "中\xf3\xb0\x80\x80", &st, 0, 0, (src_loc){"x.yaml", 7, 3}, &d);
  CHECK(d.errors == 1);
  if (d.n) {
    CHECK(d.items[0].loc.line == 7 && d.items[0].loc.col == 3);
    CHECK(strstr(d.items[0].message, "U+F0000") != NULL);
  }
  diag_clear(&d);
  /* The census sees everything laid out after it starts. */
  text_engine_census_start(e);
  lay("甲乙", &st, 0, 0);
  lay("乙丙", &st, 0, 0);
  report_acc c = {0};
  text_engine_census_report(e, on_char, &c);
  CHECK(c.n == 3);
  text_engine_census_stop(e);
  report_acc c2 = {0};
  CHECK(text_engine_census_report(e, on_char, &c2) == 0 && c2.n == 0);
}

/* A style's own family comes first; the lang's families cover the rest,
 * with no fallback warning.  An unknown family is "not available". */
static void test_family(void) {
  CHECK(text_family_available(e, "Huitu Sans SC"));
  CHECK(text_family_available(e, "huitu sans sc")); /* case-insensitive */
  CHECK(text_family_available(e, "sans-serif"));
  CHECK(!text_family_available(e, "No Such Font 7f3a"));
  CHECK(!text_family_available(e, ""));
  text_style st = style("zh-CN", 16);
  diag_list d = {0};
  const text_box *plain = text_layout(e, "中文 abc", &st, 0, 0, (src_loc){"x.yaml", 1, 1}, &d);
  st.family = "No Such Font 7f3a";
  const text_box *b = text_layout(e, "中文 abc", &st, 0, 0, (src_loc){"x.yaml", 1, 1}, &d);
  CHECK(d.n == 0); /* the lang's families draw it: not a fallback */
  CHECK(b && plain && b != plain && b->nruns > 0 && !strcmp(text_font_family(b->runs[0].font), "Huitu Sans SC"));
  if (text_family_available(e, "DejaVu Serif")) { /* Debian's fonts-dejavu-core, when installed */
    st.family = "DejaVu Serif";
    b = text_layout(e, "abc 中文", &st, 0, 0, (src_loc){"x.yaml", 1, 1}, &d);
    CHECK(d.n == 0);
    CHECK(b && b->nruns >= 2);
    if (b && b->nruns >= 2) {
      CHECK_STR(text_font_family(b->runs[0].font), "DejaVu Serif"); /* abc in the family asked for */
      CHECK_STR(text_font_family(b->runs[b->nruns - 1].font), "Huitu Sans SC"); /* 中文 from the lang's */
    }
  }
  diag_clear(&d);
  /* resolved to the name glyph runs carry; a generic by the lang */
  char got[256];
  CHECK(text_family_resolve(e, "huitu sans sc", NULL, got, sizeof got) == 1);
  CHECK_STR(got, "Huitu Sans SC");
  CHECK(text_family_resolve(e, "No Such Font 7f3a", NULL, got, sizeof got) == 0 && got[0] == 0);
  if (text_family_available(e, "Noto Serif CJK SC")) {
    CHECK(text_family_resolve(e, "serif", "zh-CN", got, sizeof got) == 1);
    CHECK_STR(got, "Noto Serif CJK SC");
  }
  text_lang_family(e, "zh-CN", got, sizeof got);
  CHECK_STR(got, "Huitu Sans SC");
}

/* A fresh engine lays out with the bundled fonts only and moves to every
 * font the first time a text needs more (fonts.c's two tiers): the fonts it
 * handed out before stay the ones it hands out after, and so do their ids
 * (an SVG's glyph defs and a PDF's subsets are keyed by them). */
static void test_tiers(void) {
  char err[256];
  text_engine *t = text_engine_new(NULL, err, sizeof err);
  REQUIRED(t != NULL);
  text_style st = style("zh-CN", 20);
  const text_box *a = text_layout(t, "苏州 2019", &st, 0, 0, (src_loc){0}, NULL);
  REQUIRED(a && a->nruns == 1);
  const text_font *f = a->runs[0].font;
  CHECK_STR(text_font_family(f), "Huitu Sans SC");
  /* ♫ is not in the bundle: a system font draws it (or none does) */
  const text_box *b = text_layout(t, "苏州♫", &st, 0, 0, (src_loc){0}, NULL);
  REQUIRED(b && b->nruns >= 1);
  CHECK(b->runs[0].font == f);
  CHECK(text_font_id(b->runs[0].font) == text_font_id(f));
  CHECK(b->missing_char == 0x266B || (b->fallback_char == 0x266B && b->nruns == 2));
  /* after the move: the same box as a bundled engine lays out */
  const text_box *c = text_layout(t, "州苏 2019", &st, 300, 0, (src_loc){0}, NULL);
  REQUIRED(c && c->nruns == 1);
  CHECK(c->runs[0].font == f);
  CHECK_NEAR(c->width, a->width, 1e-9);
  st.weight = 700; /* a face not interned before the move: a new font */
  const text_box *d = text_layout(t, "苏州 2019", &st, 0, 0, (src_loc){0}, NULL);
  REQUIRED(d && d->nruns == 1);
  CHECK(d->runs[0].font != f && text_font_id(d->runs[0].font) == text_font_id(f) + 1 + (b->nruns - 1));
  text_engine_free(t);
}

int main(void) {
  char err[256];
  test_tiers();
  e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  test_autospace();
  test_punctuation();
  test_vertical();
  test_fit();
  test_ellipsis();
  test_font_report();
  test_family();
  text_engine_free(e);
  return testing_done("test_text");
}
