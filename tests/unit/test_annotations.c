/* Chart annotations (issue 16), checked on the scene: a callout whose
 * target is a chart's datum ends its arrowhead on that datum's mark (a
 * bar's top, a point's centre) within 2 px, from above, beside or below
 * the chart; a datum no row has, or a datum on a block that is not a
 * chart, is a located error. */
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

int main(void) {
  scene_test_begin();
  test_callout_on_bar();
  test_callout_on_point();
  test_callout_errors();
  return testing_done("test_annotations");
}
