/* Charts through the public pipeline: spec text -> spec_parse -> doc_build
 * -> layout_document, then assertions on the scene (roles, counts,
 * positions, label strings) and on located error messages.
 *
 * `test_chart render IN OUT.png [scale]` renders a spec file (a dev aid). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "render/render.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

#include "scene_test.h"

static int render_cmd(int argc, char **argv) {
  char *text = read_all(argv[2]);
  if (!text) return 2;
  run r = go(argv[2], text);
  for (int i = 0; i < r.d.n; i++) {
    char m[1024];
    diag_format(&r.d.items[i], m, sizeof m);
    fprintf(stderr, "%s\n", m);
  }
  if (!r.sc) return 1;
  renderer *rd = renderer_new();
  render_opts o = {argc > 4 ? atof(argv[4]) : 1, 0, 0, 0};
  const unsigned char *out;
  size_t len;
  char err[256];
  int fmt = strstr(argv[3], ".svg") ? RENDER_SVG : RENDER_PNG;
  if (render_scene(rd, r.sc, fmt, &o, &out, &len, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  FILE *f = fopen(argv[3], "wb");
  fwrite(out, 1, len, f);
  fclose(f);
  if (getenv("DUMP")) {
    buf b = {0};
    scene_dump(r.sc, &b);
    fwrite(b.data, 1, b.len, stdout);
  }
  renderer_free(rd);
  run_free(&r);
  return 0;
}

/* ---------------------------------------------------------------- tests */

static void test_simple_bar(void) {
  run r = go("t.yaml",
             "blocks:\n"
             "  - chart:\n"
             "      data: {values: [{a: A, b: 28}, {a: B, b: 55}, {a: C, b: 43}, {a: D, b: 91}]}\n"
             "      mark: bar\n"
             "      encoding:\n"
             "        x: {field: a, type: nominal}\n"
             "        y: {field: b, type: quantitative}\n");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 4);
  CHECK(count(r.sc, "axis.x.label") == 4);
  CHECK_STR(label(r.sc, "axis.x.label", 0), "A");
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1), *b3 = nth(r.sc, "mark.bar", 3);
  if (b0 && b1 && b3) {
    CHECK(b0->x < b1->x);
    CHECK_NEAR(b0->y + b0->h, b3->y + b3->h, 0.01); /* common baseline */
    CHECK_NEAR(b0->h / b1->h, 28.0 / 55.0, 0.01);
  }
  CHECK_STR(label(r.sc, "axis.y.label", 0), "0");
  CHECK(count(r.sc, "grid") >= 3);
  run_free(&r);
}

static void test_y_ticks_0_995(void) {
  run r = go("t.yaml",
             "blocks:\n"
             "  - chart:\n"
             "      data: {values: [{y: '2012', v: 500}, {y: '2019', v: 995}]}\n"
             "      mark: {type: line, point: true}\n"
             "      height: 300\n"
             "      encoding:\n"
             "        x: {field: y, type: ordinal}\n"
             "        y: {field: v, type: quantitative}\n");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.line") == 1);
  CHECK(count(r.sc, "mark.point") == 2);
  /* Vega's ticks: nice(0, 995) with d3's count 10 is [0, 1000]; 300 px
   * ask for ceil(300 / 40) = 8, d3's step for 8 over 1000 is 100 */
  const char *want[] = {"0", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1000"};
  int n = count(r.sc, "axis.y.label");
  CHECK(n == 11);
  for (int i = 0; i < n && i < 11; i++) CHECK_STR(label(r.sc, "axis.y.label", i), want[i]);
  run_free(&r);
}

/* Bars on a quantitative x (Vega-Lite's bar_qq_stack): 5 px wide
 * (continuousBandSize), the two at a = 1 stacked (28 + 55 = 83, not two
 * overlapping bars), and the x scale padded by 5 px then niced: 0.5..5.5. */
static void test_bars_on_continuous_x(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1, \"b\": 28}, {\"a\": 1, \"b\": 55}, {\"a\": 5, \"b\": 43}]},\n"
                          "\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"},\n"
                          "\"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 3);
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1), *b2 = nth(r.sc, "mark.bar", 2);
  for (int i = 0; i < 3; i++) CHECK_NEAR(nth(r.sc, "mark.bar", i)->w, 5, 0.01);
  CHECK_NEAR(b0->x, b1->x, 0.01);                     /* one column, */
  CHECK_NEAR(b0->h + b1->h, b2->h * 83.0 / 43.0, 0.05); /* 83 high in all, */
  CHECK(fabs((b0->y + b0->h) - b1->y) < 0.01 || fabs((b1->y + b1->h) - b0->y) < 0.01); /* end to end */
  CHECK_STR(label(r.sc, "axis.x.label", 0), "0.5");
  CHECK_STR(label(r.sc, "axis.x.label", count(r.sc, "axis.x.label") - 1), "5.5");
  CHECK_STR(label(r.sc, "axis.y.label", count(r.sc, "axis.y.label") - 1), "90");
  run_free(&r);
}

/* continuousBandSize (a mark's, else config.bar's) sets those bars' width
 * and the axis's padding. */
static void test_continuous_band_size(void) {
  static const char *const specs[] = {
      "{\"data\": {\"values\": [{\"a\": 1, \"b\": 2}, {\"a\": 5, \"b\": 4}]},\n"
      "\"mark\": {\"type\": \"bar\", \"continuousBandSize\": 12},\n"
      "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n",
      "{\"data\": {\"values\": [{\"a\": 1, \"b\": 2}, {\"a\": 5, \"b\": 4}]}, \"config\": {\"bar\": {\"continuousBandSize\": 12}},\n"
      "\"mark\": \"bar\",\n"
      "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n"};
  for (int i = 0; i < 2; i++) {
    run r = go("t.vl.json", specs[i]);
    if (REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 2)) {
      CHECK_NEAR(nth(r.sc, "mark.bar", 0)->w, 12, 0.01);
      CHECK_NEAR(nth(r.sc, "mark.bar", 1)->w, 12, 0.01);
    }
    run_free(&r);
  }
}

/* A standalone spec takes Vega-Lite's config: 20 px per category, bands
 * padded 0.1 inside and 0.05 outside (3 bars in 60 px, each 18 wide, the
 * first from 1 px), and d3's ",f" ticks: 1,000 and the minus sign U+2212. */
static void test_standalone_vl_config(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": \"A\", \"b\": -500}, {\"a\": \"B\", \"b\": 1500},\n"
                          "{\"a\": \"C\", \"b\": 800}]}, \"mark\": \"bar\",\n"
                          "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"},\n"
                          "\"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 3);
  const sc_item *x = nth(r.sc, "axis.x.domain", 0), *b0 = nth(r.sc, "mark.bar", 0);
  if (REQUIRED(x != NULL)) {
    CHECK_NEAR(x->w, 60, 0.01);
    CHECK_NEAR(b0->x - x->x, 1, 0.01);
  }
  CHECK_NEAR(b0->w, 18, 0.01);
  CHECK(has_label(r.sc, "axis.y.label", "1,000"));
  CHECK(has_label(r.sc, "axis.y.label", "−400"));
  run_free(&r);
}

/* A standalone spec with neither x nor y is one step each way (20 x 20,
 * the point in its middle), and a size field's largest point is 95% of a
 * step across (Vega-Lite's maxSize (0.95 step)^2). */
static void test_standalone_vl_sizes(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}, {\"a\": 2}]}, \"mark\": \"point\", \"encoding\": {}}\n");
  if (REQUIRED(r.sc != NULL && count(r.sc, "mark.point") == 2 && r.sc->nboxes == 1)) {
    const sc_box *f = &r.sc->boxes[0];
    const sc_item *p = nth(r.sc, "mark.point", 0);
    CHECK_NEAR(f->w, 20, 0.01);
    CHECK_NEAR(f->h, 20, 0.01);
    CHECK_NEAR(p->cx, f->x + 10, 0.01);
  }
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": \"A\", \"s\": 1}, {\"a\": \"B\", \"s\": 5}]}, \"mark\": \"circle\",\n"
                      "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"}, \"size\": {\"field\": \"s\", \"type\": \"quantitative\"}}}\n");
  if (REQUIRED(r.sc != NULL && count(r.sc, "mark.circle") == 2)) CHECK_NEAR(nth(r.sc, "mark.circle", 1)->rx, 0.95 * 20 / 2, 0.01); /* Vega's circle: sqrt(size) / 2 */
  run_free(&r);
}

/* Vega-Lite's DateTime objects as a scale's domain and an axis's values:
 * {hours: 0} .. {hours: 24} is 2012-01-01, all of it (the date time units
 * map onto): in 240 px the line from 03:00 to 20:00 is 170 px long, and
 * the ticks at 06:00 and 18:00 are 120 px apart. */
static void test_datetime_domain(void) {
  run r = go("t.vl.json",
             "{\"data\": {\"values\": [{\"a\": \"2012-01-01T03:00\", \"b\": 1}, {\"a\": \"2012-01-01T20:00\", \"b\": 3}]},\n"
             "\"width\": 240, \"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"temporal\",\n"
             "\"scale\": {\"domain\": [{\"hours\": 0}, {\"hours\": 24}]},\n"
             "\"axis\": {\"values\": [{\"hours\": 6}, {\"month\": \"jan\", \"date\": 1, \"hours\": 18}]}},\n"
             "\"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc != NULL && count(r.sc, "axis.x.label") == 2);
  const sc_item *l6 = nth(r.sc, "axis.x.label", 0), *l18 = nth(r.sc, "axis.x.label", 1), *ln = nth(r.sc, "mark.line", 0);
  REQUIRED(ln != NULL);
  CHECK_STR(l6->text->text, "06 AM");
  CHECK_STR(l18->text->text, "06 PM");
  CHECK_NEAR(ln->w, 170, 0.5);
  CHECK_NEAR((l18->x + l18->w / 2) - (l6->x + l6->w / 2), 120, 0.5);
  run_free(&r);
}

/* A quantitative yOffset (Vega-Lite's bar_ranged_offset_quantitative):
 * each bar rises from its band's bottom by its score on the offset's
 * [0, max] scale (18 twice 9); a discrete xOffset on points puts each
 * group in its sub-band (point_grouped), not all on the category. */
static void test_offsets(void) {
  run r = go("t.vl.json",
             "{\"data\": {\"values\": [{\"q\": \"Q1\", \"t\": \"A\", \"s\": 18}, {\"q\": \"Q2\", \"t\": \"A\", \"s\": 9},\n"
             "{\"q\": \"Q1\", \"t\": \"B\", \"s\": 6}]}, \"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"q\", \"type\": \"ordinal\"},\n"
             "\"y\": {\"field\": \"t\", \"type\": \"nominal\"}, \"yOffset\": {\"field\": \"s\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc != NULL && count(r.sc, "mark.bar") == 3);
  const sc_item *a1 = nth(r.sc, "mark.bar", 0), *a2 = nth(r.sc, "mark.bar", 1), *b1 = nth(r.sc, "mark.bar", 2);
  CHECK_NEAR(a1->h, 2 * a2->h, 0.05);
  CHECK_NEAR(a1->h, 3 * b1->h, 0.05);
  CHECK_NEAR(a1->y + a1->h, a2->y + a2->h, 0.01); /* one base in band A */
  CHECK(b1->y > a1->y + a1->h);                   /* band B below it */
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"c\": \"A\", \"g\": \"x\", \"v\": 1}, {\"c\": \"A\", \"g\": \"y\", \"v\": 2}]},\n"
                      "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"c\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"},\n"
                      "\"xOffset\": {\"field\": \"g\"}}}\n");
  REQUIRED(r.sc != NULL && count(r.sc, "mark.point") == 2);
  CHECK(nth(r.sc, "mark.point", 1)->x > nth(r.sc, "mark.point", 0)->x + 5);
  run_free(&r);
}

/* A time axis thinned to every other label keeps the days, not the noons
 * (Vega-Lite's line_timestamp_domain: ticks every 12 hours over 10 days). */
static void test_time_thinning(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"ts\": 1500400000000, \"v\": 1}, {\"ts\": 1500700000000, \"v\": 2}]},\n"
                          "\"width\": 800, \"mark\": \"line\", \"encoding\": {\"x\": {\"field\": \"ts\", \"type\": \"temporal\",\n"
                          "\"scale\": {\"domain\": [1500000000000, 1500900000000]}}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}}}\n");
  REQUIRED(r.sc != NULL);
  CHECK(count(r.sc, "axis.x.label") >= 8);
  CHECK(has_label(r.sc, "axis.x.label", "Wed 19") && has_label(r.sc, "axis.x.label", "Jul 16"));
  CHECK(!has_label(r.sc, "axis.x.label", "12 PM"));
  run_free(&r);
}

/* config.scale.quantizeCount / quantileCount: the classes of a quantize or
 * quantile size (Vega-Lite's 4 by default); a colour scheme keeps its own. */
static void test_quantize_count(void) {
  static const char *const spec =
      "{\"data\": {\"values\": [{\"k\": \"a\", \"v\": 1}, {\"k\": \"b\", \"v\": 5}, {\"k\": \"c\", \"v\": 9}]},\n"
      "\"mark\": \"circle\", \"encoding\": {\"y\": {\"field\": \"k\"},\n"
      "\"size\": {\"field\": \"v\", \"type\": \"quantitative\", \"scale\": {\"type\": \"%s\"}}}%s}\n";
  static const struct {
    const char *type, *config;
    int entries;
  } cases[] = {{"quantize", "", 4},
               {"quantize", ", \"config\": {\"scale\": {\"quantizeCount\": 3}}", 3},
               {"quantile", ", \"config\": {\"scale\": {\"quantileCount\": 2, \"quantizeCount\": 6}}", 2}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[1024];
    snprintf(buf, sizeof buf, spec, cases[i].type, cases[i].config);
    run r = go("t.vl.json", buf);
    REQUIRED(r.sc != NULL);
    CHECK(count(r.sc, "legend.label") == cases[i].entries);
    run_free(&r);
  }
}

static void test_error_params(void) {
  run r = go("t.yaml",
             "blocks:\n"
             "  - chart:\n"
             "      params: [{name: p, select: box}]\n"
             "      data: {values: [{a: 1}]}\n"
             "      mark: point\n");
  CHECK(r.sc == NULL);
  CHECK_STR(r.first_error, "t.yaml:3:34: error: unknown selection type 'box' (point, interval)");
  run_free(&r);
  r = go("t.vl.json", "{\"$schema\": \"https://vega.github.io/schema/vega-lite/v5.json\",\n"
                      "\"data\": {\"values\": [{\"a\": 1}]},\n"
                      "\"mark\": \"lien\",\n"
                      "\"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\", \"axs\": null}}}\n");
  CHECK(r.d.errors == 2);
  CHECK_STR(r.first_error, "t.vl.json:3:9: error: unknown mark 'lien' (did you mean 'line'?)");
  if (r.d.n >= 2) {
    char m[512];
    diag_format(&r.d.items[1], m, sizeof m);
    CHECK_STR(m, "t.vl.json:4:58: error: unknown key 'axs' in encoding 'x' (did you mean 'axis'?)");
  }
  run_free(&r);
}

static void test_cjk_band_labels(void) {
  run r = go("t.yaml",
             "page: {width: 520}\n"
             "blocks:\n"
             "  - chart:\n"
             "      data: {values: [{k: 区域性养老服务中心, v: 27}, {k: 日间照料中心, v: 1558}, {k: 养老机构, v: 213},\n"
             "                      {k: 护理院, v: 56}, {k: 助餐点覆盖村社区, v: 1637}, {k: 助浴点, v: 78},\n"
             "                      {k: 中央厨房建设单位, v: 10}, {k: 虚拟养老院服务站点, v: 30}]}\n"
             "      mark: bar\n"
             "      encoding:\n"
             "        x: {field: k, type: nominal, sort: null}\n"
             "        y: {field: v, type: quantitative}\n");
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.x.label");
  CHECK(n >= 4);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) {
      const sc_item *a = nth(r.sc, "axis.x.label", i), *b = nth(r.sc, "axis.x.label", j);
      if (rot_overlap(a, b)) {
        testing_failures++;
        fprintf(stderr, "labels %d and %d overlap\n", i, j);
      }
    }
  /* every label stays inside the scene */
  for (int i = 0; i < n; i++) {
    double x0, y0, x1, y1;
    text_bounds(nth(r.sc, "axis.x.label", i), &x0, &y0, &x1, &y1);
    CHECK(x0 >= -0.5 && x1 <= r.sc->width + 0.5 && y1 <= r.sc->height + 0.5);
  }
  run_free(&r);
}

static void test_stacked_bar(void) {
  run r = go("t.yaml",
             "blocks:\n"
             "  - chart:\n"
             "      data: {values: [{x: a, c: p, v: 1}, {x: a, c: q, v: 2}, {x: b, c: p, v: 3}, {x: b, c: q, v: 1}]}\n"
             "      mark: bar\n"
             "      encoding:\n"
             "        x: {field: x, type: nominal}\n"
             "        y: {field: v, type: quantitative, aggregate: sum}\n"
             "        color: {field: c, type: nominal}\n");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 4);
  CHECK(count(r.sc, "legend.symbol") == 2);
  CHECK_STR(label(r.sc, "legend.label", 0), "p");
  CHECK_STR(label(r.sc, "legend.label", 1), "q");
  /* bars of one x touch: top of the first is the bottom of the second */
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  if (a && b) {
    CHECK_NEAR(a->x, b->x, 0.01);
    CHECK(fabs(a->y - (b->y + b->h)) < 0.01 || fabs(b->y - (a->y + a->h)) < 0.01);
    CHECK_NEAR(b->h / a->h, 2.0, 0.01);
  }
  run_free(&r);
}

static void test_w_units(void) {
  run r = go("t.yaml",
             "blocks:\n"
             "  - chart:\n"
             "      data: {values: [{y: '2012', v: 38487}, {y: '2019', v: 285055}]}\n"
             "      mark: bar\n"
             "      encoding:\n"
             "        x: {field: y, type: ordinal}\n"
             "        y: {field: v, type: quantitative}\n");
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.y.label");
  CHECK(n >= 3);
  CHECK_STR(label(r.sc, "axis.y.label", 0), "0");
  CHECK(label(r.sc, "axis.y.label", n - 1) && strstr(label(r.sc, "axis.y.label", n - 1), "万"));
  run_free(&r);
}



/* Vega-Lite gallery examples with inline data (tests/vl/). */
static void test_gallery(void) {
  static const vl_case cases[] = {
      {"tests/vl/bar.vl.json", "mark.bar", 9},
      {"tests/vl/bar_horizontal.vl.json", "mark.bar", 5},
      {"tests/vl/bar_grouped.vl.json", "mark.bar", 9},
      {"tests/vl/bar_stacked.vl.json", "mark.bar", 9},
      {"tests/vl/bar_normalized.vl.json", "mark.bar", 6},
      {"tests/vl/bar_negative.vl.json", "mark.bar", 9},
      {"tests/vl/bar_gantt.vl.json", "mark.bar", 3},
      {"tests/vl/bar_labels.vl.json", "mark.text", 3},
      {"tests/vl/layer_bar_rule.vl.json", "mark.rule", 1},
      {"tests/vl/line.vl.json", "mark.line", 1},
      {"tests/vl/line_multi.vl.json", "mark.line", 2},
      {"tests/vl/line_multi.vl.json", "mark.point", 8},
      {"tests/vl/line_step.vl.json", "mark.line", 1},
      {"tests/vl/line_monotone.vl.json", "mark.line", 1},
      {"tests/vl/area.vl.json", "mark.area", 1},
      {"tests/vl/area_stacked.vl.json", "mark.area", 2},
      {"tests/vl/scatter.vl.json", "mark.point", 6},
      {"tests/vl/scatter.vl.json", "legend.symbol", 9}, /* colour+shape, then size 2..12 (d3's 5 ticks) */
      {"tests/vl/pie.vl.json", "mark.arc", 6},
      {"tests/vl/pie.vl.json", "legend.label", 6},
      {"tests/vl/donut.vl.json", "mark.arc", 6},
      {"tests/vl/radial.vl.json", "mark.arc", 6},
      {"tests/vl/radial.vl.json", "mark.text", 6},
      {"tests/vl/tick_strip.vl.json", "mark.tick", 8},
      {"tests/vl/rect_heatmap.vl.json", "mark.rect", 9},
      {"tests/vl/rect_heatmap.vl.json", "legend.gradient", -1},
      {"tests/vl/rule_threshold.vl.json", "mark.rule", 1},
      {"tests/vl/text_scatter.vl.json", "mark.text", 3},
      {"tests/vl/hconcat.vl.json", "mark.bar", 3},
      {"tests/vl/hconcat.vl.json", "mark.point", 3},
      {"tests/vl/facet_column.vl.json", "mark.bar", 4},
      {"tests/vl/facet_column.vl.json", "facet.header", 2},
      {"specs/dibao.vl.json", "mark.point", 2},
      {"specs/chart-orphan-grouped.yaml", "mark.bar", 4},
      {"specs/chart-dibao-line.yaml", "mark.line", 1},
      {"specs/chart-beds-donut.yaml", "mark.arc", 2},
      {"specs/chart-facilities-bar.yaml", "mark.bar", 12},
  };
  check_role_counts(cases, sizeof cases / sizeof cases[0]);
}

static void test_gallery_geometry(void) {
  /* negative bars hang below the zero line */
  run r = go_file("tests/vl/bar_negative.vl.json");
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(a && b)) CHECK_NEAR(a->y, b->y + b->h, 0.01);
  run_free(&r);
  /* gantt: B spans from A's end */
  r = go_file("tests/vl/bar_gantt.vl.json");
  a = nth(r.sc, "mark.bar", 0), b = nth(r.sc, "mark.bar", 1);
  if (a && b) {
    CHECK_NEAR(a->x + a->w, b->x, 0.01);
    CHECK(b->y > a->y);
  }
  run_free(&r);
  /* normalized: every stack spans the full width */
  r = go_file("tests/vl/bar_normalized.vl.json");
  a = nth(r.sc, "mark.bar", 0), b = nth(r.sc, "mark.bar", 1);
  const sc_item *c = nth(r.sc, "mark.bar", 2), *d = nth(r.sc, "mark.bar", 3);
  if (REQUIRED(a && b && c && d)) CHECK_NEAR(a->w + b->w, c->w + d->w, 0.01);
  CHECK_STR(label(r.sc, "axis.x.label", count(r.sc, "axis.x.label") - 1), "100%");
  run_free(&r);
  /* horizontal bars sorted by -x: longest first */
  r = go_file("tests/vl/bar_horizontal.vl.json");
  CHECK_STR(label(r.sc, "axis.y.label", 0), "D");
  a = nth(r.sc, "mark.bar", 0);
  run_free(&r);
  /* a long Chinese y title is set vertically (one upright column), not rotated */
  r = go_file("specs/chart-facilities-bar.yaml");
  const sc_item *t = nth(r.sc, "axis.y.title", 0);
  CHECK(t && t->text->vertical && t->text->nlines == 1 && t->rotate == 0 && t->h > t->w);
  run_free(&r);
  /* a short one (元/月) level over the axis's top end (test_chart_polish.c) */
  r = go_file("specs/chart-orphan-grouped.yaml");
  t = nth(r.sc, "axis.y.title", 0);
  CHECK(t && !t->text->vertical && t->rotate == 0 && t->w > t->h);
  run_free(&r);
  r = go_file("tests/vl/line.vl.json");
  t = nth(r.sc, "axis.y.title", 0);
  CHECK(t && t->rotate == -90);
  run_free(&r);
}

int main(int argc, char **argv) {
  char err[256];
  TE = text_engine_new(NULL, err, sizeof err);
  if (!TE) {
    fprintf(stderr, "text engine: %s\n", err);
    return 1;
  }
  if (argc >= 4 && !strcmp(argv[1], "render")) return render_cmd(argc, argv);
  test_simple_bar();
  test_y_ticks_0_995();
  test_error_params();
  test_bars_on_continuous_x();
  test_continuous_band_size();
  test_standalone_vl_config();
  test_standalone_vl_sizes();
  test_datetime_domain();
  test_offsets();
  test_time_thinning();
  test_quantize_count();
  test_cjk_band_labels();
  test_stacked_bar();
  test_w_units();
  test_gallery();
  test_gallery_geometry();
  text_engine_free(TE);
  return testing_done("test_chart");
}
