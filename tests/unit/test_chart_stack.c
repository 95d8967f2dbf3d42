/* Stacks as Vega-Lite orders and places them (vl_encode.c's do_stack,
 * vl_marks.c's stacked symbols): y stacks in the colour's descending order
 * and x ascending, with or without an aggregate; circles stack when the
 * channel asks, at their stack's end or bandPosition of the way up. */
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

#define ROWS                                                                                                  \
  "{\"data\": {\"values\": [{\"a\": \"A1\", \"b\": 28, \"c\": \"x\"}, {\"a\": \"A1\", \"b\": 23, \"c\": \"y\"}]},\n" \
  " \"mark\": \"bar\", \"encoding\": {"

/* The bar whose fill is rgb, or NULL. */
static const sc_item *bar_of(const scene *s, uint32_t rgb) {
  for (int i = 0; i < count(s, "mark.bar"); i++)
    if (nth(s, "mark.bar", i)->style.fill >> 8 == rgb) return nth(s, "mark.bar", i);
  return NULL;
}

static void test_stack_order(void) {
  const char *enc[] = {
      "\"x\": {\"field\": \"a\", \"type\": \"ordinal\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\", \"stack\": \"zero\"}",
      "\"x\": {\"field\": \"a\", \"type\": \"ordinal\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\", \"aggregate\": \"sum\"}",
      "\"y\": {\"field\": \"a\", \"type\": \"ordinal\"}, \"x\": {\"field\": \"b\", \"type\": \"quantitative\"}",
  };
  for (int i = 0; i < 3; i++) {
    char spec[1024];
    snprintf(spec, sizeof spec, ROWS "%s, \"color\": {\"field\": \"c\", \"type\": \"nominal\"}}}\n", enc[i]);
    run r = vl(spec);
    REQUIRED(r.sc && count(r.sc, "mark.bar") == 2);
    const sc_item *x = bar_of(r.sc, 0x4c78a8), *y = bar_of(r.sc, 0xf58518);
    REQUIRED(x && y);
    if (i < 2) CHECK(y->y > x->y); /* vertical: y (the last colour) at the bottom, x on top */
    else CHECK(x->x < y->x);       /* horizontal: x (the first) from the left */
    run_free(&r);
  }
}

/* A Wilkinson dot plot: circles piled by count, each in the middle of its
 * unit (bandPosition 0.5), the last rank lowest; without bandPosition at
 * the top of their unit. */
static void test_stacked_circles(void) {
  for (int mid = 0; mid < 2; mid++) {
    char spec[1024];
    snprintf(spec, sizeof spec,
             "{\"height\": 100, \"data\": {\"values\": [1, 1, 1, 1, 2]},\n"
             " \"transform\": [{\"window\": [{\"op\": \"rank\", \"as\": \"id\"}]}], \"mark\": \"circle\",\n"
             " \"encoding\": {\"x\": {\"field\": \"data\", \"type\": \"ordinal\"},\n"
             "   \"y\": {\"aggregate\": \"count\", \"stack\": true%s, \"scale\": {\"domain\": [0, 4]}},\n"
             "   \"detail\": {\"field\": \"id\"}}}\n",
             mid ? ", \"bandPosition\": 0.5" : "");
    run r = vl(spec);
    REQUIRED(r.sc && count(r.sc, "mark.circle") == 5 && r.sc->nboxes >= 1);
    const sc_box *plot = &r.sc->boxes[0];
    for (int i = 0; i < 4; i++) { /* the rows of value 1, ids 1..4: id 4 at the bottom */
      const sc_item *c = nth(r.sc, "mark.circle", i);
      REQUIRED(c);
      double units = 4 - i - (mid ? 0.5 : 0); /* id i+1 spans [3 - i, 4 - i] */
      CHECK_NEAR(c->cy, plot->y + plot->h - units * plot->h / 4, 0.01);
    }
    run_free(&r);
  }
}

int main(void) {
  scene_test_begin();
  test_stack_order();
  test_stacked_circles();
  text_engine_free(TE);
  return testing_done("test_chart_stack");
}
