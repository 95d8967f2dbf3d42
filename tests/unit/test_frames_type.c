/* The type scale of each frame and the page theme reaching charts
 * (model/doc.c type_scales, chart_apply_theme): assertions on the scene a
 * spec lays out to -- every text's size, the chart's label sizes and the
 * colours of its marks. */
#include <stdio.h>
#include <string.h>

#include "scene_test.h"

/* Every glyph run of every text item in the scene: the smallest size. */
static double min_text_size(const scene *s, const char **role) {
  double m = INFINITY;
  for (int i = 0; s && i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (it->kind != SC_TEXT || !it->text) continue;
    for (int r = 0; r < it->text->nruns; r++) {
      const text_run *run = &it->text->runs[r];
      if (!run->n || !run->font) continue;
      double z = text_font_size(run->font);
      if (z < m) {
        m = z;
        if (role) *role = it->role;
      }
    }
  }
  return m;
}

/* The size of the first run of the k-th text item with this role (0: none). */
static double size_of(const scene *s, const char *role, int k) {
  const sc_item *it = nth(s, role, k);
  if (!it || !it->text || !it->text->nruns || !it->text->runs[0].font) return 0;
  return text_font_size(it->text->runs[0].font);
}

static uint32_t text_color(const scene *s, const char *role, int k) {
  const sc_item *it = nth(s, role, k);
  return it && it->text && it->text->nruns ? it->text->runs[0].color : 0;
}

static int is_grey(uint32_t c) {
  unsigned r = c >> 24, g = (c >> 16) & 0xff, b = (c >> 8) & 0xff;
  return r == g && g == b;
}

/* A page of every kind of text a frame has: heading, key numbers with
 * notes, a paragraph, a chart with axis titles, a legend, data labels and
 * its own title, a table, a note and a source. */
static const char *page_body =
    "title: 孤儿基本生活保障标准\n"
    "subtitle: 每人每月，元（2012年与2019年）\n"
    "note: 集中养育标准增长79%，分散供养标准增长144%。\n"
    "source: 来源：苏州日报，2019年9月11日\n"
    "layout: {columns: 2}\n"
    "blocks:\n"
    "  - kpi: {value: 2510, unit: 元/月, label: 集中养育（2019年）, note: 2012年为1400元}\n"
    "  - kpi: {value: 2070, unit: 元/月, label: 分散供养（2019年）, note: 2012年为850元}\n"
    "  - text: 集中养育和分散供养孤儿的基本生活保障标准七年间均大幅提高。\n"
    "    span: 2\n"
    "  - chart:\n"
    "      title: 孤儿基本生活保障标准\n"
    "      data:\n"
    "        values:\n"
    "          - {年份: '2012', 类别: 集中养育, 标准: 1400}\n"
    "          - {年份: '2012', 类别: 分散供养, 标准: 850}\n"
    "          - {年份: '2019', 类别: 集中养育, 标准: 2510}\n"
    "          - {年份: '2019', 类别: 分散供养, 标准: 2070}\n"
    "      encoding:\n"
    "        x: {field: 类别, type: nominal, title: 类别}\n"
    "        xOffset: {field: 年份, type: nominal}\n"
    "        y: {field: 标准, type: quantitative, title: 元/月}\n"
    "        color: {field: 年份, type: nominal}\n"
    "      layer:\n"
    "        - mark: bar\n"
    "        - mark: {type: text, baseline: bottom}\n"
    "          encoding: {text: {field: 标准, type: quantitative}}\n"
    "    span: 2\n"
    "  - table:\n"
    "      columns: [{title: 类别}, {title: 2012年}, {title: 2019年}]\n"
    "      rows: [[集中养育, 1400, 2510], [分散供养, 850, 2070]]\n"
    "    span: 2\n";

static run page(const char *head) {
  char buf[8192];
  snprintf(buf, sizeof buf, "%s%s", head, page_body);
  return go("t.yaml", buf);
}

/* No text below the frame's floor: 22 px on a 16:9 slide, 24 px on a
 * phone (body at least 28), 7 pt on paper (A4 at 96 px per inch). */
static void test_min_size_per_frame(void) {
  static const struct {
    const char *head;
    double floor;
  } frames[] = {
      {"page: {size: '16:9', height: auto}\n", 22},
      {"page: {size: '16:9', height: auto}\ntheme: slide\n", 22},
      {"page: {size: phone}\n", 24},
      {"page: {size: A4, height: auto}\ntheme: print\n", 7 * 96 / 72.0},
      {"page: {size: A5, height: auto}\n", 7 * 96 / 72.0},
      {"page: {size: '16:9', height: auto}\ntheme: {base: slide, fontSize: 12}\n", 22}, /* scaled down: floored */
  };
  for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++) {
    run r = page(frames[i].head);
    CHECK(r.sc != NULL);
    if (!r.sc) fprintf(stderr, "  %s: %s\n", frames[i].head, r.first_error);
    const char *role = NULL;
    double m = min_text_size(r.sc, &role);
    if (!(m >= frames[i].floor - 1e-6))
      fprintf(stderr, "  frame %zu: %s at %.2f px, under %.2f\n", i, role ? role : "?", m, frames[i].floor);
    CHECK(m >= frames[i].floor - 1e-6);
    CHECK(count(r.sc, "axis.y.label") > 0);
    CHECK(count(r.sc, "legend.label") == 2);
    run_free(&r);
  }
  /* phone: body text 28 px or more */
  run r = page("page: {size: phone}\n");
  CHECK(size_of(r.sc, "text", 0) >= 28);
  CHECK(size_of(r.sc, "kpi.label", 0) >= 28);
  run_free(&r);
  /* a report figure keeps huitu's figure look: chart labels 13 px */
  r = page("");
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 13, 1e-9);
  CHECK_NEAR(size_of(r.sc, "legend.label", 0), 13, 1e-9);
  run_free(&r);
}

/* A chart in a page takes the page's label size; its own config, axis
 * and mark properties win. */
static void test_chart_follows_page(void) {
  static const char *chart =
      "blocks:\n"
      "  - chart:\n"
      "      %s\n"
      "      data: {values: [{a: 甲, b: 3}, {a: 乙, b: 5}]}\n"
      "      encoding: {x: {field: a, type: nominal}, y: {field: b, type: quantitative}}\n"
      "      layer:\n"
      "        - mark: bar\n"
      "        - mark: {type: text, baseline: bottom%s}\n"
      "          encoding: {text: {field: b, type: quantitative}}\n";
  char buf[2048], spec[2200];
  snprintf(buf, sizeof buf, chart, "title: 标题", "");
  snprintf(spec, sizeof spec, "page: {size: '16:9'}\n%s", buf);
  run r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 24, 1e-9); /* the slide's label size */
  CHECK_NEAR(size_of(r.sc, "axis.x.label", 0), 24, 1e-9);
  CHECK_NEAR(size_of(r.sc, "axis.y.title", 0), 24, 1e-9);
  CHECK_NEAR(size_of(r.sc, "mark.text", 0), 24, 1e-9);
  CHECK_NEAR(size_of(r.sc, "chart.title", 0), 32, 1e-9); /* the slide's heading */
  run_free(&r);
  /* config.axis and a mark's fontSize win over the page */
  snprintf(buf, sizeof buf, chart, "config: {axis: {labelFontSize: 30}, axisX: {labelFontSize: 26}}", ", fontSize: 40");
  snprintf(spec, sizeof spec, "page: {size: '16:9'}\n%s", buf);
  r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 30, 1e-9);
  CHECK_NEAR(size_of(r.sc, "axis.x.label", 0), 26, 1e-9);
  CHECK_NEAR(size_of(r.sc, "mark.text", 0), 40, 1e-9);
  CHECK_NEAR(size_of(r.sc, "axis.y.title", 0), 24, 1e-9); /* not overridden: the page's */
  run_free(&r);
  /* theme.fontSize scales the charts too: report 13 px labels x 27/18 */
  snprintf(buf, sizeof buf, chart, "title: 标题", "");
  snprintf(spec, sizeof spec, "theme: {fontSize: 27}\n%s", buf);
  r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 13 * 27 / 18.0, 1e-9);
  CHECK_NEAR(size_of(r.sc, "mark.text", 0), 13 * 27 / 18.0, 1e-9);
  run_free(&r);
  /* the default label limit grows with the labels: a nine-character
   * category is not cut at 24 px; ticks spread out with them */
  r = go("t.yaml", "page: {size: '16:9'}\nblocks:\n  - chart:\n"
                   "      data: {values: [{a: 区域性养老服务中心, b: 27}, {a: 助餐点, b: 1637}]}\n"
                   "      mark: bar\n"
                   "      encoding: {y: {field: a, type: nominal}, x: {field: b, type: quantitative}}\n");
  CHECK(r.sc != NULL);
  CHECK(has_label(r.sc, "axis.y.label", "区域性养老服务中心"));
  for (int i = 0; i < count(r.sc, "axis.y.label"); i++) CHECK(!nth(r.sc, "axis.y.label", i)->text->ellipsized);
  /* Vega-Lite's 40 px a tick, times the slide's label scale (2x) */
  for (int i = 1; i < count(r.sc, "axis.x.label"); i++) {
    const sc_item *a = nth(r.sc, "axis.x.label", i - 1), *b = nth(r.sc, "axis.x.label", i);
    CHECK(b->x + b->w / 2 - (a->x + a->w / 2) >= 80);
  }
  run_free(&r);
  /* a chart inside a group follows the page too */
  r = go("t.yaml", "page: {size: '16:9'}\nblocks:\n  - group:\n      items:\n        - kpi: {value: 995}\n"
                   "        - chart:\n"
                   "            data: {values: [{a: 甲, b: 3}, {a: 乙, b: 5}]}\n"
                   "            mark: bar\n"
                   "            encoding: {x: {field: a, type: nominal}, y: {field: b, type: quantitative}}\n");
  CHECK(r.sc != NULL);
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 24, 1e-9);
  run_free(&r);
  /* a standalone Vega-Lite file keeps its own defaults */
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": \"x\", \"b\": 3}]}, \"mark\": \"bar\",\n"
                      " \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}\n");
  CHECK(r.sc != NULL);
  CHECK_NEAR(size_of(r.sc, "axis.y.label", 0), 13, 1e-9);
  const sc_item *bar = nth(r.sc, "mark.bar", 0);
  CHECK(bar != NULL);
  if (REQUIRED(bar)) CHECK(bar->style.fill == 0x4c78a8ffu);
  run_free(&r);
}

/* The theme's colours: the accent colours a single series; a dark slide's
 * chart text is light; config.mark's colour still wins. */
static void test_chart_colours(void) {
  static const char *chart =
      "blocks:\n"
      "  - chart:\n"
      "      %s\n"
      "      data: {values: [{a: 甲, b: 3}, {a: 乙, b: 5}]}\n"
      "      mark: bar\n"
      "      encoding: {x: {field: a, type: nominal}, y: {field: b, type: quantitative}}\n";
  char spec[2048], cfg[256];
  snprintf(cfg, sizeof cfg, "%s", "description: x");
  char body[1024];
  snprintf(body, sizeof body, chart, cfg);
  snprintf(spec, sizeof spec, "theme: {accent: '#2a6f4e'}\n%s", body);
  run r = go("t.yaml", spec);
  const sc_item *bar = nth(r.sc, "mark.bar", 0);
  CHECK(bar != NULL);
  if (REQUIRED(bar)) CHECK(bar->style.fill == 0x2a6f4effu);
  run_free(&r);
  snprintf(body, sizeof body, chart, "config: {mark: {color: '#336699'}}");
  snprintf(spec, sizeof spec, "theme: {accent: '#2a6f4e'}\n%s", body);
  r = go("t.yaml", spec);
  bar = nth(r.sc, "mark.bar", 0);
  CHECK(bar != NULL);
  if (REQUIRED(bar)) CHECK(bar->style.fill == 0x336699ffu);
  run_free(&r);
  snprintf(body, sizeof body, chart, cfg);
  snprintf(spec, sizeof spec, "page: {size: '16:9'}\ntheme: {base: slide, dark: true}\n%s", body);
  r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  CHECK(text_color(r.sc, "axis.y.label", 0) == 0xa3adb9ffu); /* the dark theme's muted */
  bar = nth(r.sc, "mark.bar", 0);
  if (REQUIRED(bar)) CHECK(bar->style.fill == 0xf0645affu); /* its accent */
  run_free(&r);
}

/* theme: print: greys of distinct lightness, outlined bars, hollow and
 * filled points for two series (the legend alike). */
static void test_print_theme(void) {
  run r = page("page: {size: A4, height: auto}\ntheme: print\n");
  CHECK(r.sc != NULL);
  int nbars = count(r.sc, "mark.bar");
  CHECK(nbars == 4);
  uint32_t seen[4] = {0};
  int nseen = 0;
  for (int i = 0; i < nbars; i++) {
    const sc_item *b = nth(r.sc, "mark.bar", i);
    CHECK(is_grey(b->style.fill));
    CHECK(b->style.stroke == 0x000000ffu && b->style.stroke_width > 0); /* outlined in ink */
    int dup = 0;
    for (int k = 0; k < nseen; k++) dup |= seen[k] == b->style.fill;
    if (!dup && nseen < 4) seen[nseen++] = b->style.fill;
  }
  CHECK(nseen == 2);
  if (REQUIRED(nseen == 2)) CHECK(abs((int)(seen[0] >> 24) - (int)(seen[1] >> 24)) >= 0x60); /* far apart in lightness */
  for (int i = 0; i < count(r.sc, "mark.text"); i++) { /* data labels read on paper: none in a pale grey */
    uint32_t tc = text_color(r.sc, "mark.text", i);
    CHECK(is_grey(tc) && (tc >> 24) <= 0x40);
  }
  for (int i = 0; i < count(r.sc, "axis.y.label"); i++) CHECK(is_grey(text_color(r.sc, "axis.y.label", i)));
  run_free(&r);

  /* before/after points: the first series hollow, the second filled */
  r = go("t.yaml", "page: {size: A4}\ntheme: print\nblocks:\n"
                   "  - chart:\n"
                   "      data:\n"
                   "        values:\n"
                   "          - {类别: 集中养育, 年份: '2012', 标准: 1400}\n"
                   "          - {类别: 集中养育, 年份: '2019', 标准: 2510}\n"
                   "      mark: point\n"
                   "      encoding:\n"
                   "        y: {field: 类别, type: nominal}\n"
                   "        x: {field: 标准, type: quantitative}\n"
                   "        color: {field: 年份, type: nominal}\n");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.point") == 2);
  const sc_item *p0 = nth(r.sc, "mark.point", 0), *p1 = nth(r.sc, "mark.point", 1);
  const sc_item *l0 = nth(r.sc, "legend.symbol", 0), *l1 = nth(r.sc, "legend.symbol", 1);
  CHECK(p0 && p1 && l0 && l1);
  if (p0 && p1 && l0 && l1) {
    CHECK(p0->style.stroke == 0x000000ffu && p0->style.fill == 0xffffffffu); /* 2012: a hollow ink ring */
    CHECK((p1->style.fill & 0xff) && is_grey(p1->style.fill) && p1->style.fill != 0xffffffffu); /* 2019: filled */
    CHECK(l0->style.fill == p0->style.fill && l0->style.stroke == p0->style.stroke);
    CHECK(l1->style.fill == p1->style.fill);
  }
  run_free(&r);

  /* two lines: one solid, one dashed (so is the legend) */
  r = go("t.yaml", "page: {size: A4}\ntheme: print\nblocks:\n"
                   "  - chart:\n"
                   "      data:\n"
                   "        values:\n"
                   "          - {年份: '2012', 类别: 集中养育, 标准: 1400}\n"
                   "          - {年份: '2012', 类别: 分散供养, 标准: 850}\n"
                   "          - {年份: '2019', 类别: 集中养育, 标准: 2510}\n"
                   "          - {年份: '2019', 类别: 分散供养, 标准: 2070}\n"
                   "      mark: line\n"
                   "      encoding:\n"
                   "        x: {field: 年份, type: ordinal}\n"
                   "        y: {field: 标准, type: quantitative}\n"
                   "        color: {field: 类别, type: nominal}\n");
  CHECK(r.sc != NULL);
  CHECK(count(r.sc, "mark.line") == 2);
  const sc_item *a = nth(r.sc, "mark.line", 0), *b = nth(r.sc, "mark.line", 1);
  const sc_item *la = nth(r.sc, "legend.symbol", 0), *lb = nth(r.sc, "legend.symbol", 1);
  CHECK(a && b && la && lb);
  if (REQUIRED(a && b)) CHECK((a->style.ndash == 0) != (b->style.ndash == 0));
  if (REQUIRED(la && lb)) CHECK(la->style.ndash == 0 && lb->style.ndash == 2);
  run_free(&r);

  /* the chart's own colours win over print's greys */
  r = go("t.yaml", "page: {size: A4}\ntheme: print\nblocks:\n"
                   "  - chart:\n"
                   "      data: {values: [{a: 甲, b: 3}, {a: 乙, b: 5}]}\n"
                   "      mark: bar\n"
                   "      encoding:\n"
                   "        x: {field: a, type: nominal}\n"
                   "        y: {field: b, type: quantitative}\n"
                   "        color: {field: a, type: nominal, scale: {range: ['#c0392b', '#2980b9']}}\n");
  const sc_item *b0 = nth(r.sc, "mark.bar", 0), *b1 = nth(r.sc, "mark.bar", 1);
  CHECK(b0 && b1);
  if (REQUIRED(b0 && b1)) CHECK(b0->style.fill == 0xc0392bffu || b1->style.fill == 0xc0392bffu);
  if (REQUIRED(b0 && b1)) CHECK(b0->style.fill == 0x2980b9ffu || b1->style.fill == 0x2980b9ffu);
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_min_size_per_frame();
  test_chart_follows_page();
  test_chart_colours();
  test_print_theme();
  text_engine_free(TE);
  return testing_done("test_frames_type");
}
