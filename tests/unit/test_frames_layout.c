/* Pages composed for their frame (issue 14): fixed pages fill themselves,
 * rows of key numbers share one size and baseline, progress bars of one
 * max share one px scale, tables size their columns from their content.
 * Scene-level: real specs through the real pipeline and bundled fonts. */
#include "scene_test.h"

/* The tallest horizontal band of the page between the top and bottom
 * margins that no item touches. */
static double largest_empty_band(const scene *s, double margin) {
  int n = s->n;
  double *y0 = calloc((size_t)n + 1, sizeof *y0), *y1 = calloc((size_t)n + 1, sizeof *y1);
  int k = 0;
  for (int i = 0; i < n; i++) {
    const sc_item *it = &s->items[i];
    if (it->h <= 0 && it->kind != SC_TEXT) continue;
    y0[k] = it->y;
    y1[k] = it->y + it->h;
    k++;
  }
  /* sort by start (insertion sort: scenes here are small) */
  for (int i = 1; i < k; i++)
    for (int j = i; j > 0 && y0[j] < y0[j - 1]; j--) {
      double t = y0[j]; y0[j] = y0[j - 1]; y0[j - 1] = t;
      t = y1[j]; y1[j] = y1[j - 1]; y1[j - 1] = t;
    }
  double reach = margin, best = 0;
  for (int i = 0; i < k; i++) {
    if (y0[i] > reach && y0[i] - reach > best) best = y0[i] - reach;
    if (y1[i] > reach) reach = y1[i];
  }
  if (s->height - margin - reach > best) best = s->height - margin - reach;
  free(y0);
  free(y1);
  return best;
}

static double bottom_of(const scene *s, const char *prefix) {
  double b = 0;
  for (int i = 0; i < s->n; i++)
    if (s->items[i].role && !strncmp(s->items[i].role, prefix, strlen(prefix)) &&
        s->items[i].y + s->items[i].h > b)
      b = s->items[i].y + s->items[i].h;
  return b;
}

static double baseline(const sc_item *t) { return t->y + t->text->ascent; }

#define FIVE_LONG_LABELS                                                                                  \
  "  - chart:\n"                                                                                          \
  "      mark: bar\n"                                                                                     \
  "      data:\n"                                                                                         \
  "        values:\n"                                                                                     \
  "          - {k: 日间照料中心（个）, v: 1558}\n"                                                         \
  "          - {k: 助餐点（个）, v: 1637}\n"                                                               \
  "          - {k: 养老机构（家）, v: 213}\n"                                                              \
  "          - {k: 区域性养老服务中心（家）, v: 27}\n"                                                     \
  "          - {k: 护理院（家）, v: 56}\n"                                                                 \
  "      encoding:\n"                                                                                     \
  "        x: {field: k, type: nominal, title: null, sort: null}\n"                                       \
  "        y: {field: v, type: quantitative, title: 数量}\n"

/* The repro: a 900x500 page with a bar chart of five long labels
 * used to fail ("needs 652px of height"); the plot now shrinks to fit. */
static void test_fixed_900x500_fits(void) {
  run r = go("t.yaml", "page: {width: 900, height: 500, margin: 32}\n"
                       "title: 苏州市养老服务设施\n"
                       "blocks:\n" FIVE_LONG_LABELS);
  CHECK_STR(r.first_error, "");
  CHECK(r.sc != NULL);
  if (r.sc) {
    CHECK_NEAR(r.sc->height, 500, 0);
    CHECK(bottom_of(r.sc, "") <= 500 - 32 + 0.5);
    CHECK(largest_empty_band(r.sc, 32) < 64);
  }
  run_free(&r);
  /* a chart that sets its own height does not shrink: the error says so */
  r = go("t.yaml", "page: {width: 900, height: 300, margin: 32}\n"
                   "blocks:\n" FIVE_LONG_LABELS "      height: 600\n");
  CHECK(r.sc == NULL);
  CHECK(strstr(r.first_error, "block 1 (chart) does not fit") != NULL);
  CHECK(strstr(r.first_error, "height: 600") != NULL);
  run_free(&r);
}

/* A chart with no height takes the rest of the page: on a slide, on A4
 * (where ~35 mm stayed empty), on an explicit fixed size. */
static void test_chart_fills_frame(void) {
  static const char *pages[] = {
      "page: {size: \"16:9\"}\ntheme: slide\n",
      "page: {size: A4, margin: 56}\ntheme: print\n",
      "page: {width: 1000, height: 800}\n",
  };
  for (size_t p = 0; p < sizeof pages / sizeof *pages; p++) {
    char spec[2048];
    snprintf(spec, sizeof spec,
             "%stitle: 苏州市养老床位\nsource: 来源：苏州日报 2019年9月11日\nlayout: {columns: 2}\nblocks:\n"
             "  - kpi: {value: 85055, unit: 张, label: 养老床位}\n"
             "  - kpi: {value: 121, unit: \"%%\", label: 增幅}\n"
             "  - chart:\n"
             "      mark: bar\n"
             "      data: {values: [{y: 2012年, v: 38487}, {y: 2019年, v: 85055}]}\n"
             "      encoding:\n"
             "        x: {field: y, type: ordinal, title: null}\n"
             "        y: {field: v, type: quantitative, title: 张}\n"
             "    span: 2\n"
             "  - table: {columns: [指标, 数量], rows: [[养老机构（家）, 213], [护理院（家）, 56]]}\n"
             "    span: 2\n",
             pages[p]);
    run r = go("t.yaml", spec);
    CHECK_STR(r.first_error, "");
    if (!r.sc) continue;
    /* nothing but the fixed header and footer gaps stays empty */
    double band = largest_empty_band(r.sc, 48);
    if (band >= 64) fprintf(stderr, "page %zu: empty band %.0fpx\n", p, band);
    CHECK(band < 64);
    /* the table ends where the footer's gap begins: the chart took the rest */
    const sc_item *src = nth(r.sc, "source", 0);
    CHECK(src != NULL);
    if (REQUIRED(src)) CHECK_NEAR(bottom_of(r.sc, "table."), src->y - 28, 1.5);
    run_free(&r);
  }
}

/* layout.align: content that cannot grow sits centred on a slide, at the
 * top elsewhere, spread when asked. */
static void test_align(void) {
  const char *body = "blocks:\n  - kpi: {value: 995, unit: 元/月, label: 低保标准}\n"
                     "  - kpi: {value: 125.3, unit: 亿元, label: 社会救助资金}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, "page: {size: \"16:9\", margin: 60}\ntheme: slide\n%s", body);
  run r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  if (r.sc) {
    const sc_item *a = nth(r.sc, "kpi.value", 0), *b = nth(r.sc, "kpi.label", 1);
    CHECK(a && b);
    if (REQUIRED(a && b)) CHECK_NEAR(a->y - 60, 1080 - 60 - bottom_of(r.sc, "kpi."), 1.5); /* centred */
  }
  run_free(&r);
  snprintf(spec, sizeof spec, "page: {size: A4, margin: 60}\nlayout: {align: top}\n%s", body);
  r = go("t.yaml", spec);
  if (REQUIRED(r.sc)) CHECK_NEAR(nth(r.sc, "kpi.value", 0)->y, 60, 0.5);
  run_free(&r);
  /* other fixed pages spread by default: the largest gap is a third of the spare, not all of it */
  snprintf(spec, sizeof spec, "page: {size: A4, margin: 60}\n%s", body);
  r = go("t.yaml", spec);
  if (REQUIRED(r.sc)) CHECK(largest_empty_band(r.sc, 60) < (1123 - 120) / 2.0);
  run_free(&r);
  snprintf(spec, sizeof spec, "page: {width: 800, height: 900, margin: 50}\nlayout: {align: spread, padding: 40}\n%s", body);
  r = go("t.yaml", spec);
  CHECK(r.sc != NULL);
  if (r.sc) {
    const sc_item *k1 = nth(r.sc, "kpi.value", 0), *k2 = nth(r.sc, "kpi.value", 1);
    /* padding replaces the margin; two rows spaced evenly */
    double gap1 = k1->y - 40, gap3 = 900 - 40 - bottom_of(r.sc, "kpi.");
    CHECK_NEAR(gap1, gap3, 1.5);
    CHECK(k2->y > k1->y + 200);
  }
  run_free(&r);
}

/* Key numbers of one row: one size and one baseline; a secondary one is
 * smaller on the same baseline; size: sets it outright. */
static void test_row_numbers(void) {
  run r = go("t.yaml", "page: {size: \"16:9\"}\ntheme: slide\nlayout: {columns: 4}\nblocks:\n"
                       "  - kpi: {value: 995, unit: 元/月, label: 低保标准}\n"
                       "  - kpi: {value: 125.3, unit: 亿元, label: 社会救助资金, emphasis: secondary}\n"
                       "  - progress: {value: 72.4, label: 护理型床位占比}\n"
                       "  - pictogram: {value: 27, icon: building, unit: 家, label: 区域性养老服务中心}\n"
                       "  - kpi: {value: 80, unit: 万名, label: 困难群体, size: 40}\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *k1 = nth(r.sc, "kpi.value", 0), *k2 = nth(r.sc, "kpi.value", 1), *pv = nth(r.sc, "progress.value", 0),
                  *pg = nth(r.sc, "pictogram.value", 0), *k3 = nth(r.sc, "kpi.value", 2);
    CHECK(k1 && k2 && pv && pg && k3);
    if (k1 && k2 && pv && pg) {
      CHECK_NEAR(baseline(k1), baseline(pv), 0.5);
      CHECK_NEAR(baseline(k1), baseline(pg), 0.5);
      CHECK_NEAR(baseline(k1), baseline(k2), 0.5);
      CHECK_NEAR(k1->text->ascent, pv->text->ascent, 0.01); /* one size */
      CHECK_NEAR(k1->text->ascent, pg->text->ascent, 0.01);
      CHECK_NEAR(k2->text->ascent / k1->text->ascent, 0.6, 0.02);
    }
    if (REQUIRED(k1 && k3)) CHECK(k3->text->ascent < k1->text->ascent * 0.6); /* 40 px outright */
    /* the unit attaches: no word space between the number and % */
    const sc_item *pu = nth(r.sc, "progress.unit", 0);
    if (REQUIRED(pv && pu)) CHECK(pu->x - (pv->x + pv->w) < 0.08 * pv->h);
  }
  run_free(&r);
}

/* A secondary number alone in its row is still 0.6 of the number size. */
static void test_secondary_alone(void) {
  run r = go("t.yaml", "page: {width: 1200}\nlayout: {columns: 2}\nblocks:\n"
                       "  - kpi: {value: 995, unit: 元/月, label: 低保标准}\n"
                       "    span: 2\n"
                       "  - kpi: {value: 125.3, unit: 亿元, label: 社会救助资金, emphasis: secondary}\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *a = nth(r.sc, "kpi.value", 0), *b = nth(r.sc, "kpi.value", 1);
    if (REQUIRED(a && b)) CHECK_NEAR(b->text->ascent / a->text->ascent, 0.6, 0.02);
  }
  run_free(&r);
}

/* Progress bars of one max share one px scale, across rows and spans. */
static void test_progress_scale(void) {
  run r = go("t.yaml", "page: {width: 1200}\nlayout: {columns: 3}\nblocks:\n"
                       "  - progress: {value: 97.1, label: 甲}\n"
                       "  - progress: {value: 53.7, label: 乙}\n"
                       "    span: 2\n"
                       "  - group:\n"
                       "      blocks:\n"
                       "        - progress: {value: 72.4, label: 丙}\n"
                       "        - progress: {value: 3, max: 10, label: 丁}\n"
                       "    span: 3\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *f1 = nth(r.sc, "progress.fill", 0), *f2 = nth(r.sc, "progress.fill", 1),
                  *f3 = nth(r.sc, "progress.fill", 2), *t2 = nth(r.sc, "progress.track", 1),
                  *t1 = nth(r.sc, "progress.track", 0);
    CHECK(f1 && f2 && f3 && t1 && t2);
    if (f1 && f2 && f3) {
      CHECK_NEAR(f1->w / 97.1, f2->w / 53.7, 1e-6);
      CHECK_NEAR(f1->w / 97.1, f3->w / 72.4, 1e-6);
      CHECK(f2->w < f1->w); /* 53.7% is no longer drawn longer than 97.1% */
    }
    if (REQUIRED(t1 && t2)) CHECK_NEAR(t1->w, t2->w, 1e-6); /* the two-column block's track is not stretched */
  }
  run_free(&r);
}

/* Rings of one row are one size (the narrowest cell decides), and
 * overflow: shrink shrinks them with the text. */
static void test_rings(void) {
  run r = go("t.yaml", "page: {width: 600, margin: 20}\nlayout: {columns: 3, gap: 16}\nblocks:\n"
                       "  - progress: {value: 72.4, style: ring, label: 护理型床位占比}\n"
                       "  - progress: {value: 63, style: ring, label: 社会力量举办床位占比}\n"
                       "    span: 2\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *a = nth(r.sc, "progress.track", 0), *b = nth(r.sc, "progress.track", 1);
    CHECK(a && b);
    if (REQUIRED(a && b)) CHECK_NEAR(a->w, b->w, 0.5);
  }
  run_free(&r);
}

/* Compare bars of one unit: one px scale across the row (995 is drawn
 * shorter than 2070, not as long as it). */
static void test_compare_scale(void) {
  run r = go("t.yaml", "page: {width: 1200}\nlayout: {columns: 2}\nblocks:\n"
                       "  - compare: {label: 低保标准, unit: 元/月, from: {value: 500, label: 2012年}, to: {value: 995, label: 2019年}}\n"
                       "  - compare: {label: 孤儿分散供养标准, unit: 元/月, from: {value: 850, label: 2012年}, to: {value: 2070, label: 2019年}}\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *a = nth(r.sc, "compare.to", 0), *b = nth(r.sc, "compare.to", 1), *f = nth(r.sc, "compare.from", 1);
    CHECK(a && b && f);
    if (a && b && f) {
      CHECK_NEAR(a->w / 995, b->w / 2070, 1e-6);
      CHECK_NEAR(f->w / 850, b->w / 2070, 1e-6);
    }
  }
  run_free(&r);
}

/* One number style per page, the axes' own: en groups thousands from
 * 10000 in key numbers, compare values and tables as its axes do; zh
 * keeps numbers as written (its axes use none below 10^5). */
static void test_number_style(void) {
  const char *body = "blocks:\n"
                     "  - kpi: {value: 85055, unit: beds, label: beds in 2019}\n"
                     "  - table: {columns: [item, count], rows: [[beds, 38487], [homes, 213]]}\n"
                     "  - chart:\n"
                     "      mark: bar\n"
                     "      data: {values: [{y: '2012', v: 38487}, {y: '2019', v: 85055}]}\n"
                     "      encoding:\n"
                     "        x: {field: y, type: ordinal}\n"
                     "        y: {field: v, type: quantitative}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, "page: {lang: en}\n%s", body);
  run r = go("t.yaml", spec);
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    CHECK(has_label(r.sc, "kpi.value", "85,055"));
    CHECK(has_label(r.sc, "table.cell", "38,487"));
    CHECK(has_label(r.sc, "table.cell", "213"));
  }
  run_free(&r);
  snprintf(spec, sizeof spec, "page: {lang: zh-CN}\n%s", body);
  r = go("t.yaml", spec);
  if (r.sc) {
    CHECK(has_label(r.sc, "kpi.value", "85055"));
    CHECK(has_label(r.sc, "table.cell", "38487"));
  }
  run_free(&r);
}

/* Tables: widths from content, numbers on their decimal point, merged
 * runs; groups take blocks:. */
static void test_table(void) {
  run r = go("t.yaml", "page: {width: 900}\nblocks:\n"
                       "  - table:\n"
                       "      columns: [{title: 类别, merge: true}, 指标, 数量, {title: 单位, nowrap: true}]\n"
                       "      rows:\n"
                       "        - [社会组织, 注册登记社会组织, 0.96, 万个]\n"
                       "        - [社会组织, 各类社会组织培育基地, 221, 个]\n"
                       "        - [志愿服务, 注册志愿者, 141.7, 万人]\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    CHECK(has_label(r.sc, "table.cell", "社会组织"));
    /* cells: 3 rows x 4 columns, the merged repeat left out */
    CHECK(count(r.sc, "table.cell") == 11);
    const sc_item *a = NULL, *b = NULL, *c = NULL;
    for (int k = 0; k < count(r.sc, "table.cell"); k++) {
      const char *s = label(r.sc, "table.cell", k);
      if (s && !strcmp(s, "0.96")) a = nth(r.sc, "table.cell", k);
      if (s && !strcmp(s, "221")) b = nth(r.sc, "table.cell", k);
      if (s && !strcmp(s, "141.7")) c = nth(r.sc, "table.cell", k);
    }
    CHECK(a && b && c);
    if (a && b && c) {
      /* the integer parts end at one x: 221 ends left of 0.96 by ".96" */
      CHECK(b->x + b->w < a->x + a->w - 10);
      double d = a->x + a->w - (c->x + c->w); /* ".96" vs ".7": one digit's width apart, points aligned */
      CHECK(d > 3 && d < 14);
    }
  }
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - group: {blocks: [{text: 甲}], items: [{text: 乙}]}\n");
  CHECK(strstr(r.first_error, "either 'blocks' or 'items'") != NULL);
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - group: {direction: row, blocks: [{text: 甲}, {text: 乙}]}\n");
  CHECK_STR(r.first_error, "");
  CHECK(r.sc && count(r.sc, "text") == 2);
  run_free(&r);
}

/* A vertical text block on a fixed page runs its columns the full height. */
static void test_vertical_fills(void) {
  run r = go("t.yaml", "page: {width: 800, height: 700, margin: 40}\nblocks:\n"
                       "  - text: 全市低保标准由2012年每人每月500元提高至995元，年均增幅9.01%；累计投入社会救助各类资金125.3亿元，惠及近80万名困难群体。\n"
                       "    writing: vertical\n");
  CHECK_STR(r.first_error, "");
  if (r.sc) {
    const sc_item *t = nth(r.sc, "text", 0);
    CHECK(t != NULL);
    if (REQUIRED(t)) CHECK(t->h > 700 - 80 - 40);
  }
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_fixed_900x500_fits();
  test_chart_fills_frame();
  test_align();
  test_row_numbers();
  test_secondary_alone();
  test_progress_scale();
  test_compare_scale();
  test_rings();
  test_number_style();
  test_table();
  test_vertical_fills();
  return testing_done("test_frames_layout");
}
