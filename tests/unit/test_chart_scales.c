/* Scales as Vega draws them (vl_scale.c, vl_schemes.c, the symbols of
 * vl_marks.c): the order a unionWith domain takes, Vega's scheme stops and
 * how an ordinal scale samples them, a colour range read from a field, and
 * symbols that span sqrt(size) with config.scale.minSize 4. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "scene_test.h"

static run vl(const char *json) {
  run r = go("t.vl.json", json);
  if (!r.sc) fprintf(stderr, "  %s\n", r.first_error);
  return r;
}

static uint32_t fill_rgb(const sc_item *it) { return it->style.fill >> 8; }

/* sort: null keeps the domain unsorted: Vega-Lite's {fields: [unionWith,
 * data]} puts the given values first, then the data's new ones. */
static void test_union_order(void) {
  run r = vl("{\"data\": {\"values\": [{\"k\": 1}, {\"k\": 2}, {\"k\": 3}]}, \"mark\": \"point\",\n"
             " \"encoding\": {\"color\": {\"field\": \"k\", \"type\": \"nominal\", \"sort\": null,\n"
             "   \"scale\": {\"domain\": {\"unionWith\": [3, 9]}}}}}\n");
  REQUIRED(r.sc && count(r.sc, "legend.label") == 4);
  const char *want[] = {"3", "9", "1", "2"};
  for (int i = 0; i < 4; i++) CHECK_STR(label(r.sc, "legend.label", i), want[i]);
  /* the first point (k = 1) takes the third colour of tableau10 */
  const sc_item *p = nth(r.sc, "mark.point", 0);
  if (REQUIRED(p)) CHECK(p->style.stroke >> 8 == 0xe45756);
  run_free(&r);
}

/* An ordinal colour samples Vega's blues at (i + 1) / (k + 1): three
 * categories take 1/4, 1/2 and 3/4 of the ramp (#5ba3cf in the middle,
 * Vega's 6th stop of 11), neither end. */
static void test_ordinal_sampling(void) {
  run r = vl("{\"data\": {\"values\": [{\"a\": \"A\"}, {\"a\": \"B\"}, {\"a\": \"C\"}]}, \"mark\": \"square\",\n"
             " \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"},\n"
             "   \"color\": {\"field\": \"a\", \"type\": \"ordinal\"}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.square") == 3);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 1)) == 0x5ba3cf);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 0)) == 0x9cc8e2); /* 1/4: halfway from stop 2 to 3 of 0..10 */
  run_free(&r);
}

/* Vega's palettes by any case of their name: yellowGreenBlue's middle
 * stop, and magma's (Vega's 31 stops, not a 7-stop cut). */
static void test_vega_schemes(void) {
  run r = vl("{\"data\": {\"values\": [{\"v\": 0}, {\"v\": 5}, {\"v\": 10}]}, \"mark\": \"square\",\n"
             " \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"},\n"
             "   \"color\": {\"field\": \"v\", \"type\": \"quantitative\", \"scale\": {\"scheme\": \"YellowGreenBlue\"}}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.square") == 3);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 1)) == 0x45b4c2); /* the 6th of its 11 stops */
  run_free(&r);
  r = vl("{\"data\": {\"values\": [{\"v\": 0}, {\"v\": 5}, {\"v\": 10}]}, \"mark\": \"square\",\n"
         " \"encoding\": {\"x\": {\"field\": \"v\", \"type\": \"quantitative\"},\n"
         "   \"color\": {\"field\": \"v\", \"type\": \"quantitative\", \"scale\": {\"scheme\": \"magma\"}}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.square") == 3);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 1)) == 0xb6377a); /* the 16th of 31 */
  run_free(&r);
  r = vl("{\"data\": {\"values\": [{\"v\": 0}]}, \"mark\": \"square\",\n"
         " \"encoding\": {\"color\": {\"field\": \"v\", \"type\": \"quantitative\", \"scale\": {\"scheme\": \"magmaa\"}}}}\n");
  CHECK(!r.sc && strstr(r.first_error, "did you mean 'magma'"));
  run_free(&r);
}

/* range: {field}: each category's colour from its rows; a mapping without
 * a field is an error at the mapping. */
static void test_range_field(void) {
  run r = vl("{\"data\": {\"values\": [{\"l\": \"B\", \"c\": \"blue\"}, {\"l\": \"A\", \"c\": \"#ff0000\"}]},\n"
             " \"mark\": \"square\", \"encoding\": {\"x\": {\"field\": \"l\", \"type\": \"nominal\"},\n"
             "   \"color\": {\"field\": \"l\", \"type\": \"nominal\", \"scale\": {\"range\": {\"field\": \"c\"}}}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.square") == 2);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 0)) == 0x0000ff);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 1)) == 0xff0000);
  run_free(&r);
  r = vl("{\"data\": {\"values\": [{\"l\": \"B\"}]}, \"mark\": \"square\",\n"
         " \"encoding\": {\"color\": {\"field\": \"l\", \"type\": \"nominal\", \"scale\": {\"range\": {\"feld\": \"c\"}}}}}\n");
  CHECK(!r.sc && strstr(r.first_error, "t.vl.json:2:") && strstr(r.first_error, "{field: name}"));
  run_free(&r);
}

/* Symbols span sqrt(size) as Vega's do: a circle of size 400 has radius 10,
 * a triangle is 20 wide and 10 sqrt(3) tall; a quantize size's smallest
 * class is config.scale.minSize, 4 (radius 1). */
static void test_symbol_sizes(void) {
  run r = vl("{\"data\": {\"values\": [{\"s\": \"circle\"}, {\"s\": \"triangle-up\"}, {\"s\": \"diamond\"}]},\n"
             " \"mark\": {\"type\": \"point\", \"size\": 400, \"filled\": true},\n"
             " \"encoding\": {\"x\": {\"field\": \"s\", \"type\": \"nominal\"}, \"shape\": {\"field\": \"s\", \"type\": \"nominal\", \"scale\": {\"range\": [\"circle\", \"triangle-up\", \"diamond\"]}}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.point") == 3);
  for (int i = 0; i < 3; i++) {
    const sc_item *p = nth(r.sc, "mark.point", i);
    REQUIRED(p);
    CHECK_NEAR(p->w, 20, 0.01);
    CHECK_NEAR(p->h, i == 1 ? 10 * sqrt(3) : 20, 0.01);
  }
  run_free(&r);
  r = vl("{\"data\": {\"values\": [{\"b\": 0}, {\"b\": 50}, {\"b\": 100}]}, \"mark\": \"circle\",\n"
         " \"encoding\": {\"y\": {\"field\": \"b\", \"type\": \"nominal\"},\n"
         "   \"size\": {\"field\": \"b\", \"type\": \"quantitative\", \"scale\": {\"type\": \"quantize\"}}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.circle") == 3);
  const sc_item *c0 = nth(r.sc, "mark.circle", 0), *c2 = nth(r.sc, "mark.circle", 2);
  if (REQUIRED(c0 && c2)) {
    CHECK_NEAR(c0->rx, 1, 0.01);
    CHECK_NEAR(c2->rx, 0.95 * 20 / 2, 0.01); /* (0.95 step)^2 */
  }
  run_free(&r);
}

/* A quantitative radius is linear from zero as in Vega-Lite (not sqrt):
 * four equal sectors of an ordinal theta, radii 1..4, the first a quarter
 * as long as the last. */
static void test_radius_linear(void) {
  run r = vl("{\"data\": {\"values\": [{\"d\": \"a\", \"s\": 1}, {\"d\": \"b\", \"s\": 2}, {\"d\": \"c\", \"s\": 3},\n"
             " {\"d\": \"e\", \"s\": 4}]}, \"mark\": \"arc\", \"encoding\": {\"theta\": {\"field\": \"d\", \"type\": \"ordinal\"},\n"
             "   \"radius\": {\"field\": \"s\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.arc") == 4);
  const sc_item *a0 = nth(r.sc, "mark.arc", 0), *a3 = nth(r.sc, "mark.arc", 3);
  REQUIRED(a0 && a3);
  CHECK_NEAR(a0->w / a3->w, 0.25, 0.01); /* a quarter sector spans its radius across */
  run_free(&r);
}

/* Continuous colours: config.range.heatmap names a rect's scheme,
 * config.range.ramp another for the rest. */
static void test_config_ramps(void) {
  run r = vl("{\"config\": {\"range\": {\"heatmap\": {\"scheme\": \"yellowGreenBlue\"}}},\n"
             " \"data\": {\"values\": [{\"a\": \"A\", \"v\": 0}, {\"a\": \"B\", \"v\": 5}, {\"a\": \"C\", \"v\": 10}]},\n"
             " \"mark\": \"rect\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"},\n"
             "   \"color\": {\"field\": \"v\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.rect") == 3);
  CHECK(fill_rgb(nth(r.sc, "mark.rect", 1)) == 0x45b4c2);
  run_free(&r);
  r = vl("{\"config\": {\"range\": {\"ramp\": {\"scheme\": \"greens\"}}},\n"
         " \"data\": {\"values\": [{\"a\": \"A\", \"v\": 0}, {\"a\": \"B\", \"v\": 5}, {\"a\": \"C\", \"v\": 10}]},\n"
         " \"mark\": \"square\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"},\n"
         "   \"color\": {\"field\": \"v\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc && count(r.sc, "mark.square") == 3);
  CHECK(fill_rgb(nth(r.sc, "mark.square", 2)) == 0x036429); /* greens' darkest stop */
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_union_order();
  test_ordinal_sampling();
  test_vega_schemes();
  test_range_field();
  test_symbol_sizes();
  test_radius_linear();
  test_config_ramps();
  text_engine_free(TE);
  return testing_done("test_chart_scales");
}
