/* The list blocks and waffles (issue 16), checked on the scene: a ranking
 * is sorted, its bars share one scale and each value starts just past its
 * bar's end; its labels move over the bars when the widest would take
 * more than a third of a narrow block; a timeline's markers sit on its
 * line, evenly across or stacked down, with their texts clear of each
 * other; steps number their markers 1, 2, 3 in the middle; a waffle fills
 * exactly value/max of 100 cells (a pictogram's value/per), the last cut
 * at its fraction; misspelt item keys and an unknown highlight are located
 * errors with a suggestion. */
#include "scene_test.h"

#define PAGE "page: {width: 1200}\nblocks:\n"

static void test_ranking(void) {
  run r = go("t.yaml", PAGE "  - ranking:\n      unit: 亿元\n      items:\n"
                            "        - {label: 福彩公益金, value: 31.03}\n"
                            "        - {label: 财政资金投入民政领域, value: 205.2}\n"
                            "        - {label: 社会救助资金, value: 125.3}\n"
                            "        - {label: 残疾人两项补贴, value: 10.28}\n");
  if (!REQUIRED(r.sc != NULL)) return;
  if (!REQUIRED(count(r.sc, "ranking.bar") == 4 && count(r.sc, "ranking.value") == 4)) return;
  const char *order[] = {"财政资金投入民政领域", "社会救助资金", "福彩公益金", "残疾人两项补贴"};
  const double vals[] = {205.2, 125.3, 31.03, 10.28};
  const sc_item *top = nth(r.sc, "ranking.bar", 0);
  for (int i = 0; i < 4; i++) {
    const sc_item *bar = nth(r.sc, "ranking.bar", i), *v = nth(r.sc, "ranking.value", i);
    CHECK_STR(label(r.sc, "ranking.label", i), order[i]);
    /* one scale: lengths in proportion to the values */
    CHECK_NEAR(bar->w / top->w, vals[i] / vals[0], 1e-9);
    /* the value at the bar's end: just past it, on its line */
    CHECK(v->x > bar->x + bar->w && v->x < bar->x + bar->w + 12);
    CHECK_NEAR(v->y + v->h / 2, bar->y + bar->h / 2, 0.5);
    /* bars start at one x; rows go down */
    CHECK_NEAR(bar->x, top->x, 1e-9);
    if (i) CHECK(bar->y > nth(r.sc, "ranking.bar", i - 1)->y + nth(r.sc, "ranking.bar", i - 1)->h);
  }
  CHECK_STR(label(r.sc, "ranking.value", 0), "205.2");
  /* the alt text (SVG <desc>) reads the ranking in its order */
  CHECK(r.sc->desc && strstr(r.sc->desc, "财政资金投入民政领域：205.2亿元，社会救助资金：125.3亿元，福彩公益金"));
  CHECK_STR(label(r.sc, "ranking.rank", 3), "4");
  /* the top three ranks in the accent, the rest muted */
  CHECK(nth(r.sc, "ranking.rank", 2)->text->runs[0].color == 0xc0392bffu);
  CHECK(nth(r.sc, "ranking.rank", 3)->text->runs[0].color != 0xc0392bffu);
  /* the widest value text still ends inside the block */
  const sc_item *v0 = nth(r.sc, "ranking.unit", 0);
  CHECK(v0->x + v0->w <= 1200 - 48 + 0.5);
  run_free(&r);

  /* narrow: labels over their bars; highlight: the others muted; ascending; not numbered */
  r = go("t.yaml", "page: {width: 360, margin: 20}\nblocks:\n  - ranking:\n      sort: ascending\n      numbered: false\n"
                   "      highlight: 社会救助资金\n      items:\n"
                   "        - {label: 财政资金累计投入民政领域, value: 205.2}\n"
                   "        - {label: 社会救助资金, value: 125.3}\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "ranking.bar") == 2)) return;
  CHECK(count(r.sc, "ranking.rank") == 0);
  CHECK_STR(label(r.sc, "ranking.label", 0), "社会救助资金");
  const sc_item *l0 = nth(r.sc, "ranking.label", 0), *b0 = nth(r.sc, "ranking.bar", 0);
  CHECK(l0->y + l0->h <= b0->y + 0.01);
  CHECK_NEAR(l0->x, b0->x, 1e-9);
  CHECK(b0->style.fill == 0xc0392bffu);
  CHECK(nth(r.sc, "ranking.bar", 1)->style.fill != 0xc0392bffu);
  run_free(&r);

  r = go("t.yaml", PAGE "  - ranking: {items: [{lable: a, value: 1}]}\n");
  CHECK_STR(r.first_error, "t.yaml:3:24: error: unknown key 'lable' in ranking item (did you mean 'label'?)");
  run_free(&r);
  r = go("t.yaml", PAGE "  - ranking: {highlight: 社会救助, items: [{label: 社会救助资金, value: 1}, {label: 福彩, value: 2}]}\n");
  CHECK_STR(r.first_error,
            "t.yaml:3:26: error: highlight '社会救助' is not the label of any item (did you mean '社会救助资金'?)");
  run_free(&r);
  r = go("t.yaml", PAGE "  - ranking: {items: []}\n");
  CHECK_STR(r.first_error, "t.yaml:3:22: error: 'items' must be a non-empty list of {label, value}, found a list");
  run_free(&r);
}

static const char *TIMELINE = "  - %s:\n      direction: %s\n      items:\n"
                              "        - {label: 2012年, title: 低保标准每人每月500元}\n"
                              "        - {label: 2017年11月, title: 吴中区列为全国殡葬综合改革试点地区}\n"
                              "        - {label: 2019年5月, title: 张家港市列为全国社会救助综合改革试点, text: 最多跑一次}\n";

static run timeline(const char *kind, const char *dir, const char *page) {
  char spec[2048];
  snprintf(spec, sizeof spec, "%s", page);
  snprintf(spec + strlen(spec), sizeof spec - strlen(spec), TIMELINE, kind, dir);
  return go("t.yaml", spec);
}

/* alternate: the first item's texts over the line, the second's under it,
 * the third's over again; none of one side overlapping */
static void test_timeline_alternate(void) {
  run r = timeline("timeline", "horizontal\n      alternate: true", PAGE);
  if (!REQUIRED(r.sc != NULL && count(r.sc, "timeline.marker") == 3)) return;
  for (int i = 0; i < 3; i++) {
    const sc_item *m = nth(r.sc, "timeline.marker", i), *l = nth(r.sc, "timeline.label", i);
    const sc_item *t = nth(r.sc, "timeline.title", i);
    if (i % 2 == 0) CHECK(t->y + t->h < m->cy - m->rx && l->y < t->y); /* over: date, title, then the marker */
    else CHECK(l->y > m->cy + m->rx);
    CHECK_NEAR(l->x, m->cx - m->rx, 1e-9);
  }
  check_no_overlap(r.sc, "timeline.title", "timeline alternating");
  run_free(&r);
}

static void test_timeline(void) {
  run r = timeline("timeline", "horizontal", PAGE);
  if (!REQUIRED(r.sc != NULL && count(r.sc, "timeline.marker") == 3 && count(r.sc, "timeline.line") == 1)) return;
  const sc_item *line = nth(r.sc, "timeline.line", 0);
  double pitch = nth(r.sc, "timeline.marker", 1)->cx - nth(r.sc, "timeline.marker", 0)->cx;
  CHECK(pitch > 100);
  for (int i = 0; i < 3; i++) {
    const sc_item *m = nth(r.sc, "timeline.marker", i), *l = nth(r.sc, "timeline.label", i);
    CHECK_NEAR(m->cy, line->y + line->h / 2, 1e-9); /* on the line */
    if (i) CHECK_NEAR(m->cx - nth(r.sc, "timeline.marker", i - 1)->cx, pitch, 1e-6);
    CHECK(l->y > m->cy + m->rx);  /* the date under its marker */
    CHECK_NEAR(l->x, m->cx - m->rx, 1e-9);
  }
  CHECK_NEAR(line->x, nth(r.sc, "timeline.marker", 0)->cx, 1e-9);
  CHECK_NEAR(line->x + line->w, nth(r.sc, "timeline.marker", 2)->cx, 1e-6);
  CHECK_STR(label(r.sc, "timeline.label", 1), "2017年11月");
  CHECK(r.sc->desc && strstr(r.sc->desc, "2012年：低保标准每人每月500元；2017年11月：吴中区"));
  check_no_overlap(r.sc, "timeline.title", "timeline across");
  run_free(&r);

  /* down: markers in one column on the line, each date's first line on its marker */
  r = timeline("timeline", "vertical", PAGE);
  if (!REQUIRED(r.sc != NULL && count(r.sc, "timeline.marker") == 3)) return;
  line = nth(r.sc, "timeline.line", 0);
  for (int i = 0; i < 3; i++) {
    const sc_item *m = nth(r.sc, "timeline.marker", i), *l = nth(r.sc, "timeline.label", i);
    CHECK_NEAR(m->cx, line->x + line->w / 2, 1e-9);
    CHECK(l->x > m->cx + m->rx);
    CHECK_NEAR(l->y + l->h / 2, m->cy, 1.0);
    if (i) CHECK(m->cy > nth(r.sc, "timeline.marker", i - 1)->cy);
  }
  CHECK_NEAR(line->y, nth(r.sc, "timeline.marker", 0)->cy, 1e-9);
  CHECK_NEAR(line->y + line->h, nth(r.sc, "timeline.marker", 2)->cy, 1e-6);
  check_no_overlap(r.sc, "timeline.title", "timeline down");
  run_free(&r);

  /* auto: across on a report page, down in a phone's narrow column */
  r = timeline("timeline", "auto", "page: {width: 390, margin: 20}\nblocks:\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "timeline.marker") == 3)) return;
  CHECK_NEAR(nth(r.sc, "timeline.marker", 0)->cx, nth(r.sc, "timeline.marker", 2)->cx, 1e-9);
  run_free(&r);

  /* steps: numbered discs */
  r = timeline("steps", "horizontal", PAGE);
  if (!REQUIRED(r.sc != NULL && count(r.sc, "steps.marker") == 3 && count(r.sc, "steps.number") == 3)) return;
  for (int i = 0; i < 3; i++) {
    const sc_item *m = nth(r.sc, "steps.marker", i), *n = nth(r.sc, "steps.number", i);
    char want[4];
    snprintf(want, sizeof want, "%d", i + 1);
    CHECK_STR(n->text->text, want);
    CHECK_NEAR(n->x + n->w / 2, m->cx, 0.5);
    CHECK_NEAR(n->y + n->h / 2, m->cy, 0.5);
    CHECK(m->rx > 15); /* a disc, not a dot */
  }
  run_free(&r);

  /* forced across a block too narrow for its discs: they shrink to their columns, never overlap */
  r = go("t.yaml", "page: {width: 300, margin: 10}\nblocks:\n  - steps: {direction: horizontal, items: [{title: a}, "
                   "{title: b}, {title: c}, {title: d}, {title: e}, {title: f}, {title: g}, {title: h}, {title: i}, "
                   "{title: j}, {title: k}, {title: l}]}\n");
  if (!REQUIRED(r.sc != NULL && count(r.sc, "steps.marker") == 12)) return;
  for (int i = 1; i < 12; i++) {
    const sc_item *a = nth(r.sc, "steps.marker", i - 1), *m = nth(r.sc, "steps.marker", i);
    CHECK(m->cx - m->rx >= a->cx + a->rx - 1e-9);
  }
  run_free(&r);

  r = go("t.yaml", PAGE "  - timeline: {items: [{year: 2012}]}\n");
  CHECK_STR(r.first_error, "t.yaml:3:25: error: unknown key 'year' in timeline item");
  run_free(&r);
  r = go("t.yaml", PAGE "  - steps: {items: [{titel: a}]}\n");
  CHECK_STR(r.first_error, "t.yaml:3:22: error: unknown key 'titel' in timeline item (did you mean 'title'?)");
  run_free(&r);
}

/* Cells of a waffle by role, and the cut one's share of a cell. */
static void check_waffle(const char *spec, int on, int off, double part, const char *what) {
  run r = go("t.yaml", spec);
  if (!REQUIRED(r.sc != NULL)) {
    fprintf(stderr, "%s: %s\n", what, r.first_error);
    return;
  }
  CHECK(count(r.sc, "waffle.on") == on);
  CHECK(count(r.sc, "waffle.off") == off);
  CHECK(count(r.sc, "waffle.part") == (part > 0));
  const sc_item *first = nth(r.sc, "waffle.on", 0), *cut = nth(r.sc, "waffle.part", 0);
  const sc_item *cell = first ? first : nth(r.sc, "waffle.off", 0);
  if (part > 0 && REQUIRED(cut != NULL && cell != NULL)) CHECK_NEAR(cut->w / cell->w, part, 1e-9);
  if (REQUIRED(cell)) CHECK_NEAR(cell->w, cell->h, 1e-9);
  /* ten a row, in reading order */
  if (count(r.sc, "waffle.on") > 10) {
    const sc_item *tenth = nth(r.sc, "waffle.on", 10);
    CHECK_NEAR(tenth->x, first->x, 1e-9);
    CHECK(tenth->y > first->y + first->h);
  }
  if (count(r.sc, "waffle.on") + count(r.sc, "waffle.off") == 0) fprintf(stderr, "%s: no cells\n", what);
  run_free(&r);
}

static void test_waffle(void) {
  check_waffle(PAGE "  - progress: {value: 72.4, style: waffle, label: 护理型床位占比}\n", 72, 28, 0.4, "72.4");
  check_waffle(PAGE "  - progress: {value: 100, style: waffle}\n", 100, 0, 0, "100");
  check_waffle(PAGE "  - progress: {value: 63, max: 200, style: waffle}\n", 31, 69, 0.5, "63 of 200");
  check_waffle(PAGE "  - pictogram: {value: 141.7, per: 10, style: waffle, unit: 万人}\n", 14, 86, 0.17, "141.7/10");
  check_waffle(PAGE "  - pictogram: {value: 20.1, total: 30, style: waffle}\n", 20, 10, 0.1, "20.1 of 30");
  run r = go("t.yaml", PAGE "  - pictogram: {value: 20.1, style: waffle, unit: '%'}\n");
  if (REQUIRED(r.sc != NULL)) CHECK_STR(label(r.sc, "pictogram.key", 0), "每格代表1%");
  run_free(&r);
  /* round cells: dots, the counts exact, the cut dot clipped at its fraction */
  r = go("t.yaml", PAGE "  - progress: {value: 72.4, style: waffle, cells: round}\n");
  if (REQUIRED(r.sc != NULL && count(r.sc, "waffle.on") == 72 && count(r.sc, "waffle.off") == 28)) {
    const sc_item *on = nth(r.sc, "waffle.on", 0), *cut = nth(r.sc, "waffle.part", 0);
    CHECK(on->kind == SC_PATH && on->shape == SC_SHAPE_CIRCLE);
    if (REQUIRED(cut != NULL && cut > r.sc->items)) {
      const sc_item *clip = cut - 1;
      CHECK(clip->kind == SC_CLIP_PUSH && cut[1].kind == SC_CLIP_POP);
      CHECK_NEAR(clip->w / (2 * on->rx), 0.4, 1e-9);
    }
  }
  run_free(&r);
  r = go("t.yaml", PAGE "  - progress: {value: 1, style: waffel}\n");
  CHECK_STR(r.first_error, "t.yaml:3:33: error: 'style' must be one of bar, ring, waffle; found the string 'waffel' (did you mean 'waffle'?)");
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_ranking();
  test_timeline();
  test_timeline_alternate();
  test_waffle();
  return testing_done("test_list_blocks");
}
