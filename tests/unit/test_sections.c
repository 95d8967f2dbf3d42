/* Sections (issue 16), checked on the scene: a band runs from the page's
 * left edge to its right edge and covers its group's box, on any frame;
 * badges are numbered 01, 02 ... in reading order (nested ones too, and
 * number: overrides one); the accent reaches the numbers, icons, bars and
 * a chart's single series inside, and an inner section's wins; the hero
 * is larger than the frame's number size and the others share one size;
 * a band narrower than the content, number: without a badge and a
 * vertical section are located errors. */
#include "scene_test.h"

/* A colour check that prints both in hex. */
#define CHECK_RGBA(a, b)                                                                                \
  do {                                                                                                  \
    unsigned ta_ = (unsigned)(a), tb_ = (unsigned)(b);                                                  \
    testing_checks++;                                                                                   \
    if (ta_ != tb_) {                                                                                   \
      testing_failures++;                                                                               \
      fprintf(stderr, "%s:%d: CHECK_RGBA failed: %s = %08x, expected %08x\n", __FILE__, __LINE__, #a, ta_, tb_); \
    }                                                                                                   \
  } while (0)
/* The colour a text item is drawn in (its first run's). */
static unsigned text_color(const sc_item *it) { return it && it->text && it->text->nruns ? it->text->runs[0].color : 0; }

static const char *PHONE =
    "page: {size: phone}\n"
    "title: T\n"
    "layout: {gap: 0}\n"
    "blocks:\n"
    "  - title: 社会救助\n"
    "    group:\n"
    "      band: true\n"
    "      badge: true\n"
    "      accent: '#1f77b4'\n"
    "      subtitle: 民生兜底保障得到新加强\n"
    "      blocks:\n"
    "        - kpi: {value: 995, unit: 元/月, label: 低保标准, icon: yuan}\n"
    "        - progress: {value: 72.4, label: 护理型床位占比}\n"
    "  - title: 养老服务\n"
    "    group:\n"
    "      band: true\n"
    "      badge: true\n"
    "      blocks:\n"
    "        - kpi: {value: 213, unit: 家, label: 养老机构}\n";

static void test_band_extents(void) {
  const char *frames[] = {"phone", "16:9", "A4"};
  for (int f = 0; f < 3; f++) {
    char spec[2048];
    snprintf(spec, sizeof spec,
             "page: {size: '%s', height: auto}\nlayout: {columns: 2, gap: 10}\nblocks:\n"
             "  - group: {band: true, blocks: [{kpi: {value: 1}}]}\n    span: 2\n"
             "  - kpi: {value: 2}\n  - kpi: {value: 3}\n",
             frames[f]);
    run r = go("t.yaml", spec);
    if (!REQUIRED(r.sc != NULL)) return;
    const sc_item *band = nth(r.sc, "section.band", 0);
    if (!REQUIRED(band != NULL)) return;
    CHECK_NEAR(band->x, 0, 1e-9);
    CHECK_NEAR(band->w, r.sc->width, 1e-9);
    /* the band covers its group: the number inside, above the next row */
    const sc_item *v1 = nth(r.sc, "kpi.value", 0), *v2 = nth(r.sc, "kpi.value", 1);
    if (!REQUIRED(v1 != NULL && v2 != NULL)) return;
    CHECK(v1->y > band->y && v1->y + v1->h < band->y + band->h);
    CHECK(v2->y >= band->y + band->h);
    /* drawn first: under everything of its section */
    int bi = (int)(band - r.sc->items), vi = (int)(v1 - r.sc->items);
    CHECK(bi < vi);
    run_free(&r);
  }
}

static void test_band_too_narrow(void) {
  run r = go("t.yaml", "layout: {columns: 2}\nblocks:\n  - group: {band: true, blocks: [{kpi: {value: 1}}]}\n"
                       "  - kpi: {value: 2}\n");
  CHECK_STR(r.first_error, "t.yaml:3:19: error: a band runs to the page's edges, so its group must be as wide as the "
                           "page's content: give it span: 2 (the layout's columns) and keep it out of row groups");
  run_free(&r);
}

static void test_badges(void) {
  run r = go("t.yaml", PHONE);
  if (!REQUIRED(r.sc != NULL)) return;
  if (!REQUIRED(count(r.sc, "section.badge") == 2)) return;
  CHECK_STR(label(r.sc, "section.number", 0), "01");
  CHECK_STR(label(r.sc, "section.number", 1), "02");
  /* the badge sits left of its title, which is centred on it */
  const sc_item *b = nth(r.sc, "section.badge", 0), *t = nth(r.sc, "section.title", 0);
  if (!REQUIRED(b != NULL && t != NULL)) return;
  CHECK(t->x > b->x + b->w);
  CHECK_NEAR(t->y + t->h / 2, b->y + b->h / 2, 1.0);
  /* the subtitle under the title, at its x */
  const sc_item *s = nth(r.sc, "section.subtitle", 0);
  if (!REQUIRED(s != NULL)) return;
  CHECK_NEAR(s->x, t->x, 1e-9);
  CHECK(s->y >= t->y + t->h);
  run_free(&r);

  /* nested and explicit numbers: reading order, depth first; number: sets one */
  r = go("t.yaml", "blocks:\n"
                   "  - group: {badge: true, blocks: [{group: {badge: true, blocks: [{kpi: {value: 1}}]}, title: b}]}\n"
                   "    title: a\n"
                   "  - group: {badge: true, number: 7, blocks: [{kpi: {value: 2}}]}\n    title: c\n"
                   "  - group: {badge: true, blocks: [{kpi: {value: 3}}]}\n    title: d\n");
  if (!REQUIRED(r.sc != NULL)) return;
  CHECK_STR(label(r.sc, "section.number", 0), "01");
  CHECK_STR(label(r.sc, "section.number", 1), "02");
  CHECK_STR(label(r.sc, "section.number", 2), "07");
  CHECK_STR(label(r.sc, "section.number", 3), "04");
  run_free(&r);

  r = go("t.yaml", "blocks:\n  - group: {number: 3, blocks: [{kpi: {value: 1}}]}\n");
  CHECK_STR(r.first_error, "t.yaml:2:21: error: 'number' is the badge's number: add badge: true");
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - group: {band: true, blocks: [{kpi: {value: 1}}]}\n    writing: vertical\n");
  CHECK_STR(r.first_error, "t.yaml:3:14: error: a section (band, badge or subtitle) is set horizontally: writing: "
                           "vertical is for its text blocks, not the group");
  run_free(&r);
  r = go("t.yaml", "blocks:\n  - group: {bage: true, blocks: [{kpi: {value: 1}}]}\n");
  CHECK_STR(r.first_error, "t.yaml:2:13: error: unknown key 'bage' in group block (did you mean 'badge'?)");
  run_free(&r);
}

static void test_accent(void) {
  run r = go("t.yaml", PHONE);
  if (!REQUIRED(r.sc != NULL)) return;
  const sc_item *badge = nth(r.sc, "section.badge", 0), *icon = nth(r.sc, "kpi.icon", 0);
  const sc_item *fill = nth(r.sc, "progress.fill", 0), *v = nth(r.sc, "kpi.value", 0);
  if (!REQUIRED(badge && icon && fill && v && v->text && v->text->nruns > 0)) return;
  CHECK_RGBA((badge->style.fill), 0x1f77b4ffu);
  CHECK_RGBA((icon->style.fill), 0x1f77b4ffu);
  CHECK_RGBA((fill->style.fill), 0x1f77b4ffu);
  CHECK_RGBA(text_color(v), 0x1f77b4ffu);
  /* the band: a light tint of the accent; the second section: the theme's */
  const sc_item *band = nth(r.sc, "section.band", 0), *band2 = nth(r.sc, "section.band", 1);
  if (!REQUIRED(band && band2)) return;
  CHECK((band->style.fill >> 8 & 0xff) > (band->style.fill >> 24 & 0xff)); /* bluish */
  CHECK((band->style.fill >> 24 & 0xff) > 0xe0);                           /* and light */
  if (!REQUIRED(nth(r.sc, "section.badge", 1) != NULL)) return;
  CHECK_RGBA(nth(r.sc, "section.badge", 1) ? nth(r.sc, "section.badge", 1)->style.fill : 0, 0xc0392bffu);
  CHECK_RGBA(text_color(nth(r.sc, "kpi.value", 1)), 0xc0392bffu);
  run_free(&r);

  /* an inner section's accent wins; a colour given on a block wins over both; a chart's single series */
  r = go("t.yaml", "blocks:\n"
                   "  - group:\n      accent: '#112233'\n      blocks:\n"
                   "        - group: {accent: '#445566', blocks: [{kpi: {value: 1}}]}\n"
                   "        - kpi: {value: 2, color: '#778899'}\n"
                   "        - ranking: {items: [{label: a, value: 2}, {label: b, value: 1}]}\n"
                   "        - chart: {mark: bar, data: {values: [{a: x, b: 1}]},\n"
                   "                  encoding: {x: {field: a, type: nominal}, y: {field: b, type: quantitative}}}\n");
  if (!REQUIRED(r.sc != NULL)) return;
  CHECK_RGBA(text_color(nth(r.sc, "kpi.value", 0)), 0x445566ffu);
  CHECK_RGBA(text_color(nth(r.sc, "kpi.value", 1)), 0x778899ffu);
  if (!REQUIRED(nth(r.sc, "ranking.bar", 0) != NULL)) return;
  CHECK_RGBA(nth(r.sc, "ranking.bar", 0) ? nth(r.sc, "ranking.bar", 0)->style.fill : 0, 0x112233ffu);
  const sc_item *bar = NULL;
  for (int i = 0; i < r.sc->n && !bar; i++)
    if (r.sc->items[i].role && strstr(r.sc->items[i].role, "bar") && !strstr(r.sc->items[i].role, "ranking"))
      bar = &r.sc->items[i];
  if (!REQUIRED(bar != NULL)) return;
  CHECK_RGBA((bar->style.fill), 0x112233ffu);
  run_free(&r);
}

static void test_hero(void) {
  run r = go("t.yaml", "page: {size: phone}\nblocks:\n"
                       "  - group:\n      hero: true\n      direction: column\n      blocks:\n"
                       "        - kpi: {value: 995, unit: 元/月, label: 低保标准}\n"
                       "        - group: {blocks: [{kpi: {value: 125.3, unit: 亿元}}, {kpi: {value: 17.1, unit: 万户次}},"
                       " {kpi: {value: 3434, unit: 件}}]}\n"
                       "        - kpi: {value: 83, unit: 个}\n");
  if (!REQUIRED(r.sc != NULL)) return;
  if (!REQUIRED(count(r.sc, "kpi.value") == 5)) return;
  double hero = nth(r.sc, "kpi.value", 0)->text->height, rest = nth(r.sc, "kpi.value", 1)->text->height;
  /* the phone's number size is 96 px: the hero is set larger, up to 1.5x */
  const text_box *h0 = nth(r.sc, "kpi.value", 0)->text;
  CHECK(h0->nruns > 0);
  CHECK(hero > rest * 1.3);
  /* the others share one size: the row of three and the lone number */
  for (int i = 2; i < 5; i++) CHECK_NEAR(nth(r.sc, "kpi.value", i)->text->height, rest, 0.01);
  run_free(&r);

  /* without hero: one shared size, as before */
  r = go("t.yaml", "page: {size: phone}\nblocks:\n"
                   "  - group:\n      direction: column\n      blocks:\n"
                   "        - kpi: {value: 995, unit: 元/月}\n"
                   "        - group: {blocks: [{kpi: {value: 125.3, unit: 亿元}}, {kpi: {value: 17.1, unit: 万户次}},"
                   " {kpi: {value: 3434, unit: 件}}]}\n");
  if (!REQUIRED(r.sc != NULL)) return;
  CHECK_NEAR(nth(r.sc, "kpi.value", 0)->text->height, nth(r.sc, "kpi.value", 1)->text->height, 0.01);
  run_free(&r);
}

/* masthead: a field from the top edge across the page, the kicker, title
 * and subtitle on it in order; a band right under it touches it. */
static void test_masthead(void) {
  char spec[2048];
  snprintf(spec, sizeof spec, "masthead: {kicker: 苏州民政 · 2012—2019, background: '#8f2418'}\nsubtitle: S\n%s", PHONE);
  run r = go("t.yaml", spec);
  if (!REQUIRED(r.sc != NULL)) return;
  const sc_item *f = nth(r.sc, "masthead.field", 0), *k = nth(r.sc, "masthead.kicker", 0);
  const sc_item *t = nth(r.sc, "title", 0), *s = nth(r.sc, "subtitle", 0), *band = nth(r.sc, "section.band", 0);
  if (!REQUIRED(f && k && t && s && band)) return;
  CHECK(f->x == 0 && f->y == 0 && f->w == r.sc->width);
  CHECK(f->style.fill == 0x8f2418ffu);
  CHECK(k->y + k->h <= t->y && t->y + t->h <= s->y && s->y + s->h < f->h);
  CHECK(text_color(t) == 0xffffffffu && text_color(s) != 0xffffffffu); /* the subtitle softer */
  CHECK_NEAR(band->y, f->h, 1e-9);
  run_free(&r);
  /* without a band first: the header gap under the field */
  r = go("t.yaml", "page: {size: phone}\ntitle: T\nmasthead: {}\nblocks:\n  - kpi: {value: 1}\n");
  if (!REQUIRED(r.sc != NULL && nth(r.sc, "masthead.field", 0) && nth(r.sc, "kpi.value", 0))) return;
  CHECK(nth(r.sc, "masthead.field", 0)->style.fill == 0xc0392bffu); /* the theme's accent */
  CHECK(nth(r.sc, "kpi.value", 0)->y > nth(r.sc, "masthead.field", 0)->h + 20);
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_band_extents();
  test_band_too_narrow();
  test_badges();
  test_accent();
  test_hero();
  test_masthead();
  return testing_done("test_sections");
}
