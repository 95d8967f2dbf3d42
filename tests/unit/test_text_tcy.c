/* 縦中横 with `tcy:` (issue 17): runs of up to 2 digits upright in one em
 * by default (JLREQ), up to 4 with tcy: 4 (squeezed into the em), none
 * with tcy: 0; on text and spec level (writing: vertical blocks and their
 * titles, the vertical sample of specs/typography.yaml). */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/layout.h"
#include "testing.h"
#include "text/text.h"

static text_engine *e;

static text_style vstyle(double size, int tcy) {
  text_style st = {0};
  st.lang = "zh-CN";
  st.size = size;
  st.weight = 400;
  st.color = 0x000000ff;
  st.vertical = 1;
  st.tcy = tcy;
  return st;
}

static scene *lay_spec(arena *a, const char *text, diag_list *d) {
  spec_doc *doc = arena_alloc(a, sizeof *doc);
  doc->arena = a;
  doc->path = "t.yaml";
  doc->root = spec_parse(a, "t.yaml", text, strlen(text), d);
  if (!doc->root) return NULL;
  doc_model *m = doc_build(doc, d);
  if (!m || d->errors) return NULL;
  return layout_document(m, e, a, d);
}

static const sc_item *find_text(const scene *s, const char *role) {
  for (int i = 0; i < s->n; i++)
    if (s->items[i].kind == SC_TEXT && s->items[i].role && !strcmp(s->items[i].role, role)) return &s->items[i];
  return NULL;
}

/* The column length of a one-column vertical label. */
static double column(const char *s, double em, int tcy) {
  text_style st = vstyle(em, tcy);
  const text_box *b = text_layout_vertical_label(e, s, &st, (src_loc){0}, NULL);
  return b->height;
}

int main(void) {
  char err[256];
  e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  const double em = 20;
  /* default (0) = 2 digits: 第18家 three cells, 第2019年 turned (longer) */
  CHECK_NEAR(column("第18家", em, 0), 3 * em, 0.05 * em);
  CHECK(column("第2019年", em, 0) > 3.8 * em);
  CHECK_NEAR(column("第2019年", em, 2), column("第2019年", em, 0), 0.01);
  /* tcy 4: 2019 in one em; 3 digits too; 5 still turned */
  CHECK_NEAR(column("第2019年", em, 4), 3 * em, 0.05 * em);
  CHECK_NEAR(column("第141家", em, 4), 3 * em, 0.05 * em);
  CHECK_NEAR(column("第141家", em, 3), 3 * em, 0.05 * em);
  CHECK(column("第141家", em, 2) > 3.4 * em);
  CHECK(column("第85055张", em, 4) > 4.5 * em);
  /* none: 18 turned */
  CHECK(column("第18家", em, -1) > 3.05 * em);
  /* 4 digits squeezed into the em: their ink stays inside the column */
  {
    text_style st = vstyle(em, 4);
    const text_box *b = text_layout_vertical_label(e, "第2019年", &st, (src_loc){0}, NULL);
    CHECK(b->ink_x >= -0.5 && b->ink_x + b->ink_w <= b->width + 0.5);
  }

  /* spec level: writing: vertical blocks take tcy: 0..4 */
  arena *a = arena_new();
  diag_list d = {0};
  scene *s = lay_spec(a,
                      "page: {width: 400, margin: 20}\nblocks:\n"
                      "  - text: {content: 第2019年}\n    writing: vertical\n    tcy: 4\n"
                      "    title: 第18届\n",
                      &d);
  CHECK(s && d.errors == 0);
  const sc_item *t = s ? find_text(s, "text") : NULL;
  const sc_item *ti = s ? find_text(s, "block.title") : NULL;
  CHECK(t && t->text->vertical);
  if (REQUIRED(t)) CHECK_NEAR(t->text->height, column("第2019年", t->text->nruns ? text_font_size(t->text->runs[0].font) : 16, 4), 0.05);
  if (ti) {
    double tem = ti->text->nruns ? text_font_size(ti->text->runs[0].font) : 20;
    CHECK_NEAR(ti->text->height, 3 * tem, 0.05 * tem); /* 第 | 18 | 届 */
  }
  s = lay_spec(a,
               "page: {width: 400, margin: 20}\nblocks:\n"
               "  - text: {content: 第18家}\n    writing: vertical\n    tcy: 0\n",
               &d);
  t = s ? find_text(s, "text") : NULL;
  if (t) {
    double tem = t->text->nruns ? text_font_size(t->text->runs[0].font) : 16;
    CHECK(t->text->height > 3.05 * tem); /* 18 turned */
  }
  s = lay_spec(a, "blocks:\n  - text: {content: 第18家}\n    writing: vertical\n    tcy: 5\n", &d);
  CHECK(s == NULL && d.errors > 0);
  /* the vertical sample of the gallery: 全区18家 with its 18 in one em */
  char path[1024];
  snprintf(path, sizeof path, "%s/specs/typography.yaml", HUITU_SOURCE_DIR);
  gchar *spec = NULL;
  CHECK(g_file_get_contents(path, &spec, NULL, NULL));
  if (spec) {
    diag_list d2 = {0};
    s = lay_spec(a, spec, &d2);
    CHECK(s != NULL);
    int found = 0;
    for (int i = 0; s && i < s->n; i++) {
      const sc_item *it = &s->items[i];
      if (it->kind != SC_TEXT || !it->text->vertical || !strstr(it->text->text, "全区18家")) continue;
      found = 1;
      /* one run holds exactly the two digits (the 縦中横 cell) */
      int cell = 0;
      for (int r = 0; r < it->text->nruns; r++) {
        const text_run *run = &it->text->runs[r];
        if (run->len == 2 && !strncmp(it->text->text + run->start, "18", 2) && run->n == 2) cell = 1;
      }
      CHECK(cell);
    }
    CHECK(found);
    diag_clear(&d2);
    g_free(spec);
  }
  diag_clear(&d); /* the tcy: 5 error's record */
  arena_free(a);
  text_engine_free(e);
  return testing_done("test_text_tcy");
}
