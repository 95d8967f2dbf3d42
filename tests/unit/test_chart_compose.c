/* Charts: composition and sizing through the public pipeline, asserted on
 * the scene -- resolve (shared and independent scales, axes, legends) for
 * concat, repeat, facet and layer; autosize; legend number formats;
 * stack: center; config; long CJK band labels; binned ordinal fields --
 * and the exact located errors for what huitu does not draw. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_test.h"

/* The i-th diagnostic, formatted ("" past the end). */
static const char *diag_at(const run *r, int i, char *buf, size_t n) {
  buf[0] = 0;
  if (i < r->d.n) diag_format(&r->d.items[i], buf, n);
  return buf;
}

/* ---------------------------------------------------------------- resolve */

#define TWO_BARS                                                                                             \
  "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":28,\"g\":\"x\"},{\"k\":\"B\",\"v\":55,\"g\":\"y\"},"         \
  "{\"k\":\"C\",\"v\":43,\"g\":\"x\"},{\"k\":\"D\",\"v\":91,\"g\":\"y\"}]},\n"                               \
  "\"hconcat\": [\n"                                                                                         \
  " {\"mark\": \"bar\", \"transform\": [{\"filter\": \"datum.v < 50\"}], \"encoding\": {\"x\": {\"field\": " \
  "\"k\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}, \"color\": {\"field\": \"g\"}}},\n"        \
  " {\"mark\": \"bar\", \"transform\": [{\"filter\": \"datum.v >= 50\"}], \"encoding\": {\"x\": {\"field\": " \
  "\"k\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\", \"title\": \"值\"}, \"color\": {\"field\": \"g\"}}}\n]"

static void test_concat_resolve(void) {
  /* default: y independent (each view its own domain), colour shared: one legend */
  run r = go("c.vl.json", TWO_BARS "}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 4);
  CHECK(count(r.sc, "legend.title") == 1);
  CHECK(count(r.sc, "legend.symbol") == 2);
  CHECK(has_label(r.sc, "axis.y.label", "40"));  /* left view: 0..43 */
  CHECK(has_label(r.sc, "axis.y.label", "100")); /* right view: 0..91 */
  run_free(&r);

  /* shared y: one domain over both views, bars on one scale */
  r = go("c.vl.json", TWO_BARS ",\n\"resolve\": {\"scale\": {\"y\": \"shared\"}}}");
  CHECK(r.sc != NULL);
  int ny = count(r.sc, "axis.y.label");
  CHECK(ny >= 6 && ny % 2 == 0);
  for (int i = 0; i < ny / 2; i++) CHECK_STR(label(r.sc, "axis.y.label", i), label(r.sc, "axis.y.label", ny / 2 + i));
  CHECK_STR(label(r.sc, "axis.y.label", ny - 1), "100");
  const sc_item *a = nth(r.sc, "mark.bar", 0), *d = nth(r.sc, "mark.bar", 3);
  if (a && d) {
    CHECK_NEAR(a->h / d->h, 28.0 / 91.0, 0.01);
    CHECK_NEAR(a->y + a->h, d->y + d->h, 0.01); /* one baseline */
  }
  /* each view keeps its own axis title */
  CHECK(count(r.sc, "axis.y.title") == 2);
  CHECK_STR(label(r.sc, "axis.y.title", 0), "v");
  CHECK_STR(label(r.sc, "axis.y.title", 1), "值");
  CHECK(count(r.sc, "legend.title") == 1);
  run_free(&r);

  /* independent colour: a legend per view, each with its own entries */
  r = go("c.vl.json", TWO_BARS ",\n\"resolve\": {\"scale\": {\"color\": \"independent\"}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "legend.title") == 2);
  CHECK(count(r.sc, "legend.symbol") == 2);
  run_free(&r);

  /* shared colour scale, independent legends: each view draws the whole scale */
  r = go("c.vl.json", TWO_BARS ",\n\"resolve\": {\"legend\": {\"color\": \"independent\"}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "legend.title") == 2);
  CHECK(count(r.sc, "legend.symbol") == 4);
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b3 = nth(r.sc, "mark.bar", 3);
  if (REQUIRED(b0 && b3)) CHECK(b0->style.fill != b3->style.fill); /* x and y keep their colours */
  run_free(&r);
}

static void test_repeat_resolve(void) {
  /* repeat is a concat: y independent by default, shared when asked */
  const char *spec = "{\"data\": {\"values\": [{\"k\":\"A\",\"a\":1,\"b\":100},{\"k\":\"B\",\"a\":3,\"b\":300}]},\n"
                     "\"repeat\": [\"a\", \"b\"],\n"
                     "\"spec\": {\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"k\"}, "
                     "\"y\": {\"field\": {\"repeat\": \"repeat\"}, \"type\": \"quantitative\"}}}%s}";
  char buf[1024];
  snprintf(buf, sizeof buf, spec, "");
  run r = go("r.vl.json", buf);
  CHECK(r.sc != NULL);
  const sc_item *a1 = nth(r.sc, "mark.bar", 1), *b1 = nth(r.sc, "mark.bar", 3);
  if (REQUIRED(a1 && b1)) CHECK_NEAR(a1->h, b1->h, 0.5); /* each view's tallest bar fills its own scale */
  run_free(&r);
  snprintf(buf, sizeof buf, spec, ",\n\"resolve\": {\"scale\": {\"y\": \"shared\"}}");
  r = go("r.vl.json", buf);
  CHECK(r.sc != NULL);
  a1 = nth(r.sc, "mark.bar", 1), b1 = nth(r.sc, "mark.bar", 3);
  if (REQUIRED(a1 && b1)) CHECK_NEAR(a1->h / b1->h, 3.0 / 300.0, 0.01);
  run_free(&r);
}

#define FACET_DATA                                                                                          \
  "\"data\": {\"values\": [{\"r\":\"北区\",\"k\":\"A\",\"v\":28},{\"r\":\"北区\",\"k\":\"B\",\"v\":55},"   \
  "{\"r\":\"南区\",\"k\":\"A\",\"v\":4300},{\"r\":\"南区\",\"k\":\"B\",\"v\":9100},"                        \
  "{\"r\":\"南区\",\"k\":\"C\",\"v\":2100}]},\n"

static void test_facet_resolve(void) {
  const char *cell = "\"spec\": {\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": "
                     "\"v\", \"type\": \"quantitative\"}, \"color\": {\"field\": \"k\"}}}";
  char buf[2048];
  /* default: one y scale for every cell, one axis (left cell only) */
  snprintf(buf, sizeof buf, "{" FACET_DATA "\"facet\": {\"column\": {\"field\": \"r\"}},\n%s}", cell);
  run r = go("f.vl.json", buf);
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 5);
  CHECK(count(r.sc, "axis.y.domain") == 0 || count(r.sc, "axis.y.title") == 1);
  CHECK(count(r.sc, "axis.y.title") == 1);
  CHECK(count(r.sc, "legend.title") == 1);
  CHECK(count(r.sc, "legend.symbol") == 3);
  run_free(&r);

  /* independent y (and x): each cell its own domain and axes */
  snprintf(buf, sizeof buf,
           "{" FACET_DATA "\"facet\": {\"column\": {\"field\": \"r\"}},\n%s,\n"
           "\"resolve\": {\"scale\": {\"y\": \"independent\", \"x\": \"independent\"}}}",
           cell);
  r = go("f.vl.json", buf);
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 5);
  CHECK(count(r.sc, "axis.y.title") == 2);
  CHECK(has_label(r.sc, "axis.y.label", "50"));    /* 北区: 0..55 */
  CHECK(has_label(r.sc, "axis.y.label", "10000")); /* 南区: 0..9100 */
  /* the tallest bar of each cell nearly fills it */
  const sc_item *nb = nth(r.sc, "mark.bar", 1), *sb = nth(r.sc, "mark.bar", 3);
  if (nb && sb) {
    CHECK(nb->h > 100 && sb->h > 100);
    CHECK_NEAR(nb->y + nb->h, sb->y + sb->h, 0.5); /* cells aligned on one baseline */
  }
  CHECK(count(r.sc, "axis.x.label") == 5); /* A B | A B C: x independent too */
  CHECK(count(r.sc, "legend.title") == 1); /* colour still shared */
  run_free(&r);

  /* shared scale, independent axis: the y axis on every cell, same ticks */
  snprintf(buf, sizeof buf,
           "{" FACET_DATA "\"facet\": {\"column\": {\"field\": \"r\"}},\n%s,\n"
           "\"resolve\": {\"axis\": {\"y\": \"independent\"}}}",
           cell);
  r = go("f.vl.json", buf);
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.y.label");
  CHECK(n >= 4 && n % 2 == 0);
  for (int i = 0; i < n / 2; i++) CHECK_STR(label(r.sc, "axis.y.label", i), label(r.sc, "axis.y.label", n / 2 + i));
  run_free(&r);

  /* independent colour: a legend in each cell */
  snprintf(buf, sizeof buf,
           "{" FACET_DATA "\"facet\": {\"column\": {\"field\": \"r\"}},\n%s,\n"
           "\"resolve\": {\"scale\": {\"color\": \"independent\"}}}",
           cell);
  r = go("f.vl.json", buf);
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "legend.title") == 2);
  CHECK(count(r.sc, "legend.symbol") == 5); /* A B, then A B C */
  run_free(&r);

  /* a facet of pies: theta is independent by default, every pie whole */
  r = go("p.vl.json", "{\"data\": {\"values\": [{\"r\":\"a\",\"k\":\"x\",\"v\":5},{\"r\":\"a\",\"k\":\"y\",\"v\":5},"
                      "{\"r\":\"b\",\"k\":\"x\",\"v\":10},{\"r\":\"b\",\"k\":\"y\",\"v\":20}]},\n"
                      "\"facet\": {\"column\": {\"field\": \"r\"}},\n"
                      "\"spec\": {\"mark\": \"arc\", \"encoding\": {\"theta\": {\"field\": \"v\", \"type\": "
                      "\"quantitative\"}, \"color\": {\"field\": \"k\"}}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.arc") == 4);
  for (int cellno = 0; cellno < 2; cellno++) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int k = 0; k < 2; k++) {
      const sc_item *it = nth(r.sc, "mark.arc", cellno * 2 + k);
      if (!it) continue;
      x0 = fmin(x0, it->x), y0 = fmin(y0, it->y), x1 = fmax(x1, it->x + it->w), y1 = fmax(y1, it->y + it->h);
    }
    /* a whole circle (a path's bounds hold its curves' control points: within 1%) */
    CHECK_NEAR(x1 - x0, y1 - y0, 0.01 * (y1 - y0));
  }
  run_free(&r);
}

static void test_layer_resolve(void) {
  const char *base = "{\"data\": {\"values\": [{\"m\":1,\"a\":10,\"b\":20},{\"m\":2,\"a\":30,\"b\":25}]},\n"
                     "\"encoding\": {\"x\": {\"field\": \"m\", \"type\": \"ordinal\"}},\n"
                     "\"layer\": [{\"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"a\", \"type\": "
                     "\"quantitative\"}}},\n"
                     "          {\"mark\": \"line\", \"encoding\": {\"y\": {\"field\": \"b\", \"type\": "
                     "\"quantitative\"}}}],\n%s}";
  char buf[1024];
  /* shared scale, an axis per layer: the second on the right, same ticks */
  snprintf(buf, sizeof buf, base, "\"resolve\": {\"axis\": {\"y\": \"independent\"}}");
  run r = go("l.vl.json", buf);
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.y.label"), n2 = count(r.sc, "axis.y2.label");
  CHECK(n > 2 && n == n2);
  for (int i = 0; i < n && i < n2; i++) CHECK_STR(label(r.sc, "axis.y.label", i), label(r.sc, "axis.y2.label", i));
  CHECK_STR(label(r.sc, "axis.y.title", 0), "a");
  CHECK_STR(label(r.sc, "axis.y2.title", 0), "b");
  const sc_item *l = nth(r.sc, "axis.y.label", 0), *rr = nth(r.sc, "axis.y2.label", 0), *bar = nth(r.sc, "mark.bar", 0);
  if (REQUIRED(l && rr && bar)) CHECK(l->x < bar->x && rr->x > bar->x + bar->w);
  run_free(&r);
  /* the default: one axis */
  snprintf(buf, sizeof buf, base, "\"width\": 200");
  r = go("l.vl.json", buf);
  CHECK(r.sc != NULL && count(r.sc, "axis.y2.label") == 0);
  run_free(&r);
}

static void test_resolve_errors(void) {
  run r = go("e.vl.json", TWO_BARS ",\n\"resolve\": {\"scales\": {}, \"scale\": {\"y\": \"shard\", \"time\": "
                          "\"shared\"}, \"axis\": {\"color\": \"shared\"}}}");
  CHECK(r.sc == NULL);
  char m[512];
  CHECK_STR(diag_at(&r, 0, m, sizeof m), "e.vl.json:6:13: error: unknown key 'scales' in resolve (did you mean 'scale'?)");
  CHECK_STR(diag_at(&r, 1, m, sizeof m),
            "e.vl.json:6:51: error: 'time' is not supported in resolve.scale (huitu renders static Vega-Lite charts)");
  CHECK_STR(diag_at(&r, 2, m, sizeof m),
            "e.vl.json:6:42: error: unknown resolve mode 'shard' (did you mean 'shared'?)");
  CHECK_STR(diag_at(&r, 3, m, sizeof m), "e.vl.json:6:79: error: unknown key 'color' in resolve.axis");
  CHECK(r.d.errors == 4);
  run_free(&r);
  r = go("e.yaml", "blocks:\n  - chart:\n      data: {values: [{a: 1}]}\n      mark: point\n"
                   "      resolve: {scale: {x: independent}}\n");
  CHECK_STR(r.first_error,
            "e.yaml:5:16: error: 'resolve' needs views to combine: use it on a layer, concat, facet or repeat");
  run_free(&r);
  /* an independent scale means independent guides: a shared axis is a warning */
  snprintf(m, sizeof m, "%s", "");
  r = go("w.vl.json", TWO_BARS ",\n\"resolve\": {\"scale\": {\"y\": \"independent\"}, \"axis\": {\"y\": \"shared\"}}}");
  CHECK(r.sc != NULL && r.d.warnings == 1);
  CHECK_STR(diag_at(&r, 0, m, sizeof m),
            "w.vl.json:6:58: warning: a shared axis needs a shared scale: resolve.scale.y is independent, so each "
            "view gets its own");
  run_free(&r);
}

/* A repeated spec is parsed once per repetition: its errors, once each. */
static void test_repeat_errors_once(void) {
  run r = go("rep.vl.json", "{\"data\": {\"values\": [{\"a\":1,\"b\":2,\"c\":3}]},\n"
                            "\"repeat\": [\"a\", \"b\", \"c\"],\n"
                            "\"spec\": {\"mark\": \"barr\", \"encoding\": {\"x\": {\"field\": {\"repeat\": "
                            "\"repeat\"}, \"type\": \"quantitative\", \"axs\": null}}}}");
  CHECK(r.sc == NULL);
  CHECK(r.d.errors == 2 && r.d.n == 2);
  char m[512];
  CHECK_STR(diag_at(&r, 0, m, sizeof m), "rep.vl.json:3:18: error: unknown mark 'barr' (did you mean 'bar'?)");
  CHECK_STR(diag_at(&r, 1, m, sizeof m),
            "rep.vl.json:3:100: error: unknown key 'axs' in encoding 'x' (did you mean 'axis'?)");
  run_free(&r);
  /* a row x column repeat: 4 repetitions, one error */
  r = go("rep2.yaml", "blocks:\n  - chart:\n      data: {values: [{a: 1, b: 2}]}\n"
                      "      repeat: {row: [a, b], column: [a, b]}\n"
                      "      spec:\n        mark: point\n        encoding:\n"
                      "          x: {field: {repeat: column}, type: quantitative, scale: {typ: log}}\n"
                      "          y: {field: {repeat: row}, type: quantitative}\n");
  CHECK(r.d.errors == 1 && r.d.n == 1);
  CHECK_STR(r.first_error, "rep2.yaml:8:68: error: unknown key 'typ' in a scale (did you mean 'type'?)");
  run_free(&r);
}

/* --------------------------------------------------------------- autosize */

static const char *AS_BAR =
    "{\"data\": {\"values\": [{\"k\":\"甲\",\"v\":28},{\"k\":\"乙\",\"v\":55},{\"k\":\"丙\",\"v\":91}]},\n"
    "\"mark\": \"bar\", \"width\": 300, \"height\": 200,%s\n"
    "\"encoding\": {\"x\": {\"field\": \"k\", \"title\": \"类别\"}, \"y\": {\"field\": \"v\", \"type\": "
    "\"quantitative\", \"title\": \"数量\"}, \"color\": {\"field\": \"k\"}}}";

static void test_autosize(void) {
  char buf[1024];
  /* pad (the default): width and height are the plot's; the chart grows */
  snprintf(buf, sizeof buf, AS_BAR, "");
  run r = go("a.vl.json", buf);
  CHECK(r.sc != NULL);
  double pad_w = r.sc ? r.sc->width : 0;
  CHECK(pad_w > 300 + 32 + 60); /* axis, legend and the 16 px padding each side */
  const sc_item *g = nth(r.sc, "axis.x.domain", 0);
  if (REQUIRED(g)) CHECK_NEAR(g->w, 300, 0.01);
  run_free(&r);
  /* fit: the whole chart is width x height, plus the padding */
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": \"fit\",");
  r = go("a.vl.json", buf);
  CHECK(r.sc != NULL);
  if (r.sc) {
    CHECK_NEAR(r.sc->width, 300 + 32, 1);
    CHECK_NEAR(r.sc->height, 200 + 32, 1);
  }
  g = nth(r.sc, "axis.x.domain", 0);
  if (REQUIRED(g)) CHECK(g->w < 260);
  /* legend and axis stay inside */
  for (int i = 0; i < count(r.sc, "legend.label"); i++) {
    const sc_item *t = nth(r.sc, "legend.label", i);
    CHECK(t->x + t->text->width <= 300 + 16 + 0.5);
  }
  run_free(&r);
  /* contains padding: width and height include the padding */
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": {\"type\": \"fit\", \"contains\": \"padding\"},");
  r = go("a.vl.json", buf);
  if (r.sc) {
    CHECK_NEAR(r.sc->width, 300, 1);
    CHECK_NEAR(r.sc->height, 200, 1);
  }
  run_free(&r);
  /* fit-x: the width fits, the height stays the plot's */
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": {\"type\": \"fit-x\"},");
  r = go("a.vl.json", buf);
  if (REQUIRED(r.sc)) CHECK_NEAR(r.sc->width, 300 + 32, 1);
  const sc_item *y0 = nth(r.sc, "axis.y.label", 0), *yn = nth(r.sc, "axis.y.label", count(r.sc, "axis.y.label") - 1);
  if (REQUIRED(y0 && yn)) CHECK_NEAR((y0->y + y0->text->height / 2) - (yn->y + yn->text->height / 2), 200, 0.5);
  run_free(&r);
  /* fit-y: the height fits */
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": \"fit-y\",");
  r = go("a.vl.json", buf);
  if (r.sc) {
    CHECK_NEAR(r.sc->height, 200 + 32, 1);
    CHECK_NEAR(r.sc->width, pad_w, 0.5);
  }
  run_free(&r);
  /* config.autosize is the default for the spec's */
  snprintf(buf, sizeof buf, AS_BAR, " \"config\": {\"autosize\": \"fit\"},");
  r = go("a.vl.json", buf);
  if (REQUIRED(r.sc)) CHECK_NEAR(r.sc->width, 300 + 32, 1);
  run_free(&r);
}

static void test_autosize_errors(void) {
  char buf[1024], m[512];
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": \"none\",");
  run r = go("a.vl.json", buf);
  CHECK(r.sc == NULL);
  CHECK_STR(r.first_error, "a.vl.json:2:57: error: autosize 'none' is not supported: it cuts off the axes and legends "
                           "outside width and height (use pad, or fit to make the whole chart that size)");
  run_free(&r);
  snprintf(buf, sizeof buf, AS_BAR, " \"autosize\": {\"type\": \"fitx\", \"contain\": \"padding\"},");
  r = go("a.vl.json", buf);
  CHECK_STR(diag_at(&r, 0, m, sizeof m), "a.vl.json:2:74: error: unknown key 'contain' in autosize (did you mean 'contains'?)");
  CHECK_STR(diag_at(&r, 1, m, sizeof m), "a.vl.json:2:66: error: unknown autosize type 'fitx' (did you mean 'fit-x'?)");
  run_free(&r);
  r = go("a.vl.json", TWO_BARS ",\n\"autosize\": \"fit\", \"width\": 400}");
  CHECK_STR(r.first_error, "a.vl.json:6:13: error: autosize 'fit' sizes a single or layered view; a concat or repeat "
                           "is sized by its parts (give their width and height)");
  run_free(&r);
  r = go("a.vl.json", "{\"data\": {\"values\": [{\"k\":\"a\",\"v\":1}]}, \"mark\": \"bar\", \"autosize\": \"fit-x\",\n"
                      "\"width\": {\"step\": 20}, \"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", "
                      "\"type\": \"quantitative\"}}}");
  CHECK_STR(r.first_error, "a.vl.json:1:68: error: autosize 'fit-x' cannot fit a width given as {step: ...}: give a "
                           "number, or use pad");
  run_free(&r);
}

/* ---------------------------------------------------- legend number format */

static void test_legend_numbers(void) {
  /* a Chinese chart: size legend values reaching 10^5 read in 万, like the axes */
  run r = go("n.yaml", "blocks:\n  - chart:\n"
                       "      data: {values: [{x: 1, y: 2, p: 30000}, {x: 2, y: 3, p: 250000}, {x: 3, y: 1, p: 120000}]}\n"
                       "      mark: point\n"
                       "      encoding:\n"
                       "        x: {field: x, type: quantitative}\n"
                       "        y: {field: y, type: quantitative}\n"
                       "        size: {field: p, type: quantitative}\n");
  CHECK(r.sc != NULL);
  int n = count(r.sc, "legend.label");
  CHECK(n >= 2);
  for (int i = 0; i < n; i++) CHECK(label(r.sc, "legend.label", i) && strstr(label(r.sc, "legend.label", i), "万"));
  CHECK(has_label(r.sc, "legend.label", "10万") || has_label(r.sc, "legend.label", "5万"));
  run_free(&r);
  /* a gradient legend the same way; in English, grouped thousands */
  const char *grad = "{\"usermeta\": {\"lang\": \"%s\"}, \"data\": {\"values\": [{\"x\":1,\"c\":0},{\"x\":2,\"c\":"
                     "400000}]}, \"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"x\", \"type\": "
                     "\"quantitative\"}, \"color\": {\"field\": \"c\", \"type\": \"quantitative\"%s}}}";
  char buf[1024];
  snprintf(buf, sizeof buf, grad, "zh-CN", "");
  r = go("g.vl.json", buf);
  CHECK(count(r.sc, "legend.gradient") > 0);
  CHECK(has_label(r.sc, "legend.label", "0") && has_label(r.sc, "legend.label", "40万"));
  run_free(&r);
  snprintf(buf, sizeof buf, grad, "en", "");
  r = go("g.vl.json", buf);
  CHECK(has_label(r.sc, "legend.label", "400,000"));
  run_free(&r);
  /* legend.format wins; a time format with formatType time */
  snprintf(buf, sizeof buf, grad, "zh-CN", ", \"legend\": {\"format\": \"~s\"}");
  r = go("g.vl.json", buf);
  CHECK(has_label(r.sc, "legend.label", "400k"));
  run_free(&r);
  snprintf(buf, sizeof buf, grad, "zh-CN", ", \"legend\": {\"format\": \"%Y\", \"formatType\": \"time\"}");
  r = go("g.vl.json", buf);
  CHECK(r.sc != NULL && has_label(r.sc, "legend.label", "1970"));
  run_free(&r);
  /* a quantize legend's ranges share one unit */
  r = go("q.yaml", "blocks:\n  - chart:\n"
                   "      data: {values: [{x: 1, c: 0}, {x: 2, c: 300000}, {x: 3, c: 500000}]}\n"
                   "      mark: point\n"
                   "      encoding:\n"
                   "        x: {field: x, type: quantitative}\n"
                   "        color: {field: c, type: quantitative, scale: {type: threshold, domain: [100000, 250000]}}\n");
  CHECK_STR(label(r.sc, "legend.label", 0), "< 10万");
  CHECK_STR(label(r.sc, "legend.label", 1), "10万 – 25万");
  CHECK_STR(label(r.sc, "legend.label", 2), "≥ 25万");
  run_free(&r);
  r = go("f.yaml", "blocks:\n  - chart:\n      data: {values: [{x: 1, c: 5}]}\n      mark: point\n"
                   "      encoding:\n        x: {field: x, type: quantitative}\n"
                   "        color: {field: c, type: quantitative, legend: {formatType: date}}\n");
  CHECK_STR(r.first_error, "f.yaml:7:68: error: unknown formatType 'date' (number, time, utc)");
  run_free(&r);
}

/* ----------------------------------------------------------- stack: center */

static void test_stack_center(void) {
  /* a streamgraph: at every x the stack is centred on the zero line */
  run r = go("s.vl.json",
             "{\"data\": {\"values\": [{\"t\":1,\"s\":\"a\",\"v\":3},{\"t\":1,\"s\":\"b\",\"v\":2},{\"t\":1,\"s\":\"c\","
             "\"v\":1},{\"t\":2,\"s\":\"a\",\"v\":4},{\"t\":2,\"s\":\"b\",\"v\":3},{\"t\":2,\"s\":\"c\",\"v\":3},"
             "{\"t\":3,\"s\":\"a\",\"v\":2},{\"t\":3,\"s\":\"b\",\"v\":5},{\"t\":3,\"s\":\"c\",\"v\":2}]},\n"
             "\"mark\": \"area\", \"encoding\": {\"x\": {\"field\": \"t\", \"type\": \"quantitative\"}, \"y\": "
             "{\"field\": \"v\", \"type\": \"quantitative\", \"stack\": \"center\"}, \"color\": {\"field\": \"s\"}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.area") == 3);
  double xs[3] = {NAN, NAN, NAN}, lo[3], hi[3];
  for (int k = 0; k < 3; k++) lo[k] = INFINITY, hi[k] = -INFINITY;
  for (int a = 0; a < 3; a++) {
    const sc_item *it = nth(r.sc, "mark.area", a);
    for (int p = 0; it && p < it->npts; p++) {
      if (it->pts[p].op == SC_CLOSE) continue;
      int slot = -1;
      for (int k = 0; k < 3 && slot < 0; k++)
        if (isnan(xs[k]) || fabs(xs[k] - it->pts[p].x) < 0.01) slot = k;
      if (slot < 0) continue;
      xs[slot] = it->pts[p].x;
      lo[slot] = fmin(lo[slot], it->pts[p].y);
      hi[slot] = fmax(hi[slot], it->pts[p].y);
    }
  }
  /* totals 6, 10, 9: one centre line, extents in proportion */
  CHECK(!isnan(xs[2]));
  CHECK_NEAR((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, 0.05);
  CHECK_NEAR((lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2, 0.05);
  CHECK_NEAR((hi[0] - lo[0]) / (hi[1] - lo[1]), 6.0 / 10.0, 0.01);
  CHECK_NEAR((hi[2] - lo[2]) / (hi[1] - lo[1]), 9.0 / 10.0, 0.01);
  /* the centre line is the axis's zero */
  const sc_item *zero = NULL;
  for (int i = 0; i < count(r.sc, "axis.y.label"); i++)
    if (!strcmp(label(r.sc, "axis.y.label", i), "0")) zero = nth(r.sc, "axis.y.label", i);
  CHECK(zero != NULL);
  if (REQUIRED(zero)) CHECK_NEAR(zero->y + zero->text->height / 2, (lo[0] + hi[0]) / 2, 0.5);
  run_free(&r);

  /* centred horizontal bars (a diverging survey chart): each row symmetric about 0 */
  r = go("b.vl.json",
         "{\"data\": {\"values\": [{\"q\":\"Q1\",\"a\":\"同意\",\"v\":30},{\"q\":\"Q1\",\"a\":\"中立\",\"v\":20},"
         "{\"q\":\"Q1\",\"a\":\"反对\",\"v\":10},{\"q\":\"Q2\",\"a\":\"同意\",\"v\":15},{\"q\":\"Q2\",\"a\":\"中立\","
         "\"v\":25},{\"q\":\"Q2\",\"a\":\"反对\",\"v\":40}]},\n"
         "\"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"q\"}, \"x\": {\"field\": \"v\", \"type\": "
         "\"quantitative\", \"stack\": \"center\"}, \"color\": {\"field\": \"a\", \"sort\": [\"同意\", \"中立\", "
         "\"反对\"]}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.bar") == 6);
  double rl[2] = {INFINITY, INFINITY}, rr[2] = {-INFINITY, -INFINITY}, ry[2] = {NAN, NAN};
  for (int i = 0; i < 6; i++) {
    const sc_item *b = nth(r.sc, "mark.bar", i);
    if (!b) continue;
    int row = isnan(ry[0]) || fabs(ry[0] - b->y) < 0.01 ? 0 : 1;
    ry[row] = b->y;
    rl[row] = fmin(rl[row], b->x);
    rr[row] = fmax(rr[row], b->x + b->w);
  }
  CHECK_NEAR((rl[0] + rr[0]) / 2, (rl[1] + rr[1]) / 2, 0.05);
  CHECK_NEAR((rr[0] - rl[0]) / (rr[1] - rl[1]), 60.0 / 80.0, 0.01);
  zero = NULL;
  for (int i = 0; i < count(r.sc, "axis.x.label"); i++)
    if (!strcmp(label(r.sc, "axis.x.label", i), "0")) zero = nth(r.sc, "axis.x.label", i);
  if (REQUIRED(zero)) CHECK_NEAR(zero->x + zero->text->width / 2, (rl[0] + rr[0]) / 2, 0.5);
  CHECK(zero != NULL);
  run_free(&r);
}

/* ------------------------------------------------------------------ config */

static uint32_t text_color(const sc_item *it) {
  return it && it->text && it->text->nruns ? it->text->runs[0].color : 0;
}

static void test_config(void) {
  const char *bar = "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":28,\"g\":\"p\"},{\"k\":\"B\",\"v\":55,\"g\":\"q\"}]},"
                    "\n\"title\": \"标题\", \"mark\": \"bar\", \"width\": 300,\n"
                    "\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}, "
                    "\"color\": {\"field\": \"g\"}},\n\"config\": %s}";
  char buf[2048];
  snprintf(buf, sizeof buf, bar,
           "{\"axis\": {\"labelFontSize\": 16, \"labelColor\": \"#aa0000\", \"gridColor\": \"#00aa00\", "
           "\"gridDash\": [4, 2]},\n"
           " \"axisX\": {\"domain\": false, \"titleColor\": \"#0000aa\"}, \"axisY\": {\"titleFontSize\": 20},\n"
           " \"legend\": {\"orient\": \"bottom\", \"labelFontSize\": 15, \"labelColor\": \"#123456\"},\n"
           " \"range\": {\"category\": [\"#111111\", \"#222222\"]},\n"
           " \"view\": {\"stroke\": \"#cccccc\"}, \"title\": {\"fontSize\": 24, \"anchor\": \"middle\", \"color\": "
           "\"#333333\"}}");
  run r = go("cfg.vl.json", buf);
  CHECK(r.sc != NULL);
  const sc_item *xl = nth(r.sc, "axis.x.label", 0), *yl = nth(r.sc, "axis.y.label", 0);
  CHECK(xl && yl && text_color(xl) == 0xaa0000ff && text_color(yl) == 0xaa0000ff);
  CHECK(count(r.sc, "axis.x.domain") == 0);      /* axisX only */
  CHECK(text_color(nth(r.sc, "axis.x.title", 0)) == 0x0000aaff);
  CHECK(text_color(nth(r.sc, "axis.y.title", 0)) != 0x0000aaff);
  const sc_item *xt = nth(r.sc, "axis.x.title", 0), *yt = nth(r.sc, "axis.y.title", 0);
  if (REQUIRED(xt && yt)) CHECK(yt->text->height > xt->text->height + 4); /* 20 px against 13 */
  const sc_item *g = nth(r.sc, "grid", 0);
  CHECK(g && g->kind == SC_PATH && g->style.stroke == 0x00aa00ff && g->style.ndash == 2);
  /* legend below the plot, in its label size and colour */
  const sc_item *ll = nth(r.sc, "legend.label", 0);
  CHECK(ll && xl && ll->y > xl->y + xl->text->height);
  CHECK(text_color(ll) == 0x123456ff);
  CHECK(ll && xl && ll->text->height < xl->text->height + 0.01 && ll->text->height > 15);
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1);
  CHECK(b0 && b0->style.fill == 0x111111ff && b1 && b1->style.fill == 0x222222ff);
  const sc_item *frame = nth(r.sc, "view.frame", 0);
  CHECK(frame && frame->style.stroke == 0xccccccff && b0 && fabs(frame->y + frame->h - (b0->y + b0->h)) < 0.01);
  const sc_item *t = nth(r.sc, "chart.title", 0);
  CHECK(t && text_color(t) == 0x333333ff && t->text->height > 24);
  if (REQUIRED(t && frame)) CHECK(t->x > frame->x); /* centred over the chart */
  run_free(&r);

  /* mark defaults: config.mark, then config.bar, then the mark's own */
  r = go("cm.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":28}]}, \"mark\": \"bar\",\n"
                       "\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", \"type\": \"quantitative\"}},\n"
                       "\"config\": {\"mark\": {\"color\": \"#101010\", \"opacity\": 0.5}, \"bar\": {\"color\": "
                       "\"#202020\"}, \"line\": {\"color\": \"#303030\"}}}");
  b0 = nth(r.sc, "mark.bar", 0);
  CHECK(b0 && b0->style.fill == 0x202020ff && fabs(b0->style.opacity - 0.5) < 1e-6);
  run_free(&r);
  r = go("cm.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":28}]}, \"mark\": {\"type\": \"bar\", "
                       "\"color\": \"#404040\"},\n\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", "
                       "\"type\": \"quantitative\"}},\n\"config\": {\"bar\": {\"color\": \"#202020\"}}}");
  b0 = nth(r.sc, "mark.bar", 0);
  CHECK(b0 && b0->style.fill == 0x404040ff);
  run_free(&r);
  /* config.style by name */
  r = go("st.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":1}]}, \"mark\": {\"type\": \"bar\", \"style\": "
                       "\"warm\"},\n\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", \"type\": "
                       "\"quantitative\"}},\n\"config\": {\"style\": {\"warm\": {\"color\": \"#c0392b\"}}}}");
  b0 = nth(r.sc, "mark.bar", 0);
  CHECK(b0 && b0->style.fill == 0xc0392bff);
  run_free(&r);
}

/* config.numberFormat (guides and text), countTitle */
static void test_config_formats(void) {
  run r = go("nf.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\"},{\"k\":\"A\"},{\"k\":\"B\"}]},\n"
                           "\"layer\": [{\"mark\": \"bar\"}, {\"mark\": \"text\", \"encoding\": {\"text\": "
                           "{\"aggregate\": \"count\"}}}],\n"
                           "\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"aggregate\": \"count\"}},\n"
                           "\"config\": {\"numberFormat\": \".1f\", \"countTitle\": \"件数\"}}");
  CHECK(r.sc != NULL);
  CHECK_STR(label(r.sc, "axis.y.title", 0), "件数");
  CHECK(has_label(r.sc, "axis.y.label", "2.0"));
  CHECK(has_label(r.sc, "mark.text", "2.0") && has_label(r.sc, "mark.text", "1.0"));
  run_free(&r);
}

/* config.scale: zero (not for a bar's length), band padding, xReverse */
static void test_config_scale(void) {
  const char *pts = "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":50},{\"k\":\"B\",\"v\":90}]}, \"mark\": \"%s\",\n"
                    "\"encoding\": {\"x\": {\"field\": \"k\"}, \"y\": {\"field\": \"v\", \"type\": "
                    "\"quantitative\"}},\n\"config\": {\"scale\": {\"zero\": false, \"bandPaddingInner\": 0.5, "
                    "\"xReverse\": true}}}";
  char buf[1024];
  snprintf(buf, sizeof buf, pts, "point");
  run r = go("z.vl.json", buf);
  CHECK(r.sc != NULL);
  CHECK(!has_label(r.sc, "axis.y.label", "0")); /* no zero for points */
  CHECK_STR(label(r.sc, "axis.x.label", 0), "A");
  const sc_item *a = nth(r.sc, "axis.x.label", 0), *b = nth(r.sc, "axis.x.label", 1);
  CHECK(a && b && a->x > b->x); /* reversed: A on the right */
  run_free(&r);
  snprintf(buf, sizeof buf, pts, "bar");
  r = go("z.vl.json", buf);
  CHECK(has_label(r.sc, "axis.y.label", "0")); /* a bar's length is from zero */
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(b0 && b1)) CHECK_NEAR(b0->w / fabs(b0->x - b1->x), 0.5, 0.01); /* paddingInner 0.5 */
  run_free(&r);
}

static void test_config_errors(void) {
  run r = go("ce.vl.json", "{\"data\": {\"values\": [{\"k\":\"A\",\"v\":1}]}, \"mark\": \"bar\",\n"
                           "\"config\": {\"font\": \"Arial\", \"axis\": {\"labelSize\": 12, \"labelFont\": \"x\"},\n"
                           " \"axisZ\": {}, \"bar\": {\"colr\": \"red\"}, \"view\": {\"strokeDash\": [2]},\n"
                           " \"legend\": 5, \"range\": {\"category\": {\"scheme\": \"tablaeu10\"}}}}");
  CHECK(r.sc == NULL);
  const char *want[] = {
      "ce.vl.json:3:2: error: unknown key 'axisZ' in config",
      "ce.vl.json:2:38: error: unknown key 'labelSize' in config.axis (did you mean 'labelFontSize'?)",
      "ce.vl.json:3:23: error: unknown key 'colr' in config.bar (did you mean 'color'?)",
      "ce.vl.json:3:48: error: 'strokeDash' is not supported in config.view (huitu does not draw this setting yet)",
      "ce.vl.json:4:12: error: 'config.legend' must be a mapping, found the number 5",
      "ce.vl.json:4:48: error: unknown colour scheme 'tablaeu10' (did you mean 'tableau10'?)",
  };
  char m[512];
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) CHECK_STR(diag_at(&r, (int)i, m, sizeof m), want[i]);
  CHECK(r.d.errors == (int)(sizeof want / sizeof want[0]));
  run_free(&r);
}

/* ------------------------------------------------------- long CJK labels */

static const char *CJK12 =
    "page: {width: %d, margin: 20}\n"
    "blocks:\n"
    "  - chart:\n"
    "      data: {values: [{k: 区域性养老服务中心, v: 27}, {k: 日间照料中心, v: 1558}, {k: 养老机构, v: 213},\n"
    "                      {k: 护理院, v: 56}, {k: 助餐点覆盖村社区, v: 1637}, {k: 助浴点, v: 78},\n"
    "                      {k: 中央厨房建设单位, v: 10}, {k: 虚拟养老院服务站点, v: 30}, {k: 老年大学, v: 44},\n"
    "                      {k: 社区卫生服务中心, v: 120}, {k: 农村幸福院, v: 530}, {k: 居家养老服务站, v: 310}]}\n"
    "      mark: bar\n"
    "      encoding:\n"
    "        x: {field: k, type: nominal, sort: null}\n"
    "        y: {field: v, type: quantitative}\n";

static void test_cjk_wrap(void) {
  char buf[2048];
  /* a 400 px chart, 12 long labels in ~28 px bands: three characters a line
   * do not fit, and two a line would read as a vertical column — turned */
  snprintf(buf, sizeof buf, CJK12, 440);
  run r = go("w.yaml", buf);
  CHECK(r.sc != NULL);
  int n = count(r.sc, "axis.x.label");
  CHECK(n == 12);
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1);
  double step = b0 && b1 ? b1->x - b0->x : 0;
  CHECK(step > 20 && step < 34);
  for (int i = 0; i < n; i++) {
    const sc_item *it = nth(r.sc, "axis.x.label", i);
    CHECK(it->rotate == -45 && it->text->nlines == 1);
  }
  check_no_overlap(r.sc, "axis.x.label", "400 px");
  run_free(&r);
  /* wider: three characters a line, balanced, at word boundaries (农村幸福院 -> 农村/幸福院,
   * 日间照料中心 -> 日间/照料/中心: words of two characters are not split for a third) */
  snprintf(buf, sizeof buf, CJK12, 640);
  r = go("w.yaml", buf);
  n = count(r.sc, "axis.x.label");
  CHECK(n == 12);
  b0 = nth(r.sc, "mark.bar", 0);
  b1 = nth(r.sc, "mark.bar", 1);
  step = b0 && b1 ? b1->x - b0->x : 0;
  int maxlines = 0;
  for (int i = 0; i < n; i++) {
    const sc_item *it = nth(r.sc, "axis.x.label", i);
    CHECK(it->rotate == 0 && it->text->nlines <= 4);
    CHECK(it->text->width <= step - 2);
    if (it->text->nlines > maxlines) maxlines = it->text->nlines;
    /* every line holds a word of at least two characters (养老/机构) */
    size_t least = 6;
    for (int k = 0; k + 1 < it->text->nlines; k++)
      if ((size_t)it->text->lines[k].len < least) {
        testing_failures++;
        fprintf(stderr, "short line %d in %s\n", k, it->text->text);
      }
    if (!strcmp(it->text->text, "农村幸福院")) CHECK(it->text->nlines == 2 && it->text->lines[0].len == 6);
    /* centred under its bar */
    const sc_item *b = nth(r.sc, "mark.bar", i);
    if (REQUIRED(b)) CHECK_NEAR(it->x + it->text->width / 2, b->x + b->w / 2, 0.5);
  }
  CHECK(maxlines == 4); /* 区域性养老服务中心: 区域性/养老/服务/中心 */
  for (int i = 0; i + 1 < n; i++) { /* 4 px clear of each other */
    const sc_item *a = nth(r.sc, "axis.x.label", i), *b = nth(r.sc, "axis.x.label", i + 1);
    CHECK(b->x - (a->x + a->text->width) >= 3.9);
  }
  check_no_overlap(r.sc, "axis.x.label", "600 px");
  run_free(&r);
  /* at every width: wrapped, turned or thinned, labels never overlap */
  for (int w = 200; w <= 1000; w += 40) {
    snprintf(buf, sizeof buf, CJK12, w);
    r = go("w.yaml", buf);
    CHECK(r.sc != NULL);
    char what[32];
    snprintf(what, sizeof what, "page %d", w);
    check_no_overlap(r.sc, "axis.x.label", what);
    run_free(&r);
  }
  /* Latin labels wrap at spaces, at most 3 lines, then turn */
  r = go("l.yaml", "page: {width: 360, margin: 20}\nblocks:\n  - chart:\n"
                   "      data: {values: [{k: Community care centre, v: 1}, {k: Day care for the elderly, v: 2},\n"
                   "                      {k: Meal points in villages, v: 3}, {k: Bathing points, v: 4},\n"
                   "                      {k: Central kitchen units, v: 5}, {k: Virtual care homes, v: 6}]}\n"
                   "      mark: bar\n      encoding:\n        x: {field: k, sort: null}\n"
                   "        y: {field: v, type: quantitative}\n");
  for (int i = 0; i < count(r.sc, "axis.x.label"); i++) CHECK(nth(r.sc, "axis.x.label", i)->text->nlines <= 3);
  check_no_overlap(r.sc, "axis.x.label", "latin");
  run_free(&r);
}

/* ------------------------------------------------------------- binned ordinal */

static void test_bin_ordinal(void) {
  run r = go("b.vl.json", "{\"data\": {\"values\": [{\"v\":3},{\"v\":7},{\"v\":12},{\"v\":14},{\"v\":18},{\"v\":21},"
                          "{\"v\":27},{\"v\":44}]},\n\"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": \"v\", "
                          "\"bin\": true, \"type\": \"ordinal\"}, \"y\": {\"aggregate\": \"count\"}}}");
  CHECK(r.sc != NULL);
  /* a band per bin that has rows (none for 30-40), named by its range, in order */
  CHECK(count(r.sc, "mark.bar") == 7);
  CHECK(count(r.sc, "axis.x.label") == 7);
  CHECK_STR(label(r.sc, "axis.x.label", 0), "0 – 5");
  CHECK_STR(label(r.sc, "axis.x.label", 2), "10 – 15");
  CHECK_STR(label(r.sc, "axis.x.label", 6), "40 – 45");
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 2);
  if (REQUIRED(a && b)) CHECK_NEAR(b->h, 2 * a->h, 0.01); /* 10-15 holds 12 and 14 */
  CHECK(count(r.sc, "axis.x.domain") == 1);
  run_free(&r);
  /* a binned colour legend lists the ranges */
  r = go("c.vl.json", "{\"data\": {\"values\": [{\"x\":1,\"v\":3},{\"x\":2,\"v\":17}]}, \"mark\": \"point\", "
                      "\"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"quantitative\"}, \"color\": {\"field\": "
                      "\"v\", \"bin\": {\"step\": 10}, \"type\": \"ordinal\"}}}");
  CHECK_STR(label(r.sc, "legend.label", 0), "0 – 10");
  CHECK_STR(label(r.sc, "legend.label", 1), "10 – 20");
  run_free(&r);
  r = go("n.vl.json", "{\"data\": {\"values\": [{\"v\":3}]}, \"mark\": \"bar\", \"encoding\": {\"x\": {\"field\": "
                      "\"v\", \"bin\": true, \"type\": \"nominal\"}}}");
  CHECK_STR(r.first_error, "n.vl.json:1:102: error: 'bin' needs type quantitative or ordinal (bins are ordered "
                           "ranges of numbers), found type nominal");
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_concat_resolve();
  test_repeat_resolve();
  test_facet_resolve();
  test_layer_resolve();
  test_resolve_errors();
  test_repeat_errors_once();
  test_autosize();
  test_autosize_errors();
  test_legend_numbers();
  test_stack_center();
  test_config();
  test_config_formats();
  test_config_scale();
  test_config_errors();
  test_cjk_wrap();
  test_bin_ordinal();
  text_engine_free(TE);
  return testing_done("test_chart_compose");
}
