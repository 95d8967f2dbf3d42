/* layout/page: positions and sizes of laid-out text and blocks, on the scene. */
#include <math.h>
#include <stdlib.h>

#include "layout/layout.h"
#include "testing.h"

static text_engine *te;

static scene *lay(arena *a, const char *text, diag_list *d) {
  spec_doc *doc = arena_alloc(a, sizeof *doc);
  doc->arena = a;
  doc->path = "t.yaml";
  doc->root = spec_parse(a, "t.yaml", text, strlen(text), d);
  if (!doc->root) return NULL;
  doc_model *m = doc_build(doc, d);
  if (!m || d->errors) return NULL;
  return layout_document(m, te, a, d);
}

static const sc_item *find(const scene *s, const char *role, int nth) {
  for (int i = 0; i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role) && nth-- == 0) return &s->items[i];
  return NULL;
}

static int count(const scene *s, const char *role) {
  int n = 0;
  for (int i = 0; i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role)) n++;
  return n;
}

int main(void) {
  char err[512];
  te = text_engine_new(NULL, err, sizeof err);
  if (!te) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  arena *a = arena_new();
  diag_list d = {0};

  scene *s = lay(a,
                 "page: {width: 1200, margin: 48}\n"
                 "title: 苏州市低保标准\n"
                 "subtitle: 城乡统筹、标准并轨、同城同标\n"
                 "source: 来源:苏州日报,2019年9月11日\n"
                 "layout: {columns: 3, gap: 24}\n"
                 "blocks:\n"
                 "  - text: 全市低保标准由2012年每人每月500元提高至995元,年均增幅9.01%。\n"
                 "    span: 3\n"
                 "  - kpi: {value: 995, unit: 元/月, label: 2019年低保标准}\n"
                 "  - kpi: {value: 9.01, unit: \"%\", label: 年均增幅}\n"
                 "  - kpi: {value: 125.3, unit: 亿元, label: 累计投入社会救助资金}\n",
                 &d);
  CHECK(s != NULL && d.errors == 0);
  if (!s) return testing_done("test_page_layout");
  const sc_item *title = find(s, "title", 0), *sub = find(s, "subtitle", 0), *src = find(s, "source", 0);
  CHECK(title && title->x == 48 && title->y == 48);
  CHECK(sub && sub->x == 48 && sub->y >= title->y + title->h); /* below the title, no overlap */
  CHECK(title->text->nlines == 1 && title->h > 40 && title->h < 80);
  /* Grid: three columns of (1104 - 2*24) / 3 = 352 px. */
  CHECK(count(s, "kpi.value") == 3);
  const sc_item *v0 = find(s, "kpi.value", 0), *v1 = find(s, "kpi.value", 1), *v2 = find(s, "kpi.value", 2);
  CHECK_NEAR(v0->x, 48, 1e-9);
  CHECK_NEAR(v1->x, 48 + 352 + 24, 1e-9);
  CHECK_NEAR(v2->x, 48 + 2 * (352 + 24), 1e-9);
  CHECK(v0->y == v1->y && v1->y == v2->y); /* one row */
  /* Units sit on their number's baseline, just after it. */
  for (int i = 0; i < 3; i++) {
    const sc_item *v = find(s, "kpi.value", i), *u = find(s, "kpi.unit", i);
    CHECK(u && fabs((u->y + u->text->ascent) - (v->y + v->text->ascent)) < 0.01);
    CHECK(u->x >= v->x + v->w && u->x + u->w <= v->x + 352);
  }
  /* The spanning paragraph sits above the row and within the content width. */
  const sc_item *para = find(s, "text", 0);
  CHECK(para && para->x == 48 && para->w <= 1104 + 0.01 && para->y + para->h <= v0->y);
  /* The page grows to fit: source at the bottom margin. */
  CHECK(src && fabs(src->y + src->h - (s->height - 48)) < 1.0);
  CHECK(s->width == 1200);

  /* Wrapping: a narrow column wraps the paragraph onto several lines, each within the width. */
  s = lay(a, "page: {width: 300, margin: 20}\nblocks:\n  - text: 全市低保标准由2012年每人每月500元提高至995元,年均增幅9.01%。累计投入社会救助各类资金125.3亿元。\n", &d);
  CHECK(s && d.errors == 0);
  para = find(s, "text", 0);
  CHECK(para && para->text->nlines >= 3);
  for (int i = 0; para && i < para->text->nlines; i++) CHECK(para->text->lines[i].width <= 260 + 0.01);

  /* maxLines cuts with an ellipsis. */
  s = lay(a, "page: {width: 300, margin: 20}\nblocks:\n  - text: {content: \"全市低保标准由2012年每人每月500元提高至995元,年均增幅9.01%。累计投入社会救助各类资金125.3亿元。\", maxLines: 2}\n", &d);
  para = s ? find(s, "text", 0) : NULL;
  CHECK(para && para->text->nlines == 2 && para->text->ellipsized);

  diag_clear(&d);
  /* Spans and gaps: a span-2 block is two columns plus one gap wide. */
  s = lay(a, "page: {width: 1000, margin: 50}\nlayout: {columns: 4, gap: 20}\nblocks:\n  - text: 甲\n    span: 2\n    background: \"#eeeeee\"\n  - text: 乙\n    background: \"#eeeeee\"\n", &d);
  const sc_item *p0 = s ? find(s, "block.panel", 0) : NULL, *p1 = s ? find(s, "block.panel", 1) : NULL;
  CHECK(p0 && p1);
  if (p0 && p1) {
    CHECK_NEAR(p0->w, 2 * 210 + 20, 1e-9); /* (900 - 60) / 4 = 210 */
    CHECK_NEAR(p1->x, p0->x + p0->w + 20, 1e-9);
    CHECK(p0->h == p1->h); /* a row's panels share its height */
  }

  /* Overflow on a fixed page names the block. */
  diag_clear(&d);
  s = lay(a, "page: {width: 400, height: 150, margin: 20}\nblocks:\n  - text: 一\n  - text: 二\n  - text: 三\n  - text: 四\n", &d);
  CHECK(s == NULL && d.errors == 1);
  if (REQUIRED(d.n)) CHECK(strstr(d.items[0].message, "block 3 (text) does not fit") != NULL);
  /* ... unless overflow: shrink scales the text down. */
  diag_clear(&d);
  s = lay(a, "page: {width: 400, height: 150, margin: 20, overflow: shrink}\nlayout: {gap: 8}\nblocks:\n  - text: 一\n  - text: 二\n  - text: 三\n  - text: 四\n", &d);
  CHECK(s != NULL && d.errors == 0);
  if (s) {
    const sc_item *last = find(s, "text", 3);
    CHECK(last && last->y + last->h <= 150 - 20 + 0.5);
  }

  diag_clear(&d);
  arena_free(a);
  text_engine_free(te);
  return testing_done("test_page_layout");
}
