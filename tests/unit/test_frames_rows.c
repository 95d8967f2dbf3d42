/* Pages composed for their frame (issue 14), the rows and numbers part:
 * key numbers of a row on one baseline whatever sits above them (a
 * compare block's label, a block title, padding), a compare block's number
 * at its row's size, rings that follow their row's numbers, one number
 * style per page (万/亿 in Chinese, units attached), tables centring merged
 * cells and lining numbers up on their points in any alignment, text
 * sizes from the type scale, vertical text running the frame's height.
 * Scene-level: specs through the real pipeline and the bundled fonts. */
#include "scene_test.h"

static double baseline(const sc_item *t) { return t->y + t->text->ascent; }

/* The size of the first glyph run of a text item (0: none). */
static double size_of(const sc_item *it) {
  if (!it || !it->text || !it->text->nruns || !it->text->runs[0].font) return 0;
  return text_font_size(it->text->runs[0].font);
}

/* The item of role whose text is s. */
static const sc_item *find(const scene *s, const char *role, const char *text) {
  int n = count(s, role);
  for (int i = 0; i < n; i++)
    if (label(s, role, i) && !strcmp(label(s, role, i), text)) return nth(s, role, i);
  return NULL;
}

/* A compare block (its label above the numbers), a kpi under a block
 * title, a progress bar on a panel with padding: one baseline, one size,
 * on a slide and on a report page. */
static void test_mixed_row_baseline(void) {
  static const char *heads[] = {"page: {size: \"16:9\"}\ntheme: slide\n", "page: {width: 1200}\n"};
  for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
    char spec[2048];
    snprintf(spec, sizeof spec,
             "%slayout: {columns: 3}\nblocks:\n"
             "  - compare: {label: 低保标准（每人每月）, unit: 元, from: {value: 500, label: 2012年}, "
             "to: {value: 995, label: 2019年}, style: arrow, show: [change]}\n"
             "  - kpi: {value: 125.3, unit: 亿元, label: 累计投入社会救助资金}\n"
             "    title: 社会救助\n"
             "  - progress: {value: 72.4, label: 护理型床位占比}\n"
             "    background: \"#f4f6f8\"\n"
             "    padding: 28\n",
             heads[h]);
    run r = go("t.yaml", spec);
    CHECK_STR(r.first_error, "");
    if (REQUIRED(r.sc)) {
      const sc_item *cv = nth(r.sc, "compare.to.value", 0), *kv = nth(r.sc, "kpi.value", 0),
                    *pv = nth(r.sc, "progress.value", 0), *cu = nth(r.sc, "compare.unit", 0),
                    *ku = nth(r.sc, "kpi.unit", 0);
      if (REQUIRED(cv && kv && pv && cu && ku)) {
        CHECK_NEAR(baseline(cv), baseline(kv), 0.5);
        CHECK_NEAR(baseline(kv), baseline(pv), 0.5);
        CHECK_NEAR(size_of(cv), size_of(kv), 0.01); /* the compare's number joins the row's size */
        CHECK_NEAR(size_of(pv), size_of(kv), 0.01);
        CHECK_NEAR(baseline(cu), baseline(cv), 0.5); /* its unit attached as a kpi's */
        CHECK_NEAR(size_of(cu) / size_of(cv), size_of(ku) / size_of(kv), 0.01);
        CHECK(cu->x - (cv->x + cv->w) < 0.08 * size_of(cv));
      }
    }
    run_free(&r);
  }
}

/* A kpi with its icon on top lowers its number; the row's other numbers
 * come down to the same baseline (beside a left icon and a plain kpi). */
static void test_top_icon_row(void) {
  run r = go("t.yaml", "page: {width: 1200}\nlayout: {columns: 3}\nblocks:\n"
                       "  - kpi: {icon: law, iconPosition: top, value: 262, unit: 件, label: 市县两级出台民政法规政策}\n"
                       "  - kpi: {icon: meal, iconDisc: true, value: 1637, unit: 个, label: 累计建成助餐点}\n"
                       "  - kpi: {value: 83, unit: 个, label: 困境儿童“关爱之家”}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc && count(r.sc, "kpi.value") == 3)) {
    const sc_item *a = nth(r.sc, "kpi.value", 0), *b = nth(r.sc, "kpi.value", 1), *c = nth(r.sc, "kpi.value", 2);
    const sc_item *icon = nth(r.sc, "kpi.icon", 0);
    CHECK_NEAR(baseline(a), baseline(b), 0.5);
    CHECK_NEAR(baseline(a), baseline(c), 0.5);
    if (REQUIRED(icon)) CHECK(icon->y + icon->h <= a->y + a->h); /* the icon stays above its number */
  }
  run_free(&r);
}

/* A direction: row group: a titled kpi beside a plain one and a compare
 * block with its label above the numbers, all on one baseline. */
static void test_row_group_baseline(void) {
  run r = go("t.yaml", "page: {width: 1200}\nblocks:\n"
                       "  - group:\n      direction: row\n      blocks:\n"
                       "        - kpi: {value: 213, unit: 家, label: 养老机构}\n"
                       "          title: 养老服务\n"
                       "        - kpi: {value: 1558, unit: 个, label: 日间照料中心}\n"
                       "        - compare: {label: 低保标准, from: {value: 500}, to: {value: 995}, unit: 元, style: arrow}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc && count(r.sc, "kpi.value") == 2)) {
    const sc_item *a = nth(r.sc, "kpi.value", 0), *b = nth(r.sc, "kpi.value", 1), *c = nth(r.sc, "compare.to.value", 0);
    if (REQUIRED(c)) {
      CHECK_NEAR(baseline(a), baseline(b), 0.5);
      CHECK_NEAR(baseline(a), baseline(c), 0.5);
    }
  }
  run_free(&r);
}

/* The compare's number has a say in its row's size: in a narrow cell its
 * arrow line fits at a smaller size, and the kpi beside it takes that. */
static void test_compare_sets_row_size(void) {
  run r = go("t.yaml", "page: {width: 900}\nlayout: {columns: 3}\nblocks:\n"
                       "  - compare: {from: {value: 38487}, to: {value: 85055}, unit: 张, style: arrow}\n"
                       "  - kpi: {value: 213, unit: 家, label: 养老机构}\n"
                       "  - kpi: {value: 27, unit: 家, label: 区域性养老服务中心}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) {
    const sc_item *cv = nth(r.sc, "compare.to.value", 0), *kv = nth(r.sc, "kpi.value", 0);
    if (REQUIRED(cv && kv)) {
      CHECK(size_of(cv) < 57.6 - 1); /* below the report's number size: it had to fit */
      CHECK_NEAR(size_of(kv), size_of(cv), 0.01);
      CHECK_NEAR(baseline(kv), baseline(cv), 0.5);
    }
  }
  run_free(&r);
}

/* Rings follow their row's numbers: a kpi that only fits at a smaller size
 * makes the ring beside it smaller; overflow: shrink shrinks it too. */
static void test_rings_follow_numbers(void) {
  const char *wide = "page: {width: 800}\nlayout: {columns: 2}\nblocks:\n"
                     "  - progress: {value: 72.4, style: ring, label: 护理型床位占比}\n"
                     "  - kpi: {value: 995, unit: 元/月, label: 低保标准}\n";
  const char *narrow = "page: {width: 800}\nlayout: {columns: 2}\nblocks:\n"
                       "  - progress: {value: 72.4, style: ring, label: 护理型床位占比}\n"
                       "  - kpi: {value: 1234567.89, unit: 元/月, label: 一个很长的数}\n";
  run a = go("t.yaml", wide), b = go("t.yaml", narrow);
  CHECK_STR(a.first_error, "");
  CHECK_STR(b.first_error, "");
  if (REQUIRED(a.sc && b.sc)) {
    const sc_item *ra = nth(a.sc, "progress.track", 0), *rb = nth(b.sc, "progress.track", 0);
    const sc_item *ka = nth(a.sc, "kpi.value", 0), *kb = nth(b.sc, "kpi.value", 0);
    if (REQUIRED(ra && rb && ka && kb)) {
      CHECK(size_of(kb) < size_of(ka) - 1);
      /* the diameter in proportion to the row's number size */
      CHECK_NEAR(rb->w / ra->w, size_of(kb) / size_of(ka), 0.02);
    }
    /* the ring's number sits on its row's baseline */
    const sc_item *va = nth(a.sc, "progress.value", 0);
    if (REQUIRED(va && ka)) CHECK_NEAR(baseline(va), baseline(ka), 0.5);
  }
  run_free(&a);
  run_free(&b);
  /* a fixed page too short for its content: overflow: shrink shrinks the ring with the text */
  const char *body = "layout: {columns: 2}\nblocks:\n"
                     "  - progress: {value: 72.4, style: ring, label: 护理型床位占比}\n"
                     "  - progress: {value: 63, style: ring, label: 社会力量举办床位占比}\n"
                     "  - text: 全市建成养老机构213家、日间照料中心1558个，从无到有建成区域性养老服务中心27家。\n"
                     "    span: 2\n";
  char spec[1024];
  snprintf(spec, sizeof spec, "page: {width: 800, margin: 40}\n%s", body);
  a = go("t.yaml", spec);
  snprintf(spec, sizeof spec, "page: {width: 800, height: 330, margin: 40, overflow: shrink}\n%s", body);
  b = go("t.yaml", spec);
  CHECK_STR(b.first_error, "");
  if (REQUIRED(a.sc && b.sc)) {
    const sc_item *ra = nth(a.sc, "progress.track", 0), *rb = nth(b.sc, "progress.track", 0);
    if (REQUIRED(ra && rb)) CHECK(rb->w < ra->w * 0.9);
    CHECK(b.sc->height == 330);
  }
  run_free(&a);
  run_free(&b);
}

/* One number style per page: in Chinese a number of 10^5 or more counts
 * in 万/亿 as the axes do (its 万 goes with the unit of a key number), an
 * asked-for format stays, units attach without a space, generated Chinese
 * has no space before a number. */
static void test_number_style_zh(void) {
  run r = go("t.yaml", "page: {width: 1200, lang: zh-CN}\nlayout: {columns: 3}\nblocks:\n"
                       "  - kpi: {value: 141700, unit: 人, label: 注册志愿者}\n"
                       "  - kpi: {value: 12530000000, unit: 元, label: 社会救助资金}\n"
                       "  - kpi: {value: 141700, format: d, unit: 人, label: 注册志愿者}\n"
                       "  - kpi: {value: 85055, unit: 张, label: 养老床位}\n"
                       "  - compare: {label: 养老床位, unit: 张, from: {value: 38487, label: 2012年}, "
                       "to: {value: 850550, label: 2019年}}\n"
                       "  - pictogram: {value: 27, icon: building, unit: 家, label: 区域性养老服务中心}\n"
                       "  - table: {columns: [指标, 数量], rows: [[注册志愿者, 141700], [养老床位, 85055]]}\n"
                       "    span: 3\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) {
    CHECK_STR(label(r.sc, "kpi.value", 0), "14.17");
    CHECK_STR(label(r.sc, "kpi.unit", 0), "万人");
    CHECK_STR(label(r.sc, "kpi.value", 1), "125.3");
    CHECK_STR(label(r.sc, "kpi.unit", 1), "亿元");
    CHECK_STR(label(r.sc, "kpi.value", 2), "141700"); /* format: asked for */
    CHECK_STR(label(r.sc, "kpi.unit", 2), "人");
    CHECK_STR(label(r.sc, "kpi.value", 3), "85055"); /* under 10^5: as written */
    CHECK(find(r.sc, "compare.from.value", "38487张") != NULL);
    CHECK(find(r.sc, "compare.to.value", "85.055万张") != NULL);
    CHECK(find(r.sc, "table.cell", "14.17万") != NULL);
    CHECK(find(r.sc, "table.cell", "85055") != NULL);
    CHECK(find(r.sc, "pictogram.key", "每个图标代表1家") != NULL);
  }
  run_free(&r);
  r = go("t.yaml", "page: {width: 1200, lang: en}\nblocks:\n"
                   "  - compare: {label: beds, unit: beds, from: {value: 38487, label: '2012'}, "
                   "to: {value: 85055, label: '2019'}}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) CHECK(find(r.sc, "compare.to.value", "85,055 beds") != NULL); /* a word keeps its space */
  run_free(&r);
}

/* Tables: a merged run's cell is centred on the rows it spans; numbers
 * line up on their points in a centred column too. */
static void test_table_merge_and_points(void) {
  run r = go("t.yaml", "page: {width: 900}\nblocks:\n"
                       "  - table:\n"
                       "      columns: [{title: 类别, merge: true}, 指标, {title: 数量, align: center, width: 240}]\n"
                       "      rows:\n"
                       "        - [社会组织, 注册登记社会组织（万个）, 0.96]\n"
                       "        - [社会组织, 各类社会组织培育基地（个）, 221]\n"
                       "        - [社会组织, 持证社会工作人才（人）, 13450]\n"
                       "        - [志愿服务, 注册志愿者（万人）, 141.7]\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) {
    const sc_item *m = find(r.sc, "table.cell", "社会组织"), *first = find(r.sc, "table.cell", "注册登记社会组织（万个）"),
                  *last = find(r.sc, "table.cell", "持证社会工作人才（人）");
    if (REQUIRED(m && first && last)) {
      double run_top = first->y - 8, run_bottom = last->y + last->h + 8; /* CELL_PY around the rows' text */
      CHECK_NEAR(m->y + m->h / 2, (run_top + run_bottom) / 2, 1.0);
    }
    const sc_item *a = find(r.sc, "table.cell", "0.96"), *b = find(r.sc, "table.cell", "221"),
                  *c = find(r.sc, "table.cell", "141.7"), *d = find(r.sc, "table.cell", "13450");
    if (REQUIRED(a && b && c && d)) {
      /* the integers end at one x (221 and 13450 have no point) */
      double end_int = b->x + b->w;
      CHECK_NEAR(d->x + d->w, end_int, 0.5);
      /* ".96" and ".7" start there: the fractional parts hang right of it */
      CHECK(a->x + a->w > end_int + 5);
      CHECK(c->x + c->w > end_int + 3);
      CHECK(a->x + a->w - (c->x + c->w) > 3); /* ".96" one digit longer than ".7" */
      /* centred as a block in the 240 px column, not flush right */
      double block_mid = (d->x + a->x + a->w) / 2; /* 13450's start to .96's end */
      CHECK_NEAR(block_mid, 900 - 48 - 240 / 2.0, 1.0);
    }
  }
  run_free(&r);
}

/* Text sizes of compare, table and progress come from the type scale by
 * name: on a slide cells and labels are body (28), headings of a table
 * and dumbbell values the note/label sizes (24), a compare's statistics a
 * secondary key number (0.6 of 88). */
static void test_named_sizes(void) {
  run r = go("t.yaml", "page: {size: \"16:9\", height: auto}\ntheme: slide\nlayout: {columns: 2}\nblocks:\n"
                       "  - compare: {label: 低保标准, unit: 元/月, from: {value: 500, label: 2012年}, "
                       "to: {value: 995, label: 2019年}}\n"
                       "  - progress: {value: 72.4, label: 护理型床位占比, note: 2019年}\n"
                       "  - compare:\n"
                       "      label: 孤儿基本生活保障标准\n"
                       "      items:\n"
                       "        - {label: 集中养育, from: {value: 1400, label: 2012年}, to: {value: 2510, label: 2019年}}\n"
                       "        - {label: 分散供养, from: 850, to: 2070}\n"
                       "  - table: {columns: [指标, 数量], rows: [[养老机构, 213], [护理院, 56]]}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) {
    CHECK_NEAR(size_of(nth(r.sc, "table.cell", 0)), 28, 1e-6);
    CHECK_NEAR(size_of(nth(r.sc, "table.head", 0)), 24, 1e-6);
    CHECK_NEAR(size_of(nth(r.sc, "progress.label", 0)), 28, 1e-6);
    CHECK_NEAR(size_of(nth(r.sc, "progress.note", 0)), 24, 1e-6);
    CHECK_NEAR(size_of(nth(r.sc, "compare.label", 0)), 28, 1e-6);
    CHECK_NEAR(size_of(nth(r.sc, "compare.stat", 0)), 88 * 0.6, 0.01);
    CHECK_NEAR(size_of(find(r.sc, "compare.to.value", "995元/月")), 28, 1e-6);
    CHECK_NEAR(size_of(find(r.sc, "compare.from.value", "1400")), 24, 1e-6); /* dumbbell values: label size */
    CHECK_NEAR(size_of(find(r.sc, "compare.stat", "+143.5%")), 28, 1e-6);   /* a dumbbell's change: body */
  }
  run_free(&r);
}

/* Vertical text on a fixed page runs its columns the full height of its
 * row, beside a key number and under a title of its own. */
static void test_vertical_full_height(void) {
  run r = go("t.yaml", "page: {width: 1000, height: 700, margin: 40}\ntitle: 竖排\nlayout: {columns: 2}\nblocks:\n"
                       "  - text: 全市低保标准由2012年每人每月500元提高至995元，年均增幅9.01%；"
                       "累计投入社会救助各类资金125.3亿元，惠及近80万名困难群体。\n"
                       "    writing: vertical\n"
                       "    title: 低保\n"
                       "  - kpi: {value: 995, unit: 元/月, label: 低保标准}\n");
  CHECK_STR(r.first_error, "");
  if (REQUIRED(r.sc)) {
    const sc_item *t = nth(r.sc, "text", 0), *title = nth(r.sc, "title", 0);
    if (REQUIRED(t && title)) {
      double room = 700 - 40 - (title->y + title->h + 32); /* the row: from the header gap to the margin */
      /* within two ems (18 px): a column ends early where 9.01% may not break */
      CHECK(t->h > room - 2 * 18);
      CHECK(t->y + t->h <= 700 - 40 + 0.5);
    }
  }
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_mixed_row_baseline();
  test_compare_sets_row_size();
  test_top_icon_row();
  test_row_group_baseline();
  test_rings_follow_numbers();
  test_number_style_zh();
  test_table_merge_and_points();
  test_named_sizes();
  test_vertical_full_height();
  return testing_done("test_frames_rows");
}
