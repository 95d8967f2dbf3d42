/* Vega-Lite gallery ports (tests/vl/*.vl.json, inline data) and the
 * features they exercise: repeat, resolve (independent axes), binned
 * encodings, quantize/quantile/threshold scales, static conditions, size
 * and opacity legends, label contrast on bars, default titles, and long
 * CJK category labels that never collide.  Assertions are on the scene:
 * mark counts, relative positions, tick labels and legend entries. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

#include "scene_test.h"


static void test_gallery_counts(void) {
  static const vl_case cases[] = {
      {"tests/vl/bar_histogram.vl.json", "mark.bar", 9},
      {"tests/vl/repeat_histogram.vl.json", "axis.x.title", 3},
      {"tests/vl/repeat_layer.vl.json", "mark.line", 2},
      {"tests/vl/repeat_layer.vl.json", "legend.label", 2},
      {"tests/vl/repeat_grid.vl.json", "mark.point", 24},
      {"tests/vl/repeat_grid.vl.json", "legend.label", 3},
      {"tests/vl/layer_dual_axis.vl.json", "mark.bar", 6},
      {"tests/vl/layer_dual_axis.vl.json", "mark.line", 1},
      {"tests/vl/layer_dual_axis.vl.json", "axis.y2.title", 1},
      {"tests/vl/bar_diverging_stacked.vl.json", "mark.bar", 15},
      {"tests/vl/bar_diverging_stacked.vl.json", "legend.label", 5},
      {"tests/vl/area_normalized.vl.json", "mark.area", 3},
      {"tests/vl/rect_heatmap_text.vl.json", "mark.rect", 9},
      {"tests/vl/rect_heatmap_text.vl.json", "mark.text", 9},
      {"tests/vl/facet_trellis_bar.vl.json", "mark.bar", 6},
      {"tests/vl/facet_trellis_bar.vl.json", "facet.header", 2},
      {"tests/vl/line_bump.vl.json", "mark.line", 3},
      {"tests/vl/line_bump.vl.json", "mark.point", 9},
      {"tests/vl/lollipop.vl.json", "mark.rule", 4},
      {"tests/vl/lollipop.vl.json", "mark.point", 4},
      {"tests/vl/bar_bullet.vl.json", "mark.bar", 2},
      {"tests/vl/bar_bullet.vl.json", "mark.tick", 1},
      {"tests/vl/donut_labels.vl.json", "mark.arc", 3},
      {"tests/vl/donut_labels.vl.json", "mark.text", 3},
      {"tests/vl/strip_plot.vl.json", "mark.tick", 9},
      {"tests/vl/error_bars_rule.vl.json", "mark.rule", 4},
      {"tests/vl/error_bars_rule.vl.json", "mark.point", 4},
      {"tests/vl/area_step.vl.json", "mark.area", 1},
      {"tests/vl/area_step.vl.json", "mark.line", 1},
      {"tests/vl/bar_sort_by_field.vl.json", "mark.bar", 4},
      {"tests/vl/bar_sort_array.vl.json", "mark.bar", 5},
      {"tests/vl/line_timeunit_month.vl.json", "mark.point", 6},
      {"tests/vl/scatter_log.vl.json", "mark.point", 5},
      {"tests/vl/scatter_symlog.vl.json", "mark.point", 5},
      {"tests/vl/line_temporal_zh.vl.json", "mark.line", 1},
      {"tests/vl/bar_condition.vl.json", "mark.bar", 5},
      {"tests/vl/rect_quantize.vl.json", "legend.label", 3},
      {"tests/vl/scatter_bubble.vl.json", "mark.circle", 4},
      {"tests/vl/bar_stacked_labels.vl.json", "mark.text", 4},
      {"tests/vl/bar_cjk_long_labels.vl.json", "mark.bar", 13},
  };
  check_role_counts(cases, sizeof cases / sizeof cases[0]);
}

static void test_histogram(void) {
  run r = go_file("tests/vl/bar_histogram.vl.json");
  CHECK(r.sc != NULL);
  /* ratings 1.2 .. 9.6 in nice unit bins: ticks on the bin edges 1..10 */
  CHECK_STR(label(r.sc, "axis.x.label", 0), "1");
  CHECK_STR(label(r.sc, "axis.x.label", count(r.sc, "axis.x.label") - 1), "10");
  /* bars are adjacent bins with a 1 px gap, sharing a baseline */
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  if (a && b) {
    double gap = b->x > a->x ? b->x - (a->x + a->w) : a->x - (b->x + b->w);
    CHECK(gap > 0.5 && gap < 1.5);
    CHECK_NEAR(a->y + a->h, b->y + b->h, 0.01);
  }
  /* counts: whole-number ticks only */
  int n = count(r.sc, "axis.y.label");
  for (int i = 0; i < n; i++) CHECK(strchr(label(r.sc, "axis.y.label", i), '.') == NULL);
  /* no lang and no CJK text anywhere: English, Vega-Lite's own title */
  CHECK_STR(label(r.sc, "axis.y.title", 0), "Count of Records");
  CHECK_STR(label(r.sc, "axis.x.title", 0), "IMDB Rating");
  run_free(&r);
}

/* A standalone file that names no language: English unless it has CJK
 * text; kana make it Japanese, hangul Korean (usermeta.lang decides when
 * given). */
static void test_standalone_lang(void) {
  static const struct {
    const char *title, *want;
  } cases[] = {
      {"\"Beds\"", "Count of Records"},
      {"\"养老床位\"", "数量"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[512];
    snprintf(buf, sizeof buf,
             "{\"title\": %s, \"data\": {\"values\": [{\"a\": \"x\"}]}, \"mark\": \"bar\",\n"
             "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"}, \"y\": {\"aggregate\": \"count\"}}}\n",
             cases[i].title);
    run r = go("t.vl.json", buf);
    CHECK_STR(label(r.sc, "axis.y.title", 0), cases[i].want);
    run_free(&r);
  }
  /* the language the model picked */
  static const struct {
    const char *text, *lang;
  } langs[] = {{"{\"title\": \"ベッド数\", \"mark\": \"bar\"}", "ja"},
               {"{\"title\": \"병상\", \"mark\": \"bar\"}", "ko"},
               {"{\"mark\": \"bar\", \"data\": {\"values\": [{\"k\": [\"区\"]}]}}", "zh-CN"},
               {"{\"mark\": \"bar\", \"description\": \"naïve — 1.2 µm\"}", "en"},
               {"{\"mark\": \"bar\", \"usermeta\": {\"lang\": \"zh-TW\"}}", "zh-TW"}};
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
    arena *a = arena_new();
    diag_list d = {0};
    spec_doc *doc = arena_alloc(a, sizeof *doc);
    doc->arena = a;
    doc->path = "t.vl.json";
    doc->root = spec_parse(a, "t.vl.json", langs[i].text, strlen(langs[i].text), &d);
    doc_model *m = doc->root ? doc_build(doc, &d) : NULL;
    CHECK(m != NULL);
    if (REQUIRED(m)) CHECK_STR(m->lang, langs[i].lang);
    diag_clear(&d);
    arena_free(a);
  }
  run r = go("t.vl.json", "{\"usermeta\": {\"lang\": \"zh-CN\"}, \"data\": {\"values\": [{\"a\": \"x\"}]},\n"
                          "\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"},\n"
                          "\"y\": {\"aggregate\": \"count\"}}}\n");
  CHECK_STR(label(r.sc, "axis.y.title", 0), "数量");
  run_free(&r);
}

static void test_repeat(void) {
  run r = go_file("tests/vl/repeat_histogram.vl.json");
  CHECK(r.sc != NULL);
  CHECK(has_label(r.sc, "axis.x.title", "a (binned)"));
  CHECK(has_label(r.sc, "axis.x.title", "c (binned)"));
  /* three charts side by side */
  const sc_item *t0 = nth(r.sc, "axis.x.title", 0), *t2 = nth(r.sc, "axis.x.title", 2);
  if (t0 && t2) {
    CHECK(t2->x > t0->x + 200);
    CHECK_NEAR(t0->y, t2->y, 0.5);
  }
  run_free(&r);
  /* row x column grid: 2 x 2 cells, one shared colour legend */
  r = go_file("tests/vl/repeat_grid.vl.json");
  CHECK(count(r.sc, "legend.title") == 1);
  CHECK(has_label(r.sc, "axis.y.title", "hp") && has_label(r.sc, "axis.y.title", "mpg"));
  const sc_item *p0 = nth(r.sc, "mark.point", 0), *p18 = nth(r.sc, "mark.point", 18);
  if (REQUIRED(p0 && p18)) CHECK(p18->y > p0->y + 100); /* the second row sits below */
  run_free(&r);
  /* layer repeat: the datum colour names each measure */
  r = go_file("tests/vl/repeat_layer.vl.json");
  CHECK(has_label(r.sc, "legend.label", "gross") && has_label(r.sc, "legend.label", "budget"));
  run_free(&r);
  /* {repeat: row} outside a repeat is a located error */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": \"point\",\n"
                      "\"encoding\": {\"x\": {\"field\": {\"repeat\": \"row\"}, \"type\": \"quantitative\"}}}\n");
  CHECK(r.sc == NULL);
  CHECK_STR(r.first_error, "t.vl.json:2:40: error: {repeat: row} is used outside a view that repeats by 'row'");
  run_free(&r);
}

static void test_dual_axis(void) {
  run r = go_file("tests/vl/layer_dual_axis.vl.json");
  CHECK(r.sc != NULL);
  /* left axis: rain 0..200, right axis: temperature 0..25 */
  CHECK_STR(label(r.sc, "axis.y.label", count(r.sc, "axis.y.label") - 1), "200");
  CHECK_STR(label(r.sc, "axis.y2.label", count(r.sc, "axis.y2.label") - 1), "25");
  const sc_item *l = nth(r.sc, "axis.y.label", 0), *rr = nth(r.sc, "axis.y2.label", 0), *bar = nth(r.sc, "mark.bar", 0);
  if (l && rr && bar) {
    CHECK(l->x < bar->x);
    CHECK(rr->x > bar->x + 100);
  }
  /* the line's last point (24.8) is near the top although rain is 185 there */
  const sc_item *pt = nth(r.sc, "mark.point", 5), *b5 = nth(r.sc, "mark.bar", 5);
  if (REQUIRED(pt && b5)) CHECK(pt->y < b5->y);
  run_free(&r);
  /* shared (the default): one y axis */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": \"x\", \"b\": 1, \"c\": 100}]},\n"
                      "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"}},\n"
                      "\"layer\": [{\"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}},\n"
                      "{\"mark\": \"point\", \"encoding\": {\"y\": {\"field\": \"c\", \"type\": \"quantitative\"}}}]}\n");
  CHECK(r.sc && count(r.sc, "axis.y2.label") == 0 && count(r.sc, "axis.y.label") > 0);
  run_free(&r);
}

static void test_scales_discretized(void) {
  run r = go_file("tests/vl/rect_quantize.vl.json");
  CHECK_STR(label(r.sc, "legend.label", 0), "< 30");
  CHECK_STR(label(r.sc, "legend.label", 1), "30 – 70");
  CHECK_STR(label(r.sc, "legend.label", 2), "≥ 70");
  /* 5 and 20 share the first bin's colour, 75 and 90 the last's */
  const sc_item *c5 = nth(r.sc, "mark.rect", 0), *c20 = nth(r.sc, "mark.rect", 5), *c75 = nth(r.sc, "mark.rect", 2),
                *c90 = nth(r.sc, "mark.rect", 4), *c35 = nth(r.sc, "mark.rect", 1);
  if (c5 && c20 && c75 && c90 && c35) {
    CHECK(c5->style.fill == c20->style.fill);
    CHECK(c75->style.fill == c90->style.fill);
    CHECK(c35->style.fill != c5->style.fill && c35->style.fill != c75->style.fill);
  }
  run_free(&r);
  /* quantile: equal counts per colour; quantize: equal widths */
  const char *q = "{\"data\": {\"values\": [{\"v\": 1}, {\"v\": 2}, {\"v\": 3}, {\"v\": 4}, {\"v\": 100}, {\"v\": 200}]},\n"
                  "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"},\n"
                  "\"color\": {\"field\": \"v\", \"type\": \"quantitative\", \"scale\": {\"type\": \"%s\", \"range\": [\"#000000\", \"#ffffff\"]}}}}\n";
  char buf[1024];
  snprintf(buf, sizeof buf, q, "quantile");
  r = go("t.vl.json", buf);
  CHECK(r.sc != NULL);
  const sc_item *p3 = nth(r.sc, "mark.point", 2), *p4 = nth(r.sc, "mark.point", 3);
  if (REQUIRED(p3 && p4)) CHECK(p3->style.stroke == 0x000000ffu && p4->style.stroke == 0xffffffffu); /* median 3.5 */
  run_free(&r);
  snprintf(buf, sizeof buf, q, "quantize");
  r = go("t.vl.json", buf);
  p4 = nth(r.sc, "mark.point", 3);
  const sc_item *p5 = nth(r.sc, "mark.point", 5);
  if (REQUIRED(p4 && p5)) CHECK(p4->style.stroke == 0x000000ffu && p5->style.stroke == 0xffffffffu); /* split at 100.5 */
  run_free(&r);
}

static void test_condition(void) {
  run r = go_file("tests/vl/bar_condition.vl.json");
  CHECK(r.sc != NULL);
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  if (a && b) {
    CHECK(a->style.fill == 0x4c78a8ffu); /* 28 */
    CHECK(b->style.fill == 0xc0392bffu); /* 55 > 50 */
  }
  CHECK(count(r.sc, "legend.label") == 0);
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": \"point\",\n"
                      "\"encoding\": {\"color\": {\"condition\": {\"param\": \"sel\", \"value\": \"red\"}, \"value\": \"grey\"}}}\n");
  CHECK(r.sc == NULL);
  CHECK_STR(r.first_error, "t.vl.json:2:47: error: unknown param 'sel'"); /* params: test_chart_params */
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": \"point\",\n"
                      "\"encoding\": {\"color\": {\"condition\": {\"test\": \"datum.a >\", \"value\": \"red\"}, \"value\": \"grey\"}}}\n");
  CHECK(r.sc == NULL && strstr(r.first_error, "invalid expression"));
  run_free(&r);
}

static void test_size_opacity_legends(void) {
  run r = go_file("tests/vl/scatter_bubble.vl.json");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "legend.title") == 2);
  CHECK(has_label(r.sc, "legend.title", "规模") && has_label(r.sc, "legend.title", "强度"));
  CHECK(has_label(r.sc, "legend.label", "200") && has_label(r.sc, "legend.label", "800"));
  /* size symbols grow; opacity symbols get more opaque */
  const sc_item *s0 = nth(r.sc, "legend.symbol", 0), *s2 = nth(r.sc, "legend.symbol", 2);
  if (REQUIRED(s0 && s2)) CHECK(s2->w > s0->w + 2);
  int n = count(r.sc, "legend.symbol");
  const sc_item *o0 = nth(r.sc, "legend.symbol", 4), *o1 = nth(r.sc, "legend.symbol", n - 1); /* size: 4 */
  if (REQUIRED(o0 && o1)) CHECK(o1->style.opacity > o0->style.opacity + 0.2);
  run_free(&r);
}

static double lum(uint32_t c) {
  return 0.2126 * ((c >> 24) & 0xff) / 255.0 + 0.7152 * ((c >> 16) & 0xff) / 255.0 + 0.0722 * ((c >> 8) & 0xff) / 255.0;
}

static void test_label_contrast(void) {
  /* dark navy segments get white labels, the pale yellow ones dark ink */
  run r = go_file("tests/vl/bar_stacked_labels.vl.json");
  CHECK(r.sc != NULL);
  int n = count(r.sc, "mark.text");
  int white = 0, dark = 0;
  for (int i = 0; i < n; i++) {
    const sc_item *t = nth(r.sc, "mark.text", i);
    uint32_t col = t->text->nruns ? t->text->runs[0].color : 0;
    if (lum(col) > 0.9) white++;
    else if (lum(col) < 0.3) dark++;
  }
  CHECK(white == 2 && dark == 2);
  run_free(&r);
  /* heatmap: labels on the darkest cells are white */
  r = go_file("tests/vl/rect_heatmap_text.vl.json");
  for (int i = 0; i < count(r.sc, "mark.text"); i++) {
    const sc_item *t = nth(r.sc, "mark.text", i);
    uint32_t col = t->text->nruns ? t->text->runs[0].color : 0;
    if (!strcmp(t->text->text, "90")) CHECK(lum(col) > 0.9);
    if (!strcmp(t->text->text, "5")) CHECK(lum(col) < 0.3);
  }
  run_free(&r);
}

/* The default quantitative colour ramp (Vega's "blues"): its light end is
 * a tint that still reads on white (the smallest value must not vanish),
 * its dark end a deep blue; nominal colour stays tableau10. */
static void test_default_ramp(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"x\": 1, \"c\": 0}, {\"x\": 2, \"c\": 100}]},\n"
                          "\"mark\": \"rect\", \"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"ordinal\"},\n"
                          "\"color\": {\"field\": \"c\", \"type\": \"quantitative\"}}}\n");
  CHECK(count(r.sc, "mark.rect") == 2);
  const sc_item *lo = nth(r.sc, "mark.rect", 0), *hi = nth(r.sc, "mark.rect", 1);
  if (lo && hi) {
    CHECK(lo->style.fill == 0xcfe1f2ffu);
    CHECK(lum(lo->style.fill) < 0.9); /* white is 1, the old #eff3ff 0.95: a visible tint */
    CHECK(hi->style.fill == 0x0a4a90ffu);
  }
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"x\": 1, \"c\": \"a\"}, {\"x\": 2, \"c\": \"b\"}]},\n"
                      "\"mark\": \"rect\", \"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"ordinal\"},\n"
                      "\"color\": {\"field\": \"c\", \"type\": \"nominal\"}}}\n");
  const sc_item *a = nth(r.sc, "mark.rect", 0), *b = nth(r.sc, "mark.rect", 1);
  if (REQUIRED(a && b)) CHECK(a->style.fill == 0x4c78a8ffu && b->style.fill == 0xf58518ffu);
  CHECK(a && b);
  run_free(&r);
}

static void test_titles(void) {
  const char *spec = "{\"usermeta\": {\"lang\": \"%s\"}, \"data\": {\"values\": [{\"k\": \"a\", \"金额\": 1, \"b\": 2}]},\n"
                     "\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"k\", \"type\": \"nominal\"},\n"
                     "\"y\": {\"field\": \"%s\", \"aggregate\": \"%s\", \"type\": \"quantitative\"}}}\n";
  struct {
    const char *lang, *field, *agg, *want;
  } cases[] = {
      {"zh-CN", "金额", "sum", "合计金额"}, {"zh-CN", "金额", "mean", "平均金额"}, {"zh-CN", "b", "sum", "合计 b"},
      {"zh-CN", "金额", "count", "金额数量"}, {"en", "b", "sum", "Sum of b"},    {"en", "b", "mean", "Mean of b"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[1024];
    snprintf(buf, sizeof buf, spec, cases[i].lang, cases[i].field, cases[i].agg);
    run r = go("t.vl.json", buf);
    CHECK_STR(label(r.sc, "axis.y.title", 0), cases[i].want);
    run_free(&r);
  }
}

static void test_gallery_geometry2(void) {
  /* sort by another field: 乙 (rank 1) first, 丁 (rank 4) last */
  run r = go_file("tests/vl/bar_sort_by_field.vl.json");
  CHECK_STR(label(r.sc, "axis.x.label", 0), "乙");
  CHECK_STR(label(r.sc, "axis.x.label", 3), "丁");
  run_free(&r);
  /* explicit array: B, A, C, then the rest */
  r = go_file("tests/vl/bar_sort_array.vl.json");
  CHECK_STR(label(r.sc, "axis.x.label", 0), "B");
  CHECK_STR(label(r.sc, "axis.x.label", 1), "A");
  CHECK_STR(label(r.sc, "axis.x.label", 2), "C");
  run_free(&r);
  /* month time unit in Chinese (usermeta.lang: zh-CN): 1月 .. 6月 */
  r = go_file("tests/vl/line_timeunit_month.vl.json");
  CHECK_STR(label(r.sc, "axis.x.label", 0), "1月");
  CHECK_STR(label(r.sc, "axis.x.label", 5), "6月");
  CHECK_STR(label(r.sc, "axis.y.title", 0), "平均 t");
  run_free(&r);
  /* log scale: powers of ten (d3's log format groups thousands: 1,000), points evenly spaced for x10 steps */
  r = go_file("tests/vl/scatter_log.vl.json");
  CHECK(has_label(r.sc, "axis.y.label", "10") && has_label(r.sc, "axis.y.label", "1,000"));
  const sc_item *p1 = nth(r.sc, "mark.point", 1), *p2 = nth(r.sc, "mark.point", 2), *p3 = nth(r.sc, "mark.point", 3);
  if (REQUIRED(p1 && p2 && p3)) CHECK(fabs((p1->y - p2->y) - (p2->y - p3->y)) < 8);
  run_free(&r);
  /* symlog: -1000 and 1000 symmetric about 0 */
  r = go_file("tests/vl/scatter_symlog.vl.json");
  const sc_item *a = nth(r.sc, "mark.point", 0), *m = nth(r.sc, "mark.point", 2), *z = nth(r.sc, "mark.point", 4);
  if (REQUIRED(a && m && z)) CHECK_NEAR((a->x + a->w / 2) + (z->x + z->w / 2), 2 * (m->x + m->w / 2), 1.0);
  run_free(&r);
  /* %Y年%m月 tick labels */
  r = go_file("tests/vl/line_temporal_zh.vl.json");
  CHECK(has_label(r.sc, "axis.x.label", "2019年01月"));
  run_free(&r);
  /* diverging: the neutral segment of Q1 straddles zero */
  r = go_file("tests/vl/bar_diverging_stacked.vl.json");
  const sc_item *z0 = NULL;
  for (int i = 0; i < count(r.sc, "axis.x.label"); i++)
    if (!strcmp(label(r.sc, "axis.x.label", i), "0")) z0 = nth(r.sc, "axis.x.label", i);
  const sc_item *neutral = nth(r.sc, "mark.bar", 2);
  if (z0 && neutral) {
    double zx = z0->x + z0->text->width / 2;
    CHECK(neutral->x < zx && neutral->x + neutral->w > zx);
  }
  run_free(&r);
  /* normalized area tops out at 100% */
  r = go_file("tests/vl/area_normalized.vl.json");
  CHECK_STR(label(r.sc, "axis.y.label", count(r.sc, "axis.y.label") - 1), "100%");
  run_free(&r);
  /* trellis: stacks never cross facet rows, each row tops out below 100 */
  r = go_file("tests/vl/facet_trellis_bar.vl.json");
  CHECK_STR(label(r.sc, "axis.y.label", count(r.sc, "axis.y.label") - 1), "80");
  run_free(&r);
  /* lollipop: each rule ends at its point */
  r = go_file("tests/vl/lollipop.vl.json");
  const sc_item *rule = nth(r.sc, "mark.rule", 0), *pt = nth(r.sc, "mark.point", 0);
  if (REQUIRED(rule && pt)) CHECK_NEAR(rule->x + rule->w, pt->x + pt->w / 2, 1.5);
  run_free(&r);
  /* bullet: the measure bar is thinner than the range bar */
  r = go_file("tests/vl/bar_bullet.vl.json");
  const sc_item *rg = nth(r.sc, "mark.bar", 0), *ms = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(rg && ms)) CHECK(ms->h < rg->h && ms->w < rg->w);
  run_free(&r);
  /* step area: the outline has horizontal runs */
  r = go_file("tests/vl/area_step.vl.json");
  const sc_item *ln = nth(r.sc, "mark.line", 0);
  if (REQUIRED(ln)) CHECK(ln->npts >= 11);
  run_free(&r);
}

/* Twelve-plus long Chinese categories in 400 px: measured wrap, rotate,
 * thin; the labels' boxes (ink within them) never overlap pairwise. */
static void test_cjk_collisions(void) {
  run r = go_file("tests/vl/bar_cjk_long_labels.vl.json");
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.x.label");
  CHECK(n >= 7);
  check_no_overlap(r.sc, "axis.x.label", __func__);
  for (int i = 0; i < n; i++) {
    double x0, y0, x1, y1;
    text_bounds(nth(r.sc, "axis.x.label", i), &x0, &y0, &x1, &y1);
    CHECK(x0 >= -0.5 && x1 <= r.sc->width + 0.5 && y1 <= r.sc->height + 0.5);
  }
  run_free(&r);
  /* the same at several widths and label sizes, horizontal bars too */
  static const int widths[] = {240, 320, 400, 520, 640};
  for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
    for (int horiz = 0; horiz < 2; horiz++) {
      char buf[2048];
      snprintf(buf, sizeof buf,
               "page: {width: %d}\nblocks:\n  - chart:\n"
               "      data: {values: [{k: 区域性养老服务中心, v: 27}, {k: 日间照料中心, v: 15}, {k: 养老机构, v: 21},\n"
               "        {k: 护理院, v: 56}, {k: 助餐点覆盖村社区, v: 16}, {k: 助浴点, v: 78}, {k: 中央厨房建设单位, v: 10},\n"
               "        {k: 虚拟养老院服务站点, v: 30}, {k: 社区卫生服务中心, v: 94}, {k: 农村互助养老睦邻点, v: 41},\n"
               "        {k: 老年大学教学点, v: 65}, {k: 家庭养老床位, v: 88}, {k: 认知障碍照护专区, v: 21}]}\n"
               "      mark: bar\n      encoding:\n        %s: {field: k, type: nominal, sort: null}\n"
               "        %s: {field: v, type: quantitative}\n",
               widths[w], horiz ? "y" : "x", horiz ? "x" : "y");
      r = go("t.yaml", buf);
      CHECK(r.sc != NULL);
      check_no_overlap(r.sc, horiz ? "axis.y.label" : "axis.x.label", __func__);
      run_free(&r);
    }
}

int main(void) {
  scene_test_begin();
  test_gallery_counts();
  test_histogram();
  test_standalone_lang();
  test_repeat();
  test_dual_axis();
  test_scales_discretized();
  test_condition();
  test_size_opacity_legends();
  test_label_contrast();
  test_default_ramp();
  test_titles();
  test_gallery_geometry2();
  test_cjk_collisions();
  text_engine_free(TE);
  return testing_done("test_chart_gallery");
}
