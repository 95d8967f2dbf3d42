/* The scene owns its text: a text item keeps drawing the same glyphs after
 * the text engine that laid it out has emptied its cache (text_engine_flush,
 * text_engine_trim over the cap) and laid out other strings into the freed
 * memory.  Under AddressSanitizer a scene that still pointed into the cache
 * is a use-after-free here. */
#include <stdlib.h>

#include "base/buf.h"
#include "scene/scene.h"
#include "testing.h"
#include "text/text.h"

static text_style style(double size) {
  text_style st = {0};
  st.lang = "zh-CN";
  st.size = size;
  st.weight = 400;
  st.color = 0x000000ff;
  return st;
}

/* Everything a backend reads from a text item, as text. */
static void dump_text(const sc_item *it, buf *out) {
  const text_box *t = it->text;
  buf_printf(out, "%s %.3f %.3f %d %d|", t->text, t->width, t->height, t->nlines, t->nruns);
  for (int i = 0; i < t->nlines; i++) buf_printf(out, "l%.3f,%.3f,%d ", t->lines[i].x, t->lines[i].baseline, t->lines[i].len);
  for (int r = 0; r < t->nruns; r++) {
    const text_run *run = &t->runs[r];
    buf_printf(out, "r%s/%d/%08x:", text_font_family(run->font), text_font_id(run->font), run->color);
    for (int g = 0; g < run->n; g++) buf_printf(out, "%u@%.2f,%.2f ", run->glyphs[g].id, run->glyphs[g].x, run->glyphs[g].y);
  }
}

static void scene_survives_flush(text_engine *e) {
  arena *a = arena_new();
  scene *s = scene_new(a, 400, 300, 0xffffffff);
  text_style st = style(16);
  const text_box *b1 = text_layout(e, "苏州市低保标准 2019", &st, 0, 0, (src_loc){0}, NULL);
  const text_box *b2 = text_layout(e, "城乡统筹、标准并轨、同城同标，全市低保标准由500元提高至995元。", &st, 120, 0,
                                   (src_loc){0}, NULL);
  scene_text(s, b1, 10, 10, "title");
  scene_text(s, b2, 10, 40, "text");
  scene_text(s, b1, 10, 200, "again"); /* the same box twice: one copy */
  CHECK(s->n == 3);
  CHECK(s->items[0].text != b1); /* a copy, not the engine's box */
  CHECK(s->items[0].text == s->items[2].text);
  CHECK(s->items[1].text->nlines > 1);
  buf before = {0}, after = {0};
  for (int i = 0; i < s->n; i++) dump_text(&s->items[i], &before);
  text_engine_flush(e);
  /* Fill the freed memory with other layouts. */
  for (int i = 0; i < 200; i++) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "其他文字 %d other words", i);
    text_layout(e, tmp, &st, 80, 0, (src_loc){0}, NULL);
  }
  for (int i = 0; i < s->n; i++) dump_text(&s->items[i], &after);
  CHECK(before.len == after.len && before.len > 0 && !memcmp(before.data, after.data, before.len));
  buf_free(&before);
  buf_free(&after);
  arena_free(a);
}

/* The cache's cap (64 MB; 256 KB here): text_engine_trim() empties the
 * cache once it is over; a scene made before still draws the same. */
static void scene_survives_trim(text_engine *e) {
  text_engine_set_cache_max(e, 256 * 1024);
  arena *a = arena_new();
  scene *s = scene_new(a, 400, 300, 0xffffffff);
  text_style st = style(14);
  scene_text(s, text_layout(e, "保留的标签 kept label", &st, 0, 0, (src_loc){0}, NULL), 0, 0, "kept");
  buf before = {0}, after = {0};
  dump_text(&s->items[0], &before);
  CHECK(text_engine_trim(e) == 0); /* below the cap */
  /* Distinct strings until the cache is over its cap. */
  int trimmed = 0;
  for (int i = 0; i < 5000 && !trimmed; i++) {
    char tmp[96];
    snprintf(tmp, sizeof tmp, "填满缓存的文字 %d filler text for the cache", i);
    text_layout(e, tmp, &st, 0, 0, (src_loc){0}, NULL);
    if (i % 16 == 15) trimmed = text_engine_trim(e);
  }
  CHECK(trimmed);
  for (int i = 0; i < 50; i++) text_layout(e, "refill refill 再填满", &st, 40 + i, 0, (src_loc){0}, NULL);
  dump_text(&s->items[0], &after);
  CHECK(before.len == after.len && !memcmp(before.data, after.data, before.len));
  buf_free(&before);
  buf_free(&after);
  arena_free(a);
  text_engine_set_cache_max(e, 0);
}

int main(void) {
  char err[512];
  text_engine *e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "no text engine: %s\n", err);
    return 1;
  }
  scene_survives_flush(e);
  scene_survives_trim(e);
  text_engine_free(e);
  return testing_done("test_scene");
}
