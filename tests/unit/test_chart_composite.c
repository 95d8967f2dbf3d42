/* Composite marks (boxplot, errorbar, errorband) and encoding impute
 * through the real pipeline: where the parts land in the plot, against
 * quartiles and bounds computed by hand (d3's R-7 quantiles, as Vega's),
 * and the exact located errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_test.h"

/* The first plot box of a scene. */
static const sc_box *plot(const scene *s) { return s && s->nboxes ? &s->boxes[0] : NULL; }

/* y of value v on a plot whose y domain is [0, top] */
static double ypx(const sc_box *p, double v, double top) { return p->y + p->h * (1 - v / top); }

static int near(double a, double b) { return fabs(a - b) < 0.5; }

/* A: 1..9 and 100 (q1 3.25, median 5.5, q3 7.75; whiskers 1 and 9, 100
 * beyond 7.75 + 1.5 x 4.5); B: 20, 30, 40, 50 (q1 27.5, median 35, q3 42.5). */
#define BOX_DATA                                                                                                \
  "{\"data\": {\"values\": [{\"g\":\"A\",\"v\":1},{\"g\":\"A\",\"v\":2},{\"g\":\"A\",\"v\":3},{\"g\":\"A\",\"v\":4}," \
  "{\"g\":\"A\",\"v\":5},{\"g\":\"A\",\"v\":6},{\"g\":\"A\",\"v\":7},{\"g\":\"A\",\"v\":8},{\"g\":\"A\",\"v\":9},"    \
  "{\"g\":\"A\",\"v\":100},{\"g\":\"B\",\"v\":20},{\"g\":\"B\",\"v\":30},{\"g\":\"B\",\"v\":40},{\"g\":\"B\",\"v\":50}]},\n"

static void test_boxplot_tukey(void) {
  run r = go("b.vl.json", BOX_DATA "\"mark\": \"boxplot\", \"encoding\": {\"x\": {\"field\": \"g\", \"type\": "
                                   "\"nominal\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  REQUIRED(r.sc != NULL);
  const sc_box *p = plot(r.sc);
  REQUIRED(p != NULL);
  CHECK(count(r.sc, "mark.bar") == 2);
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  REQUIRED(a != NULL && b != NULL);
  /* box edges at the quartiles, 14 px wide (Vega-Lite's config.boxplot.size) */
  CHECK(near(a->y, ypx(p, 7.75, 100)) && near(a->y + a->h, ypx(p, 3.25, 100)));
  CHECK(near(b->y, ypx(p, 42.5, 100)) && near(b->y + b->h, ypx(p, 27.5, 100)));
  CHECK(near(a->w, 14));
  /* the medians: white ticks across the boxes */
  const sc_item *ma = nth(r.sc, "mark.tick", 0), *mb = nth(r.sc, "mark.tick", 1);
  REQUIRED(ma != NULL && mb != NULL);
  CHECK(near(ma->y + ma->h / 2, ypx(p, 5.5, 100)) && near(mb->y + mb->h / 2, ypx(p, 35, 100)));
  CHECK(ma->style.fill == 0xffffffffu && near(ma->w, 14));
  /* whiskers: from the boxes to 1 and 9, 20 and 50; 100 an outlier point */
  CHECK(count(r.sc, "mark.rule") == 4);
  int found_low = 0, found_high = 0;
  for (int i = 0; i < count(r.sc, "mark.rule"); i++) {
    const sc_item *w = nth(r.sc, "mark.rule", i);
    found_low |= near(w->y + w->h, ypx(p, 1, 100)) && near(w->y, ypx(p, 3.25, 100));
    found_high |= near(w->y, ypx(p, 9, 100)) && near(w->y + w->h, ypx(p, 7.75, 100));
  }
  CHECK(found_low && found_high);
  CHECK(count(r.sc, "mark.point") == 1);
  CHECK(has_label(r.sc, "axis.y.title", "v")); /* titled by the field, as Vega-Lite */
  run_free(&r);
}

static void test_boxplot_minmax(void) {
  run r = go("b.vl.json", BOX_DATA "\"mark\": {\"type\": \"boxplot\", \"extent\": \"min-max\", \"median\": "
                                   "{\"color\": \"black\"}, \"size\": 20}, \"encoding\": {\"y\": {\"field\": \"g\", "
                                   "\"type\": \"nominal\"}, \"x\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  REQUIRED(r.sc != NULL);
  const sc_box *p = plot(r.sc);
  REQUIRED(p != NULL);
  CHECK(count(r.sc, "mark.point") == 0); /* min-max: no outliers */
  const sc_item *a = nth(r.sc, "mark.bar", 0), *t = nth(r.sc, "mark.tick", 0);
  REQUIRED(a != NULL && t != NULL);
  CHECK(near(a->x, p->x + p->w * 3.25 / 100) && near(a->x + a->w, p->x + p->w * 7.75 / 100)); /* horizontal */
  CHECK(near(a->h, 20));
  CHECK(t->style.fill == 0x000000ffu && near(t->h, 20) && near(t->x + t->w / 2, p->x + p->w * 5.5 / 100));
  int to_100 = 0; /* the whisker reaches the maximum */
  for (int i = 0; i < count(r.sc, "mark.rule"); i++) {
    const sc_item *w = nth(r.sc, "mark.rule", i);
    to_100 |= near(w->x + w->w, p->x + p->w);
  }
  CHECK(to_100);
  run_free(&r);
}

/* config.boxplot: the mark's defaults and its parts' (Vega-Lite's config) */
static void test_boxplot_config(void) {
  run r = go("b.vl.json", BOX_DATA "\"mark\": {\"type\": \"boxplot\", \"size\": 30}, \"encoding\": {\"x\": {\"field\": "
                                   "\"g\", \"type\": \"nominal\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}},"
                                   "\"config\": {\"boxplot\": {\"extent\": \"min-max\", \"size\": 8, \"median\": "
                                   "{\"color\": \"#000000\"}}}}");
  REQUIRED(r.sc != NULL);
  CHECK(count(r.sc, "mark.point") == 0); /* min-max from config */
  const sc_item *a = nth(r.sc, "mark.bar", 0), *t = nth(r.sc, "mark.tick", 0);
  REQUIRED(a != NULL && t != NULL);
  CHECK(near(a->w, 30)); /* the mark's size over config's */
  CHECK(t->style.fill == 0x000000ffu);
  run_free(&r);
}

/* a box with no height: its median in the box's colour, not white */
static void test_boxplot_flat(void) {
  run r = go("b.vl.json", "{\"data\": {\"values\": [{\"g\":\"A\",\"v\":3},{\"g\":\"A\",\"v\":5},{\"g\":\"B\",\"v\":4}]},"
                          "\"mark\": {\"type\": \"boxplot\", \"color\": \"#aa0000\"}, \"encoding\": {\"x\": "
                          "{\"field\": \"g\", \"type\": \"nominal\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  REQUIRED(r.sc != NULL);
  CHECK(count(r.sc, "mark.tick") == 2);
  const sc_item *ta = nth(r.sc, "mark.tick", 0), *tb = nth(r.sc, "mark.tick", 1);
  REQUIRED(ta != NULL && tb != NULL);
  CHECK(ta->style.fill == 0xffffffffu);
  CHECK((tb->style.fill >> 8) == 0xaa0000u);
  run_free(&r);
}

/* errorbar from x and xError/xError2; errorband from y/y2 */
static void test_error_preaggregated(void) {
  run r = go("e.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\",\"c\":50,\"e\":10,\"e2\":-30},{\"k\":\"B\",\"c\":60,"
                          "\"e\":20,\"e2\":-20}]}, \"mark\": \"errorbar\", \"encoding\": {\"y\": {\"field\": \"k\", "
                          "\"type\": \"nominal\"}, \"x\": {\"field\": \"c\", \"type\": \"quantitative\", \"scale\": "
                          "{\"domain\": [0, 100]}}, \"xError\": {\"field\": \"e\"}, \"xError2\": {\"field\": \"e2\"}}}");
  REQUIRED(r.sc != NULL);
  const sc_box *p = plot(r.sc);
  REQUIRED(p != NULL);
  const sc_item *a = nth(r.sc, "mark.rule", 0), *b = nth(r.sc, "mark.rule", 1);
  REQUIRED(a != NULL && b != NULL);
  CHECK(near(a->x, p->x + p->w * 0.20) && near(a->x + a->w, p->x + p->w * 0.60));
  CHECK(near(b->x, p->x + p->w * 0.40) && near(b->x + b->w, p->x + p->w * 0.80));
  CHECK(count(r.sc, "mark.tick") == 0); /* ticks off by default */
  CHECK(has_label(r.sc, "axis.x.title", "c"));
  run_free(&r);

  r = go("e.vl.json", "{\"data\": {\"values\": [{\"t\":1,\"lo\":10,\"hi\":30},{\"t\":2,\"lo\":20,\"hi\":60}]},"
                      "\"mark\": {\"type\": \"errorband\", \"borders\": true}, \"encoding\": {\"x\": {\"field\": \"t\","
                      " \"type\": \"quantitative\"}, \"y\": {\"field\": \"lo\", \"type\": \"quantitative\"}, \"y2\": "
                      "{\"field\": \"hi\"}}}");
  REQUIRED(r.sc != NULL);
  CHECK(count(r.sc, "mark.area") == 1);
  CHECK(count(r.sc, "mark.line") == 2);
  run_free(&r);
}

/* raw data: the centre +- stderr (mean 4, stderr of 2, 4, 6 = 1.1547) */
static void test_errorbar_raw(void) {
  run r = go("e.vl.json", "{\"data\": {\"values\": [{\"v\":2},{\"v\":4},{\"v\":6}]}, \"mark\": {\"type\": \"errorbar\","
                          " \"ticks\": true}, \"encoding\": {\"y\": {\"field\": \"v\", \"type\": \"quantitative\", "
                          "\"scale\": {\"domain\": [0, 10]}}}}");
  REQUIRED(r.sc != NULL);
  const sc_box *p = plot(r.sc);
  const sc_item *rule = nth(r.sc, "mark.rule", 0);
  REQUIRED(p != NULL && rule != NULL);
  double se = sqrt(4.0 / 3.0);
  CHECK(near(rule->y, ypx(p, 4 + se, 10)) && near(rule->y + rule->h, ypx(p, 4 - se, 10)));
  CHECK(count(r.sc, "mark.tick") == 2);
  run_free(&r);
}

/* impute in y: the missing (a=3, c=1) row drawn at value 0 */
static void test_encoding_impute(void) {
  run r = go("i.vl.json", "{\"data\": {\"values\": [{\"a\":0,\"b\":28,\"c\":0},{\"a\":0,\"b\":91,\"c\":1},{\"a\":1,"
                          "\"b\":43,\"c\":0},{\"a\":1,\"b\":55,\"c\":1},{\"a\":3,\"b\":19,\"c\":0}]}, \"mark\": "
                          "\"point\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}, \"y\": "
                          "{\"field\": \"b\", \"type\": \"quantitative\", \"impute\": {\"value\": 0}}, \"color\": "
                          "{\"field\": \"c\", \"type\": \"nominal\"}}}");
  REQUIRED(r.sc != NULL);
  CHECK(count(r.sc, "mark.point") == 6);
  const sc_box *p = plot(r.sc);
  REQUIRED(p != NULL);
  int at_zero = 0;
  for (int i = 0; i < count(r.sc, "mark.point"); i++) {
    const sc_item *m = nth(r.sc, "mark.point", i);
    at_zero += near(m->y + m->h / 2, p->y + p->h);
  }
  CHECK(at_zero == 1);
  run_free(&r);
}

static void expect_first_error(const char *spec, const char *want) {
  run r = go("x.vl.json", spec);
  CHECK(r.sc == NULL);
  CHECK_STR(r.first_error, want);
  run_free(&r);
}

static void test_errors(void) {
  expect_first_error("{\"data\": {\"values\": [{\"a\":\"x\"}]}, \"mark\": \"boxplot\", \"encoding\": {\"x\": "
                     "{\"field\": \"a\", \"type\": \"nominal\"}}}",
                     "x.vl.json:1:43: error: a boxplot needs a quantitative or temporal field on x or y");
  expect_first_error("{\"data\": {\"values\": [{\"a\":1}]}, \"mark\": {\"type\": \"errorbar\", \"box\": true}, "
                     "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}}}",
                     "x.vl.json:1:62: error: 'box' is not a property of an errorbar");
  expect_first_error("{\"data\": {\"values\": [{\"a\":1}]}, \"mark\": {\"type\": \"boxplot\", \"extent\": \"ci\"}, "
                     "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}}}",
                     "x.vl.json:1:71: error: a boxplot's extent must be a number of at least 0 (whiskers at k x IQR) "
                     "or min-max, found the string 'ci'");
  expect_first_error("{\"data\": {\"values\": [{\"a\":1,\"b\":2,\"e\":1}]}, \"mark\": \"errorbar\", \"encoding\": {\"x\": "
                     "{\"field\": \"a\", \"type\": \"quantitative\"}, \"x2\": {\"field\": \"b\"}, \"xError\": {\"field\": "
                     "\"e\"}}}",
                     "x.vl.json:1:53: error: an errorbar takes bounds (x2) or errors (xError, yError), not both");
  expect_first_error("{\"data\": {\"values\": [{\"a\":1,\"b\":2}]}, \"mark\": \"line\", \"encoding\": {\"x\": "
                     "{\"field\": \"a\", \"type\": \"quantitative\"}, \"y\": {\"field\": \"b\", \"type\": "
                     "\"quantitative\", \"impute\": {\"method\": \"avg\"}}}}",
                     "x.vl.json:1:178: error: unknown impute method 'avg' (value, mean, median, max or min)");
}

int main(void) {
  scene_test_begin();
  test_boxplot_tukey();
  test_boxplot_minmax();
  test_boxplot_flat();
  test_boxplot_config();
  test_error_preaggregated();
  test_errorbar_raw();
  test_encoding_impute();
  test_errors();
  text_engine_free(TE);
  return testing_done("test_chart_composite");
}
