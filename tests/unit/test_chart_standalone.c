/* Charts: what the CJK Vega-Lite specs of tests/vl/cjk showed -- a
 * standalone spec's title is not wrapped to a narrow plot (the chart
 * widens, as Vega-Lite's autosize), and a stack ordered by a text field
 * stacks in that text's order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_test.h"

static void test_title_not_wrapped(void) {
  const char *spec = "{\"title\": {\"text\": \"苏州低保标准\", \"subtitle\": \"报道只给出2012年与2019年两个值\"},\n"
                     "\"data\": {\"values\": [{\"年份\": \"2012\", \"标准\": 500}, {\"年份\": \"2019\", \"标准\": 995}]},\n"
                     "\"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"年份\", \"type\": \"ordinal\"},\n"
                     "\"y\": {\"field\": \"标准\", \"type\": \"quantitative\"}}}";
  run r = go("t.vl.json", spec);
  CHECK_STR(r.first_error, "");
  const sc_item *t = nth(r.sc, "chart.title", 0), *st = nth(r.sc, "chart.subtitle", 0);
  const sc_item *a0 = nth(r.sc, "axis.x.label", 0), *a1 = nth(r.sc, "axis.x.label", 1);
  if (REQUIRED(t && st && a0 && a1)) {
    CHECK(t->text->nlines == 1);  /* one line, not 苏州低保 / 标准 */
    CHECK(st->text->nlines == 1);
    CHECK(st->text->width > 4 * (a1->x - a0->x)); /* far wider than the plot of two 20 px steps */
    CHECK(r.sc->width >= st->x + st->text->width); /* and the chart holds it */
  }
  run_free(&r);
}

static void test_stack_order_by_text(void) {
  /* order by 部分: 未达到 (U+672A) before 达到 (U+8FBE), so 未达到 sits at 0 */
  const char *spec = "{\"data\": {\"values\": [{\"k\": \"甲\", \"部分\": \"达到\", \"v\": 90},"
                     "{\"k\": \"甲\", \"部分\": \"未达到\", \"v\": 10}]},\n"
                     "\"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"k\"}, \"x\": {\"field\": \"v\", \"type\": "
                     "\"quantitative\"}, \"color\": {\"field\": \"部分\", \"sort\": [\"达到\", \"未达到\"]},\n"
                     "\"order\": {\"field\": \"部分\"}}}";
  run r = go("o.vl.json", spec);
  CHECK_STR(r.first_error, "");
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(a && b)) {
    const sc_item *miss = a->w < b->w ? a : b, *met = a->w < b->w ? b : a;
    CHECK(miss->x < met->x); /* 10 first, from the axis */
    CHECK_NEAR(miss->x + miss->w, met->x, 0.01);
  }
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_title_not_wrapped();
  test_stack_order_by_text();
  text_engine_free(TE);
  return testing_done("test_chart_standalone");
}
