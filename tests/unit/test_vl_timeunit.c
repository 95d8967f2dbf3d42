/* Time units on an encoding (src/chart/vl_timeunit.c and its callers):
 * floors with a step, a unit's end, the axis' least step, and in a chart
 * bars that reach over whole units of a time scale, binned units, labels
 * in Vega's timeUnitSpecifier formats. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart/vl.h"
#include "data/timefmt.h"
#include "scene_test.h"

#define T(y, mo, d, h, mi, s) timefmt_make(y, mo, d, h, mi, s, 0)

static void test_floor_and_end(void) {
  double t = T(2019, 8, 13, 10, 13, 42);
  CHECK_NEAR(vl_tu_floor(TU_MINUTES, 5, t), T(2012, 1, 1, 0, 10, 0), 0);
  CHECK_NEAR(vl_tu_floor(TU_MINUTES, 1, t), T(2012, 1, 1, 0, 13, 0), 0);
  CHECK_NEAR(vl_tu_floor(TU_YEARMONTH, 3, t), T(2019, 7, 1, 0, 0, 0), 0); /* months 0-2, 3-5, 6-8 */
  CHECK_NEAR(vl_tu_floor(TU_YEARMONTHDATE, 5, t), T(2019, 8, 11, 0, 0, 0), 0); /* dates count from 1: 1 6 11 16 */
  CHECK_NEAR(vl_tu_floor(TU_HOURSMINUTES, 15, t), T(2012, 1, 1, 10, 0, 0), 0);
  CHECK_NEAR(vl_tu_floor(TU_YEAR, 10, t), T(2010, 1, 1, 0, 0, 0), 0);
  CHECK_NEAR(vl_tu_floor(TU_DAY, 1, t), T(2012, 1, 3, 0, 0, 0), 0); /* a Tuesday: 2012's first Tuesday */
  /* the end is the next unit's start, by calendar */
  CHECK_NEAR(vl_tu_end(TU_YEARMONTH, 1, T(2019, 1, 1, 0, 0, 0)), T(2019, 2, 1, 0, 0, 0), 0);
  CHECK_NEAR(vl_tu_end(TU_YEARMONTH, 1, T(2019, 12, 1, 0, 0, 0)), T(2020, 1, 1, 0, 0, 0), 0);
  CHECK_NEAR(vl_tu_end(TU_MINUTES, 5, T(2012, 1, 1, 0, 55, 0)), T(2012, 1, 1, 1, 0, 0), 0);
  CHECK_NEAR(vl_tu_end(TU_YEARQUARTER, 1, T(2019, 10, 1, 0, 0, 0)), T(2020, 1, 1, 0, 0, 0), 0);
  CHECK(isnan(vl_tu_end(TU_NONE, 1, t)));
  /* the least tick step: one unit counted from 2001 (no leap day) */
  CHECK_NEAR(vl_tu_min_step(TU_YEAR, 1), 365 * 86400e3, 0);
  CHECK_NEAR(vl_tu_min_step(TU_YEARMONTH, 1), 31 * 86400e3, 0);
  CHECK_NEAR(vl_tu_min_step(TU_QUARTER, 1), 90 * 86400e3, 0);
  CHECK_NEAR(vl_tu_min_step(TU_MINUTES, 5), 300e3, 0);
  CHECK(isnan(vl_tu_min_step(TU_DAY, 1))); /* a weekday: none */
}

static run bars(const char *x, const char *extra) {
  char buf[4096];
  snprintf(buf, sizeof buf,
           "{\"data\": {\"values\": [{\"t\": \"2012-01-01T00:00:00Z\", \"v\": 1}, {\"t\": \"2012-01-01T00:03:00Z\", "
           "\"v\": 2},\n {\"t\": \"2012-01-01T00:07:00Z\", \"v\": 4}, {\"t\": \"2012-01-01T00:14:00Z\", \"v\": 3}]},\n"
           " \"mark\": \"bar\", \"encoding\": {\"x\": %s, \"y\": {\"field\": \"v\", \"aggregate\": \"sum\"}}%s}\n",
           x, extra);
  return go("t.vl.json", buf);
}

/* the x of the axis label reading text (its middle), NAN if none */
static double label_x(const scene *s, const char *text) {
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (it->role && !strcmp(it->role, "axis.x.label") && it->text && it->text->text && !strcmp(it->text->text, text))
      return it->x + it->text->width / 2;
  }
  return NAN;
}

static void test_stepped_bars(void) {
  /* five-minute units without a type: temporal, one bar per unit from its
   * start to its end (less a 1 px gap), labels in "00:%M" */
  run r = bars("{\"field\": \"t\", \"timeUnit\": {\"unit\": \"minutes\", \"step\": 5}}", "");
  if (!REQUIRED(r.sc)) {
    run_free(&r);
    return;
  }
  if (!REQUIRED(count(r.sc, "mark.bar") == 3)) {
    run_free(&r);
    return;
  }
  double x00 = label_x(r.sc, "00:00"), x05 = label_x(r.sc, "00:05"), x10 = label_x(r.sc, "00:10"),
         x15 = label_x(r.sc, "00:15");
  if (!REQUIRED(isfinite(x00) && isfinite(x05) && isfinite(x10) && isfinite(x15))) {
    run_free(&r);
    return;
  }
  CHECK(!has_label(r.sc, "axis.x.label", "00:01")); /* no ticks finer than the 5-minute step */
  const sc_item *b = nth(r.sc, "mark.bar", 0), *c = nth(r.sc, "mark.bar", 2);
  CHECK_NEAR(b->x, x00, 1.5);
  CHECK_NEAR(b->x + b->w, x05, 1.5);
  CHECK_NEAR(c->x, x10, 1.5); /* 00:14 lands in 00:10 - 00:15 */
  CHECK_NEAR(c->x + c->w, x15, 1.5);
  run_free(&r);

  /* a point marks the unit's start: the domain ends at the last start */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"t\": \"2012-01-01T00:00:01Z\"}, {\"t\": \"2012-01-01T00:00:04Z\"}]},"
                      " \"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"t\", \"timeUnit\": \"seconds\"}}}");
  if (!REQUIRED(r.sc)) {
    run_free(&r);
    return;
  }
  CHECK(has_label(r.sc, "axis.x.label", ":01"));
  CHECK(has_label(r.sc, "axis.x.label", ":04"));
  CHECK(!has_label(r.sc, "axis.x.label", ":05"));
  run_free(&r);
}

static void test_binned_units(void) {
  /* the data holds the months' starts already: not floored again, and a
   * bar along y with no x reaches across the plot */
  run r = go("t.vl.json",
             "{\"data\": {\"values\": [{\"a.b\": \"2011-10-10\"}, {\"a.b\": \"2011-12-10\"}]}, \"mark\": \"bar\",\n"
             " \"encoding\": {\"y\": {\"field\": \"a\\\\.b\", \"timeUnit\": \"binnedutcyearmonth\", \"type\": "
             "\"temporal\"}}}");
  if (!REQUIRED(r.sc)) {
    run_free(&r);
    return;
  }
  if (!REQUIRED(count(r.sc, "mark.bar") == 2)) {
    run_free(&r);
    return;
  }
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  CHECK_NEAR(a->w, 20, 0.5); /* across the plot, one 20 px step wide */
  CHECK_NEAR(b->w, 20, 0.5);
  /* Oct 10 to Nov 10 and Dec 10 to Jan 10: as tall as their months (31 days each) */
  CHECK_NEAR(a->h, b->h, 0.5);
  CHECK_STR(label(r.sc, "axis.y.title", 0), "a\\.b"); /* binned upstream: the field alone as written, Vega-Lite's title */
  run_free(&r);

  /* an unknown binned unit (Vega-Lite bins only units with a year) */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"t\": \"2011-10-10\"}]}, \"mark\": \"bar\",\n"
                      " \"encoding\": {\"y\": {\"field\": \"t\", \"timeUnit\": \"binnedmonth\"}}}");
  CHECK(!r.sc);
  CHECK(strstr(r.first_error, "t.vl.json:2:47: error: unknown timeUnit 'binnedmonth'") != NULL);
  run_free(&r);
}

static void test_band_position(void) {
  /* timeUnitBandPosition 0: a year's bar centred on its first day, the
   * domain from half a year before the first to half after the last;
   * timeUnitBandSize 0.5: half the year wide */
  static const char *const spec =
      "{\"data\": {\"values\": [{\"t\": \"2020-01-01\", \"v\": 1}, {\"t\": \"2021-01-01\", \"v\": 2},\n"
      " {\"t\": \"2022-01-01\", \"v\": 3}]}, \"config\": {\"bar\": {\"timeUnitBandPosition\": 0%s}},\n"
      " \"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"t\", \"timeUnit\": \"year\"},"
      " \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}";
  char buf[1024];
  for (int half = 0; half < 2; half++) {
    snprintf(buf, sizeof buf, spec, half ? ", \"timeUnitBandSize\": 0.5" : "");
    run r = go("t.vl.json", buf);
    if (!REQUIRED(r.sc && count(r.sc, "mark.bar") == 3)) {
      run_free(&r);
      return;
    }
    double x2021 = label_x(r.sc, "2021");
    if (!REQUIRED(isfinite(x2021))) {
      run_free(&r);
      return;
    }
    const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
    CHECK_NEAR(b->x + b->w / 2, x2021, 1.5);
    double year = b->x - a->x; /* one year in px */
    CHECK_NEAR(b->w, half ? year / 2 : year - 1, 1.5); /* less the 1 px binSpacing */
    run_free(&r);
  }
}

static void test_layer_without_y(void) {
  /* days marked by bars under a line: the bar layer has no y of its own
   * (the line's y is the layer's), so its bars reach over the plot's
   * height, each a day wide centred on its day (bandPosition 0) */
  run r = go("t.vl.json",
             "{\"data\": {\"values\": [{\"a\": \"2000-01-01\", \"b\": 28}, {\"a\": \"2000-01-02\", \"b\": 55},\n"
             " {\"a\": \"2000-01-03\", \"b\": 43}]}, \"height\": 200, \"layer\": [\n"
             " {\"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"a\", \"timeUnit\": \"yearmonthdate\"},"
             " \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}},\n"
             " {\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"a\", \"timeUnit\": \"yearmonthdate\","
             " \"bandPosition\": 0}}}]}");
  if (!REQUIRED(r.sc && count(r.sc, "mark.bar") == 3)) {
    run_free(&r);
    return;
  }
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  CHECK_NEAR(a->h, 200, 0.5);
  CHECK_NEAR(b->x - a->x, a->w + 1, 0.5); /* a day wide, less the 1 px binSpacing */
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_floor_and_end();
  test_stepped_bars();
  test_binned_units();
  test_band_position();
  test_layer_without_y();
  text_engine_free(TE);
  return testing_done("test_vl_timeunit");
}
