/* Chart annotations (issue 16), checked on the scene: a callout whose
 * target is a chart's datum ends its arrowhead on that datum's mark (a
 * bar's top, a point's centre) within 2 px, from above, beside or below
 * the chart; a datum no row has, or a datum on a block that is not a
 * chart, is a located error.  A chart's story options: direct labels at
 * the line ends, pushed apart without overlap, in place of the legend; a
 * highlight in the accent with the rest muted; the unit on the legend's
 * line (■2012 ■2019 单位：元/月). */
#include "scene_test.h"

/* The tip of the callout's arrowhead: its path's first point. */
static const sc_pt *arrow_tip(const scene *s) {
  const sc_item *a = nth(s, "callout.arrow", 0);
  return a && a->npts ? &a->pts[0] : NULL;
}

#define DIBAO                                                                                                  \
  "      data: {values: [{年份: 2012年, 标准: 500}, {年份: 2019年, 标准: 995}]}\n"                         \
  "      encoding:\n        x: {field: 年份, type: ordinal}\n        y: {field: 标准, type: quantitative}\n"

static void test_callout_on_bar(void) {
  /* the note above the chart: straight down (or round) onto the 2019 bar's top */
  run r = go("t.yaml", "page: {width: 800}\nlayout: {columns: 1}\nblocks:\n"
                       "  - callout: {content: 七年提高99%, target: {block: dibao, datum: {年份: 2019年}}}\n"
                       "  - id: dibao\n    chart:\n      mark: bar\n" DIBAO);
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 2)) return;
  const sc_item *bar = nth(r.sc, "mark.bar", 1);
  const sc_pt *tip = arrow_tip(r.sc);
  if (!REQUIRED(tip != NULL)) return;
  CHECK(fabs(tip->x - (bar->x + bar->w / 2)) <= 2 && fabs(tip->y - bar->y) <= 2);
  /* the arrow comes down onto the bar: the head's base is above its tip */
  const sc_item *head = nth(r.sc, "callout.arrow", 0);
  CHECK(head->y + 0.01 < tip->y && head->y + head->h <= tip->y + 0.01);
  CHECK(count(r.sc, "callout.leader") == 1);
  run_free(&r);

  /* the other datum, a number this time, in a two-column grid: the note beside */
  r = go("t.yaml", "page: {width: 1000}\nlayout: {columns: 2}\nblocks:\n"
                   "  - id: dibao\n    chart:\n      mark: bar\n"
                   "      data: {values: [{年: 2012, 标准: 500}, {年: 2019, 标准: 995}]}\n"
                   "      encoding:\n        x: {field: 年, type: ordinal}\n        y: {field: 标准, type: quantitative}\n"
                   "  - callout: {content: 2012年500元, target: {block: dibao, datum: {年: 2012}}}\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 2)) return;
  bar = nth(r.sc, "mark.bar", 0);
  tip = arrow_tip(r.sc);
  if (!REQUIRED(tip != NULL)) return;
  CHECK(fabs(tip->x - (bar->x + bar->w / 2)) <= 2 && fabs(tip->y - bar->y) <= 2);
  run_free(&r);
}

/* emphasis: primary sets the label as a key figure: far larger than a normal label */
static void test_callout_emphasis(void) {
  double h[2];
  for (int e = 0; e < 2; e++) {
    char spec[512];
    snprintf(spec, sizeof spec, "page: {width: 800}\nblocks:\n  - callout: {label: +99%%, content: x, emphasis: %s}\n",
             e ? "primary" : "normal");
    run r = go("t.yaml", spec);
    if (!REQUIRED(r.sc != NULL && nth(r.sc, "callout.label", 0))) return;
    h[e] = nth(r.sc, "callout.label", 0)->h;
    run_free(&r);
  }
  CHECK(h[1] > 2 * h[0]);
}

static void test_callout_on_point(void) {
  /* a line's vertex; the note under the chart, pointing up */
  run r = go("t.yaml", "page: {width: 800}\nlayout: {columns: 1}\nblocks:\n"
                       "  - id: dibao\n    chart:\n      mark: {type: line, point: true}\n" DIBAO
                       "  - callout: {content: 2012年：500元, target: {block: dibao, datum: {年份: 2012年, 标准: 500}}}\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.point") == 2)) return;
  const sc_item *pt = nth(r.sc, "mark.point", 0);
  const sc_pt *tip = arrow_tip(r.sc);
  if (!REQUIRED(tip != NULL)) return;
  CHECK(fabs(tip->x - pt->cx) <= 2 && fabs(tip->y - pt->cy) <= 2);
  run_free(&r);
}

static void test_callout_errors(void) {
  run r = go("t.yaml", "page: {width: 800}\nlayout: {columns: 1}\nblocks:\n"
                       "  - callout: {content: x, target: {block: dibao, datum: {年份: 2020年}}}\n"
                       "  - id: dibao\n    chart:\n      mark: bar\n" DIBAO);
  CHECK_STR(r.first_error, "t.yaml:4:57: error: no mark of chart 'dibao' has this datum (its fields and values as in the data)");
  run_free(&r);
  r = go("t.yaml", "page: {width: 800}\nblocks:\n"
                   "  - callout: {content: x, target: {block: k, datum: {年份: 2020年}}}\n"
                   "  - id: k\n    kpi: {value: 1}\n");
  CHECK_STR(r.first_error, "t.yaml:3:43: error: callout target 'k' is a kpi block: a datum is a mark of a chart");
  run_free(&r);
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - callout: {content: x, target: {blok: k, datum: {a: 1}}}\n");
  CHECK_STR(r.first_error, "t.yaml:3:36: error: unknown key 'blok' in callout target (did you mean 'block'?)");
  run_free(&r);
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - callout: {content: x, target: {block: k, datum: 2019}}\n");
  CHECK_STR(r.first_error, "t.yaml:3:53: error: a callout's datum is a mapping of fields to values ({年份: 2019年}), found the number 2019");
  run_free(&r);
}

#define SERIES(a, b, c)                                                                                        \
  "      data: {values: [{年: 2012, 类: 城市, v: " #a "}, {年: 2019, 类: 城市, v: 995},"                        \
  " {年: 2012, 类: 农村, v: " #b "}, {年: 2019, 类: 农村, v: 990}, {年: 2012, 类: 孤儿, v: 1100}, {年: 2019, 类: 孤儿, v: " #c "}]}\n" \
  "      mark: {type: line, point: true}\n"                                                                 \
  "      encoding:\n        x: {field: 年, type: ordinal}\n        y: {field: v, type: quantitative}\n"  \
  "        color: {field: 类, type: nominal}\n"

static void test_direct_labels(void) {
  /* three series, two ending 5 apart: their labels pushed apart, none
   * overlapping, each at its line's end (x) and as near its end (y) as
   * the others allow; no legend */
  run r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n" SERIES(500, 450, 2000) "    directLabels: true\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.label.direct") == 3)) return;
  CHECK(count(r.sc, "legend.label") == 0 && count(r.sc, "legend.symbol") == 0);
  const sc_item *l[3];
  for (int i = 0; i < 3; i++) l[i] = nth(r.sc, "mark.label.direct", i);
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      CHECK(l[i]->y + l[i]->h <= l[j]->y + 0.01 || l[j]->y + l[j]->h <= l[i]->y + 0.01);
  /* the lone top series: its label centred on its end point */
  const sc_item *top = NULL;
  for (int i = 0; i < count(r.sc, "mark.point"); i++)
    if (!top || nth(r.sc, "mark.point", i)->cy < top->cy) top = nth(r.sc, "mark.point", i);
  if (!REQUIRED(top != NULL)) return;
  CHECK_STR(label(r.sc, "mark.label.direct", 0), "孤儿");
  CHECK_NEAR(l[0]->y + l[0]->h / 2, top->cy, 0.5);
  CHECK(l[0]->x > top->cx && l[0]->x < top->cx + 12);
  /* inside the page: room was kept right of the plot */
  for (int i = 0; i < 3; i++) CHECK(l[i]->x + l[i]->w <= 800 - 48 + 0.5);
  /* the pair: centred on their ends' mean, touching */
  CHECK(fabs(l[1]->y + l[1]->h - l[2]->y) < 0.01 || fabs(l[2]->y + l[2]->h - l[1]->y) < 0.01);
  run_free(&r);
  /* without the option: a legend, no labels */
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n" SERIES(500, 450, 2000));
  if (!REQUIRED(r.sc != NULL)) return;
  CHECK(count(r.sc, "mark.label.direct") == 0 && count(r.sc, "legend.label") == 3);
  run_free(&r);
}

static void test_highlight(void) {
  /* a category: the 2019 bar in the accent, the 2012 bar muted */
  run r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n      mark: bar\n" DIBAO "    highlight: 2019年\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 2)) return;
  uint32_t muted = nth(r.sc, "mark.bar", 0)->style.fill;
  CHECK(nth(r.sc, "mark.bar", 1)->style.fill == 0xc0392bffu);
  CHECK(muted != 0xc0392bffu && ((muted >> 24) & 0xff) > 0x90); /* a light grey */
  run_free(&r);
  /* a series: its line in the accent, the others in the muted tint */
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n" SERIES(500, 450, 2000) "    highlight: 孤儿\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "mark.line") == 3)) return;
  int accent = 0, grey = 0;
  for (int i = 0; i < 3; i++) {
    uint32_t c = nth(r.sc, "mark.line", i)->style.stroke;
    accent += c == 0xc0392bffu;
    grey += c == muted;
  }
  CHECK(accent == 1 && grey == 2);
  run_free(&r);
  /* a highlight no row holds: an error at it */
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n      mark: bar\n" DIBAO "    highlight: 2020年\n");
  CHECK_STR(r.first_error, "t.yaml:9:16: error: highlight '2020年' is in no row of the chart (a category on its discrete axis, or a series of its colour field)");
  run_free(&r);
  /* beside a block that is not a chart: an error at the key */
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - kpi: {value: 1}\n    unit: 元\n");
  CHECK_STR(r.first_error, "t.yaml:4:5: error: 'unit' beside a block is a chart's; a kpi block takes it inside, if at all");
  run_free(&r);
}

static void test_unit_line(void) {
  /* with a legend: ■2012 ■2019 单位：元/月 on one line at the top, no y title */
  run r = go("t.yaml", "page: {width: 800, lang: zh-CN}\nblocks:\n  - chart:\n      mark: bar\n"
                       "      data: {values: [{类: 城市, 年: '2012', v: 500}, {类: 城市, 年: '2019', v: 995}]}\n"
                       "      encoding:\n        x: {field: 类}\n        xOffset: {field: 年}\n"
                       "        y: {field: v, type: quantitative}\n        color: {field: 年}\n    unit: 元/月\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "legend.unit") == 1 && count(r.sc, "legend.label") == 2)) return;
  const sc_item *u = nth(r.sc, "legend.unit", 0), *l1 = nth(r.sc, "legend.label", 1);
  CHECK_STR(label(r.sc, "legend.unit", 0), "单位：元/月");
  CHECK_NEAR(u->y + u->h / 2, l1->y + l1->h / 2, 0.5);
  CHECK(u->x > l1->x + l1->w);
  CHECK(count(r.sc, "axis.y.title") == 0);
  /* the legend above the plot: the line is over the bars */
  CHECK(u->y + u->h <= nth(r.sc, "mark.bar", 0)->y);
  run_free(&r);
  /* no legend: the unit is the y axis's title */
  r = go("t.yaml", "page: {width: 800}\nblocks:\n  - chart:\n      mark: bar\n" DIBAO "    unit: 元/月\n");
  if (!REQUIRED(r.sc != NULL)) return;
  CHECK(count(r.sc, "legend.unit") == 0);
  CHECK_STR(label(r.sc, "axis.y.title", 0), "元/月");
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_callout_on_bar();
  test_callout_on_point();
  test_callout_emphasis();
  test_callout_errors();
  test_direct_labels();
  test_highlight();
  test_unit_line();
  return testing_done("test_annotations");
}
