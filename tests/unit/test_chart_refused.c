/* Vega-Lite settings huitu refused before issue 15's last examples:
 * aggregates written as objects (vl_agg_param.c), escaped field names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "scene_test.h"

/* A chart block of the given mark and encoding over rows of k and v. */
static run chart(const char *rows, const char *mark, const char *enc) {
  char spec[4096];
  snprintf(spec, sizeof spec, "page: {lang: en}\nblocks:\n  - chart:\n      data: {values: [%s]}\n      mark: %s\n      encoding:\n%s",
           rows, mark, enc);
  run r = go("t.yaml", spec);
  if (!r.sc) fprintf(stderr, "  %s\n", r.first_error);
  return r;
}

/* The text of the text mark whose x label is k (one text per category). */
static const char *text_at(const run *r, int i) { return label(r->sc, "mark.text", i); }

static void test_param_aggregates(void) {
  /* A: 1, 2, 4 in row order -> e = 0.5 (0.5 * 1 + 2) + 4 = 5.25 over n = 3;
   * exponential: e (1 - r) / (1 - r^3) = 3; exponentialb: e (1 - r) = 2.625. */
  const char *rows = "{k: A, v: 1, w: x}, {k: A, v: 2, w: y}, {k: B, v: 7, w: z}, {k: A, v: 4, w: q}, "
                     "{k: B, v: null, w: n}";
  run r = chart(rows, "text",
                "        x: {field: k, type: nominal}\n"
                "        text: {field: v, aggregate: {exponential: 0.5}, type: quantitative, format: '.3f'}\n");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.text") == 2);
  CHECK_STR(text_at(&r, 0), "3.000");
  CHECK_STR(text_at(&r, 1), "7.000"); /* one valid value: itself; the null is left out */
  run_free(&r);
  r = chart(rows, "text",
            "        x: {field: k, type: nominal}\n"
            "        text: {field: v, aggregate: {exponentialb: 0.5}, type: quantitative, format: '.3f'}\n");
  REQUIRED(r.sc);
  CHECK_STR(text_at(&r, 0), "2.625");
  run_free(&r);
  /* argmax / argmin: w of the row where v is greatest / least */
  r = chart(rows, "text", "        x: {field: k, type: nominal}\n        text: {field: w, aggregate: {argmax: v}}\n");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.text") == 2);
  CHECK_STR(text_at(&r, 0), "q");
  CHECK_STR(text_at(&r, 1), "z");
  run_free(&r);
  r = chart(rows, "text", "        x: {field: k, type: nominal}\n        text: {field: w, aggregate: {argmin: v}}\n");
  REQUIRED(r.sc);
  CHECK_STR(text_at(&r, 0), "x");
  run_free(&r);
  /* the axis title names both fields, as Vega-Lite's */
  r = chart(rows, "bar", "        x: {field: k, type: nominal}\n"
                         "        y: {field: v, aggregate: {argmax: w}, type: quantitative}\n");
  REQUIRED(r.sc);
  CHECK(has_label(r.sc, "axis.y.title", "v for max w"));
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{k: A, v: 1, w: 3}]}\n      mark: bar\n"
                   "      encoding:\n        x: {field: k, type: nominal}\n"
                   "        y: {field: v, aggregate: {argmin: w}, type: quantitative}\n");
  REQUIRED(r.sc);
  CHECK(has_label(r.sc, "axis.y.title", "w 最小时的 v")); /* zh, the page's default: Latin fields spaced */
  run_free(&r);
}

static void test_param_aggregate_errors(void) {
  const char *rows = "{k: A, v: 1}";
  struct {
    const char *agg, *want;
  } cases[] = {
      {"{exponential: 1}", "t.yaml:8:48: error: 'exponential' must be a number between 0 and 1 (the weight), found the number 1"},
      {"{argmin: vv}", "t.yaml:8:43: error: no field 'vv' in the data (did you mean 'v'?); fields are: k, v"},
      {"{exponental: 0.5}", "t.yaml:8:35: error: unknown aggregate 'exponental' (did you mean 'exponential'?)"},
      {"{argmin: v, argmax: v}",
       "t.yaml:8:34: error: an aggregate object has one key, exponential, exponentialb, argmin or argmax (found 2)"},
      {"argmax", "t.yaml:8:34: error: aggregate 'argmax' takes a parameter: write {\"argmax\": \"field\"}"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char enc[256];
    snprintf(enc, sizeof enc, "        x: {field: k, type: nominal}\n        y: {field: v, aggregate: %s}\n", cases[i].agg);
    run r = chart(rows, "bar", enc);
    CHECK(!r.sc);
    CHECK_STR(r.first_error, cases[i].want);
    run_free(&r);
  }
}

static void test_escaped_field(void) {
  /* "a\.b" is the flat key a.b; its title keeps the backslash (Vega-Lite's) */
  run r = chart("{'a.b': 1, k: A}, {'a.b': 3, k: B}", "bar",
                "        x: {field: k, type: nominal}\n        y: {field: 'a\\.b', type: quantitative}\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 2);
  CHECK(has_label(r.sc, "axis.y.title", "a\\.b"));
  run_free(&r);
}

/* Counts of a path's ops. */
static void path_ops(const sc_item *it, int *moves, int *lines, int *curves) {
  *moves = *lines = *curves = 0;
  for (int i = 0; i < it->npts; i++) {
    *moves += it->pts[i].op == SC_MOVE;
    *lines += it->pts[i].op == SC_LINE;
    if (it->pts[i].op == SC_CURVE) (*curves)++, i += 2;
  }
}

static void test_curves(void) {
  const char *rows = "{x: 0, y: 1}, {x: 1, y: 5}, {x: 2, y: 2}, {x: 3, y: 6}, {x: 4, y: 3}";
  const char *enc = "        x: {field: x, type: quantitative}\n        y: {field: y, type: quantitative}\n";
  int m, l, cu;
  /* cardinal: one Bézier per gap, through every point; d3 puts the first
   * control point on the first point, and tension 1 puts every control
   * point on a point (the polyline) */
  run r = chart(rows, "{type: line, interpolate: cardinal, tension: 1}", enc);
  REQUIRED(r.sc);
  const sc_item *ln = nth(r.sc, "mark.line", 0);
  if (!REQUIRED(ln && ln->npts == 1 + 4 * 3)) return run_free(&r);
  path_ops(ln, &m, &l, &cu);
  CHECK(m == 1 && l == 0 && cu == 4);
  CHECK(ln->pts[1].x == ln->pts[0].x && ln->pts[1].y == ln->pts[0].y);
  CHECK(ln->pts[2].x == ln->pts[3].x && ln->pts[2].y == ln->pts[3].y); /* tension 1: on the point */
  float y1 = ln->pts[3].y;
  run_free(&r);
  r = chart(rows, "{type: line, interpolate: cardinal}", enc);
  REQUIRED(r.sc);
  ln = nth(r.sc, "mark.line", 0);
  if (!REQUIRED(ln && ln->npts == 13)) return run_free(&r);
  CHECK(ln->pts[3].y == y1);                                 /* still through the point */
  /* tension 0: the arriving control point is 1/6 of (p0 - p2) off the point */
  CHECK(fabs(ln->pts[2].y - y1 - (ln->pts[0].y - ln->pts[6].y) / 6) < 0.01 && ln->pts[2].x < ln->pts[3].x);
  run_free(&r);
  /* basis: a line in, a Bézier per point after the second, one more, a line out */
  r = chart(rows, "{type: line, interpolate: basis}", enc);
  REQUIRED(r.sc);
  ln = nth(r.sc, "mark.line", 0);
  if (!REQUIRED(ln)) return run_free(&r);
  path_ops(ln, &m, &l, &cu);
  CHECK(m == 1 && l == 2 && cu == 4);
  run_free(&r);
  r = chart(rows, "{type: line, interpolate: cardinal, tension: 2}", enc);
  CHECK(!r.sc);
  CHECK_STR(r.first_error, "t.yaml:5:58: error: 'tension' must be from 0 to 1, found 2");
  run_free(&r);
}

static void test_font_style(void) {
  /* normal is what huitu draws; italic is refused where it is written */
  const char *enc = "        x: {field: k, type: nominal}\n        text: {field: k}\n";
  run r = chart("{k: A}", "{type: text, fontStyle: normal}", enc);
  CHECK(r.sc && count(r.sc, "mark.text") == 1);
  run_free(&r);
  r = chart("{k: A}", "{type: text, fontStyle: italic}", enc);
  CHECK(!r.sc);
  CHECK_STR(r.first_error,
            "t.yaml:5:37: error: 'fontStyle' must be normal (huitu's fonts have no italic), found the string 'italic'");
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_param_aggregates();
  test_param_aggregate_errors();
  test_escaped_field();
  test_curves();
  test_font_style();
  text_engine_free(TE);
  return testing_done("test_chart_refused");
}
