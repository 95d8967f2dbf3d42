/* Chart polish a report designer asks for, on the scene: Chinese unit
 * titles over the y axis, facet spacing and upright CJK headers, one
 * legend for size and colour of a field, padding per side, and every
 * axis, legend, header, title, mark and scale property huitu accepts
 * having an effect (the ones it does not draw are errors: tests/bad). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

#include "scene_test.h"

/* Bounds of every item of a role (text: as it lies, turned or not). */
static int role_bounds(const scene *s, const char *role, double *x0, double *y0, double *x1, double *y1) {
  int n = 0;
  *x0 = *y0 = INFINITY;
  *x1 = *y1 = -INFINITY;
  for (int i = 0; s && i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (!it->role || strcmp(it->role, role)) continue;
    double a, b, c, d;
    if (it->kind == SC_TEXT) text_bounds(it, &a, &b, &c, &d);
    else a = it->x, b = it->y, c = it->x + it->w, d = it->y + it->h;
    *x0 = fmin(*x0, a), *y0 = fmin(*y0, b), *x1 = fmax(*x1, c), *y1 = fmax(*y1, d);
    n++;
  }
  return n;
}

static const sc_item *labelled(const scene *s, const char *role, const char *text) {
  for (int i = 0; i < count(s, role); i++)
    if (label(s, role, i) && !strcmp(label(s, role, i), text)) return nth(s, role, i);
  return NULL;
}

#define BAR_DATA "      data: {values: [{k: 甲, v: 500}, {k: 乙, v: 995}]}\n"

/* ------------------------------------------------ 3. Chinese y-axis titles */

static void test_unit_title(void) {
  /* 元/月: level, over the top label, from the labels' left edge, clear of
   * the chart's title and subtitle above */
  run r = go("t.yaml", "blocks:\n"
                       "  - chart:\n"
                       "      title: {text: 低保标准, subtitle: 每人每月}\n" BAR_DATA
                       "      mark: bar\n"
                       "      encoding:\n"
                       "        x: {field: k, type: nominal}\n"
                       "        y: {field: v, type: quantitative, title: 元/月}\n");
  CHECK(r.sc != NULL);
  const sc_item *t = nth(r.sc, "axis.y.title", 0), *top = labelled(r.sc, "axis.y.label", "1000");
  const sc_item *sub = nth(r.sc, "chart.subtitle", 0);
  double lx0, ly0, lx1, ly1;
  role_bounds(r.sc, "axis.y.label", &lx0, &ly0, &lx1, &ly1);
  CHECK(t && top && sub);
  if (t && top && sub) {
    CHECK_STR(t->text->text, "元/月");
    CHECK(!t->text->vertical && t->rotate == 0);
    CHECK(t->y + t->h <= top->y - 4);        /* above "1000", a gap between */
    CHECK(t->y >= sub->y + sub->h + 4);      /* under the subtitle */
    CHECK_NEAR(t->x, lx0, 0.5);              /* left-aligned with the labels */
    const sc_item *g = nth(r.sc, "grid", 0); /* the plot starts right of the labels, not of a title column */
    if (REQUIRED(g)) CHECK(g->x - (lx1) < 12);
  }
  run_free(&r);
  /* short titles: 万人, 张, %; a long one with a slash; in English: turned */
  const char *lvl[] = {"万人", "张", "%", "人均收入/元"};
  for (int i = 0; i < 4; i++) {
    char spec[1024];
    snprintf(spec, sizeof spec,
             "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n        x: {field: k}\n"
             "        y: {field: v, type: quantitative, title: \"%s\"}\n",
             lvl[i]);
    r = go("t.yaml", spec);
    t = nth(r.sc, "axis.y.title", 0);
    CHECK(t && t->rotate == 0 && !t->text->vertical);
    run_free(&r);
  }
  r = go("t.yaml", "page: {lang: en}\nblocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n"
                   "        x: {field: k}\n        y: {field: v, type: quantitative, title: 元/月}\n");
  t = nth(r.sc, "axis.y.title", 0);
  CHECK(t && t->text->vertical); /* not a Chinese page: beside the axis (CJK still upright) */
  run_free(&r);
}

static void test_vertical_title(void) {
  /* a long title stays an upright column beside the axis, its ASCII '/'
   * full-width (／) so it reads; titleAngle 270 asks for that too */
  run r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n        x: {field: k}\n"
                       "        y: {field: v, type: quantitative, title: 全市各类养老床位数量/张}\n");
  const sc_item *t = nth(r.sc, "axis.y.title", 0), *l0 = nth(r.sc, "axis.y.label", 0);
  CHECK(t && t->text->vertical && t->rotate == 0 && t->h > t->w);
  if (REQUIRED(t)) CHECK_STR(t->text->text, "全市各类养老床位数量／张");
  if (REQUIRED(t && l0)) CHECK(t->x + t->w <= l0->x); /* left of the labels */
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n        x: {field: k}\n"
                   "        y: {field: v, type: quantitative, title: 元/月, axis: {titleAngle: 270}}\n");
  t = nth(r.sc, "axis.y.title", 0);
  CHECK(t && t->text->vertical);
  if (REQUIRED(t)) CHECK_STR(t->text->text, "元／月");
  run_free(&r);
  /* titleAngle 0: level, by the axis's middle (Vega-Lite's place) */
  r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      height: 200\n      mark: bar\n      encoding:\n"
                   "        x: {field: k}\n        y: {field: v, type: quantitative, title: 元/月, axis: {titleAngle: 0}}\n");
  t = nth(r.sc, "axis.y.title", 0);
  const sc_item *d = nth(r.sc, "axis.x.domain", 0);
  CHECK(t && !t->text->vertical && t->rotate == 0);
  if (REQUIRED(t && d)) CHECK_NEAR(t->y + t->h / 2, d->y - 100, 1.5);
  run_free(&r);
  /* an x axis on top: the unit title would meet it, so it goes beside the axis */
  r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n"
                   "        x: {field: k, axis: {orient: top}}\n        y: {field: v, type: quantitative, title: 元/月}\n");
  t = nth(r.sc, "axis.y.title", 0);
  const sc_item *xl = nth(r.sc, "axis.x.label", 0);
  CHECK(t && t->text->vertical);
  if (REQUIRED(t && xl)) CHECK(t->y > xl->y + xl->h);
  run_free(&r);
}

/* --------------------------------------------------------------- 4. facets */

static void test_facet_rows(void) {
  run r = go("t.yaml", "blocks:\n  - chart:\n"
                       "      data: {values: [{地区: 姑苏区, 年份: '2012', 床位: 1200}, {地区: 姑苏区, 年份: '2019', 床位: 2600},\n"
                       "                      {地区: 吴中区, 年份: '2012', 床位: 900}, {地区: 吴中区, 年份: '2019', 床位: 2100}]}\n"
                       "      mark: bar\n      height: 120\n      encoding:\n"
                       "        row: {field: 地区, type: nominal}\n        x: {field: 年份, type: ordinal}\n"
                       "        y: {field: 床位, type: quantitative, title: 床位数量（张）}\n");
  CHECK(r.sc != NULL);
  /* the CJK row title: upright, in a column, like a CJK y title */
  const sc_item *rt = labelled(r.sc, "facet.title", "地区");
  CHECK(rt && rt->text->vertical && rt->rotate == 0 && rt->h > rt->w);
  /* rows 20 px apart label to label: the upper row's "0" and the lower row's top label, "2000" (0..2600) */
  const sc_item *zero = labelled(r.sc, "axis.y.label", "0"), *top2 = NULL;
  int seen = 0;
  for (int i = 0; i < count(r.sc, "axis.y.label"); i++)
    if (!strcmp(label(r.sc, "axis.y.label", i), "2000") && seen++ == 1) top2 = nth(r.sc, "axis.y.label", i);
  CHECK(zero && top2);
  if (REQUIRED(zero && top2)) CHECK(top2->y - (zero->y + zero->h) >= 20 - 0.5);
  /* the shared x axis only once, under the last row */
  CHECK(count(r.sc, "axis.x.label") == 2);
  run_free(&r);
  /* a Latin row title turns to read upwards; labelAngle 270 sets CJK row labels as columns */
  r = go("t.yaml", "blocks:\n  - chart:\n"
                   "      data: {values: [{g: 姑苏区, k: A, v: 1}, {g: 吴中区, k: B, v: 2}]}\n"
                   "      mark: bar\n      encoding:\n"
                   "        row: {field: g, title: Region, header: {labelAngle: 270, labelFontSize: 15, labelColor: '#c0392b'}}\n"
                   "        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  rt = labelled(r.sc, "facet.title", "Region");
  CHECK(rt && rt->rotate == -90);
  const sc_item *h = labelled(r.sc, "facet.header", "姑苏区");
  CHECK(h && h->text->vertical && h->h > h->w);
  if (REQUIRED(h)) CHECK(h->text->runs && h->text->runs[0].color == 0xc0392bffu);
  run_free(&r);
  /* header: {labels: false}: no labels; header: null: no title either */
  r = go("t.yaml", "blocks:\n  - chart:\n"
                   "      data: {values: [{g: a, k: A, v: 1}, {g: b, k: B, v: 2}]}\n"
                   "      mark: bar\n      encoding:\n"
                   "        column: {field: g, header: {labels: false, titlePadding: 12}}\n"
                   "        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  CHECK(count(r.sc, "facet.header") == 0 && count(r.sc, "facet.title") == 1);
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - chart:\n"
                   "      data: {values: [{g: a, k: A, v: 1}, {g: b, k: B, v: 2}]}\n"
                   "      mark: bar\n      encoding:\n        column: {field: g, header: null}\n"
                   "        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  CHECK(count(r.sc, "facet.header") == 0 && count(r.sc, "facet.title") == 0);
  run_free(&r);
}

/* The gap between two neighbouring facet cells' plots (120 px wide, no
 * axes): the distance between their headers' centres less a plot. */
static double arc_gap(const char *spec) {
  run r = go("t.yaml", spec);
  double gap = -1;
  const sc_item *a = nth(r.sc, "facet.header", 0), *b = nth(r.sc, "facet.header", 1);
  if (count(r.sc, "mark.arc") == 6 && a && b) gap = (b->x + b->w / 2) - (a->x + a->w / 2) - 120;
  run_free(&r);
  return gap;
}

static void test_facet_spacing(void) {
  const char *pies = "blocks:\n  - chart:\n"
                     "      data: {values: [{g: a, c: x, n: 6}, {g: a, c: y, n: 4}, {g: b, c: x, n: 7}, {g: b, c: y, n: 3},\n"
                     "                      {g: c, c: x, n: 5}, {g: c, c: y, n: 5}]}\n"
                     "      mark: arc\n      width: 120\n      height: 120\n%s"
                     "      encoding:\n        column: {field: g%s}\n"
                     "        theta: {field: n, type: quantitative}\n        color: {field: c}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, pies, "", "");
  CHECK_NEAR(arc_gap(spec), 20, 0.5); /* Vega-Lite's 20 px between cells */
  snprintf(spec, sizeof spec, pies, "      spacing: 40\n", "");
  CHECK_NEAR(arc_gap(spec), 40, 0.5);
  snprintf(spec, sizeof spec, pies, "", ", spacing: 8");
  CHECK_NEAR(arc_gap(spec), 8, 0.5);
  /* a concat's spacing: {row, column} */
  run r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      spacing: {column: 50}\n      hconcat:\n"
                       "        - {mark: bar, width: 100, encoding: {x: {field: k}, y: {field: v, type: quantitative, axis: null}}}\n"
                       "        - {mark: bar, width: 100, encoding: {x: {field: k}, y: {field: v, type: quantitative, axis: null}}}\n");
  const sc_item *a = nth(r.sc, "axis.x.domain", 0), *b = nth(r.sc, "axis.x.domain", 1);
  CHECK(a && b);
  if (REQUIRED(a && b)) CHECK_NEAR(b->x - (a->x + a->w), 50, 0.5);
  run_free(&r);
}

/* ------------------------------------------------------ 5. merged legends */

static void test_size_color_legend(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [{\"x\": 1, \"y\": 2, \"v\": 10}, {\"x\": 2, \"y\": 5, \"v\": 40},"
                          "{\"x\": 3, \"y\": 3, \"v\": 80}, {\"x\": 4, \"y\": 6, \"v\": 120}]}, \"mark\": \"circle\","
                          "\"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"quantitative\"}, \"y\": {\"field\": \"y\", "
                          "\"type\": \"quantitative\"}, \"size\": {\"field\": \"v\", \"type\": \"quantitative\"},"
                          "\"color\": {\"field\": \"v\", \"type\": \"quantitative\"}}}");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "legend.title") == 1);
  CHECK(count(r.sc, "legend.gradient") == 0); /* symbols, not a ramp */
  int n = count(r.sc, "legend.symbol");
  CHECK(n >= 3);
  if (n >= 3) {
    const sc_item *s0 = nth(r.sc, "legend.symbol", 0), *s2 = nth(r.sc, "legend.symbol", n - 1);
    CHECK(s2->w > s0->w + 2);                  /* growing */
    CHECK(s0->style.fill != s2->style.fill);   /* and coloured by the colour scale */
    const sc_item *m = nth(r.sc, "mark.circle", 3); /* v = 120: the last entry's colour and size */
    if (REQUIRED(m)) CHECK(m->style.fill == s2->style.fill);
  }
  run_free(&r);
  /* nominal: one legend, its entries' sizes and colours both by category */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"x\": 1, \"v\": \"a\"}, {\"x\": 2, \"v\": \"b\"}, {\"x\": 3, \"v\": \"c\"}]},"
                      "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"quantitative\"},"
                      "\"size\": {\"field\": \"v\", \"type\": \"ordinal\"}, \"color\": {\"field\": \"v\", \"type\": \"ordinal\","
                      "\"legend\": {\"orient\": \"bottom\", \"title\": \"档次\"}}}}");
  CHECK(count(r.sc, "legend.title") == 1 && has_label(r.sc, "legend.title", "档次"));
  CHECK(count(r.sc, "legend.symbol") == 3);
  const sc_item *s0 = nth(r.sc, "legend.symbol", 0), *s2 = nth(r.sc, "legend.symbol", 2), *x0 = nth(r.sc, "mark.point", 0);
  if (REQUIRED(s0 && s2)) CHECK(s2->w > s0->w && s0->style.stroke != s2->style.stroke);
  if (REQUIRED(s0 && x0)) CHECK(s0->y > x0->y); /* at the bottom, as the colour's legend asked */
  run_free(&r);
}

/* ------------------------------------------------------------ 6. padding */

static void test_padding_sides(void) {
  const char *fmt = "{%s\"data\": {\"values\": [{\"a\": \"A\", \"b\": 3}]}, \"mark\": \"bar\", \"encoding\": "
                    "{\"x\": {\"field\": \"a\", \"type\": \"nominal\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}";
  char s0[512], s1[512];
  snprintf(s0, sizeof s0, fmt, "\"padding\": 0, ");
  snprintf(s1, sizeof s1, fmt, "\"padding\": {\"left\": 10, \"top\": 40, \"right\": 5, \"bottom\": 60}, ");
  run a = go("p.vl.json", s0), b = go("p.vl.json", s1);
  CHECK(a.sc && b.sc);
  if (a.sc && b.sc) {
    CHECK_NEAR(b.sc->width - a.sc->width, 15, 1);
    CHECK_NEAR(b.sc->height - a.sc->height, 100, 1);
    const sc_item *ba = nth(a.sc, "mark.bar", 0), *bb = nth(b.sc, "mark.bar", 0);
    if (ba && bb) {
      CHECK_NEAR(bb->x - ba->x, 10, 0.01);
      CHECK_NEAR(bb->y - ba->y, 40, 0.01);
    }
  }
  run_free(&a);
  run_free(&b);
  b = go("p.vl.json", "{\"padding\": {\"left\": 5, \"tpo\": 3}, \"mark\": \"bar\", \"data\": {\"values\": []}}");
  CHECK_STR(b.first_error, "p.vl.json:1:25: error: unknown key 'tpo' in padding (did you mean 'top'?)");
  run_free(&b);
}

/* ------------------------------------------------------- 1. axis properties */

static void test_axis_props(void) {
  run r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      height: 200\n      encoding:\n"
                       "        x: {field: k, axis: {tickSize: 8, tickWidth: 2, domainWidth: 3, domainColor: '#ff0000',\n"
                       "            labelFontWeight: bold, titleFontWeight: bold, labelOpacity: 0.5, titlePadding: 20,\n"
                       "            offset: 6, titleAnchor: start}}\n"
                       "        y: {field: v, type: quantitative, title: Value, axis: {gridWidth: 2, gridOpacity: 0.5,\n"
                       "            labelOverlap: false, tickCount: 40, minExtent: 80, titleLimit: 30}}\n");
  CHECK(r.sc != NULL);
  const sc_item *tk = nth(r.sc, "axis.x.tick", 0), *dm = nth(r.sc, "axis.x.domain", 0), *g = nth(r.sc, "grid", 0);
  const sc_item *xl = nth(r.sc, "axis.x.label", 0), *xt = nth(r.sc, "axis.x.title", 0), *yt = nth(r.sc, "axis.y.title", 0);
  const sc_item *bar = nth(r.sc, "mark.bar", 0);
  CHECK(tk && tk->h == 8 && tk->w == 2);      /* tickSize draws ticks, tickWidth sets them */
  CHECK(dm && dm->h == 3 && dm->style.fill == 0xff0000ffu);
  if (REQUIRED(dm && bar)) CHECK_NEAR(dm->y + dm->h / 2, bar->y + bar->h + 6, 0.01); /* offset: 6 px under the plot */
  CHECK(g && g->h == 2 && (g->style.fill & 0xff) == 0x80); /* gridWidth; gridOpacity halves the alpha */
  CHECK(xl && xl->text->runs && (xl->text->runs[0].color & 0xff) == 0x80);
  CHECK(xl && xl->text->runs && xl->text->runs[0].font != nth(r.sc, "axis.y.label", 0)->text->runs[0].font); /* bold */
  if (REQUIRED(xl && xt)) CHECK(xt->y - (xl->y + xl->h) >= 20 - 0.5);        /* titlePadding */
  if (REQUIRED(xt && dm)) CHECK_NEAR(xt->x, dm->x, 0.5);                      /* titleAnchor: start */
  CHECK(count(r.sc, "axis.y.label") > 20);                         /* labelOverlap: false: all drawn */
  if (REQUIRED(yt)) CHECK(yt->text->ellipsized && yt->text->width <= 30.5);  /* titleLimit */
  double x0, y0, x1, y1;
  if (yt && g) { /* minExtent: the title 80 px (and its padding) out from the plot, though the labels are narrower */
    text_bounds(yt, &x0, &y0, &x1, &y1);
    CHECK(x1 <= g->x - 80);
  }
  run_free(&r);
  /* tickMinStep: whole numbers only; labelSeparation thins close labels */
  r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{k: a, v: 1}, {k: b, v: 3}]}\n      mark: bar\n"
                   "      height: 300\n      encoding:\n        x: {field: k}\n"
                   "        y: {field: v, type: quantitative, axis: {tickMinStep: 1}}\n");
  for (int i = 0; i < count(r.sc, "axis.y.label"); i++) CHECK(!strchr(label(r.sc, "axis.y.label", i), '.'));
  CHECK(count(r.sc, "axis.y.label") == 4);
  run_free(&r);
  /* config.axis takes the same properties */
  r = go("t.yaml", "blocks:\n  - chart:\n      config: {axis: {domainWidth: 2, labelFontWeight: bold}}\n" BAR_DATA
                   "      mark: bar\n      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  dm = nth(r.sc, "axis.x.domain", 0);
  CHECK(dm && dm->h == 2);
  run_free(&r);
}

/* ----------------------------------------------------- 1. legend properties */

static void test_legend_props(void) {
  const char *fmt = "blocks:\n  - chart:\n      data: {values: [{k: A, v: 1}, {k: B, v: 2}, {k: C, v: 3}]}\n"
                    "      mark: bar\n      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n"
                    "        color: {field: k, legend: {%s}}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, fmt, "symbolType: triangle-up, symbolSize: 200, labelFontWeight: bold");
  run r = go("t.yaml", spec);
  const sc_item *s0 = nth(r.sc, "legend.symbol", 0);
  CHECK(s0 && s0->kind == SC_PATH && s0->npts >= 3 && s0->npts <= 4); /* a triangle, not the bar's square */
  if (REQUIRED(s0)) CHECK_NEAR(s0->w, sqrt(200), 0.5);
  run_free(&r);
  snprintf(spec, sizeof spec, fmt, "symbolType: circle, values: [C, A], labelLimit: 6, title: 类别名称很长很长");
  r = go("t.yaml", spec);
  CHECK(count(r.sc, "legend.symbol") == 2);
  CHECK_STR(label(r.sc, "legend.label", 0), "C");
  s0 = nth(r.sc, "legend.symbol", 0);
  CHECK(s0 && s0->kind == SC_PATH && s0->npts == 0); /* a circle */
  run_free(&r);
  /* direction: horizontal on the right; titleOrient: left; offset */
  snprintf(spec, sizeof spec, fmt, "direction: horizontal, titleOrient: left, offset: 40");
  r = go("t.yaml", spec);
  const sc_item *a = nth(r.sc, "legend.symbol", 0), *b = nth(r.sc, "legend.symbol", 1), *t = nth(r.sc, "legend.title", 0);
  CHECK(a && b && t);
  if (a && b && t) {
    CHECK_NEAR(a->y, b->y, 0.01); /* in a row */
    CHECK(t->x + t->w < a->x);     /* title at their left */
  }
  const sc_item *gr = nth(r.sc, "grid", 0);
  if (REQUIRED(gr && t)) CHECK(t->x - (gr->x + gr->w) >= 40 - 0.5);
  run_free(&r);
  /* a gradient's length; type symbol makes a continuous colour's legend symbols */
  const char *q = "blocks:\n  - chart:\n      data: {values: [{x: 1, v: 1}, {x: 2, v: 9}]}\n      mark: point\n"
                  "      encoding:\n        x: {field: x, type: quantitative}\n"
                  "        color: {field: v, type: quantitative, legend: {%s}}\n";
  snprintf(spec, sizeof spec, q, "gradientLength: 80");
  r = go("t.yaml", spec);
  double x0, y0, x1, y1;
  CHECK(role_bounds(r.sc, "legend.gradient", &x0, &y0, &x1, &y1) > 0);
  CHECK_NEAR(y1 - y0, 80, 1.5);
  run_free(&r);
  snprintf(spec, sizeof spec, q, "type: symbol, symbolStrokeWidth: 3");
  r = go("t.yaml", spec);
  CHECK(count(r.sc, "legend.gradient") == 0 && count(r.sc, "legend.symbol") >= 2);
  s0 = nth(r.sc, "legend.symbol", 0);
  if (REQUIRED(s0)) CHECK(s0->style.stroke_width == 3);
  run_free(&r);
  /* config.legend: the same properties for every legend, under a legend's own */
  r = go("t.yaml", "blocks:\n  - chart:\n      config: {legend: {symbolType: diamond, labelLimit: 20}}\n"
                   "      data: {values: [{k: 很长很长的类别名称, v: 1}, {k: B, v: 2}]}\n      mark: bar\n"
                   "      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n        color: {field: k}\n");
  s0 = nth(r.sc, "legend.symbol", 0);
  const sc_item *l0 = nth(r.sc, "legend.label", 1);
  CHECK(s0 && s0->kind == SC_PATH && s0->npts >= 4);
  CHECK(l0 && l0->text->ellipsized && l0->w <= 20.5);
  run_free(&r);
}

/* ------------------------------------------------------ 1. title properties */

static void test_title_props(void) {
  run r = go("t.yaml", "blocks:\n  - chart:\n"
                       "      title: {text: 很长的标题文字会被截断吗, subtitle: 副标题, frame: group, dx: 5, subtitlePadding: 10,\n"
                       "              subtitleFontWeight: bold, limit: 60}\n" BAR_DATA
                       "      mark: bar\n      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  const sc_item *t = nth(r.sc, "chart.title", 0), *s = nth(r.sc, "chart.subtitle", 0), *g = nth(r.sc, "grid", 0);
  CHECK(t && s && g);
  if (t && s && g) {
    CHECK_NEAR(t->x, g->x + 5, 0.01);              /* frame group: from the plot's left, dx 5 */
    CHECK(t->text->ellipsized && t->w <= 60.5);    /* limit */
    CHECK_NEAR(s->y - (t->y + t->h), 10, 0.01);    /* subtitlePadding */
  }
  run_free(&r);
  /* dy moves the title towards the plot (offset less dy) */
  run a = go("t.yaml", "blocks:\n  - chart:\n      title: {text: 标题, offset: 20}\n" BAR_DATA
                       "      mark: bar\n      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  run b = go("t.yaml", "blocks:\n  - chart:\n      title: {text: 标题, offset: 20, dy: 8}\n" BAR_DATA
                       "      mark: bar\n      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  const sc_item *ga = nth(a.sc, "grid", 0), *gb = nth(b.sc, "grid", 0);
  if (REQUIRED(ga && gb)) CHECK_NEAR(ga->y - gb->y, 8, 0.01);
  run_free(&a);
  run_free(&b);
}

/* -------------------------------------------------- 1. mark, scale properties */

static void test_mark_props(void) {
  /* binSpacing: 0: bins touch; fillOpacity: the fill's alpha */
  const char *hist = "blocks:\n  - chart:\n      data: {values: [{v: 1}, {v: 2}, {v: 12}, {v: 14}, {v: 25}]}\n"
                     "      mark: {type: bar, %s}\n      encoding:\n"
                     "        x: {field: v, bin: {step: 10}}\n        y: {aggregate: count}\n";
  char spec[512];
  snprintf(spec, sizeof spec, hist, "binSpacing: 0, fillOpacity: 0.5");
  run r = go("t.yaml", spec);
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1);
  CHECK(b0 && b1);
  if (b0 && b1) {
    CHECK_NEAR(b1->x - (b0->x + b0->w), 0, 0.01);
    CHECK((b0->style.fill & 0xff) == 0x80);
  }
  run_free(&r);
  snprintf(spec, sizeof spec, hist, "binSpacing: 4");
  r = go("t.yaml", spec);
  b0 = nth(r.sc, "mark.bar", 0), b1 = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(b0 && b1)) CHECK_NEAR(b1->x - (b0->x + b0->w), 4, 0.01);
  run_free(&r);
  /* strokeCap butt, strokeOpacity; a text's limit and lineHeight */
  r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      layer:\n"
                   "        - mark: {type: line, strokeCap: butt, strokeOpacity: 0.5}\n"
                   "        - mark: {type: text, text: [很长的一行文字啊, 第二行], limit: 40, lineHeight: 30, dy: -20}\n"
                   "      encoding:\n        x: {field: k}\n        y: {field: v, type: quantitative}\n");
  const sc_item *ln = nth(r.sc, "mark.line", 0), *tx = nth(r.sc, "mark.text", 0);
  CHECK(ln && ln->style.round_cap == 0 && (ln->style.stroke & 0xff) == 0x80);
  CHECK(tx && tx->text->ellipsized && tx->w <= 40.5);
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{a: 1}]}\n"
                   "      mark: {type: text, text: [一, 二], fontSize: 10, lineHeight: 30}\n");
  run r2 = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{a: 1}]}\n"
                        "      mark: {type: text, text: [一, 二], fontSize: 10}\n");
  tx = nth(r.sc, "mark.text", 0);
  const sc_item *tx2 = nth(r2.sc, "mark.text", 0);
  CHECK(tx && tx2 && tx->text->nlines == 2 && tx->h >= tx2->h + 15); /* lines 30 px apart, not 14 */
  run_free(&r2);
  run_free(&r);
}

static void test_scale_props(void) {
  /* domainMin / domainMax: that end as given */
  run r = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      encoding:\n        x: {field: k}\n"
                       "        y: {field: v, type: quantitative, scale: {domainMax: 2000}}\n");
  int n = count(r.sc, "axis.y.label");
  CHECK(n > 0 && !strcmp(label(r.sc, "axis.y.label", n - 1), "2000"));
  run_free(&r);
  /* align 0: the outer padding all after the bands */
  run a = go("t.yaml", "blocks:\n  - chart:\n" BAR_DATA "      mark: bar\n      width: 200\n      encoding:\n"
                       "        x: {field: k, scale: {align: 0, paddingOuter: 0.5}}\n        y: {field: v, type: quantitative}\n");
  const sc_item *b = nth(a.sc, "mark.bar", 0), *b2 = nth(a.sc, "mark.bar", 1), *d = nth(a.sc, "axis.x.domain", 0);
  if (REQUIRED(b && b2 && d)) CHECK_NEAR(fmin(b->x, b2->x), d->x, 0.01);
  run_free(&a);
  /* round: whole-px steps */
  a = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{k: a, v: 1}, {k: b, v: 1}, {k: c, v: 1}]}\n"
                   "      mark: bar\n      width: 200\n      encoding:\n"
                   "        x: {field: k, scale: {round: true}}\n        y: {field: v, type: quantitative}\n");
  const sc_item *p0 = nth(a.sc, "mark.bar", 0), *p1 = nth(a.sc, "mark.bar", 1);
  if (REQUIRED(p0 && p1)) CHECK_NEAR(p1->x - p0->x, floor(p1->x - p0->x), 1e-9);
  run_free(&a);
  /* domainMid: the middle colour at the given value; rangeMin of a size */
  r = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{x: 0, v: -1}, {x: 1, v: 0}, {x: 2, v: 9}]}\n"
                   "      mark: circle\n      encoding:\n        x: {field: x, type: quantitative}\n"
                   "        color: {field: v, type: quantitative, scale: {scheme: redblue, domainMid: 0}}\n"
                   "        size: {field: x, type: quantitative, scale: {rangeMin: 100, zero: false}}\n");
  const sc_item *m0 = nth(r.sc, "mark.circle", 0), *m1 = nth(r.sc, "mark.circle", 1);
  run n0 = go("t.yaml", "blocks:\n  - chart:\n      data: {values: [{x: 0, v: -1}, {x: 1, v: 0}, {x: 2, v: 9}]}\n"
                        "      mark: circle\n      encoding:\n        x: {field: x, type: quantitative}\n"
                        "        color: {field: v, type: quantitative, scale: {scheme: redblue}}\n");
  const sc_item *q1 = nth(n0.sc, "mark.circle", 1);
  if (REQUIRED(m1 && q1)) CHECK(m1->style.fill != q1->style.fill); /* 0 at the centre, not a tenth of the way */
  if (REQUIRED(m0)) CHECK_NEAR(m0->w, sqrt(100), 0.5); /* a circle spans sqrt(size), as Vega's */
  run_free(&n0);
  run_free(&r);
}

/* Vega's nice domain and ticks at every height: the domain is niced with
 * d3's count of 10 whatever the height (0..85055 -> 0..90000), the labels
 * are d3's ticks for ceil(height / 40): evenly spaced multiples of one
 * step from 0, the top one at or under the domain's end (at 120 px the
 * labels stop at 80000, under the plot's top, as Vega-Lite draws it). */
static void test_nice_domain_vega(void) {
  for (int h = 120; h <= 520; h += 20) {
    char buf[512];
    snprintf(buf, sizeof buf,
             "blocks:\n  - chart:\n      data: {values: [{k: a, v: 38487}, {k: b, v: 85055}]}\n"
             "      mark: bar\n      height: %d\n      encoding:\n        x: {field: k}\n"
             "        y: {field: v, type: quantitative, title: null}\n",
             h);
    run r = go("t.yaml", buf);
    int n = count(r.sc, "axis.y.label");
    REQUIRED(n >= 2);
    const sc_item *l0 = nth(r.sc, "axis.y.label", 0), *l1 = nth(r.sc, "axis.y.label", 1),
                  *ln = nth(r.sc, "axis.y.label", n - 1);
    REQUIRED(l0 && l1 && ln);
    CHECK_STR(l0->text->text, "0");
    double step = atof(l1->text->text), px = (l0->y - l1->y) / step; /* px per unit */
    /* d3's step for 90000 / ceil(h / 40): 2 x 10^4 from sqrt(2) x 10^4 (6 ticks
     * asked), 1 x 10^4 below, 5000 under sqrt(50) x 10^3 (13 ticks asked) */
    CHECK(step == (h <= 240 ? 20000 : h <= 480 ? 10000 : 5000));
    CHECK_NEAR(px * 90000, h, 0.5); /* the plot spans 0..90000 */
    for (int i = 1; i < n; i++) {   /* evenly spaced */
      const sc_item *li = nth(r.sc, "axis.y.label", i);
      CHECK_NEAR(l0->y - li->y, i * step * px, 0.5);
    }
    CHECK(atof(ln->text->text) >= 80000);
    run_free(&r);
  }
}

int main(void) {
  scene_test_begin();
  test_unit_title();
  test_vertical_title();
  test_facet_rows();
  test_facet_spacing();
  test_size_color_legend();
  test_padding_sides();
  test_axis_props();
  test_legend_props();
  test_title_props();
  test_mark_props();
  test_scale_props();
  test_nice_domain_vega();
  text_engine_free(TE);
  return testing_done("test_chart_polish");
}
