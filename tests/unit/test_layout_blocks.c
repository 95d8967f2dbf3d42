/* Infographic blocks and page layout, checked on the scene: blocks never
 * overlap and stay inside the margins, text stays in its block, spans,
 * rowSpan and gaps are exact, compare prints the right change and CAGR,
 * pictograms cut the partial icon exactly, errors are located. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "layout/icons.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "model/infographic.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

static text_engine *te;

typedef struct run {
  arena *a;
  spec_doc doc;
  diag_list d;
  doc_model *m;
  scene *s;
  char first_error[512];
} run;

static void run_spec(run *r, const char *yaml) {
  memset(r, 0, sizeof *r);
  r->a = arena_new();
  r->doc.arena = r->a;
  r->doc.path = "t.yaml";
  r->doc.root = spec_parse(r->a, "t.yaml", yaml, strlen(yaml), &r->d);
  if (r->doc.root) r->m = doc_build(&r->doc, &r->d);
  if (r->m && !r->d.errors) r->s = layout_document(r->m, te, r->a, &r->d);
  for (int i = 0; i < r->d.n; i++)
    if (r->d.items[i].severity == DIAG_ERROR) {
      diag_format(&r->d.items[i], r->first_error, sizeof r->first_error);
      break;
    }
}

static void run_free(run *r) {
  diag_clear(&r->d);
  arena_free(r->a);
}

static const sc_item *find_text(const scene *s, const char *text) {
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].kind == SC_TEXT && !strcmp(s->items[i].text->text, text)) return &s->items[i];
  return NULL;
}

static int count_role(const scene *s, const char *role) {
  int n = 0;
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role)) n++;
  return n;
}

static const sc_item *nth_role(const scene *s, const char *role, int k) {
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role) && k-- == 0) return &s->items[i];
  return NULL;
}

static int overlap(const sc_item *a, const sc_item *b) {
  return a->x < b->x + b->w - 0.01 && b->x < a->x + a->w - 0.01 && a->y < b->y + b->h - 0.01 &&
         b->y < a->y + a->h - 0.01;
}

static int inside(const sc_item *in, const sc_item *out, double slack) {
  return in->x >= out->x - slack && in->y >= out->y - slack && in->x + in->w <= out->x + out->w + slack &&
         in->y + in->h <= out->y + out->h + slack;
}

/* ---- compare ---- */

static void test_compare_stats(void) {
  compare_content k = {0};
  k.digits = 1;
  compare_item it = {0};
  it.from = 500;
  it.to = 995;
  it.from_label.s = "2012年";
  it.to_label.s = "2019年";
  compare_stats st;
  compare_compute(&k, &it, "zh-CN", &st);
  CHECK_NEAR(st.years, 7, 0);
  CHECK_STR(st.change_text, "+99%"); /* no trailing .0 unless digits: is given */
  CHECK_STR(st.cagr_text, "10.3%");
  CHECK_NEAR(st.cagr, pow(1.99, 1.0 / 7) - 1, 1e-12);
  k.change_format = CHANGE_RATIO;
  compare_compute(&k, &it, "zh-CN", &st);
  CHECK_STR(st.change_text, "×2.0");
  k.change_format = CHANGE_WORDS;
  compare_compute(&k, &it, "zh-CN", &st);
  CHECK_STR(st.change_text, "增长 99%");
  compare_compute(&k, &it, "en", &st);
  CHECK_STR(st.change_text, "up 99%");
  k.digits_given = 1;
  compare_compute(&k, &it, "en", &st);
  CHECK_STR(st.change_text, "up 99.0%");
  k.digits_given = 0;
  /* explicit years win over labels; a fall is negative */
  k.change_format = CHANGE_PERCENT;
  k.from_year = 2010;
  k.to_year = 2019;
  it.from = 995;
  it.to = 500;
  compare_compute(&k, &it, "zh-CN", &st);
  CHECK_STR(st.change_text, "\xe2\x88\x92" "49.7%"); /* U+2212, as wide as the + of +99% */
  CHECK_NEAR(st.years, 9, 0);
  CHECK_STR(st.cagr_text, "\xe2\x88\x92" "7.4%");
  /* no years: no CAGR */
  compare_content k2 = {0};
  compare_item it2 = {0};
  it2.from = 1400;
  it2.to = 2510;
  compare_compute(&k2, &it2, "zh-CN", &st);
  CHECK_STR(st.change_text, "+79%");
  CHECK(isnan(st.cagr));
  CHECK_STR(st.cagr_text, "");
  CHECK(compare_year_of("2012年") == 2012);
  CHECK(compare_year_of("提标前") == 0);
  CHECK(compare_year_of("12345") == 0);
}

static void test_compare_render(void) {
  run r;
  run_spec(&r,
           "page: {width: 900}\n"
           "blocks:\n"
           "  - compare: {label: 低保标准, unit: 元/月, from: {value: 500, label: 2012年}, to: {value: 995, label: "
           "2019年}, show: [change, cagr]}\n");
  CHECK(r.s != NULL);
  CHECK(find_text(r.s, "+99%") != NULL);
  CHECK(find_text(r.s, "10.3%") != NULL);
  CHECK(find_text(r.s, "年均增长（7年）") != NULL); /* full-width brackets in generated Chinese */
  CHECK(find_text(r.s, "500元/月") != NULL);
  CHECK(find_text(r.s, "995元/月") != NULL);
  /* the later bar is longer in proportion */
  const sc_item *f = nth_role(r.s, "compare.from", 0), *t = nth_role(r.s, "compare.to", 0);
  CHECK(f && t);
  if (REQUIRED(f && t)) CHECK_NEAR(f->w / t->w, 500.0 / 995.0, 1e-6);
  run_free(&r);

  /* show: [change] only: no CAGR printed */
  run_spec(&r, "blocks:\n  - compare: {from: {value: 500, label: 2012年}, to: {value: 995, label: 2019年}, show: [change], style: arrow}\n");
  CHECK(find_text(r.s, "+99%") != NULL);
  CHECK(find_text(r.s, "10.3%") == NULL);
  run_free(&r);

  /* items: dumbbell with shared scale, changes per item */
  run_spec(&r, "blocks:\n  - compare:\n      digits: 0\n      items:\n        - {label: 集中养育, from: 1400, to: 2510}\n"
               "        - {label: 分散供养, from: 850, to: 2070}\n");
  CHECK(r.s != NULL);
  CHECK(find_text(r.s, "+79%") != NULL);
  CHECK(find_text(r.s, "+144%") != NULL);
  CHECK(count_role(r.s, "compare.to") == 2);
  const sc_item *a = nth_role(r.s, "compare.to", 0), *b = nth_role(r.s, "compare.to", 1);
  const sc_item *a0 = nth_role(r.s, "compare.from", 0), *b0 = nth_role(r.s, "compare.from", 1);
  if (a && b && a0 && b0) {
    /* dot centres sit on one linear scale from a shared zero */
    double ax = a->x + a->w / 2, bx = b->x + b->w / 2, a0x = a0->x + a0->w / 2, b0x = b0->x + b0->w / 2;
    double k1 = (ax - a0x) / (2510 - 1400), k2 = (bx - b0x) / (2070 - 850);
    CHECK_NEAR(k1, k2, 1e-3);
  }
  run_free(&r);
}

static void test_compare_errors(void) {
  run r;
  run_spec(&r, "blocks:\n  - compare: {from: 500}\n");
  CHECK_STR(r.first_error, "t.yaml:2:14: error: a compare block needs 'from' and 'to' (or a list of 'items')");
  run_free(&r);
  run_spec(&r, "blocks:\n  - compare: {from: {value: 500, lable: x}, to: 2}\n");
  CHECK_STR(r.first_error, "t.yaml:2:34: error: unknown key 'lable' in 'from' (did you mean 'label'?)");
  run_free(&r);
  run_spec(&r, "blocks:\n  - compare: {from: abc, to: 2}\n");
  CHECK_STR(r.first_error, "t.yaml:2:21: error: 'from' must be a number or {value, label}, found the string 'abc'");
  run_free(&r);
  run_spec(&r, "blocks:\n  - compare: {from: 1, to: 2, show: [change, growth]}\n");
  CHECK_STR(r.first_error, "t.yaml:2:46: error: 'show' takes change and cagr, found the string 'growth'");
  run_free(&r);
}

/* ---- short texts are balanced, never left with a one-character widow ---- */

static void test_balanced_label(void) {
  run r;
  run_spec(&r, "page: {width: 1100, margin: 48}\nlayout: {columns: 4, gap: 32}\nblocks:\n"
               "  - progress: {value: 72.4, label: 护理型床位占比, style: ring}\n"
               "  - progress: {value: 63, label: 社会力量举办(经营)床位占比, style: ring}\n");
  CHECK(r.s != NULL);
  const sc_item *l = nth_role(r.s, "progress.label", 1);
  CHECK(l != NULL && l->text && l->text->nlines == 2);
  if (l && l->text && l->text->nlines == 2) {
    double a = l->text->lines[0].width, b = l->text->lines[1].width;
    CHECK(b > 0.6 * a && a > 0.6 * b); /* even lines, not 12 characters and then 比 */
  }
  /* a one-line label is left alone */
  l = nth_role(r.s, "progress.label", 0);
  CHECK(l != NULL && l->text && l->text->nlines == 1);
  run_free(&r);
}

/* ---- pictogram ---- */

static void test_pictogram(void) {
  run r;
  run_spec(&r, "page: {width: 900}\nblocks:\n  - pictogram: {value: 20.1, per: 10, total: 100, icon: person, iconSize: 50, label: 注册志愿者约占户籍人口}\n");
  CHECK(r.s != NULL);
  CHECK(count_role(r.s, "pictogram.icon") == 2);      /* 2 full icons */
  CHECK(count_role(r.s, "pictogram.icon.part") == 1); /* + 0.01 of the third */
  CHECK(count_role(r.s, "pictogram.icon.empty") == 8); /* 7 empty + the third's grey base */
  /* the clip is exactly 0.01 of the icon cell, at the third icon's x */
  const sc_item *clip = NULL, *part = nth_role(r.s, "pictogram.icon.part", 0);
  for (int i = 0; i < r.s->n; i++)
    if (r.s->items[i].kind == SC_CLIP_PUSH) clip = &r.s->items[i];
  CHECK(clip != NULL);
  const sc_item *i0 = nth_role(r.s, "pictogram.icon", 0);
  if (clip && i0) {
    CHECK_NEAR(clip->w, 0.5, 1e-6); /* 50px * 0.01 */
    CHECK_NEAR(clip->h, 50, 1e-9);
    CHECK_NEAR(clip->x, 48 + 2 * 50 * 1.18, 1e-6);
  }
  CHECK(part != NULL);
  run_free(&r);

  run_spec(&r, "blocks:\n  - pictogram: {value: 3, icon: persn}\n");
  CHECK_STR(r.first_error, "t.yaml:2:33: error: unknown icon 'persn' (did you mean 'person'?)");
  run_free(&r);
  run_spec(&r, "blocks:\n  - pictogram: {value: 3, icon: {path: \"M0 0 L 5\"}}\n");
  CHECK_STR(r.first_error, "t.yaml:2:40: error: invalid path data: at character 9: expected a number after 'L'");
  run_free(&r);
  run_spec(&r, "blocks:\n  - pictogram: {value: 3000, per: 1}\n");
  CHECK_STR(r.first_error, "t.yaml:2:16: error: this pictogram would draw 3000 icons (at most 2000): make 'per' larger");
  run_free(&r);
}

static void test_icons(void) {
  for (int i = 0; icon_names[i]; i++) {
    icon_path p;
    char err[128] = "";
    arena *a = arena_new();
    int rc = icon_path_parse(a, icon_builtin_path(icon_names[i]), &p, err, sizeof err);
    if (rc) fprintf(stderr, "icon %s: %s\n", icon_names[i], err);
    CHECK(rc == 0);
    /* on the 24-unit grid */
    for (int k = 0; k < p.n; k++) CHECK(p.pts[k].x >= 0 && p.pts[k].x <= 24 && p.pts[k].y >= 0 && p.pts[k].y <= 24);
    arena_free(a);
  }
  CHECK(icon_builtin_path("yuan") && icon_builtin_path("yuan") != icon_builtin_path("coin")); /* ¥ on a coin */
  /* every command, absolute and relative */
  arena *a = arena_new();
  icon_path p;
  char err[128];
  CHECK(icon_path_parse(a, "M1 1 L2 2 H4 V4 C5 5 6 6 7 7 S9 9 10 10 Q11 11 12 12 T14 14 A2 2 0 0 1 18 14 Z", &p, err, sizeof err) == 0);
  CHECK(p.pts[0].op == 'M' && p.pts[p.n - 1].op == 'Z');
  CHECK(icon_path_parse(a, "m1 1 l1 1 h2 v2 c1 1 2 2 3 3 s2 2 3 3 q1 1 2 2 t2 2 a2 2 0 0 1 4 0 z", &p, err, sizeof err) == 0);
  CHECK_NEAR(p.pts[1].x, 2, 1e-6);
  CHECK_NEAR(p.pts[2].x, 4, 1e-6); /* h2 from x=2 */
  CHECK_NEAR(p.pts[3].y, 4, 1e-6); /* v2 from y=2 */
  /* implicit lineto after M, and comma separators */
  CHECK(icon_path_parse(a, "M0,0 10,0 10,10z", &p, err, sizeof err) == 0);
  CHECK(p.n == 4 && p.pts[1].op == 'L' && p.pts[2].op == 'L');
  /* a half circle arc ends exactly at its end point */
  CHECK(icon_path_parse(a, "M0 12 A12 12 0 0 1 24 12", &p, err, sizeof err) == 0);
  CHECK_NEAR(p.pts[p.n - 1].x, 24, 1e-5);
  CHECK_NEAR(p.pts[p.n - 1].y, 12, 1e-5);
  CHECK(icon_path_parse(a, "L1 1", &p, err, sizeof err) == -1);
  CHECK_STR(err, "a path must start with M (a move), found 'L'");
  CHECK(icon_path_parse(a, "M1 1 X", &p, err, sizeof err) == -1);
  CHECK_STR(err, "at character 6: unexpected 'X' (commands: M L H V C S Q T A Z)");
  arena_free(a);
}

/* ---- grid, spans, gaps, rowSpan ---- */

static const char *GRID =
    "page: {width: 1000, margin: 40}\n"
    "layout: {columns: 3, gap: 20}\n"
    "blocks:\n"
    "  - kpi: {value: 1, label: a}\n"
    "    background: '#eeeeee'\n"
    "    rowSpan: 2\n"
    "  - kpi: {value: 2, label: b}\n"
    "    background: '#eeeeee'\n"
    "    span: 2\n"
    "  - progress: {value: 72.4, label: 护理型床位占比}\n"
    "    background: '#eeeeee'\n"
    "  - progress: {value: 63, label: 社会力量举办床位占比, style: ring}\n"
    "    background: '#eeeeee'\n"
    "  - table: {columns: [指标, 数量], rows: [[注册登记社会组织, 0.96], [备案社区社会组织, 1.85]]}\n"
    "    background: '#eeeeee'\n"
    "    span: 3\n";

static void test_grid(void) {
  run r;
  run_spec(&r, GRID);
  CHECK(r.s != NULL);
  if (!r.s) {
    fprintf(stderr, "%s\n", r.first_error);
    return;
  }
  CHECK(count_role(r.s, "block.panel") == 5);
  const sc_item *p[5];
  for (int i = 0; i < 5; i++) p[i] = nth_role(r.s, "block.panel", i);
  double colw = (1000 - 80 - 2 * 20) / 3.0;
  /* spans and gaps exact */
  CHECK_NEAR(p[0]->x, 40, 1e-9);
  CHECK_NEAR(p[0]->w, colw, 1e-9);
  CHECK_NEAR(p[1]->x, 40 + colw + 20, 1e-9);
  CHECK_NEAR(p[1]->w, 2 * colw + 20, 1e-9);
  /* rowSpan: block 1 covers two rows; blocks 3 and 4 fill the second row's free columns */
  CHECK_NEAR(p[2]->x, 40 + colw + 20, 1e-9);
  CHECK_NEAR(p[3]->x, 40 + 2 * (colw + 20), 1e-9);
  CHECK_NEAR(p[2]->y, p[1]->y + p[1]->h + 20, 1e-9);
  CHECK_NEAR(p[0]->y + p[0]->h, p[2]->y + p[2]->h, 1e-9);
  CHECK_NEAR(p[4]->y, p[0]->y + p[0]->h + 20, 1e-9);
  CHECK_NEAR(p[4]->w, 1000 - 80, 1e-9);
  /* no overlap, inside the margins */
  for (int i = 0; i < 5; i++) {
    CHECK(p[i]->x >= 40 - 1e-9 && p[i]->x + p[i]->w <= 1000 - 40 + 1e-9);
    CHECK(p[i]->y >= 40 - 1e-9 && p[i]->y + p[i]->h <= r.s->height - 40 + 1e-9);
    for (int j = i + 1; j < 5; j++) CHECK(!overlap(p[i], p[j]));
  }
  /* every text and shape sits inside a panel */
  for (int i = 0; i < r.s->n; i++) {
    const sc_item *it = &r.s->items[i];
    if (it->kind != SC_TEXT && it->kind != SC_PATH && it->kind != SC_RECT) continue;
    if (it->role && !strcmp(it->role, "block.panel")) continue;
    int in = 0;
    for (int k = 0; k < 5; k++) in |= inside(it, p[k], 2.0); /* ring strokes: half the stroke */
    if (!in) fprintf(stderr, "outside every panel: %s %.1f %.1f %.1f %.1f\n", it->role, it->x, it->y, it->w, it->h);
    CHECK(in);
  }
  run_free(&r);
}

static void test_group(void) {
  run r;
  run_spec(&r,
           "page: {width: 800, margin: 40}\n"
           "blocks:\n"
           "  - group:\n"
           "      direction: row\n"
           "      gap: 16\n"
           "      items:\n"
           "        - kpi: {value: 1, label: a}\n"
           "          background: '#eeeeee'\n"
           "          grow: 1\n"
           "        - kpi: {value: 2, label: b}\n"
           "          background: '#eeeeee'\n"
           "          grow: 3\n"
           "        - kpi: {value: 3, label: c}\n"
           "          background: '#eeeeee'\n"
           "          basis: 100\n"
           "          grow: 0\n");
  CHECK(r.s != NULL);
  const sc_item *a = nth_role(r.s, "block.panel", 0), *b = nth_role(r.s, "block.panel", 1),
                *c = nth_role(r.s, "block.panel", 2);
  CHECK(a && b && c);
  if (a && b && c) {
    double rest = 720 - 2 * 16 - 100;
    CHECK_NEAR(a->w, rest / 4, 1e-9);
    CHECK_NEAR(b->w, rest * 3 / 4, 1e-9);
    CHECK_NEAR(c->w, 100, 1e-9);
    CHECK_NEAR(b->x, a->x + a->w + 16, 1e-9);
    CHECK_NEAR(c->x + c->w, 760, 1e-9);
    CHECK_NEAR(a->h, b->h, 1e-9); /* stretch */
  }
  run_free(&r);

  /* a column group on a fixed page takes the leftover height; grow gets it */
  run_spec(&r,
           "page: {width: 600, height: 700, margin: 40}\n"
           "blocks:\n"
           "  - text: 标题\n"
           "  - group:\n"
           "      direction: column\n"
           "      gap: 10\n"
           "      items:\n"
           "        - kpi: {value: 1}\n"
           "          background: '#eeeeee'\n"
           "        - spacer: {}\n"
           "          grow: 1\n"
           "          background: '#dddddd'\n");
  CHECK(r.s != NULL);
  const sc_item *k = nth_role(r.s, "block.panel", 0), *sp = nth_role(r.s, "block.panel", 1);
  if (REQUIRED(k && sp)) CHECK_NEAR(sp->y + sp->h, 700 - 40, 1e-6);
  run_free(&r);

  run_spec(&r, "blocks:\n  - group: {items: [{kpi: {value: 1}}, {bogus: 1}]}\n");
  CHECK_STR(r.first_error, "t.yaml:2:40: error: a block needs a type key: one of text, kpi, chart, compare, progress, "
                           "pictogram, table, callout, image, group, timeline, steps, ranking, divider, spacer");
  run_free(&r);
}

static void test_overflow(void) {
  run r;
  run_spec(&r,
           "page: {width: 600, height: 300, margin: 40}\n"
           "blocks:\n"
           "  - kpi: {value: 1, label: a}\n"
           "  - table: {columns: [a], rows: [[1], [2], [3], [4], [5], [6], [7]]}\n"
           "    id: big\n");
  CHECK(r.s == NULL);
  CHECK(strncmp(r.first_error, "t.yaml:4:5: error: block 2 (table) does not fit on the page", 59) == 0);
  run_free(&r);
}

static void test_callout(void) {
  run r;
  run_spec(&r,
           "page: {width: 900, margin: 40}\n"
           "layout: {columns: 2}\n"
           "blocks:\n"
           "  - callout: {content: 城乡社区整体覆盖率达53.7%, target: beds}\n"
           "  - progress: {value: 72.4, label: 护理型床位占比}\n"
           "    id: beds\n");
  CHECK(r.s != NULL);
  const sc_item *leader = nth_role(r.s, "callout.leader", 0), *dot = nth_role(r.s, "callout.dot", 0);
  CHECK(leader && dot);
  if (REQUIRED(dot)) CHECK_NEAR(dot->x + dot->w / 2, 40 + (820 - 24) / 2.0 + 24, 1e-3); /* the target's left edge */
  run_free(&r);
  run_spec(&r, "blocks:\n  - callout: {content: x, target: nowhere}\n");
  CHECK_STR(r.first_error, "t.yaml:2:35: error: callout target 'nowhere' is not the id of any block");
  run_free(&r);
}

static void test_table(void) {
  run r;
  run_spec(&r,
           "page: {width: 600}\n"
           "blocks:\n"
           "  - table:\n"
           "      columns: [{title: 项目, weight: 3}, {title: 金额, format: '.2f'}]\n"
           "      rows: [[福利彩票累计销售福利彩票累计销售福利彩票累计销售, 276.04], [筹集公益金, 31.5]]\n");
  CHECK(r.s != NULL);
  CHECK(find_text(r.s, "31.50") != NULL);
  CHECK(count_role(r.s, "table.zebra") == 1);
  /* numbers right-aligned: the right edges of the number cells agree */
  const sc_item *n1 = find_text(r.s, "276.04"), *n2 = find_text(r.s, "31.50");
  if (REQUIRED(n1 && n2)) CHECK_NEAR(n1->x + n1->w, n2->x + n2->w, 1e-6);
  /* the long CJK label wrapped inside its column */
  const sc_item *t = find_text(r.s, "福利彩票累计销售福利彩票累计销售福利彩票累计销售");
  CHECK(t && t->text->nlines >= 2);
  if (REQUIRED(t)) CHECK(t->x + t->w <= 48 + (600 - 96) * 0.75 + 1e-6);
  run_free(&r);
  run_spec(&r, "blocks:\n  - table: {columns: [a, b], rows: [[1, 2], [3]]}\n");
  CHECK_STR(r.first_error, "t.yaml:2:45: error: row 2 has 1 cells but the table has 2 columns");
  run_free(&r);
}

static void test_theme(void) {
  run r;
  run_spec(&r, "theme: {base: slide, dark: true, accent: '#ff8800', fontSize: 30}\nblocks:\n  - kpi: {value: 1}\n");
  CHECK(r.m != NULL);
  if (r.m) {
    CHECK(r.m->theme.dark == 1);
    CHECK(r.m->theme.accent == 0xff8800ff);
    CHECK_NEAR(r.m->theme.body_size, 30, 1e-9);
    CHECK_NEAR(r.m->theme.small_size, 24 * 30 / 28.0, 1e-9); /* the slide scale's note, scaled by fontSize / body */
    CHECK(r.m->page.background == 0x111821ff);
  }
  run_free(&r);
  run_spec(&r, "theme: {base: slid}\n");
  CHECK_STR(r.first_error, "t.yaml:1:15: error: 'base' must be one of report, print, slide; found the string 'slid' (did you mean 'slide'?)");
  run_free(&r);
  run_spec(&r, "theme: {acent: red}\n");
  CHECK_STR(r.first_error, "t.yaml:1:9: error: unknown key 'acent' in theme (did you mean 'accent'?)");
  run_free(&r);
}

static void test_gallery(void) {
  /* every gallery spec lays out without errors, blocks inside the margins */
  const char *specs[] = {"dibao-compare", "orphan-allowance-compare", "orphan-allowance-slope", "elderly-beds",
                         "elderly-care-rings", "volunteers-pictogram", "nursing-homes-pictogram",
                         "social-organizations-table", "charity-lottery-table", "suzhou-minzheng-poster",
                         "community-governance-callout", "special-services-group", "dibao-slide-dark", "capacity-print", NULL};
  for (int i = 0; specs[i]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/specs/%s.yaml", HUITU_SOURCE_DIR, specs[i]);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    static char text[1 << 17];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    run r;
    run_spec(&r, text);
    if (!r.s) fprintf(stderr, "%s: %s\n", specs[i], r.first_error);
    CHECK(r.s != NULL);
    double mg = r.m ? r.m->page.margin : 0;
    for (int k = 0; r.s && k < r.s->n; k++) {
      const sc_item *it = &r.s->items[k];
      if (it->kind != SC_TEXT && it->kind != SC_RECT && it->kind != SC_PATH) continue;
      if (it->role && !strncmp(it->role, "section.band", 12)) continue; /* a band runs to the page's edges */
      if (it->role && !strcmp(it->role, "masthead.field")) continue;     /* so does a masthead's field */
      int ok = it->x >= mg - 3 && it->x + it->w <= r.s->width - mg + 3 && it->y >= mg - 3 &&
               it->y + it->h <= r.s->height - mg + 3;
      if (!ok) fprintf(stderr, "%s: outside the margins: %s %.1f %.1f %.1f %.1f\n", specs[i], it->role, it->x, it->y, it->w, it->h);
      CHECK(ok);
    }
    run_free(&r);
  }
}

/* A column group's align places children that have a natural width
 * (key numbers, text): centred or at the end; stretch leaves them at the
 * left edge of the full width.  Page 800 wide, margins 40: content 40..760. */
static void test_column_align(void) {
  static const char *const aligns[] = {"stretch", "center", "end"};
  for (int k = 0; k < 3; k++) {
    char spec[512];
    snprintf(spec, sizeof spec,
             "page: {width: 800, margin: 40}\n"
             "blocks:\n"
             "  - group:\n"
             "      direction: column\n"
             "      align: %s\n"
             "      items:\n"
             "        - kpi: {value: 995, unit: 元/月, label: 2019年低保标准}\n"
             "        - text: 同城同标\n",
             aligns[k]);
    run r;
    run_spec(&r, spec);
    REQUIRED(r.s);
    const sc_item *v = nth_role(r.s, "kpi.value", 0), *u = nth_role(r.s, "kpi.unit", 0), *t = nth_role(r.s, "text", 0);
    REQUIRED(v && u && t);
    double l = v->x, rr = u->x + u->text->width; /* the number and unit: the kpi's widest line here */
    double tl = t->x, tr = t->x + t->text->width;
    if (k == 0) {
      CHECK_NEAR(l, 40, 0.01);
      CHECK_NEAR(tl, 40, 0.01);
    } else if (k == 1) {
      CHECK_NEAR((l + rr) / 2, 400, 1.5);
      CHECK_NEAR((tl + tr) / 2, 400, 1.5);
    } else {
      CHECK_NEAR(rr, 760, 1.5);
      CHECK_NEAR(tr, 760, 1.5);
    }
    run_free(&r);
  }
}

/* Numbers on a page take the minus sign U+2212, written or formatted, as
 * the charts' d3 formats do; a hyphen between words stays a hyphen. */
static void test_minus_sign(void) {
  run r;
  run_spec(&r, "blocks:\n"
               "  - kpi: {value: -3.5, label: a}\n"
               "  - kpi: {value: -1234.5, format: ',.1f', label: b}\n"
               "  - kpi: {value: 7, label: x-y}\n");
  REQUIRED(r.s);
  CHECK(find_text(r.s, "\xe2\x88\x92" "3.5") != NULL);
  CHECK(find_text(r.s, "\xe2\x88\x92" "1,234.5") != NULL);
  CHECK(find_text(r.s, "-3.5") == NULL);
  CHECK(find_text(r.s, "x-y") != NULL);
  run_free(&r);
}

int main(void) {
  char err[256];
  te = text_engine_new(NULL, err, sizeof err);
  if (!te) {
    fprintf(stderr, "no text engine: %s\n", err);
    return 1;
  }
  test_compare_stats();
  test_minus_sign();
  test_column_align();
  test_compare_render();
  test_compare_errors();
  test_balanced_label();
  test_pictogram();
  test_icons();
  test_grid();
  test_group();
  test_overflow();
  test_callout();
  test_table();
  test_theme();
  test_gallery();
  text_engine_free(te);
  return testing_done("test_layout_blocks");
}
