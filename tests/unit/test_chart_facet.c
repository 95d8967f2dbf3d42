/* Charts: a facet's cell order (sort arrays, {field, op}, descending),
 * header orient and labelAlign, the size of a bar or tick with no field
 * along its band, and points and ticks grouped by a discrete xOffset --
 * asserted on the scene of standalone Vega-Lite specs through the public
 * pipeline. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_test.h"

/* Three districts with two values each: 北区 has the largest median of v,
 * 东区 the smallest; by key (ascending) 东区 < 北区 < 南区. */
#define DISTRICTS                                                                                            \
  "\"data\": {\"values\": [{\"d\":\"北区\",\"k\":\"A\",\"v\":30},{\"d\":\"北区\",\"k\":\"B\",\"v\":50},"    \
  "{\"d\":\"南区\",\"k\":\"A\",\"v\":20},{\"d\":\"南区\",\"k\":\"B\",\"v\":24},"                            \
  "{\"d\":\"东区\",\"k\":\"A\",\"v\":2},{\"d\":\"东区\",\"k\":\"B\",\"v\":90}]},\n"
#define CELL "\"spec\": {\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", " \
             "\"type\": \"quantitative\"}}}"

/* The facet's headers, left to right, joined by '|'. */
static const char *headers(const char *channel, const char *sort, char *out, size_t n) {
  char spec[2048];
  snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"%s\": {\"field\": \"d\"%s}},\n" CELL "}", channel, sort);
  run r = go("f.vl.json", spec);
  CHECK_STR(r.first_error, "");
  out[0] = 0;
  for (int i = 0; i < count(r.sc, "facet.header"); i++) {
    if (i) strncat(out, "|", n - strlen(out) - 1);
    strncat(out, label(r.sc, "facet.header", i), n - strlen(out) - 1);
  }
  run_free(&r);
  return out;
}

static void test_facet_sort(void) {
  char buf[256];
  CHECK_STR(headers("column", "", buf, sizeof buf), "东区|北区|南区"); /* by key */
  CHECK_STR(headers("column", ", \"sort\": \"descending\"", buf, sizeof buf), "南区|北区|东区");
  CHECK_STR(headers("column", ", \"sort\": null", buf, sizeof buf), "北区|南区|东区"); /* as the data has them */
  /* an array: its keys first, in its order, the rest after by key */
  CHECK_STR(headers("column", ", \"sort\": [\"南区\"]", buf, sizeof buf), "南区|东区|北区");
  CHECK_STR(headers("row", ", \"sort\": [\"北区\", \"东区\", \"南区\"]", buf, sizeof buf), "北区|东区|南区");
  /* by a field's median: 东区 46, 北区 40, 南区 22 (a mean would be the same order; min is not) */
  CHECK_STR(headers("column", ", \"sort\": {\"field\": \"v\", \"op\": \"median\"}", buf, sizeof buf),
            "南区|北区|东区");
  CHECK_STR(headers("column", ", \"sort\": {\"field\": \"v\", \"op\": \"min\", \"order\": \"descending\"}", buf,
                    sizeof buf),
            "北区|南区|东区");
}

/* The median is the middle value, not the mean: 10 beats 2, 3, 100's 3. */
static void test_sort_median(void) {
  const char *spec = "{\"data\": {\"values\": [{\"d\":\"P\",\"v\":2},{\"d\":\"P\",\"v\":3},{\"d\":\"P\",\"v\":100},"
                     "{\"d\":\"Q\",\"v\":10}]},\n"
                     "\"facet\": {\"column\": {\"field\": \"d\", \"sort\": {\"field\": \"v\", \"op\": \"median\"}}},\n"
                     "\"spec\": {\"mark\": \"point\", \"encoding\": {\"y\": {\"field\": \"v\", \"type\": "
                     "\"quantitative\"}}}}";
  run r = go("m.vl.json", spec);
  CHECK_STR(r.first_error, "");
  CHECK_STR(label(r.sc, "facet.header", 0), "P"); /* median 3 < 10 (mean 35 > 10) */
  CHECK_STR(label(r.sc, "facet.header", 1), "Q");
  run_free(&r);
}

/* The lowest bar bottom and the topmost bar top of a scene. */
static void bars_extent(const scene *s, double *top, double *bottom) {
  *top = INFINITY, *bottom = -INFINITY;
  for (int i = 0; i < count(s, "mark.bar"); i++) {
    const sc_item *b = nth(s, "mark.bar", i);
    *top = fmin(*top, b->y), *bottom = fmax(*bottom, b->y + b->h);
  }
}

static void test_header_orient(void) {
  char spec[2048];
  snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"column\": {\"field\": \"d\", \"title\": \"区\", "
                              "\"header\": {\"orient\": \"bottom\"}}},\n" CELL "}");
  run r = go("o.vl.json", spec);
  CHECK_STR(r.first_error, "");
  double top, bottom;
  bars_extent(r.sc, &top, &bottom);
  const sc_item *h = nth(r.sc, "facet.header", 0), *t = nth(r.sc, "facet.title", 0), *xl = nth(r.sc, "axis.x.label", 0);
  if (REQUIRED(h && t && xl)) {
    CHECK(h->y > xl->y + xl->h);            /* the labels under the cells' x axis */
    CHECK(t->y > h->y + h->h);              /* and the title under them */
    CHECK(top < 60);                        /* nothing over the cells */
  }
  run_free(&r);

  /* labelOrient alone moves the labels, the title stays on top */
  snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"column\": {\"field\": \"d\", \"title\": \"区\", "
                              "\"header\": {\"labelOrient\": \"bottom\"}}},\n" CELL "}");
  r = go("o.vl.json", spec);
  CHECK_STR(r.first_error, "");
  bars_extent(r.sc, &top, &bottom);
  h = nth(r.sc, "facet.header", 0), t = nth(r.sc, "facet.title", 0);
  if (REQUIRED(h && t)) {
    CHECK(h->y > bottom);
    CHECK(t->y + t->h < top);
  }
  run_free(&r);

  /* rows: labels at the right of the cells */
  snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"row\": {\"field\": \"d\", \"header\": {\"orient\": "
                              "\"right\"}}},\n" CELL "}");
  r = go("o.vl.json", spec);
  CHECK_STR(r.first_error, "");
  const sc_item *b = nth(r.sc, "mark.bar", 0);
  h = nth(r.sc, "facet.header", 0);
  if (REQUIRED(b && h)) CHECK(h->x > b->x + 2 * b->w);
  run_free(&r);

  /* a row's headers are not over the cells: a located error */
  snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"row\": {\"field\": \"d\", \"header\": {\"orient\": "
                              "\"bottom\"}}},\n" CELL "}");
  r = go("o.vl.json", spec);
  CHECK_STR(r.first_error, "o.vl.json:2:54: error: header orient 'bottom' is not supported on a row: huitu puts a "
                           "row's headers left or right");
  run_free(&r);
}

/* labelAlign of level row labels: within the labels' column (as wide as
 * the widest, so the narrow label moves); of level column labels: about
 * the cell's centre (left starts there, right ends there). */
static void test_header_label_align(void) {
  static const char *const aligns[] = {"left", "center", "right"};
  double rx[3], rw = 0, wide_x = 0, cx[3], cw = 0;
  for (int a = 0; a < 3; a++) {
    char spec[2048];
    snprintf(spec, sizeof spec,
             "{\"data\": {\"values\": [{\"d\":\"甲\",\"v\":3},{\"d\":\"乙丙丁戊\",\"v\":5}]},\n"
             "\"facet\": {\"row\": {\"field\": \"d\", \"header\": {\"labelAlign\": \"%s\"}}},\n"
             "\"spec\": {\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"}}}}",
             aligns[a]);
    run r = go("a.vl.json", spec);
    CHECK_STR(r.first_error, "");
    const sc_item *wide = nth(r.sc, "facet.header", 0), *narrow = nth(r.sc, "facet.header", 1); /* by key: 乙 < 甲 */
    rx[a] = REQUIRED(narrow && wide) ? narrow->x : NAN;
    if (narrow && wide) {
      rw = wide->text->width - narrow->text->width;
      CHECK_NEAR(wide->x, a ? wide_x : wide->x, 0.01); /* the widest fills the column: it stays */
      wide_x = wide->x;
    }
    run_free(&r);
    snprintf(spec, sizeof spec, "{" DISTRICTS "\"facet\": {\"column\": {\"field\": \"d\", \"header\": "
                                "{\"labelAlign\": \"%s\"}}},\n" CELL "}", aligns[a]);
    r = go("a.vl.json", spec);
    const sc_item *h = nth(r.sc, "facet.header", 0);
    cx[a] = REQUIRED(h) ? h->x : NAN;
    if (h) cw = h->text->width;
    run_free(&r);
  }
  CHECK(rw > 20);
  CHECK_NEAR(rx[1] - rx[0], rw / 2, 0.01);
  CHECK_NEAR(rx[2] - rx[0], rw, 0.01);
  CHECK_NEAR(cx[0] - cx[1], cw / 2, 0.01);
  CHECK_NEAR(cx[1] - cx[2], cw / 2, 0.01);
}

/* A bar with no field along its band spans the view (Vega-Lite's band 1);
 * a tick 3/4 of it. */
static void test_band_without_field(void) {
  const char *spec = "{\"data\": {\"values\": [{\"v\": 4}, {\"v\": 9}]}, \"height\": 40, \"layer\": ["
                     "{\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"}}},"
                     "{\"mark\": \"tick\", \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"}}}]}";
  run r = go("b.vl.json", spec);
  CHECK_STR(r.first_error, "");
  const sc_item *b = nth(r.sc, "mark.bar", 0), *t = nth(r.sc, "mark.tick", 0);
  if (REQUIRED(b && t)) {
    CHECK_NEAR(b->h, 40, 0.01);
    CHECK_NEAR(t->h, 30, 0.01);
    CHECK_NEAR(t->y + t->h / 2, b->y + b->h / 2, 0.01);
  }
  run_free(&r);
}

/* Points and ticks grouped by xOffset, as Vega-Lite: x becomes a band
 * holding the offset's sub-scale (a point scale for points: each group at
 * its sub-step's middle), a tick 3/4 of its sub-step, not of x's step. */
#define GROUPED(mark)                                                                                         \
  "{\"data\": {\"values\": [{\"c\":\"A\",\"g\":\"x\",\"v\":1},{\"c\":\"A\",\"g\":\"y\",\"v\":2},"    \
  "{\"c\":\"A\",\"g\":\"z\",\"v\":3},{\"c\":\"B\",\"g\":\"x\",\"v\":4}]},\n"                           \
  "\"mark\": \"" mark "\", \"encoding\": {\"x\": {\"field\": \"c\"}, \"y\": {\"field\": \"v\", "             \
  "\"type\": \"quantitative\"}, \"xOffset\": {\"field\": \"g\"}}}"

static void test_grouped_points_ticks(void) {
  run r = go("g.vl.json", GROUPED("point"));
  CHECK_STR(r.first_error, "");
  const sc_item *px = nth(r.sc, "mark.point", 0), *py = nth(r.sc, "mark.point", 1), *pz = nth(r.sc, "mark.point", 2);
  const sc_item *la = nth(r.sc, "axis.x.label", 0);
  if (REQUIRED(px && py && pz && la)) {
    double sub = py->x - px->x; /* the sub-step: 20 px, Vega-Lite's step per group */
    CHECK_NEAR(sub, 20, 0.01);
    CHECK_NEAR(pz->x - py->x, sub, 0.01);
    /* the middle group at x's band centre, where its label is */
    CHECK_NEAR(py->x + py->w / 2, la->x + la->text->width / 2, 0.5);
  }
  run_free(&r);
  r = go("g.vl.json", GROUPED("tick"));
  CHECK_STR(r.first_error, "");
  const sc_item *t0 = nth(r.sc, "mark.tick", 0), *t1 = nth(r.sc, "mark.tick", 1);
  if (REQUIRED(t0 && t1)) {
    double sub = t1->x - t0->x;
    CHECK(sub > 10);
    CHECK_NEAR(t0->w, 0.75 * sub, 0.01);
  }
  run_free(&r);
  /* width {band: 0.5}: half of x's band */
  r = go("w.vl.json", "{\"data\": {\"values\": [{\"c\":\"A\",\"v\":1},{\"c\":\"B\",\"v\":2}]}, \"width\": "
                      "{\"step\": 50}, \"mark\": {\"type\": \"tick\", \"width\": {\"band\": 0.5}}, \"encoding\": "
                      "{\"x\": {\"field\": \"c\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  CHECK_STR(r.first_error, "");
  const sc_item *t = nth(r.sc, "mark.tick", 0);
  if (REQUIRED(t)) CHECK_NEAR(t->w, 0.5 * 50 * 0.75, 0.01); /* a tick's band: 3/4 of the step (padding 0.25) */
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_facet_sort();
  test_sort_median();
  test_header_orient();
  test_header_label_align();
  test_band_without_field();
  test_grouped_points_ticks();
  text_engine_free(TE);
  return testing_done("test_chart_facet");
}
