/* Transforms against hand-computed results, and their exact errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/transform.h"
#include "testing.h"

static arena *A;
static char err_text[2048];
static int n_errors;

/* yaml holds `data:` and `transform:`; returns the transformed table, or
 * NULL with the first diagnostic in err_text. */
static dtable *run(const char *yaml) {
  diag_list d = {0};
  spec_doc doc = {A, "t.yaml", NULL};
  doc.root = spec_parse(A, "t.yaml", yaml, strlen(yaml), &d);
  dtable *t = doc.root ? data_load(&doc, spec_map_get(doc.root, "data"), ".", A, &d) : NULL;
  if (t) t = transform_apply(&doc, spec_map_get(doc.root, "transform"), t, A, &d);
  err_text[0] = 0;
  n_errors = d.errors;
  if (d.n) diag_format(&d.items[0], err_text, sizeof err_text);
  if (t && d.errors) {
    fprintf(stderr, "table returned with errors: %s\n", err_text);
    t = NULL;
  }
  if (!t && !d.n) snprintf(err_text, sizeof err_text, "(NULL without a diagnostic)");
  diag_clear(&d);
  return t;
}

static const cell *at(const dtable *t, int r, const char *col) {
  static const cell none = {.type = EXPR_NULL};
  int c = t ? dtable_col(t, col) : -1;
  if (c < 0 || r >= t->nrows) {
    fprintf(stderr, "no cell %d/%s\n", r, col);
    return &none;
  }
  return dtable_row(t, r) + c;
}
#define NUM(t, r, c) (at(t, r, c)->type == EXPR_NUM ? at(t, r, c)->num : NAN)
#define STR(t, r, c) (at(t, r, c)->type == EXPR_STR ? at(t, r, c)->str : "(not a string)")
#define ISNULL(t, r, c) (at(t, r, c)->type == EXPR_NULL)

static void expect_error(const char *yaml, const char *want) {
  dtable *t = run(yaml);
  CHECK(t == NULL);
  CHECK_STR(err_text, want);
}

#define GROUPS                                                                                              \
  "data:\n  values:\n    - {g: a, v: 1}\n    - {g: b, v: 2}\n    - {g: a, v: 3}\n    - {g: b, v: 6}\n" \
  "    - {g: a, v: null}\n    - {g: a, v: 4}\n    - {g: a, v: 2}\n"

static void test_aggregate(void) {
  dtable *t = run(GROUPS "transform:\n"
                         "  - aggregate:\n"
                         "      - {op: mean, field: v, as: m}\n"
                         "      - {op: count, as: n}\n"
                         "      - {op: valid, field: v, as: valid}\n"
                         "      - {op: missing, field: v, as: missing}\n"
                         "      - {op: distinct, field: v, as: distinct}\n"
                         "      - {op: sum, field: v, as: sum}\n"
                         "      - {op: median, field: v, as: median}\n"
                         "      - {op: q1, field: v, as: q1}\n"
                         "      - {op: q3, field: v, as: q3}\n"
                         "      - {op: min, field: v, as: min}\n"
                         "      - {op: max, field: v, as: max}\n"
                         "      - {op: variance, field: v, as: var}\n"
                         "      - {op: stdev, field: v, as: sd}\n"
                         "      - {op: average, field: v}\n"
                         "    groupby: [g]\n");
  CHECK(t && t->nrows == 2);
  if (!t) return;
  CHECK_STR(STR(t, 0, "g"), "a"); /* order of first appearance */
  CHECK_STR(STR(t, 1, "g"), "b");
  /* Group a: 1, 3, null, 4, 2. */
  CHECK_NEAR(NUM(t, 0, "m"), 2.5, 1e-12);
  CHECK_NEAR(NUM(t, 0, "n"), 5, 0);
  CHECK_NEAR(NUM(t, 0, "valid"), 4, 0);
  CHECK_NEAR(NUM(t, 0, "missing"), 1, 0);
  CHECK_NEAR(NUM(t, 0, "distinct"), 5, 0); /* null is a value too, as in Vega */
  CHECK_NEAR(NUM(t, 0, "sum"), 10, 0);
  CHECK_NEAR(NUM(t, 0, "median"), 2.5, 1e-12);
  CHECK_NEAR(NUM(t, 0, "q1"), 1.75, 1e-12);
  CHECK_NEAR(NUM(t, 0, "q3"), 3.25, 1e-12);
  CHECK_NEAR(NUM(t, 0, "min"), 1, 0);
  CHECK_NEAR(NUM(t, 0, "max"), 4, 0);
  CHECK_NEAR(NUM(t, 0, "var"), 5.0 / 3.0, 1e-12);
  CHECK_NEAR(NUM(t, 0, "sd"), 1.2909944487358056, 1e-12);
  CHECK_NEAR(NUM(t, 0, "average_v"), 2.5, 1e-12); /* default name op_field */
  CHECK_NEAR(NUM(t, 1, "m"), 4, 1e-12);
  CHECK_NEAR(NUM(t, 1, "n"), 2, 0);
  /* No groupby on no rows: one row, count 0, mean null. */
  t = run(GROUPS "transform:\n  - filter: 'false'\n  - aggregate: [{op: count, as: n}, {op: mean, field: v, as: m}]\n");
  CHECK(t && t->nrows == 1 && NUM(t, 0, "n") == 0 && ISNULL(t, 0, "m"));
  /* String min/max. */
  t = run("data: {values: [{d: '2019-03'}, {d: '2018-12'}, {d: '2019-01'}]}\n"
          "transform:\n  - aggregate: [{op: min, field: d, as: lo}, {op: max, field: d, as: hi}]\n");
  CHECK(t && t->nrows == 1);
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "lo"), "2018-12");
  if (REQUIRED(t)) CHECK_STR(STR(t, 0, "hi"), "2019-03");
  /* joinaggregate keeps the rows. */
  t = run(GROUPS "transform:\n  - joinaggregate: [{op: sum, field: v, as: total}]\n    groupby: [g]\n"
                 "  - calculate: datum.v / datum.total\n    as: share\n");
  CHECK(t && t->nrows == 7);
  if (!t) return;
  CHECK_NEAR(NUM(t, 0, "total"), 10, 0);
  CHECK_NEAR(NUM(t, 1, "total"), 8, 0);
  CHECK_NEAR(NUM(t, 3, "share"), 0.75, 1e-12);
  CHECK(ISNULL(t, 4, "v"));
}

static void test_window(void) {
  const char *data = "data:\n  values:\n    - {v: 3}\n    - {v: 1}\n    - {v: 3}\n    - {v: 2}\n";
  char y[2048];
  snprintf(y, sizeof y,
           "%stransform:\n  - window:\n      - {op: rank, as: rank}\n      - {op: dense_rank, as: dense}\n"
           "      - {op: row_number, as: rn}\n      - {op: percent_rank, as: pr}\n      - {op: cume_dist, as: cd}\n"
           "    sort: [{field: v, order: descending}]\n",
           data);
  dtable *t = run(y);
  CHECK(t && t->nrows == 4);
  if (!t) return;
  /* Rows keep their order: v = 3, 1, 3, 2. */
  CHECK(NUM(t, 0, "rank") == 1 && NUM(t, 1, "rank") == 4 && NUM(t, 2, "rank") == 1 && NUM(t, 3, "rank") == 3);
  CHECK(NUM(t, 0, "dense") == 1 && NUM(t, 1, "dense") == 3 && NUM(t, 2, "dense") == 1 && NUM(t, 3, "dense") == 2);
  CHECK(NUM(t, 0, "rn") == 1 && NUM(t, 2, "rn") == 2 && NUM(t, 3, "rn") == 3 && NUM(t, 1, "rn") == 4);
  CHECK_NEAR(NUM(t, 3, "pr"), 2.0 / 3.0, 1e-12);
  CHECK_NEAR(NUM(t, 0, "cd"), 0.5, 1e-12);
  CHECK_NEAR(NUM(t, 1, "cd"), 1, 1e-12);
  /* Cumulative sum (frame [null, 0]): peers share the sum unless ignorePeers. */
  snprintf(y, sizeof y, "%stransform:\n  - window: [{op: sum, field: v, as: cum}]\n    sort: [{field: v}]\n", data);
  t = run(y);
  CHECK(t && NUM(t, 1, "cum") == 1 && NUM(t, 3, "cum") == 3 && NUM(t, 0, "cum") == 9 && NUM(t, 2, "cum") == 9);
  snprintf(y, sizeof y,
           "%stransform:\n  - window: [{op: sum, field: v, as: cum}, {op: count, as: c}]\n"
           "    sort: [{field: v}]\n    ignorePeers: true\n",
           data);
  t = run(y);
  CHECK(t && NUM(t, 0, "cum") == 6 && NUM(t, 2, "cum") == 9 && NUM(t, 0, "c") == 3);
  /* No sort: input order; cumulative over rows. */
  snprintf(y, sizeof y, "%stransform:\n  - window: [{op: sum, field: v, as: cum}]\n", data);
  t = run(y);
  CHECK(t && NUM(t, 0, "cum") == 3 && NUM(t, 1, "cum") == 4 && NUM(t, 2, "cum") == 7 && NUM(t, 3, "cum") == 9);
  /* Moving mean/min/max over [-1, 1], lag/lead, first/last, groupby. */
  t = run("data:\n  values:\n    - {g: x, v: 1}\n    - {g: x, v: 5}\n    - {g: y, v: 10}\n    - {g: x, v: 3}\n"
          "    - {g: y, v: 20}\n    - {g: x, v: 7}\n"
          "transform:\n  - window:\n      - {op: mean, field: v, as: mm}\n      - {op: min, field: v, as: lo}\n"
          "      - {op: max, field: v, as: hi}\n      - {op: lag, field: v, as: prev}\n"
          "      - {op: lead, field: v, param: 2, as: next2}\n      - {op: first_value, field: v, as: first}\n"
          "      - {op: last_value, field: v, as: last}\n      - {op: median, field: v, as: med}\n"
          "      - {op: ntile, param: 2, as: half}\n"
          "    frame: [-1, 1]\n    groupby: [g]\n");
  CHECK(t && t->nrows == 6);
  if (!t) return;
  /* Group x in order: 1, 5, 3, 7 (rows 0, 1, 3, 5). */
  CHECK_NEAR(NUM(t, 0, "mm"), 3, 1e-12);
  CHECK_NEAR(NUM(t, 1, "mm"), 3, 1e-12);
  CHECK_NEAR(NUM(t, 3, "mm"), 5, 1e-12);
  CHECK_NEAR(NUM(t, 5, "mm"), 5, 1e-12);
  CHECK(NUM(t, 3, "lo") == 3 && NUM(t, 3, "hi") == 7 && NUM(t, 1, "lo") == 1);
  CHECK(ISNULL(t, 0, "prev") && NUM(t, 1, "prev") == 1 && NUM(t, 4, "prev") == 10);
  CHECK(NUM(t, 0, "next2") == 3 && ISNULL(t, 3, "next2"));
  CHECK(NUM(t, 1, "first") == 1 && NUM(t, 1, "last") == 3 && NUM(t, 5, "last") == 7);
  CHECK(NUM(t, 1, "med") == 3);
  CHECK(NUM(t, 0, "half") == 1 && NUM(t, 1, "half") == 1 && NUM(t, 3, "half") == 2 && NUM(t, 4, "half") == 2);
}

static void test_fold_pivot(void) {
  dtable *t = run("data: {values: [{id: 1, a: 10, b: 20}, {id: 2, a: 30, b: 40}]}\n"
                  "transform:\n  - fold: [a, b]\n");
  CHECK(t && t->nrows == 4);
  if (!t) return;
  CHECK_STR(STR(t, 0, "key"), "a");
  CHECK_STR(STR(t, 1, "key"), "b");
  CHECK(NUM(t, 1, "value") == 20 && NUM(t, 2, "id") == 2 && NUM(t, 3, "value") == 40);
  /* Round trip: fold then pivot gives the table back. */
  t = run("data: {values: [{id: 1, a: 10, b: 20}, {id: 2, a: 30, b: 40}]}\n"
          "transform:\n  - fold: [b, a]\n    as: [k, val]\n  - pivot: k\n    value: val\n    groupby: [id]\n");
  CHECK(t && t->nrows == 2 && t->ncols == 3);
  if (!t) return;
  CHECK_STR(t->names[1], "a"); /* pivot columns sorted */
  CHECK(NUM(t, 0, "id") == 1 && NUM(t, 0, "a") == 10 && NUM(t, 0, "b") == 20);
  CHECK(NUM(t, 1, "id") == 2 && NUM(t, 1, "a") == 30 && NUM(t, 1, "b") == 40);
  /* Pivot sums duplicates; missing cells are 0 for sum; limit; numeric keys. */
  t = run("data: {values: [{y: 2019, c: x, n: 1}, {y: 2019, c: x, n: 2}, {y: 2020, c: z, n: 5}, "
          "{y: 2021, c: w, n: 9}]}\n"
          "transform:\n  - pivot: c\n    value: n\n    groupby: [y]\n    limit: 2\n");
  CHECK(t && t->nrows == 3 && t->ncols == 3);
  if (!t) return;
  CHECK(NUM(t, 0, "x") == 3 && NUM(t, 0, "w") == 0 && NUM(t, 2, "w") == 9 && dtable_col(t, "z") < 0);
  t = run("data: {values: [{k: 2, v: 1}, {k: 10, v: 2}]}\ntransform:\n  - pivot: k\n    value: v\n    op: max\n");
  CHECK(t && t->nrows == 1 && t->ncols == 2);
  if (REQUIRED(t)) CHECK_STR(t->names[0], "2"); /* numeric order, not text order */
}

/* flatten reads the element columns data.c makes of nested values; stack
 * offsets as Vega's (negatives below zero apart, normalize by |sum|). */
static void test_flatten_stack(void) {
  dtable *t = run("data: {values: [{k: a, f: [1, 2], b: [A, B]}, {k: b, f: [3, 4, 5], b: [C, D]}, {k: c, f: 7}]}\n"
                  "transform:\n  - flatten: [f, b]\n");
  CHECK(t && t->nrows == 5); /* 2 + 3; a row without a list has no elements */
  if (t) {
    CHECK(NUM(t, 0, "f") == 1 && NUM(t, 4, "f") == 5);
    CHECK_STR(STR(t, 3, "b"), "D");
    CHECK(ISNULL(t, 4, "b")); /* beta's b is shorter: null */
    CHECK_STR(STR(t, 4, "k"), "b");
  }
  t = run("data: {values: [{id: 1, lc: [{t: 1, m: 18}, {t: 2, m: 19}]}]}\n"
          "transform:\n  - flatten: [lc]\n    as: [p]\n");
  CHECK(t && t->nrows == 2);
  if (REQUIRED(t)) CHECK(NUM(t, 1, "p.t") == 2 && NUM(t, 1, "p.m") == 19 && NUM(t, 0, "id") == 1);
  t = run("data: {values: [{g: x, v: 2}, {g: x, v: -1}, {g: x, v: 3}, {g: y, v: 4}]}\n"
          "transform:\n  - stack: v\n    groupby: [g]\n    as: [lo, hi]\n");
  CHECK(t && t->nrows == 4);
  if (t) {
    CHECK(NUM(t, 0, "lo") == 0 && NUM(t, 0, "hi") == 2);
    CHECK(NUM(t, 1, "lo") == 0 && NUM(t, 1, "hi") == -1); /* below zero, apart from the positives */
    CHECK(NUM(t, 2, "lo") == 2 && NUM(t, 2, "hi") == 5);
    CHECK(NUM(t, 3, "lo") == 0 && NUM(t, 3, "hi") == 4);
  }
  t = run("data: {values: [{g: x, v: 1}, {g: x, v: 3}, {g: y, v: 2}]}\n"
          "transform:\n  - stack: v\n    groupby: [g]\n    offset: normalize\n"
          "    sort: [{field: v, order: descending}]\n");
  CHECK(t && t->nrows == 3);
  if (t) {
    CHECK(NUM(t, 1, "y0") == 0 && NUM(t, 1, "y1") == 0.75); /* 3 first */
    CHECK(NUM(t, 0, "y0") == 0.75 && NUM(t, 0, "y1") == 1);
    CHECK(NUM(t, 2, "y1") == 1);
  }
  t = run("data: {values: [{g: x, v: 1}, {g: y, v: 3}]}\n"
          "transform:\n  - stack: v\n    groupby: [g]\n    offset: center\n");
  if (REQUIRED(t)) CHECK(NUM(t, 0, "y0") == 1 && NUM(t, 0, "y1") == 2 && NUM(t, 1, "y0") == 0);
  expect_error("data: {values: [{a: 1}]}\ntransform:\n  - stack: a\n",
               "t.yaml:3:5: error: 'groupby' is required in the stack transform");
}

static void test_bin(void) {
  dtable *t = run("data: {values: [{x: 1.3}, {x: 7.8}, {x: 23}, {x: 49.9}, {x: null}]}\n"
                  "transform:\n  - bin: true\n    field: x\n");
  CHECK(t && t->nrows == 5);
  if (!t) return;
  /* extent [1.3, 49.9], maxbins 10 -> step 5, nice [0, 50]. */
  CHECK(NUM(t, 0, "bin_maxbins_10_x") == 0 && NUM(t, 0, "bin_maxbins_10_x_end") == 5);
  CHECK(NUM(t, 1, "bin_maxbins_10_x") == 5 && NUM(t, 2, "bin_maxbins_10_x") == 20);
  CHECK(NUM(t, 3, "bin_maxbins_10_x") == 45 && NUM(t, 3, "bin_maxbins_10_x_end") == 50);
  CHECK(ISNULL(t, 4, "bin_maxbins_10_x"));
  t = run("data: {values: [{x: 0}, {x: 23}, {x: 100}]}\n"
          "transform:\n  - bin: {step: 10, extent: [0, 100]}\n    field: x\n    as: [lo, hi]\n");
  CHECK(t && NUM(t, 1, "lo") == 20 && NUM(t, 1, "hi") == 30 && NUM(t, 2, "lo") == 90 && NUM(t, 2, "hi") == 100);
  t = run("data: {values: [{x: 0.013}, {x: 0.087}]}\n"
          "transform:\n  - bin: {maxbins: 4}\n    field: x\n    as: b\n");
  /* span 0.074, maxbins 4: step 0.02 -> [0, 0.02), [0.08, 0.1). */
  CHECK(t && fabs(NUM(t, 0, "b")) < 1e-12 && fabs(NUM(t, 1, "b") - 0.08) < 1e-12 &&
        fabs(NUM(t, 1, "b_end") - 0.1) < 1e-12);
}

static void test_time_unit(void) {
  dtable *t = run("data: {values: [{d: '2019-09-11T10:20:30Z'}, {d: 'not a date'}, {d: 1568160000000}]}\n"
                  "transform:\n"
                  "  - timeUnit: year\n    field: d\n    as: y\n"
                  "  - timeUnit: yearmonth\n    field: d\n    as: ym\n"
                  "  - timeUnit: month\n    field: d\n    as: m\n"
                  "  - timeUnit: day\n    field: d\n    as: dow\n"
                  "  - timeUnit: hours\n    field: d\n    as: h\n"
                  "  - timeUnit: utcquarter\n    field: d\n    as: q\n"
                  "  - timeUnit: dayofyear\n    field: d\n    as: doy\n"
                  "  - timeUnit: {unit: yearmonthdate}\n    field: d\n    as: ymd\n");
  CHECK(t && t->nrows == 3);
  if (!t) return;
  CHECK(NUM(t, 0, "y") == 1546300800000.0);   /* 2019-01-01 */
  CHECK(NUM(t, 0, "ym") == 1567296000000.0);  /* 2019-09-01 */
  CHECK(NUM(t, 0, "m") == 1346457600000.0);   /* 2012-09-01 */
  CHECK(NUM(t, 0, "dow") == 1325635200000.0); /* Wednesday -> 2012-01-04 */
  CHECK(NUM(t, 0, "h") == 1325412000000.0);   /* 2012-01-01T10:00 */
  CHECK(NUM(t, 0, "q") == 1341100800000.0);   /* 2012-07-01 */
  CHECK(NUM(t, 0, "doy") == 1347235200000.0); /* day 254 of 2012 */
  CHECK(NUM(t, 0, "ymd") == 1568160000000.0);
  CHECK(ISNULL(t, 1, "y"));
  CHECK(NUM(t, 2, "y") == 1546300800000.0); /* numbers are ms */
  t = run("data: {values: [{d: '2019-09-11'}]}\ntransform:\n  - timeUnit: year\n    field: d\n    as: y\n");
  CHECK(t && NUM(t, 0, "y") == 1546300800000.0);
}

static void test_filter_calculate(void) {
  const char *data = "data:\n  values:\n    - {名称: 苏州, n: 10, s: b}\n    - {名称: 南京, n: 5, s: a}\n"
                     "    - {名称: 无锡, n: null, s: c}\n    - {名称: 常州, n: 20, s: a}\n";
  char y[2048];
  snprintf(y, sizeof y, "%stransform:\n  - filter: \"datum['名称'] == '苏州' || datum.n > 15\"\n", data);
  dtable *t = run(y);
  CHECK(t && t->nrows == 2);
  if (REQUIRED(t)) CHECK_STR(STR(t, 1, "名称"), "常州");
  struct {
    const char *pred;
    int rows;
  } cases[] = {
      {"{field: n, equal: 5}", 1},
      {"{field: s, equal: a}", 2},
      {"{field: n, lt: 10}", 2}, /* null < 10, as in JavaScript */
      {"{field: n, lte: 10}", 3},
      {"{field: n, gt: 5}", 2},
      {"{field: n, gte: 5}", 3},
      {"{field: n, range: [5, 10]}", 2},
      {"{field: n, range: [6, null]}", 2},
      {"{field: s, oneOf: [a, c]}", 3},
      {"{field: n, valid: true}", 3},
      {"{field: n, valid: false}", 1},
      {"{and: [{field: s, equal: a}, 'datum.n > 6']}", 1},
      {"{or: [{field: s, equal: b}, {field: s, equal: c}]}", 2},
      {"{not: {field: s, equal: a}}", 2},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    snprintf(y, sizeof y, "%stransform:\n  - filter: %s\n", data, cases[i].pred);
    t = run(y);
    if (!t || t->nrows != cases[i].rows) {
      fprintf(stderr, "filter %s: %d rows, want %d (%s)\n", cases[i].pred, t ? t->nrows : -1, cases[i].rows,
              err_text);
      CHECK(0);
    }
  }
  snprintf(y, sizeof y,
           "%stransform:\n  - calculate: \"datum['名称'] + ':' + datum.n\"\n    as: label\n"
           "  - calculate: datum.n * 2\n    as: n\n  - calculate: \"'const'\"\n    as: k\n",
           data);
  t = run(y);
  CHECK(t && t->nrows == 4);
  if (!t) return;
  CHECK_STR(STR(t, 0, "label"), "苏州:10");
  CHECK_STR(STR(t, 2, "label"), "无锡:null");
  CHECK_STR(STR(t, 3, "k"), "const");
  CHECK(NUM(t, 0, "n") == 20 && NUM(t, 2, "n") == 0);
}

static void test_lookup(void) {
  dtable *t = run("data: {values: [{city: sz, code: 1}, {city: nj, code: '2'}, {city: xx, code: 9}]}\n"
                  "transform:\n  - lookup: code\n    from:\n      data: {values: [{id: '1', pop: 12.7, name: 苏州}, "
                  "{id: 2, pop: 9.3, name: 南京}]}\n      key: id\n      fields: [pop, name]\n"
                  "    as: [population, label]\n    default: 0\n");
  CHECK(t && t->nrows == 3);
  if (!t) return;
  CHECK_NEAR(NUM(t, 0, "population"), 12.7, 1e-12); /* 1 matches '1' */
  CHECK_STR(STR(t, 1, "label"), "南京");
  CHECK(NUM(t, 2, "population") == 0 && NUM(t, 2, "label") == 0);
  t = run("data: {values: [{k: a}]}\ntransform:\n  - lookup: k\n    from: {data: {values: [{k: a, v: 1}]}, key: k}\n");
  CHECK(t && NUM(t, 0, "v") == 1);
  /* as: a single name without fields: the row under it; a feature's geometry as the name itself */
  t = run("data: {values: [{k: a}]}\ntransform:\n  - lookup: k\n    from:\n      data: {values: [{k: a, v: 1, "
          "geometry: {type: Point, coordinates: [1, 2]}}]}\n      key: k\n    as: geo\n");
  REQUIRED(t && t->nrows == 1);
  CHECK(NUM(t, 0, "geo.v") == 1);
  CHECK_STR(STR(t, 0, "geo"), "{\"type\":\"Point\",\"coordinates\":[1,2]}");
}

static void test_errors(void) {
  const char *d = "data: {values: [{a: 1, b: x}]}\n";
  char y[1024];
#define ERR(tr, want)                                   \
  do {                                                  \
    snprintf(y, sizeof y, "%stransform:\n%s", d, tr);   \
    expect_error(y, want);                              \
  } while (0)
  ERR("  - fitler: 'datum.a > 1'\n", "t.yaml:3:5: error: unknown transform 'fitler' (did you mean 'filter'?)");
  ERR("  - frobnicate: 1\n",
      "t.yaml:3:5: error: unknown transform 'frobnicate' (expected filter, calculate, aggregate, joinaggregate, "
      "window, fold, pivot, bin, timeUnit, lookup, flatten, stack or impute)");
  ERR("  - density: a\n", "t.yaml:3:5: error: the 'density' transform is not supported");
  ERR("  - {filter: 'true', calculate: '1', as: c}\n",
      "t.yaml:3:22: error: a transform has both 'filter' and 'calculate': give each its own list item");
  ERR("  - calculate: datum.a\n    as: c\n    groupby: [b]\n",
      "t.yaml:5:5: error: 'groupby' is not supported in the calculate transform");
  ERR("  - calculate: datum.a\n    az: c\n", "t.yaml:4:5: error: unknown key 'az' in the calculate transform (did you mean 'as'?)");
  ERR("  - calculate: datum.a\n", "t.yaml:3:5: error: 'as' is required in the calculate transform");
  ERR("  - calculate: 'datum.a +'\n    as: c\n",
      "t.yaml:3:16: error: invalid expression (at character 10): unexpected end of expression");
  ERR("  - filter: \"datum['名称'] == # 1\"\n",
      "t.yaml:3:13: error: invalid expression (at character 16): unexpected character '#'");
  ERR("  - aggregate: [{op: mean, field: zzz}]\n", "t.yaml:3:35: error: no field 'zzz' in the data; fields are: a, b");
  ERR("  - aggregate: [{op: mean, field: aa}]\n", "t.yaml:3:35: error: no field 'aa' in the data (did you mean 'a'?); fields are: a, b");
  ERR("  - aggregate: [{op: avg, field: a}]\n", "t.yaml:3:22: error: unknown aggregate op 'avg'");
  ERR("  - aggregate: [{op: meen, field: a}]\n", "t.yaml:3:22: error: unknown aggregate op 'meen' (did you mean 'mean'?)");
  ERR("  - aggregate: [{op: argmax, field: a}]\n", "t.yaml:3:22: error: 'argmax' is not supported as an aggregate op");
  ERR("  - aggregate: [{op: sum}]\n", "t.yaml:3:22: error: 'sum' needs a 'field'");
  ERR("  - window: [{op: rank}]\n    frame: [a, 0]\n", "t.yaml:4:12: error: 'frame' must be a list of two numbers or nulls");
  ERR("  - timeUnit: yearweek\n    field: a\n    as: w\n", "t.yaml:3:15: error: time unit 'week' is not supported");
  ERR("  - timeUnit: yaer\n    field: a\n    as: w\n", "t.yaml:3:15: error: unknown time unit 'yaer' (did you mean 'year'?)");
  ERR("  - filter: {field: a, equals: 1}\n",
      "t.yaml:3:13: error: a filter predicate needs 'field' with one of equal, lt, lte, gt, gte, range, oneOf, valid");
  ERR("  - filter: {field: a, range: [1]}\n",
      "t.yaml:3:31: error: 'range' must be a list of two numbers (null for an open end)");
  ERR("  - fold: [a, b]\n    as: [k]\n", "t.yaml:4:9: error: 'as' must be a list of two names");
  ERR("  - bin: {maxbins: 1}\n    field: a\n", "t.yaml:3:20: error: 'maxbins' must be at least 2");
  ERR("  - lookup: a\n    from: {data: {values: [{a: 1}]}, key: a}\n    as: [x]\n",
      "t.yaml:5:9: error: 'from.fields' is required when 'as' is a list");
  ERR("  - lookup: a\n    from: {data: {url: 'http://x/y.csv'}, key: a}\n",
      "t.yaml:4:24: error: network access is disabled: huitu reads only local files ('http://x/y.csv')");
  snprintf(y, sizeof y, "%stransform: {filter: 'true'}\n", d);
  expect_error(y, "t.yaml:2:12: error: 'transform' must be a list, found a mapping");
  snprintf(y, sizeof y, "%stransform: [5]\n", d);
  expect_error(y, "t.yaml:2:13: error: a transform must be a mapping, found the number 5");
#undef ERR
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 1,000,000 rows through filter, calculate, joinaggregate, window,
 * aggregate and bin: O(n log n) at worst, well under a second. */
static void test_big(void) {
  int n = 1000000;
  dtable *t = dtable_new(A);
  int g = dtable_add_col(t, "g"), v = dtable_add_col(t, "v");
  dtable_reserve(t, n, 2);
  static const char *names[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (int i = 0; i < n; i++) {
    cell *row = dtable_add_row(t);
    row[g] = (cell){.type = EXPR_STR, .str = names[i % 7]};
    row[v] = (cell){.type = EXPR_NUM, .num = (double)((i * 7919L) % 1000)};
  }
  const char *yaml = "transform:\n"
                     "  - filter: datum.v >= 0\n"
                     "  - calculate: datum.v * 2\n    as: w\n"
                     "  - joinaggregate: [{op: mean, field: w, as: mw}]\n    groupby: [g]\n"
                     "  - window: [{op: sum, field: v, as: cum}, {op: rank, as: r}]\n    sort: [{field: v}]\n"
                     "    groupby: [g]\n"
                     "  - bin: true\n    field: v\n    as: b\n"
                     "  - aggregate: [{op: count, as: n}, {op: median, field: w, as: med}]\n    groupby: [g, b]\n";
  diag_list d = {0};
  spec_doc doc = {A, "t.yaml", NULL};
  doc.root = spec_parse(A, "t.yaml", yaml, strlen(yaml), &d);
  double t0 = now();
  dtable *o = transform_apply(&doc, spec_map_get(doc.root, "transform"), t, A, &d);
  double dt = now() - t0;
  CHECK(o && d.errors == 0);
  if (d.n) fprintf(stderr, "%s\n", d.items[0].message);
  CHECK(o && o->nrows == 7 * 10);
  long total = 0;
  for (int r = 0; o && r < o->nrows; r++) total += (long)NUM(o, r, "n");
  CHECK(total == n);
  /* Printed, not asserted: a wall-clock bound fails on a busy machine
   * (ctest -j2 on two cores) for no fault of the code (~0.5 s idle). */
  printf("1e6 rows through 6 transforms: %.3f s\n", dt);
  diag_clear(&d);
}

#define LINES                                                                                                \
  "data:\n  values:\n    - {a: 0, b: 28, c: 0}\n    - {a: 0, b: 91, c: 1}\n    - {a: 1, b: 43, c: 0}\n"      \
  "    - {a: 1, b: 55, c: 1}\n    - {a: 2, b: 81, c: 0}\n    - {a: 2, b: 53, c: 1}\n    - {a: 3, b: 19, c: 0}\n"

/* impute: Vega's rows (added after the input's, group by group, keys in
 * domain order: keyvals first) and values. */
static void test_impute(void) {
  dtable *t = run(LINES "transform:\n  - {impute: b, key: a, groupby: [c], value: 0}\n");
  REQUIRED(t != NULL);
  CHECK(t->nrows == 8);
  CHECK(NUM(t, 7, "a") == 3 && NUM(t, 7, "c") == 1 && NUM(t, 7, "b") == 0);
  /* mean over two rows either side of the added row: its group's 55 and 53 */
  t = run(LINES "transform:\n  - {impute: b, key: a, groupby: [c], method: mean, frame: [-2, 2]}\n");
  REQUIRED(t != NULL);
  CHECK(t->nrows == 8);
  CHECK(NUM(t, 7, "b") == 54);
  t = run(LINES "transform:\n  - {impute: b, key: a, groupby: [c], method: max}\n");
  REQUIRED(t != NULL);
  CHECK(NUM(t, 7, "b") == 91);
  t = run(LINES "transform:\n  - {impute: b, key: a, groupby: [c], value: 100, keyvals: {start: 4, stop: 6}}\n");
  REQUIRED(t != NULL);
  CHECK(t->nrows == 12);
  CHECK(NUM(t, 7, "a") == 4 && NUM(t, 7, "c") == 0 && NUM(t, 7, "b") == 100);
  CHECK(NUM(t, 8, "a") == 5 && NUM(t, 8, "c") == 0);
  CHECK(NUM(t, 9, "a") == 4 && NUM(t, 9, "c") == 1);
  CHECK(NUM(t, 11, "a") == 3 && NUM(t, 11, "c") == 1);
  /* no groupby: one group, every key; a key in keyvals and the data once */
  t = run(LINES "transform:\n  - {impute: b, key: a, keyvals: [1, 9]}\n");
  REQUIRED(t != NULL);
  CHECK(t->nrows == 8);
  CHECK(NUM(t, 7, "a") == 9 && ISNULL(t, 7, "b"));
  expect_error(LINES "transform:\n  - {impute: b, key: a, method: avg}\n",
               "t.yaml:11:33: error: unknown impute method 'avg' (value, mean, median, max or min)");
  expect_error(LINES "transform:\n  - {impute: b}\n", "t.yaml:11:5: error: 'key' is required in the impute transform");
  expect_error(LINES "transform:\n  - {impute: b, key: a, keyvals: {start: 1}}\n",
               "t.yaml:11:34: error: 'keyvals' as a sequence needs 'stop' (keys stop before it)");
  expect_error(LINES "transform:\n  - {impute: b, key: a, keyvals: {stop: 9e9}}\n",
               "t.yaml:11:34: error: too many keys in 'keyvals' (9000000000; the limit is 2000000)");
  expect_error(LINES "transform:\n  - {impute: b, key: z}\n",
               "t.yaml:11:22: error: no field 'z' in the data (did you mean 'a'?); fields are: a, b, c");
}

/* ci0/ci1: Vega's bootstrapCI (1000 resamples) with the stream of its
 * reference renderings; the numbers from a separate port of Vega's code
 * (randomLCG(123456789), ~~(random() * n), d3's quantile). */
static void test_ci(void) {
  dtable *t = run(GROUPS "    - {g: c, v: 1.5}\n    - {g: c, v: 2.5}\n    - {g: c, v: 4}\n    - {g: c, v: 8}\n"
                         "    - {g: c, v: 16}\n    - {g: c, v: 32}\n    - {g: c, v: 64}\n"
                         "transform:\n"
                         "  - aggregate: [{op: ci0, field: v, as: lo}, {op: ci1, field: v, as: hi}]\n"
                         "    groupby: [g]\n");
  REQUIRED(t != NULL);
  CHECK(t->nrows == 3);
  CHECK(NUM(t, 0, "lo") == 1.5 && NUM(t, 0, "hi") == 3.5);
  CHECK(NUM(t, 1, "lo") == 2 && NUM(t, 1, "hi") == 6);
  /* the third group draws where the first two left the stream */
  CHECK(fabs(NUM(t, 2, "lo") - 4.4267857142857148) < 1e-9);
  CHECK(fabs(NUM(t, 2, "hi") - 34.857142857142854) < 1e-9);
  expect_error(GROUPS "transform:\n  - window: [{op: ci0, field: v, as: lo}]\n",
               "t.yaml:11:19: error: 'ci0' is not supported as a window op (use it in aggregate)");
}

int main(void) {
  A = arena_new();
  test_impute();
  test_ci();
  test_aggregate();
  test_window();
  test_fold_pivot();
  test_flatten_stack();
  test_bin();
  test_time_unit();
  test_filter_calculate();
  test_lookup();
  test_errors();
  test_big();
  arena_free(A);
  return testing_done("test_transform");
}
