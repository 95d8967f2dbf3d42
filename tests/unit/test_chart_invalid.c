/* Invalid values (null, NaN) in continuous scales drawn as Vega-Lite
 * draws them (vl_invalid.c): stacks under invalid: show, the domains of
 * marks left out, lines parted by a quantitative colour, and
 * config.scale.invalid's outputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

#include "scene_test.h"

/* A chart of rows a (x), b (y), c (a third field) with extra spec lines. */
static run chart(const char *rows, const char *mark, const char *enc, const char *config) {
  char spec[4096];
  snprintf(spec, sizeof spec, "blocks:\n  - chart:\n%s      data: {values: [%s]}\n      mark: %s\n      encoding:\n%s",
           config, rows, mark, enc);
  run r = go("t.yaml", spec);
  if (!r.sc) fprintf(stderr, "  %s\n", r.first_error);
  return r;
}

#define XY_Q "        x: {field: a, type: quantitative}\n        y: {field: b, type: quantitative}\n"
#define XY_O "        x: {field: a, type: ordinal}\n        y: {field: b, type: quantitative}\n"

static int zero_height_bars(const scene *s) {
  int n = 0;
  for (int i = 0; i < count(s, "mark.bar"); i++) n += nth(s, "mark.bar", i)->h < 1e-9;
  return n;
}

/* invalid: show stacks a null as zero (Vega's stack reads +null as 0): a
 * bar of no height at its place, and an area one piece through it. */
static void test_show_stacks(void) {
  const char *rows = "{a: 1, b: 10}, {a: 2, b: null}, {a: 3, b: 30}, {a: 4, b: null}";
  run r = chart(rows, "{type: bar, invalid: show}", XY_O, "");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 4);
  CHECK(zero_height_bars(r.sc) == 2);
  run_free(&r);
  r = chart(rows, "{type: bar}", XY_O, ""); /* the default for bars: filter */
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.bar") == 2);
  CHECK(zero_height_bars(r.sc) == 0);
  run_free(&r);
  r = chart(rows, "{type: area, invalid: show}", XY_O, "");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.area") == 1);
  run_free(&r);
  r = chart(rows, "{type: area}", XY_O, ""); /* break-paths-show-domains: broken at each null */
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.area") == 2);
  run_free(&r);
}

/* break-paths-show-domains on bars: the bars left out (a is null) still
 * count in the y domain, stacked as the marks are. */
static void test_stacked_domain_of_left_out(void) {
  const char *rows = "{a: null, b: 100}, {a: 1, b: 10}, {a: 2, b: 20}";
  run sh = chart(rows, "{type: bar, invalid: break-paths-show-domains}", XY_Q, "");
  run f = chart(rows, "{type: bar, invalid: filter}", XY_Q, "");
  REQUIRED(sh.sc && f.sc);
  CHECK(count(sh.sc, "mark.bar") == 2 && count(f.sc, "mark.bar") == 2);
  CHECK(has_label(sh.sc, "axis.y.label", "100"));
  CHECK(!has_label(f.sc, "axis.y.label", "100"));
  /* the same bar is shorter in the domain that reaches 100 */
  CHECK(nth(sh.sc, "mark.bar", 1)->h < 0.5 * nth(f.sc, "mark.bar", 1)->h);
  run_free(&sh);
  run_free(&f);
}

/* A line coloured by a number: one line per value (Vega-Lite's
 * pathGroupingFields); by an aggregate of it: one line. */
static void test_quantitative_colour_parts_lines(void) {
  const char *rows = "{a: 1, b: 1, c: 1}, {a: 2, b: 2, c: 1}, {a: 1, b: 3, c: 2}, {a: 2, b: 4, c: 2}";
  run r = chart(rows, "line", XY_Q "        color: {field: c, type: quantitative}\n", "");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.line") == 2);
  run_free(&r);
  r = chart(rows, "line", "        x: {field: a, type: quantitative}\n        y: {field: b, type: quantitative, aggregate: sum}\n"
            "        color: {field: c, type: quantitative, aggregate: max}\n", "");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.line") == 1);
  run_free(&r);
}

static const sc_item *point_at_x(const scene *s, double x) {
  for (int i = 0; i < count(s, "mark.point"); i++) {
    const sc_item *p = nth(s, "mark.point", i);
    if (fabs(p->x + p->w / 2 - x) < 0.5) return p;
  }
  return NULL;
}

/* invalid: show on colour, size, opacity: zero or the domain's low end
 * (a colour's domain 1..3 has no zero: as 1) */
static void test_show_non_position(void) {
  const char *rows = "{a: 1, b: 1, c: 1}, {a: 2, b: 2, c: 3}, {a: 3, b: 3, c: null}";
  run r = chart(rows, "{type: point, filled: true, invalid: show}", XY_Q "        color: {field: c, type: quantitative}\n", "");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  CHECK(nth(r.sc, "mark.point", 2)->style.fill == nth(r.sc, "mark.point", 0)->style.fill);
  CHECK(nth(r.sc, "mark.point", 2)->style.fill != nth(r.sc, "mark.point", 1)->style.fill);
  run_free(&r);
  r = chart(rows, "{type: point, invalid: show}", XY_Q "        size: {field: c, type: quantitative}\n", "");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  for (int i = 0; i < 3; i++) CHECK(isfinite(nth(r.sc, "mark.point", i)->w));
  /* size's domain holds zero: the null is the smallest */
  CHECK(nth(r.sc, "mark.point", 2)->w < nth(r.sc, "mark.point", 0)->w);
  run_free(&r);
}

/* config.scale.invalid: the channel keeps its invalid rows whatever the
 * mode and draws them with the output given */
static void test_config_outputs(void) {
  const char *rows = "{a: 1, b: 1, c: 1}, {a: 2, b: 2, c: 3}, {a: 3, b: 3, c: null}";
  const char *cfg_color = "      config: {scale: {invalid: {color: {value: '#ff0000'}}}}\n";
  run r = chart(rows, "{type: point, filled: true, invalid: filter}", XY_Q "        color: {field: c, type: quantitative}\n",
                cfg_color);
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  CHECK(nth(r.sc, "mark.point", 2)->style.fill >> 8 == 0xff0000u);
  CHECK(nth(r.sc, "mark.point", 0)->style.fill >> 8 != 0xff0000u);
  run_free(&r);
  r = chart(rows, "{type: point, invalid: filter}", XY_Q "        opacity: {field: c, type: quantitative}\n",
            "      config: {scale: {invalid: {opacity: {value: 0.25}}}}\n");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  CHECK(fabs(nth(r.sc, "mark.point", 2)->style.opacity - 0.25) < 1e-6);
  run_free(&r);
  r = chart(rows, "{type: point, invalid: filter}", XY_Q "        size: {field: c, type: quantitative}\n",
            "      config: {scale: {invalid: {size: {value: 100}}}}\n");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  CHECK(fabs(nth(r.sc, "mark.point", 2)->w - 2 * sqrt(100 / M_PI)) < 1.5); /* area 100 (stroke aside) */
  run_free(&r);
  /* x: a null at the px given, from the plot's left */
  const char *xnull = "{a: 1, b: 1}, {a: 5, b: 2}, {a: null, b: 3}";
  r = chart(xnull, "point", XY_Q, "      config: {scale: {invalid: {x: {value: 0}}}}\n");
  REQUIRED(r.sc);
  REQUIRED(count(r.sc, "mark.point") == 3);
  const sc_item *left = nth(r.sc, "mark.point", 0); /* a = 1: the domain's 0 is left of it */
  const sc_item *shown = nth(r.sc, "mark.point", 2);
  CHECK(shown->x + shown->w / 2 < left->x + left->w / 2);
  CHECK(point_at_x(r.sc, shown->x + shown->w / 2) == shown);
  run_free(&r);
  /* zero-or-min on y under filter: shown at zero */
  r = chart("{a: 1, b: 10}, {a: 2, b: null}", "point", XY_Q, "      config: {scale: {invalid: {y: zero-or-min}}}\n");
  REQUIRED(r.sc);
  CHECK(count(r.sc, "mark.point") == 2);
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_show_stacks();
  test_stacked_domain_of_left_out();
  test_quantitative_colour_parts_lines();
  test_show_non_position();
  test_config_outputs();
  text_engine_free(TE);
  return testing_done("test_chart_invalid");
}
