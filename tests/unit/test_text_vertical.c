/* Vertical text (竖排): the glyphs text_layout() extracts for vertical boxes,
 * checked by their ink as the backends draw them (each glyph id at its
 * position with its run's cairo_scaled_font), and the column length of
 * `writing: vertical` text blocks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "testing.h"
#include "text/text.h"
#include "text/text_cairo.h"

static text_engine *e;

static text_style vstyle(double size, int weight) {
  text_style st = {0};
  st.lang = "zh-CN";
  st.size = size;
  st.weight = weight;
  st.color = 0x000000ff;
  st.vertical = 1;
  st.markup = 1;
  return st;
}

typedef struct ink {
  double x0, y0, x1, y1;
  double ax, ay; /* advance vector on the page */
  uint32_t id;
  int run, i;
} ink;

/* The ink box of every glyph with ink, in box coordinates. */
static int glyph_inks(const text_box *b, ink *out, int cap) {
  int n = 0;
  for (int r = 0; r < b->nruns; r++) {
    const text_run *run = &b->runs[r];
    cairo_scaled_font_t *sf = text_font_cairo(run->font);
    for (int i = 0; i < run->n && n < cap; i++) {
      cairo_glyph_t g = {run->glyphs[i].id, run->glyphs[i].x, run->glyphs[i].y};
      cairo_text_extents_t ex;
      cairo_scaled_font_glyph_extents(sf, &g, 1, &ex);
      if (ex.width <= 0 || ex.height <= 0) continue; /* spaces */
      out[n++] = (ink){g.x + ex.x_bearing, g.y + ex.y_bearing, g.x + ex.x_bearing + ex.width,
                       g.y + ex.y_bearing + ex.height, ex.x_advance, ex.y_advance, g.index, r, i};
    }
  }
  return n;
}

/* No two ink boxes overlap by more than 0.5px (in both directions), and
 * all ink is inside the box's width x height.  Returns the failures. */
static int check_inks(const char *what, const text_box *b, double size) {
  static ink k[1024];
  int n = glyph_inks(b, k, 1024), bad = 0;
  CHECK(n > 0);
  for (int i = 0; i < n; i++) {
    if (k[i].x0 < -0.5 || k[i].y0 < -0.5 || k[i].x1 > b->width + 0.5 || k[i].y1 > b->height + 0.5) {
      bad++;
      fprintf(stderr, "%s (%.1fpx): glyph %u ink [%.2f,%.2f]-[%.2f,%.2f] outside the box %.2f x %.2f\n", what, size,
              k[i].id, k[i].x0, k[i].y0, k[i].x1, k[i].y1, b->width, b->height);
    }
    for (int j = 0; j < i; j++) {
      double ox = fmin(k[i].x1, k[j].x1) - fmax(k[i].x0, k[j].x0);
      double oy = fmin(k[i].y1, k[j].y1) - fmax(k[i].y0, k[j].y0);
      if (ox > 0.5 && oy > 0.5) {
        bad++;
        fprintf(stderr, "%s (%.1fpx): glyphs %u and %u overlap by %.2f x %.2f px\n", what, size, k[j].id, k[i].id, ox,
                oy);
      }
    }
  }
  CHECK(bad == 0);
  return bad;
}

static const char *const samples[] = {
    "数量(个、家)与ABC测试（全角）。",
    "数量(个、家)",
    "人口（万人）",
    "民政工作处在为民爱民第一线，是党和政府改善民生、服务群众的「晴雨表」和「风向标」。2019年，GDP数据如下。",
    "他说：“你好。”……——《红楼梦》〔注〕【甲】，『乙』！？",
    "2019年共有85055张养老床位，GDP增长6.1%，覆盖Wi-Fi的社区服务中心达100%。",
    "大字[大]{2x}小字**粗体**(注)与Latin text",
};

static void test_no_overlaps(void) {
  const double sizes[] = {12, 13, 18, 20, 33.3};
  for (size_t s = 0; s < sizeof samples / sizeof *samples; s++)
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
      for (int variant = 0; variant < 4; variant++) {
        text_style st = vstyle(sizes[z], variant & 1 ? 700 : 400);
        st.autospace = variant >= 2;
        st.line_height = variant == 3 ? 1.6 : 0;
        /* One column (the axis-title helper), then columns of 5 and 9 em. */
        check_inks(samples[s], text_layout_vertical_label(e, samples[s], &st, (src_loc){0}, NULL), st.size);
        check_inks(samples[s], text_layout(e, samples[s], &st, st.size * 5 + 0.25, 0, (src_loc){0}, NULL), st.size);
        check_inks(samples[s], text_layout(e, samples[s], &st, st.size * 9 + 0.25, 0, (src_loc){0}, NULL), st.size);
      }
}

/* The ink of the glyph drawing the n-th character (one glyph each). */
static ink nth(const text_box *b, int n) {
  static ink k[256];
  int cnt = glyph_inks(b, k, 256);
  return n < cnt ? k[n] : (ink){0};
}

static void test_forms(void) {
  text_style st = vstyle(20, 400);
  text_style hs = st;
  hs.vertical = 0;
  double col = 0;
  /* 、。，: the vertical forms, in the top-right quadrant of their cell. */
  const char *marks[] = {"中、", "中。", "中，"};
  for (int m = 0; m < 3; m++) {
    const text_box *v = text_layout_vertical_label(e, marks[m], &st, (src_loc){0}, NULL);
    const text_box *h = text_layout(e, marks[m], &hs, 0, 0, (src_loc){0}, NULL);
    col = v->lines[0].x;
    ink k = nth(v, 1), hk = nth(h, 1);
    CHECK(k.id != hk.id);                         /* vert */
    CHECK((k.x0 + k.x1) / 2 > col + 0.15 * 20);   /* right of the centre line */
    CHECK((k.y0 + k.y1) / 2 < 20 + 0.35 * 20);    /* top of the second cell */
    CHECK(k.y0 >= 20 - 0.5);                      /* inside it */
  }
  /* Full-width brackets: upright vertical forms (︵︶﹁﹂), not the
   * horizontal glyph turned; the opening one at the foot of its cell,
   * next to what it opens, the closing one at the head. */
  const char *brackets[] = {"中（", "中）", "中「", "中」", "中《", "中】"};
  for (int i = 0; i < 6; i++) {
    const text_box *v = text_layout_vertical_label(e, brackets[i], &st, (src_loc){0}, NULL);
    const text_box *h = text_layout(e, brackets[i], &hs, 0, 0, (src_loc){0}, NULL);
    ink k = nth(v, 1), hk = nth(h, 1);
    CHECK(k.id != hk.id);
    CHECK(fabs(k.ay) < 1e-6 && k.ax > 0); /* upright: drawn unturned */
    double mid = (k.y0 + k.y1) / 2;
    if (i % 2 == 0)
      CHECK(mid > 30);
    else
      CHECK(mid < 30);
    CHECK(k.y0 >= 20 - 0.5 && k.y1 <= 40 + 0.5);
  }
  /* Latin: turned 90° clockwise (the advance points down the column) and
   * its em box centred on the column: capitals sit on the centre line. */
  const text_box *lat = text_layout_vertical_label(e, "中ABC", &st, (src_loc){0}, NULL);
  col = lat->lines[0].x;
  for (int i = 1; i <= 3; i++) {
    ink k = nth(lat, i);
    CHECK(k.ay > 0 && fabs(k.ax) < 1e-6);
    CHECK_NEAR((k.x0 + k.x1) / 2, col, 0.1 * 20);
  }
  /* CJK upright, centred on the same line. */
  ink han = nth(lat, 0);
  CHECK(fabs(han.ay) < 1e-6 && han.ax > 0);
  CHECK_NEAR((han.x0 + han.x1) / 2, col, 0.1 * 20);
  /* A column that breaks inside a Latin word gets no hyphen: one glyph a
   * character. */
  const text_box *brk = text_layout(e, "中文ABCDEFGHIJKLMN中文", &st, 3 * 20 + 0.25, 0, (src_loc){0}, NULL);
  int glyphs = 0;
  for (int r = 0; r < brk->nruns; r++) glyphs += brk->runs[r].n;
  CHECK(brk->nlines > 2);
  CHECK(glyphs == 18);
}

/* 縦中横: one or two half-width digits standing alone are set upright,
 * side by side, in one em cell of the column; longer numbers stay turned. */
static void check_tcy(const text_box *v, int first_digit, double em, double cell_top) {
  ink d1 = nth(v, first_digit), d2 = nth(v, first_digit + 1);
  double col = v->lines[0].x;
  /* upright (drawn unturned), on one baseline, left to right */
  CHECK(fabs(d1.ay) < 1e-6 && d1.ax > 0 && fabs(d2.ay) < 1e-6 && d2.ax > 0);
  CHECK_NEAR(d1.y1, d2.y1, 0.02 * em); /* digits sit on the baseline */
  CHECK(d2.x0 > d1.x1 - 0.5);
  /* inside the column's em width, centred on its centre line */
  CHECK(d1.x0 >= col - em / 2 - 0.01 && d2.x1 <= col + em / 2 + 0.01);
  CHECK_NEAR((d1.x0 + d2.x1) / 2, col, 0.08 * em);
  /* inside their one-em cell along the column */
  CHECK(d1.y0 >= cell_top - 0.01 && d1.y1 <= cell_top + em + 0.01);
}

static void test_tcy(void) {
  const double sizes[] = {13, 20, 33.3};
  for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
    for (int bold = 0; bold < 2; bold++) {
      double em = sizes[z];
      text_style st = vstyle(em, bold ? 700 : 400);
      const text_box *v = text_layout_vertical_label(e, "第18家", &st, (src_loc){0}, NULL);
      check_inks("第18家", v, em);
      /* three cells: 第, 18, 家 */
      CHECK_NEAR(v->height, 3 * em, 0.05 * em);
      check_tcy(v, 1, em, em);
      ink jia = nth(v, 3);
      CHECK(jia.y0 >= 2 * em - 0.5);
      /* a column too short for more than two cells breaks around the
       * cell, never inside it */
      const text_box *n = text_layout(e, "第18家第7家", &st, 2 * em + 0.25, 0, (src_loc){0}, NULL);
      check_inks("第18家第7家 (2 em)", n, em);
      CHECK(n->nlines >= 3); /* 第 | 18家 | ... */
      ink a = nth(n, 1), b = nth(n, 2);
      CHECK_NEAR(a.y1, b.y1, 0.02 * em);
      CHECK(b.x0 > a.x0 && b.x0 - a.x0 < em); /* side by side in one column */
      /* not even a one-em column splits the cell */
      const text_box *n1 = text_layout(e, "第18家", &st, em + 0.25, 0, (src_loc){0}, NULL);
      a = nth(n1, 1);
      b = nth(n1, 2);
      CHECK_NEAR(a.y1, b.y1, 0.02 * em);
      CHECK(b.x0 > a.x0 && b.x0 - a.x0 < em);
      /* one digit: upright, centred */
      const text_box *one = text_layout_vertical_label(e, "7月", &st, (src_loc){0}, NULL);
      ink seven = nth(one, 0);
      CHECK(fabs(seven.ay) < 1e-6 && seven.ax > 0);
      CHECK_NEAR((seven.x0 + seven.x1) / 2, one->lines[0].x, 0.08 * em);
      /* autospace: no gap around a 縦中横 cell */
      text_style as = st;
      as.autospace = 1;
      const text_box *sp = text_layout_vertical_label(e, "第18家", &as, (src_loc){0}, NULL);
      CHECK_NEAR(sp->height, 3 * em, 0.05 * em);
      check_inks("第18家 autospace", sp, em);
      /* longer numbers, decimals, percentages and letters stay turned */
      const char *turned[] = {"共2019年", "共141.7万", "约20.1%", "共A4纸", "共123个"};
      for (int t = 0; t < 5; t++) {
        const text_box *tb = text_layout_vertical_label(e, turned[t], &st, (src_loc){0}, NULL);
        ink k = nth(tb, 1);
        CHECK(k.ay > 0 && fabs(k.ax) < 1e-6);
        check_inks(turned[t], tb, em);
      }
    }
}

/* ---- writing: vertical text blocks ---- */

static scene *lay_spec(arena *a, const char *text, diag_list *d) {
  spec_doc *doc = arena_alloc(a, sizeof *doc);
  doc->arena = a;
  doc->path = "t.yaml";
  doc->root = spec_parse(a, "t.yaml", text, strlen(text), d);
  if (!doc->root) return NULL;
  doc_model *m = doc_build(doc, d);
  if (!m || d->errors) return NULL;
  return layout_document(m, e, a, d);
}

static const sc_item *find_text(const scene *s, const char *role) {
  for (int i = 0; i < s->n; i++)
    if (s->items[i].kind == SC_TEXT && s->items[i].role && !strcmp(s->items[i].role, role)) return &s->items[i];
  return NULL;
}

static int shortest_column_chars(const text_box *b) {
  int best = 1 << 30;
  for (int i = 0; i + 1 < b->nlines; i++) { /* the last column may be short */
    int chars = 0;
    for (int j = b->lines[i].start; j < b->lines[i].start + b->lines[i].len; j++)
      if (((unsigned char)b->text[j] & 0xc0) != 0x80) chars++;
    if (chars < best) best = chars;
  }
  return best;
}

static void test_blocks(void) {
  arena *a = arena_new();
  diag_list d = {0};
  const char *para = "民政工作处在为民爱民第一线，是党和政府改善民生、服务群众的「晴雨表」和「风向标」。"
                     "二〇一九年，全市低保标准由每人每月九百元提高至九百九十五元。";
  char spec[1024];
  /* A short text in a wide block: book-like columns of at least 8
   * characters at the right, not a row of one-character columns. */
  scene *s = lay_spec(a,
                      "page: {width: 400, margin: 20}\nblocks:\n"
                      "  - text: {content: \"数量(个、家)与ABC测试（全角）。\"}\n    writing: vertical\n",
                      &d);
  CHECK(s && d.errors == 0);
  const sc_item *t = s ? find_text(s, "text") : NULL;
  CHECK(t && t->text->vertical);
  if (t) {
    CHECK(t->text->nlines <= 3);
    double em = t->text->nruns ? text_font_size(t->text->runs[0].font) : 16;
    /* 8 em columns; kinsoku, the unbreakable "ABC" and the bracketed term
     * kept whole (（全角）, not （全 / 角）) end some early */
    CHECK(t->text->height >= 6 * em && t->text->height <= 8 * em + 0.5);
    for (int i = 0; i + 1 < t->text->nlines; i++) CHECK(t->text->lines[i].width >= 3.5 * em);
    CHECK_NEAR(t->x + t->text->width, 380, 0.01); /* right-aligned */
    check_inks("block", t->text, 16);
  }
  /* A long text fills the width: columns of equal length, at least 8. */
  snprintf(spec, sizeof spec,
           "page: {width: 300, margin: 20}\nblocks:\n  - text: {content: \"%s\"}\n    writing: vertical\n", para);
  s = lay_spec(a, spec, &d);
  t = s ? find_text(s, "text") : NULL;
  CHECK(t != NULL);
  if (t) {
    CHECK(t->text->width <= 260 + 0.01);
    CHECK(t->text->nlines >= 2);
    CHECK(shortest_column_chars(t->text) >= 6);
    check_inks("block", t->text, 16);
  }
  /* columnLength: explicit. */
  snprintf(spec, sizeof spec,
           "page: {width: 600, margin: 20}\nblocks:\n  - text: {content: \"%s\", columnLength: 160}\n"
           "    writing: vertical\n",
           para);
  s = lay_spec(a, spec, &d);
  CHECK(s && d.errors == 0);
  t = s ? find_text(s, "text") : NULL;
  CHECK(t && t->text->height <= 160.01 && t->text->height > 140);
  /* A taller box (rowSpan next to other blocks): columns of its height. */
  snprintf(spec, sizeof spec,
           "page: {width: 600, margin: 20}\nlayout: {columns: 2}\nblocks:\n"
           "  - text: \"%s\"\n    writing: vertical\n    rowSpan: 2\n"
           "  - text: \"%s\"\n  - text: \"%s\"\n",
           para, para, para);
  s = lay_spec(a, spec, &d);
  CHECK(s && d.errors == 0);
  t = s ? find_text(s, "text") : NULL;
  if (t) {
    /* the other two blocks' text, stacked, is the height available */
    double avail = 0;
    int seen = 0;
    for (int i = 0; i < s->n; i++)
      if (s->items[i].kind == SC_TEXT && s->items[i].text != t->text && !s->items[i].text->vertical) {
        avail += s->items[i].text->height;
        seen++;
      }
    CHECK(seen == 2);
    CHECK(t->text->height > avail - 16 - 0.01 && t->text->height <= avail + 24 + 0.01);
  }
  arena_free(a);
  diag_clear(&d);
}

/* writing: vertical titles: a block's title is a column at its right edge
 * with the content to its left; page titleWriting: vertical puts the title
 * and subtitle at the top right with the blocks to their left. */
static void test_titles(void) {
  arena *a = arena_new();
  diag_list d = {0};
  scene *s = lay_spec(a,
                      "page: {width: 400, margin: 20}\nblocks:\n"
                      "  - title: 竖排：第18家\n    writing: vertical\n    background: \"#eeeeee\"\n"
                      "    text: 民政工作处在为民爱民第一线，是党和政府改善民生、服务群众的「晴雨表」。\n",
                      &d);
  CHECK(s && d.errors == 0);
  const sc_item *t = s ? find_text(s, "block.title") : NULL, *x = s ? find_text(s, "text") : NULL;
  CHECK(t && x && t->text->vertical && x->text->vertical);
  if (t && x) {
    CHECK_NEAR(t->x + t->text->width, 400 - 20 - 20, 0.01); /* at the inner right edge (padding 20) */
    CHECK_NEAR(t->y, x->y, 0.01);                            /* heads level */
    CHECK(x->x + x->text->width <= t->x - 8);                 /* content to its left, with a gap */
    check_inks("title", t->text, 20);
    /* the panel holds both columns */
    const sc_item *panel = NULL;
    for (int i = 0; i < s->n && !panel; i++)
      if (s->items[i].kind == SC_RECT && s->items[i].role && !strcmp(s->items[i].role, "block.panel")) panel = &s->items[i];
    CHECK(panel != NULL);
    if (panel) {
      CHECK(panel->y + panel->h >= t->y + t->text->height + 20 - 0.01);
      CHECK(panel->y + panel->h >= x->y + x->text->height + 20 - 0.01);
    }
  }
  /* A long vertical title is taller than the text: the block grows. */
  s = lay_spec(a,
               "page: {width: 400, margin: 20}\nblocks:\n"
               "  - title: 这是一个相当长的竖排标题共有十八个字啊\n    writing: vertical\n    text: 短文。\n"
               "  - text: 下一块\n",
               &d);
  CHECK(s && d.errors == 0);
  t = s ? find_text(s, "block.title") : NULL;
  if (t) {
    const sc_item *next = NULL;
    for (int i = 0; i < s->n; i++)
      if (s->items[i].kind == SC_TEXT && !s->items[i].text->vertical) next = &s->items[i];
    CHECK(next && next->y >= t->y + t->text->height + 24 - 0.01); /* below it, after the gap */
  }
  /* Page title and subtitle as columns at the top right. */
  s = lay_spec(a,
               "page: {width: 600, margin: 30, titleWriting: vertical}\ntitle: 苏州民政事业发展成就\n"
               "subtitle: 第18届年度报告\nlayout: {columns: 2}\nblocks:\n  - text: 新人结婚领证全程办理只需6分钟。\n"
               "  - text: 全区18家经营性公墓均建有绿色生态葬区。\n",
               &d);
  CHECK(s && d.errors == 0);
  const sc_item *ti = s ? find_text(s, "title") : NULL, *su = s ? find_text(s, "subtitle") : NULL;
  CHECK(ti && su && ti->text->vertical && su->text->vertical);
  if (ti && su) {
    CHECK_NEAR(ti->x + ti->text->width, 600 - 30, 0.01);
    CHECK_NEAR(ti->y, 30, 0.01);
    CHECK_NEAR(su->y, 30, 0.01);
    CHECK(su->x + su->text->width <= ti->x + 0.01);
    CHECK(ti->text->nlines == 1 && su->text->nlines == 1);
    CHECK(s->height >= ti->y + ti->text->height + 30 - 0.01); /* the page holds the columns */
    int blocks = 0;
    for (int i = 0; i < s->n; i++)
      if (s->items[i].kind == SC_TEXT && s->items[i].role && !strcmp(s->items[i].role, "text")) {
        blocks++;
        CHECK(s->items[i].x + s->items[i].text->width <= su->x - 24);
        CHECK(s->items[i].y >= 30 - 0.01 && s->items[i].y < 40); /* from the top margin */
      }
    CHECK(blocks == 2);
  }
  /* A fixed-height page wraps the columns above the footer. */
  s = lay_spec(a,
               "page: {width: 600, height: 300, margin: 30, titleWriting: vertical}\n"
               "title: 苏州民政事业发展成就综述与展望\nsource: 来源：苏州日报\nblocks:\n  - text: 短文。\n",
               &d);
  CHECK(s && d.errors == 0);
  ti = s ? find_text(s, "title") : NULL;
  const sc_item *src = s ? find_text(s, "source") : NULL;
  CHECK(ti && src && ti->text->nlines >= 2);
  if (REQUIRED(ti && src)) CHECK(ti->y + ti->text->height <= src->y - 20);
  arena_free(a);
  diag_clear(&d);
}

int main(void) {
  char err[512];
  e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  test_no_overlaps();
  test_forms();
  test_tcy();
  test_blocks();
  test_titles();
  text_engine_free(e);
  return testing_done("test_text_vertical");
}
