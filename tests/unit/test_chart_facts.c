/* chart_summary_facts: what the alt text says about a chart, read from the
 * resolved chart (after transforms and aggregation), and the alt text
 * (SVG <desc>, layout/summary.c) that says it.  Numbers from the seed
 * report: 孤儿集中养育 1400 -> 2510 元, 分散供养 850 -> 2070 元 a month
 * (2012 -> 2019); 低保标准 500 -> 995 元. */
#include <string.h>

#include "chart/chart.h"
#include "scene_test.h"

/* The orphans' two standards, one row per kind and year. */
#define ORPHANS                                                                                                      \
  "{\"values\": [{\"year\": \"2012\", \"kind\": \"集中\", \"v\": 1400}, {\"year\": \"2012\", \"kind\": \"分散\", " \
  "\"v\": 850}, {\"year\": \"2019\", \"kind\": \"集中\", \"v\": 2510}, {\"year\": \"2019\", \"kind\": \"分散\", "   \
  "\"v\": 2070}]}"

typedef struct built {
  arena *a;
  diag_list d;
  const chart_facts *f;
} built;

static built build(const char *json) {
  built b;
  memset(&b, 0, sizeof b);
  b.a = arena_new();
  spec_doc *doc = arena_alloc(b.a, sizeof *doc);
  doc->arena = b.a;
  doc->path = "t.vl.json";
  doc->root = spec_parse(b.a, doc->path, json, strlen(json), &b.d);
  chart *c = doc->root ? chart_build(doc, doc->root, "en", &b.d) : NULL;
  static const chart_facts none; /* a chart that failed to build: every check below fails */
  b.f = chart_summary_facts(c);
  if (!REQUIRED(b.f != NULL)) b.f = &none;
  return b;
}

static void built_free(built *b) {
  arena_free(b->a);
  diag_clear(&b->d);
}

static void test_aggregated(void) {
  built b = build("{\"data\": " ORPHANS ", \"mark\": \"line\", \"title\": \"孤儿养育标准\","
                  " \"encoding\": {\"x\": {\"field\": \"year\", \"type\": \"ordinal\"},"
                  " \"y\": {\"field\": \"v\", \"aggregate\": \"mean\", \"type\": \"quantitative\"}}}");
  CHECK_STR(b.f->mark, "line");
  CHECK_STR(b.f->title, "孤儿养育标准");
  CHECK(b.f->npoints == 2); /* two years after the aggregate, not the four rows */
  CHECK_STR(b.f->x_first, "2012");
  CHECK_STR(b.f->x_last, "2019");
  CHECK(b.f->x_ordered);
  CHECK_STR(b.f->y_title, "Mean of v");
  CHECK_NEAR(b.f->y_first, 1125, 1e-9);
  CHECK_NEAR(b.f->y_last, 2290, 1e-9);
  CHECK_STR(b.f->y_first_text, "1125");
  CHECK_STR(b.f->y_last_text, "2290");
  built_free(&b);
}

static void test_filtered(void) {
  /* the transform leaves one kind: its own first and last points */
  built b = build("{\"data\": " ORPHANS ", \"transform\": [{\"filter\": \"datum.kind == '分散'\"}],"
                  " \"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"year\", \"type\": \"ordinal\"},"
                  " \"y\": {\"field\": \"v\", \"type\": \"quantitative\", \"title\": \"分散供养(元/月)\"}}}");
  CHECK(b.f->npoints == 2);
  CHECK_STR(b.f->y_first_text, "850");
  CHECK_STR(b.f->y_last_text, "2070");
  CHECK_STR(b.f->y_title, "分散供养(元/月)");
  built_free(&b);
}

static void test_time_order(void) {
  /* written latest first: the line runs from the earliest date */
  built b = build("{\"data\": {\"values\": [{\"d\": \"2019-09-11\", \"v\": 995}, {\"d\": \"2012-01-01\", \"v\": 500}]},"
                  " \"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"d\", \"type\": \"temporal\"},"
                  " \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  CHECK_STR(b.f->x_first, "2012-01-01");
  CHECK_STR(b.f->x_last, "2019-09-11");
  CHECK_NEAR(b.f->y_first, 500, 1e-9);
  CHECK_NEAR(b.f->y_last, 995, 1e-9);
  built_free(&b);
}

static void test_not_one_series(void) {
  /* a colour field: two lines, no first and last point */
  built b = build("{\"data\": " ORPHANS ", \"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"year\","
                  " \"type\": \"ordinal\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"},"
                  " \"color\": {\"field\": \"kind\", \"type\": \"nominal\"}}}");
  CHECK_STR(b.f->mark, "line");
  CHECK(b.f->npoints == 0);
  built_free(&b);
  /* a facet names its cells' mark, and has several panels */
  b = build("{\"data\": " ORPHANS ", \"facet\": {\"column\": {\"field\": \"kind\"}}, \"spec\": {\"mark\": \"bar\","
            " \"encoding\": {\"x\": {\"field\": \"year\", \"type\": \"ordinal\"}, \"y\": {\"field\": \"v\","
            " \"type\": \"quantitative\"}}}}");
  CHECK_STR(b.f->mark, "bar");
  CHECK(b.f->npoints == 0);
  built_free(&b);
  /* a concat shows several charts: no one kind */
  b = build("{\"data\": " ORPHANS ", \"hconcat\": [{\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"year\","
            " \"type\": \"ordinal\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}, {\"mark\": \"point\","
            " \"encoding\": {\"x\": {\"field\": \"year\", \"type\": \"ordinal\"}}}]}");
  CHECK(b.f->mark == NULL);
  CHECK(b.f->npoints == 0);
  built_free(&b);
  CHECK(chart_summary_facts(NULL) == NULL);
}

static void test_alt_text(void) {
  /* the page's alt text names the aggregated values, not the rows */
  run r = go("t.yaml", "page: {lang: en}\n"
                       "blocks:\n"
                       "  - chart:\n"
                       "      data: " ORPHANS "\n"
                       "      mark: line\n"
                       "      encoding:\n"
                       "        x: {field: year, type: ordinal}\n"
                       "        y: {field: v, aggregate: sum, type: quantitative, title: 孤儿养育标准合计(元/月)}\n");
  CHECK_STR(r.first_error, "");
  CHECK_STR(r.sc ? r.sc->desc : NULL, "Line chart: 2012 to 2019, 孤儿养育标准合计 rose from 2250 元/月 to 4580 元/月.");
  run_free(&r);
  /* Chinese, with the default title of an aggregate */
  r = go("t.yaml", "blocks:\n"
                   "  - chart:\n"
                   "      data: " ORPHANS "\n"
                   "      mark: bar\n"
                   "      encoding:\n"
                   "        x: {field: year, type: ordinal}\n"
                   "        y: {field: v, aggregate: sum, type: quantitative}\n");
  CHECK_STR(r.sc ? r.sc->desc : NULL, "柱状图：2012年至2019年，合计 v由2250增至4580。");
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_aggregated();
  test_filtered();
  test_time_order();
  test_not_one_series();
  test_alt_text();
  text_engine_free(TE);
  return testing_done("test_chart_facts");
}
