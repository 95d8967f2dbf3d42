/* A chart's default texts by language (src/chart/vl_lang.c): titles of
 * counts, bins, time units and aggregates, month and weekday labels, time
 * ticks and large numbers, for Japanese and Korean next to Chinese and
 * Vega-Lite's English.  Assertions are on the scene's texts. */
#include <stdio.h>
#include <string.h>

#include "scene_test.h"

/* The spec of one chart in lang: a bar of y over x (each a JSON encoding). */
static run chart(const char *lang, const char *values, const char *x, const char *y) {
  char buf[2048];
  snprintf(buf, sizeof buf,
           "{\"usermeta\": {\"lang\": \"%s\"}, \"data\": {\"values\": %s},\n"
           "\"mark\": \"bar\", \"encoding\": {\"x\": %s, \"y\": %s}}\n",
           lang, values, x, y);
  return go("t.vl.json", buf);
}

static void test_titles(void) {
  static const char *const vals = "[{\"a\": 1, \"t\": 2, \"金額\": 3, \"d\": \"2019-01-05\"}]";
  static const struct {
    const char *lang, *y, *want;
  } cases[] = {
      /* a count of records */
      {"ja", "{\"aggregate\": \"count\"}", "件数"},
      {"ko", "{\"aggregate\": \"count\"}", "개수"},
      {"zh-CN", "{\"aggregate\": \"count\"}", "数量"},
      {"en", "{\"aggregate\": \"count\"}", "Count of Records"},
      {"fr", "{\"aggregate\": \"count\"}", "Count of Records"},
      /* binned */
      {"ja", "{\"field\": \"a\", \"bin\": true, \"type\": \"quantitative\"}", "a（ビン）"},
      {"ko", "{\"field\": \"a\", \"bin\": true, \"type\": \"quantitative\"}", "a (구간)"},
      {"zh-CN", "{\"field\": \"a\", \"bin\": true, \"type\": \"quantitative\"}", "a（分组）"},
      {"en", "{\"field\": \"a\", \"bin\": true, \"type\": \"quantitative\"}", "a (binned)"},
      /* time units */
      {"ja", "{\"field\": \"t\", \"timeUnit\": \"month\", \"type\": \"ordinal\"}", "t（月）"},
      {"ko", "{\"field\": \"t\", \"timeUnit\": \"month\", \"type\": \"ordinal\"}", "t (월)"},
      /* aggregates: Japanese solid (a space only next to a Latin field), Korean spaced after */
      {"ja", "{\"field\": \"t\", \"aggregate\": \"mean\", \"type\": \"quantitative\"}", "平均 t"},
      {"ja", "{\"field\": \"金額\", \"aggregate\": \"sum\", \"type\": \"quantitative\"}", "合計金額"},
      {"ja", "{\"field\": \"金額\", \"aggregate\": \"median\", \"type\": \"quantitative\"}", "金額中央値"},
      {"ja", "{\"field\": \"t\", \"aggregate\": \"max\", \"type\": \"quantitative\"}", "最大 t"},
      {"ja", "{\"field\": \"t\", \"aggregate\": \"distinct\", \"type\": \"quantitative\"}", "t（個数）"},
      {"ko", "{\"field\": \"t\", \"aggregate\": \"mean\", \"type\": \"quantitative\"}", "t 평균"},
      {"ko", "{\"field\": \"t\", \"aggregate\": \"sum\", \"type\": \"quantitative\"}", "t 합계"},
      {"ko", "{\"field\": \"t\", \"aggregate\": \"min\", \"type\": \"quantitative\"}", "t 최솟값"},
      {"zh-CN", "{\"field\": \"t\", \"aggregate\": \"median\", \"type\": \"quantitative\"}", "t 中位数"},
      {"en", "{\"field\": \"t\", \"aggregate\": \"median\", \"type\": \"quantitative\"}", "Median of t"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run r = chart(cases[i].lang, vals, "{\"field\": \"d\", \"type\": \"nominal\"}", cases[i].y);
    const char *got = label(r.sc, "axis.y.title", 0);
    if (!got || strcmp(got, cases[i].want)) fprintf(stderr, "case %zu (%s):\n", i, cases[i].lang);
    CHECK_STR(got, cases[i].want);
    run_free(&r);
  }
}

static void test_time_labels(void) {
  static const char *const months = "[{\"d\": \"2019-01-05\", \"v\": 1}, {\"d\": \"2019-02-11\", \"v\": 2},"
                                    " {\"d\": \"2019-12-24\", \"v\": 3}]";
  static const char *const x = "{\"field\": \"d\", \"timeUnit\": \"month\", \"type\": \"ordinal\"}";
  static const char *const y = "{\"field\": \"v\", \"type\": \"quantitative\"}";
  static const struct {
    const char *lang, *first, *last;
  } cases[] = {{"ja", "1月", "12月"}, {"ko", "1월", "12월"}, {"zh-CN", "1月", "12月"}, {"en", "Jan", "Dec"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run r = chart(cases[i].lang, months, x, y);
    CHECK_STR(label(r.sc, "axis.x.label", 0), cases[i].first);
    CHECK_STR(label(r.sc, "axis.x.label", 2), cases[i].last);
    run_free(&r);
  }
  /* a weekday, and a whole date */
  run r = chart("ja", months, "{\"field\": \"d\", \"timeUnit\": \"day\", \"type\": \"ordinal\"}", y);
  CHECK(has_label(r.sc, "axis.x.label", "土")); /* 2019-01-05 was a Saturday */
  run_free(&r);
  r = chart("ko", months, "{\"field\": \"d\", \"timeUnit\": \"day\", \"type\": \"ordinal\"}", y);
  CHECK(has_label(r.sc, "axis.x.label", "토"));
  run_free(&r);
  r = chart("ja", months, "{\"field\": \"d\", \"timeUnit\": \"yearmonthdate\", \"type\": \"ordinal\"}", y);
  CHECK(has_label(r.sc, "axis.x.label", "2019年1月5日"));
  run_free(&r);
  r = chart("ko", months, "{\"field\": \"d\", \"timeUnit\": \"yearmonthdate\", \"type\": \"ordinal\"}", y);
  CHECK(has_label(r.sc, "axis.x.label", "2019년 1월 5일"));
  run_free(&r);
  /* continuous time over years: 2015年 / 2015년 ticks */
  static const char *const years = "[{\"d\": \"2015-01-01\", \"v\": 1}, {\"d\": \"2022-01-01\", \"v\": 2}]";
  static const struct {
    const char *lang, *tick;
  } ticks[] = {{"ja", "2019年"}, {"ko", "2019년"}, {"zh-CN", "2019年"}, {"en", "2019"}}; /* CJK: every other year, 2015年 2017年 … */
  for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++) {
    r = chart(ticks[i].lang, years, "{\"field\": \"d\", \"type\": \"temporal\"}", y);
    CHECK(has_label(r.sc, "axis.x.label", ticks[i].tick));
    run_free(&r);
  }
}

static void test_numbers(void) {
  static const char *const x = "{\"field\": \"k\", \"type\": \"nominal\"}";
  static const char *const y = "{\"field\": \"v\", \"type\": \"quantitative\"}";
  static const char *const big = "[{\"k\": \"a\", \"v\": 100000}, {\"k\": \"b\", \"v\": 300000}]";
  static const char *const huge = "[{\"k\": \"a\", \"v\": 1e8}, {\"k\": \"b\", \"v\": 4e8}]";
  static const char *const mid = "[{\"k\": \"a\", \"v\": 10000}, {\"k\": \"b\", \"v\": 40000}]";
  static const struct {
    const char *lang, *values, *tick;
  } cases[] = {
      {"ja", big, "30万"},   {"ko", big, "30만"},   {"zh-CN", big, "30万"},  {"en", big, "300,000"},
      {"ja", huge, "3.5億"}, {"ko", huge, "3.5억"}, {"zh-CN", huge, "3.5亿"}, {"en", huge, "400,000,000"},
      {"ja", mid, "40,000"}, {"ko", mid, "40,000"}, {"zh-CN", mid, "40000"}, {"en", mid, "40,000"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run r = chart(cases[i].lang, cases[i].values, x, y);
    if (!has_label(r.sc, "axis.y.label", cases[i].tick)) fprintf(stderr, "case %zu: no %s\n", i, cases[i].tick);
    CHECK(has_label(r.sc, "axis.y.label", cases[i].tick));
    run_free(&r);
  }
}

int main(void) {
  scene_test_begin();
  test_titles();
  test_time_labels();
  test_numbers();
  text_engine_free(TE);
  return testing_done("test_chart_lang");
}
