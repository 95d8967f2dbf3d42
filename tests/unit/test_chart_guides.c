/* Guide properties read and merged from one table (vl_axis_fields,
 * vl_header_fields): an axis's labelOffset, set on the axis or in
 * config.axis*, and config.header* laid under a facet channel's own header.
 * Numbers from the seed report: 孤儿集中养育 1400 -> 2510 元, 分散供养
 * 850 -> 2070 元 a month (2012 -> 2019). */
#include <string.h>

#include "scene_test.h"

#define ORPHANS                                                                                                  \
  "      data: {values: [{year: '2012', kind: 集中, v: 1400}, {year: '2012', kind: 分散, v: 850},"            \
  " {year: '2019', kind: 集中, v: 2510}, {year: '2019', kind: 分散, v: 2070}]}\n"

/* A bar chart of the 集中 standard with `axis` on both axes and `config`. */
static run bars(const char *axis, const char *config) {
  char spec[2048];
  snprintf(spec, sizeof spec,
           "blocks:\n  - chart:\n" ORPHANS "      transform: [{filter: \"datum.kind == '集中'\"}]\n"
           "      width: 300\n      mark: bar\n%s"
           "      encoding:\n"
           "        x: {field: year, type: ordinal, axis: %s}\n"
           "        y: {field: v, type: quantitative, axis: %s}\n",
           config, axis, axis);
  return go("t.yaml", spec);
}

static void test_label_offset(void) {
  run r0 = bars("{}", ""), r1 = bars("{labelOffset: 6}", ""), r2 = bars("{}", "      config: {axis: {labelOffset: 6}}\n");
  CHECK_STR(r1.first_error, "");
  for (int i = 0; i < 2; i++) {
    const sc_item *x0 = nth(r0.sc, "axis.x.label", i), *x1 = nth(r1.sc, "axis.x.label", i);
    const sc_item *x2 = nth(r2.sc, "axis.x.label", i);
    if (!REQUIRED(x0 && x1 && x2)) continue;
    CHECK_NEAR(x1->x - x0->x, 6, 0.01); /* along the x axis: right */
    CHECK_NEAR(x1->y, x0->y, 0.01);
    CHECK_NEAR(x2->x - x0->x, 6, 0.01); /* the same from config.axis */
  }
  const sc_item *y0 = nth(r0.sc, "axis.y.label", 1), *y1 = nth(r1.sc, "axis.y.label", 1);
  if (REQUIRED(y0 && y1)) {
    CHECK_NEAR(y1->y - y0->y, 6, 0.01); /* along the y axis: down */
    CHECK_NEAR(y1->x, y0->x, 0.01);
  }
  /* the bars and ticks stay where they were */
  const sc_item *b0 = nth(r0.sc, "mark.bar", 0), *b1 = nth(r1.sc, "mark.bar", 0);
  if (REQUIRED(b0 && b1)) CHECK_NEAR(b1->x, b0->x, 0.01);
  run_free(&r0);
  run_free(&r1);
  run_free(&r2);
}

/* The height of the first column header of the two kinds faceted by
 * column, with `header` on the channel and `config`. */
static double header_h(const char *header, const char *config) {
  char spec[2048];
  snprintf(spec, sizeof spec,
           "blocks:\n  - chart:\n" ORPHANS "%s      mark: bar\n"
           "      encoding:\n"
           "        column: {field: kind, type: nominal, header: %s}\n"
           "        x: {field: year, type: ordinal}\n"
           "        y: {field: v, type: quantitative}\n",
           config, header);
  run r = go("t.yaml", spec);
  CHECK_STR(r.first_error, "");
  const sc_item *h = nth(r.sc, "facet.header", 0);
  double out = REQUIRED(h && h->text) ? h->text->height : 0;
  run_free(&r);
  return out;
}

static void test_header_config(void) {
  double plain = header_h("{}", "");
  double all = header_h("{}", "      config: {header: {labelFontSize: 26}}\n");
  double column = header_h("{}", "      config: {headerColumn: {labelFontSize: 26}}\n");
  double row = header_h("{}", "      config: {headerRow: {labelFontSize: 26}}\n");
  double own = header_h("{labelFontSize: 26}", "      config: {header: {labelFontSize: 8}}\n");
  double kind_over_all = header_h("{}", "      config: {header: {labelFontSize: 8}, headerColumn: {labelFontSize: 26}}\n");
  CHECK(plain > 0);
  CHECK(all > plain + 8);         /* config.header reaches the column's header */
  CHECK_NEAR(column, all, 0.01);  /* so does config.headerColumn */
  CHECK_NEAR(row, plain, 0.01);   /* config.headerRow does not */
  CHECK_NEAR(own, all, 0.01);     /* the channel's own header wins */
  CHECK_NEAR(kind_over_all, all, 0.01); /* the kind's config over the general one */
}

int main(void) {
  scene_test_begin();
  test_label_offset();
  test_header_config();
  text_engine_free(TE);
  return testing_done("test_chart_guides");
}
