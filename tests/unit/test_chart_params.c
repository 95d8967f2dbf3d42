/* Vega-Lite params and predicates on the drawn chart (vl_params.c,
 * vl_predicate.c): variable params in expressions and {expr} properties,
 * selections at their initial state in conditions and filters, and field
 * predicates (with time units, and/or/not) in filters and tests. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "scene_test.h"

/* Five bars k = A..E, v = 10..50, and the date d of each (2019..2023). */
#define ROWS                                                                                                 \
  "      data: {values: [{k: A, v: 10, d: '2019-03-01'}, {k: B, v: 20, d: '2020-03-01'},"                   \
  " {k: C, v: 30, d: '2021-03-01'}, {k: D, v: 40, d: '2022-03-01'}, {k: E, v: null, d: '2023-03-01'}]}\n"
#define ENC "      encoding:\n        x: {field: k, type: nominal}\n        y: {field: v, type: quantitative}\n"

/* extra: a transform, or a colour channel (COLOR_COND) */
static run chart(const char *params, const char *mark, const char *extra) {
  char spec[4096];
  int enc = !strncmp(extra, "        color", 13);
  snprintf(spec, sizeof spec, "blocks:\n  - chart:\n%s" ROWS "      mark: %s\n%s" ENC "%s", params, mark,
           enc ? "" : extra, enc ? extra : "");
  run r = go("t.yaml", spec);
  if (!r.sc) fprintf(stderr, "  %s\n", r.first_error);
  return r;
}

/* Bars whose fill is rgb (alpha ignored). */
static int bars_filled(const scene *s, uint32_t rgb) {
  int n = 0;
  for (int i = 0; i < count(s, "mark.bar"); i++) n += (nth(s, "mark.bar", i)->style.fill >> 8) == rgb;
  return n;
}

#define RED 0xff0000u
#define COLOR_COND(cond) "        color: {condition: " cond ", value: '#0000ff'}\n"

static void test_variable_params(void) {
  /* a filter reading a param, a mark colour from an {expr} of another */
  run r = chart("      params: [{name: cut, value: 15, bind: {input: range}}, {name: hue, expr: \"'#ff' + '0000'\"}]\n",
                "{type: bar, color: {expr: hue}}", "      transform: [{filter: 'datum.v > cut'}]\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 3); /* 20, 30, 40 (null fails the test) */
  CHECK(bars_filled(r.sc, RED) == 3);
  run_free(&r);
  /* an expr param computed from the one before it, in an {expr} property */
  r = chart("      params: [{name: h, value: 20}, {name: half, expr: 'h / 2'}]\n",
            "{type: bar, cornerRadius: {expr: half}}", "");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 4);
  run_free(&r);
}

static void test_selection_conditions(void) {
  const char *sel = "      params: [{name: pick, select: {type: point, fields: [k]}}]\n";
  /* empty selection: a condition holds unless it says empty: false */
  run r = chart(sel, "bar", COLOR_COND("{param: pick, value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 4);
  run_free(&r);
  r = chart(sel, "bar", COLOR_COND("{param: pick, empty: false, value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 0 && bars_filled(r.sc, 0x0000ff) == 4);
  run_free(&r);
  /* an initial selection: only its rows */
  r = chart("      params: [{name: pick, value: [{k: B}, {k: D}], select: {type: point, fields: [k]}}]\n", "bar",
            COLOR_COND("{param: pick, empty: false, value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 2);
  run_free(&r);
  /* an interval on x's encoding, filtering: the rows inside it */
  r = chart("      params: [{name: brush, value: {y: [25, 45]}, select: {type: interval, encodings: [y]}}]\n", "bar",
            "      transform: [{filter: {param: brush}}]\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 2);
  run_free(&r);
}

static void test_predicates(void) {
  /* field predicates in a test, and/or/not */
  run r = chart("", "bar", COLOR_COND("{test: {field: v, gt: 20}, value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 2); /* 30, 40: not 20 */
  run_free(&r);
  r = chart("", "bar",
            COLOR_COND("{test: {and: [{field: v, range: [15, 35]}, {not: {field: k, equal: C}}]},"
                                           " value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 1); /* B */
  run_free(&r);
  r = chart("", "bar", COLOR_COND("{test: {or: [{field: k, oneOf: [A, D]}, {field: v, lte: 10}]},"
                                                      " value: '#ff0000'}"));
  REQUIRED(r.sc);
  CHECK(bars_filled(r.sc, RED) == 2); /* A, D */
  run_free(&r);
  /* filters: a time unit, valid */
  r = chart("", "bar", "      transform: [{filter: {timeUnit: year, field: d, gte: 2021}}]\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 2); /* 2021, 2022 (2023's v is null) */
  run_free(&r);
  r = chart("", "bar", "      transform: [{filter: {timeUnit: yearmonth, field: d, equal: {year: 2020, month: 3}}}]\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 1);
  run_free(&r);
  r = chart("", "bar", "      transform: [{filter: {field: v, valid: true}}, {filter: {field: v, lt: 35}}]\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 3);
  run_free(&r);
}

/* x extent of a role's items */
static void x_extent(const scene *s, const char *role, double *lo, double *hi) {
  *lo = INFINITY, *hi = -INFINITY;
  for (int i = 0; i < count(s, role); i++) {
    const sc_item *it = nth(s, role, i);
    *lo = fmin(*lo, it->x), *hi = fmax(*hi, it->x + it->w);
  }
}

/* Vega-Lite's invalid modes (vl_invalid.c): rows with null in a continuous
 * scale, by mode; null in a discrete scale is a category. */
static void test_invalid_modes(void) {
  const char *rows = "      data: {values: [{a: 1, b: 10}, {a: 2, b: null}, {a: 3, b: 30}, {a: 9, b: 40}, {a: null, b: 5}]}\n";
  const char *enc = "      encoding:\n        x: {field: a, type: quantitative}\n"
                    "        y: {field: b, type: quantitative}\n";
  struct {
    const char *mark;
    int points; /* drawn */
  } cases[] = {
      {"{type: point}", 3},                                     /* default for points: filter */
      {"{type: point, invalid: filter}", 3},
      {"{type: point, invalid: show}", 5},                      /* null at zero */
      {"{type: point, invalid: null}", 5},
      {"{type: point, invalid: break-paths-show-domains}", 3},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char spec[1024];
    snprintf(spec, sizeof spec, "blocks:\n  - chart:\n%s      mark: %s\n%s", rows, cases[i].mark, enc);
    run r = go("t.yaml", spec);
    REQUIRED(r.sc);
    CHECK(count(r.sc, "mark.point") == cases[i].points);
    run_free(&r);
  }
  /* the domain: a row whose y is null widens x unless the mode filters it */
  const char *line = "blocks:\n  - chart:\n      data: {values: [{a: 1, b: 10}, {a: 2, b: 20}, {a: 30, b: null}]}\n"
                     "      mark: {type: line, invalid: %s}\n      encoding:\n"
                     "        x: {field: a, type: quantitative}\n        y: {field: b, type: quantitative}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, line, "filter");
  run f = go("t.yaml", spec);
  snprintf(spec, sizeof spec, line, "break-paths-show-domains");
  run sh = go("t.yaml", spec);
  REQUIRED(f.sc && sh.sc);
  double f0, f1, s0, s1;
  x_extent(f.sc, "mark.line", &f0, &f1);
  x_extent(sh.sc, "mark.line", &s0, &s1);
  CHECK(f1 - f0 > 2 * (s1 - s0)); /* 1..2 fills the plot; in 0..30 it is a sliver */
  run_free(&f);
  run_free(&sh);
  /* a nominal null: its own category, first */
  run r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{k: B, v: 1}, {k: null, v: 2}, {k: A, v: 3}]}\n"
                       "      mark: bar\n      encoding:\n        x: {field: k, type: nominal}\n"
                       "        y: {field: v, type: quantitative}\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 3);
  CHECK_STR(label(r.sc, "axis.x.label", 0), "null");
  run_free(&r);
}

/* scale.domain {unionWith}: the data's domain and the values */
static void test_union_domain(void) {
  run r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{k: B, v: 1}, {k: A, v: 3}]}\n"
                       "      mark: bar\n      encoding:\n"
                       "        x: {field: k, type: nominal, scale: {domain: {unionWith: [C, A]}}}\n"
                       "        y: {field: v, type: quantitative, scale: {domain: {unionWith: [0, 50]}}}\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "axis.x.label") == 3 && has_label(r.sc, "axis.x.label", "C"));
  CHECK(has_label(r.sc, "axis.y.label", "50"));
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_union_domain();
  test_invalid_modes();
  test_variable_params();
  test_selection_conditions();
  test_predicates();
  text_engine_free(TE);
  return testing_done("test_chart_params");
}
