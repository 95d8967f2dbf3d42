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

int main(void) {
  scene_test_begin();
  test_param_aggregates();
  test_param_aggregate_errors();
  test_escaped_field();
  text_engine_free(TE);
  return testing_done("test_chart_refused");
}
